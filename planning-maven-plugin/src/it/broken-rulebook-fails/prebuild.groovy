// A copy of the frontend example whose compliance rules end with a rule that does not compile (line 44).
import java.nio.file.Files
import java.nio.file.StandardOpenOption

def source = new File(planningExamples, 'fe-2025-09-02').toPath()
def target = basedir.toPath().resolve('workspace')
Files.walk(source).withCloseable { paths ->
    paths.forEach { p ->
        def copy = target.resolve(source.relativize(p).toString())
        if (Files.isDirectory(p)) {
            Files.createDirectories(copy)
        } else {
            Files.copy(p, copy)
        }
    }
}
def drl = target.resolve('rulebook/rules/compliance.drl')
assert Files.readAllLines(drl).size() == 42
Files.write(drl, '\nrule "broken" when then oops( end\n'.getBytes('UTF-8'), StandardOpenOption.APPEND)
return true
