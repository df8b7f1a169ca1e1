package dev.planning.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = PlanningCommand.class.getPackage().getImplementationVersion();
        return new String[] {"planning " + (version == null ? "(development build)" : version)};
    }
}
