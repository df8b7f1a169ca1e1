// The build failed for bad input (a MojoExecutionException) naming the rule file, line and column of the
// rule that does not compile, and no [WARNING] line reached the build log.
def log = new File(basedir, 'build.log').getText('UTF-8')

assert log =~ /planning lint: .*rulebook\/rules\/compliance\.drl:44:\d+/
assert log.contains('Failed to execute goal dev.planning:planning-maven-plugin')
assert log.contains('MojoExecutionException')
def warnings = log.readLines().findAll { it.contains('[WARNING]') }
assert warnings.isEmpty() : 'warnings in the build log:\n' + warnings.join('\n')
return true
