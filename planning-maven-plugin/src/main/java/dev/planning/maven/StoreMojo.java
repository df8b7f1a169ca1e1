package dev.planning.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A goal that works where the command line's does: with the PostgreSQL store the store setting names
 * ({@code <storeConfig>}, else {@code $PLANNING_STORE_CONFIG}, else {@code $PLANNING_STORE_URL}; {@code StoreSetting}),
 * else with the workspace's files. The store is opened before the workspace is read, as the command opens it, so a
 * setting that cannot be read, parsed or connected to fails the goal naming the setting, whatever the goal reads.
 */
public abstract class StoreMojo extends PlanningMojo {

    /**
     * The PostgreSQL store's configuration file (url, user, password, repository; a file outside the workspace and
     * not tracked by git), as the command line's {@code --store}: the workspace's cycles' event logs are read from
     * that store ({@code lint}, {@code gate}, {@code verify}). Default: {@code $PLANNING_STORE_CONFIG}, else
     * {@code $PLANNING_STORE_URL}, else the workspace's files. A setting that cannot be read, parsed or connected to
     * fails the build naming the setting, no secret shown; the files are never read instead.
     */
    @Parameter(property = "planning.storeConfig")
    File storeConfig;

    /** Creates a goal; Maven sets the parameters. */
    protected StoreMojo() {
    }

    @Override
    final boolean opensStore() {
        return true;
    }

    @Override
    final File storeConfig() {
        return storeConfig;
    }
}
