// The build failed for verification's verdict (a MojoFailureException) naming the changed artifact,
// and the JUnit report carries the failure.
// No [WARNING] line reached the build log (a CI that fails on warnings would refuse the build).
def log = new File(basedir, 'build.log').getText('UTF-8')
def planning = new File(basedir, 'target/planning')

assert log.contains('ARTIFACT_CHANGED')
assert log.contains('frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml')
assert log =~ /planning verify: .*: verification failed/
assert log.contains('Failed to execute goal dev.planning:planning-maven-plugin')
assert log.contains('MojoFailureException') && !log.contains('MojoExecutionException')
def junit = new groovy.xml.XmlSlurper().parse(new File(planning, 'verify.junit.xml'))
assert junit.'**'.findAll { it.name() == 'failure' }.size() > 0
def warnings = log.readLines().findAll { it.contains('[WARNING]') }
assert warnings.isEmpty() : 'warnings in the build log:\n' + warnings.join('\n')
return true
