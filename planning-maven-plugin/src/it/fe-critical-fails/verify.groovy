// The build failed for the gate's verdict (a MojoFailureException), after lint held,
// and every report was written under target/planning/.
// No [WARNING] line reached the build log (a CI that fails on warnings would refuse the build).
def log = new File(basedir, 'build.log').getText('UTF-8')
def planning = new File(basedir, 'target/planning')

assert log.contains('planning lint: 0 errors, 0 warnings; ')
assert log =~ /planning gate: fe\/2025-09-02 -> READY_FOR_HANDOFF: .*governance FAIL.*: gate failed/
assert log.contains('Failed to execute goal dev.planning:planning-maven-plugin')
assert log.contains('MojoFailureException') && !log.contains('MojoExecutionException')

assert new File(planning, 'lint.sarif').isFile()
assert new File(planning, 'lint.junit.xml').isFile()
def sarif = new groovy.json.JsonSlurper().parse(new File(planning, 'gate-fe-2025-09-02.sarif'), 'UTF-8')
assert sarif.version == '2.1.0'
assert sarif.runs[0].results.any { it.level == 'error' }
def junit = new groovy.xml.XmlSlurper().parse(new File(planning, 'gate-fe-2025-09-02.junit.xml'))
assert junit.'**'.find { it.name() == 'testcase' && it.@name == 'governance' }.failure.size() == 1
def warnings = log.readLines().findAll { it.contains('[WARNING]') }
assert warnings.isEmpty() : 'warnings in the build log:\n' + warnings.join('\n')
return true
