// The build passed: lint, the rule tests and the gate held, and every report was written under target/planning/.
// No [WARNING] line reached the build log (a CI that fails on warnings would refuse the build).
def log = new File(basedir, 'build.log').getText('UTF-8')
def planning = new File(basedir, 'target/planning')

assert log.contains('planning lint: 0 errors, 0 warnings; ')
assert log.contains('planning rules-test: ')
assert log =~ /planning gate: fe\/2025-09-02 -> READY_FOR_HANDOFF: .*governance PASS/
assert log.contains('BUILD SUCCESS')

['lint.sarif', 'lint.junit.xml', 'rules-test.junit.xml', 'gate-fe-2025-09-02.sarif', 'gate-fe-2025-09-02.junit.xml'].each {
    assert new File(planning, it).isFile() : it
}
def sarif = new groovy.json.JsonSlurper().parse(new File(planning, 'gate-fe-2025-09-02.sarif'), 'UTF-8')
assert !sarif.runs[0].results.any { it.level == 'error' }
def warnings = log.readLines().findAll { it.contains('[WARNING]') }
assert warnings.isEmpty() : 'warnings in the build log:\n' + warnings.join('\n')
return true
