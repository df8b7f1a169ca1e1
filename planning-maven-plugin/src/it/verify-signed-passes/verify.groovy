// The build passed: the manifest verified with every signature counted, and the JUnit report says so.
// No [WARNING] line reached the build log (a CI that fails on warnings would refuse the build).
def log = new File(basedir, 'build.log').getText('UTF-8')
def planning = new File(basedir, 'target/planning')

assert log =~ /planning verify: .*2025-09-02-handoff_manifest\.yaml: \d+ artifact\(s\), 3 signature\(s\) counted, 0 discrepancy\(ies\)/
assert log.contains('BUILD SUCCESS')
// The shell's store settings never reach the sample build (invoker.properties): the logs are the files'.
assert !log.contains('event logs from the PostgreSQL store')
def junit = new groovy.xml.XmlSlurper().parse(new File(planning, 'verify.junit.xml'))
assert junit.'**'.findAll { it.name() == 'testcase' }.size() > 0
assert junit.'**'.findAll { it.name() == 'failure' }.size() == 0
def warnings = log.readLines().findAll { it.contains('[WARNING]') }
assert warnings.isEmpty() : 'warnings in the build log:\n' + warnings.join('\n')
return true
