// The frontend example sealed and signed by PM, TechLead and QA, their trust file in keys/.
dev.planning.maven.SignedWorkspaceSample.create(new File(planningExamples).toPath(), basedir.toPath(), false)
return true
