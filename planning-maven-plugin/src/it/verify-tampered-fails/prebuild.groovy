// The frontend example sealed and signed by PM, TechLead and QA, then its task breakdown changed.
dev.planning.maven.SignedWorkspaceSample.create(new File(planningExamples).toPath(), basedir.toPath(), true)
return true
