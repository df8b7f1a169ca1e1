package dev.planning.maven;

import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import dev.planning.store.postgres.PostgresStore;
import dev.planning.store.postgres.StoreConfig;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a goal that opens the store ({@link StoreMojo}) reads cycles' event logs, as the command line's {@code --store}
 * does: the PostgreSQL store that {@code <storeConfig>} names, else {@code $PLANNING_STORE_CONFIG}, else
 * {@code $PLANNING_STORE_URL} and its companions, else the workspace's files. The precedence and the setting's rules
 * are the store's ({@link StoreConfig#resolve(String, Optional, Map, Optional)}, with {@code <storeConfig>} as the
 * setting's name). A setting that cannot be read, parsed or connected to fails the goal naming where it came from; the
 * goal never reads the files instead (a workspace's log files are anyone's to edit who can commit; the store is not).
 */
final class StoreSetting {

    /** How the goals' messages name their file setting. */
    private static final String PARAMETER = "<storeConfig>";

    private StoreSetting() {
    }

    /**
     * The configured store, read and opened (the caller closes it), or empty for the workspace's files.
     *
     * @param parameter   the goal's {@code <storeConfig>}, or {@code null}
     * @param environment the build's environment
     * @param workspace   the workspace: a configuration file inside it, or one git tracks, is refused
     * @throws PlanningException naming the setting, when it cannot be read, parsed or connected to
     */
    static Optional<Opened> open(File parameter, Map<String, String> environment, Path workspace) {
        return resolve(parameter, environment, workspace).map(StoreSetting::open);
    }

    /**
     * The configured store's setting, read but not connected to, or empty for the workspace's files: a goal keeps
     * its configuration before it opens it, so that the secrets of a store that cannot be opened are kept out of the
     * build's output too.
     *
     * @param parameter   the goal's {@code <storeConfig>}, or {@code null}
     * @param environment the build's environment
     * @param workspace   the workspace: a configuration file inside it, or one git tracks, is refused
     * @throws PlanningException naming the setting, when it cannot be read or parsed
     */
    static Optional<StoreConfig.Resolved> resolve(File parameter, Map<String, String> environment, Path workspace) {
        return StoreConfig.resolve(PARAMETER, Optional.ofNullable(parameter).map(File::toPath), environment,
                Optional.of(workspace));
    }

    /**
     * The store {@code resolved} names, opened (the caller closes it).
     *
     * @throws PlanningException naming the setting, when it cannot be connected to
     */
    static Opened open(StoreConfig.Resolved resolved) {
        StoreConfig config = resolved.config();
        String source = resolved.source();
        try {
            return new Opened(config, config.open(), source);
        } catch (PlanningException e) {
            // The store's own message (its URL without user information or password), and which setting named it. A
            // store that is down or busy stays the system's failure (fail36: it became a plain PlanningException, the
            // configuration's mistake). The store's failure is kept as the cause (errs37: it was dropped, and with it
            // the driver's reason, which mvn -e shows): the goal redacts every message of the chain before it reaches
            // the build's output (PlanningMojo.Redacted), as it does the rest of a failure.
            String message = "cannot open the event store that " + source + " names: "
                    + config.withoutSecrets(e.describe()) + "; the goal reads no event log from the"
                    + " workspace's files instead";
            throw e instanceof SystemFailureException ? new SystemFailureException(message, null, e)
                    : new PlanningException(message, null, e);
        }
    }

    /**
     * An opened store.
     *
     * @param config what it was opened from (its secrets kept out of messages by {@link StoreConfig#withoutSecrets})
     * @param store  the store; closed by the goal when it ends
     * @param source which setting chose it ({@link StoreConfig.Resolved#source()})
     */
    record Opened(StoreConfig config, PostgresStore store, String source) {
    }
}
