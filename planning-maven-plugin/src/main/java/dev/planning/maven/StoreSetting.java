package dev.planning.maven;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.store.postgres.PostgresStore;
import dev.planning.store.postgres.StoreConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a goal that reads cycles' event logs reads them, as the command line's {@code --store} does: the
 * PostgreSQL store that {@code <storeConfig>} names, else {@code $PLANNING_STORE_CONFIG}, else
 * {@code $PLANNING_STORE_URL} and its companions ({@link StoreConfig#resolve(Optional, Map, Optional)}), else the
 * workspace's files. A setting that cannot be read, parsed or connected to fails the goal naming where it came
 * from; the goal never reads the files instead (a workspace's log files are anyone's to edit who can commit;
 * the store is not).
 */
final class StoreSetting {

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
        if (parameter != null && !Files.exists(parameter.toPath(), LinkOption.NOFOLLOW_LINKS)
                && (parameter.getPath().indexOf('=') >= 0 || parameter.getPath().indexOf('@') >= 0)) {
            // As the command line's --store (review27): a connection string or a URL with its user information
            // names no file, and may hold a password, so it is not quoted.
            throw new InvalidInputException("<storeConfig> names a store configuration file, and no file is at the"
                    + " name given (not shown: with its '=' or '@' it may be a connection string holding a password):"
                    + " put the URL in $PLANNING_STORE_URL or in the file's url= line, and name the file");
        }
        Optional<StoreConfig> config = StoreConfig.resolve(Optional.ofNullable(parameter).map(File::toPath),
                environment, Optional.of(workspace));
        if (config.isEmpty()) {
            return Optional.empty();
        }
        String source = source(parameter, environment);
        try {
            return Optional.of(new Opened(config.get(), config.get().open(), source));
        } catch (PlanningException e) {
            // The store's own message (its URL without user information or password), and which setting named it.
            throw new PlanningException("cannot open the event store that " + source + " names: "
                    + config.get().withoutSecrets(e.describe()) + "; the goal reads no event log from the"
                    + " workspace's files instead");
        }
    }

    /** Which setting chose the store, as the build's configuration or environment names it. */
    static String source(File parameter, Map<String, String> environment) {
        if (parameter != null) {
            return "<storeConfig> " + parameter;
        }
        String named = environment.get("PLANNING_STORE_CONFIG");
        if (named != null && !named.isBlank()) {
            return "$PLANNING_STORE_CONFIG " + named;
        }
        return "$PLANNING_STORE_URL";
    }

    /**
     * An opened store.
     *
     * @param config what it was opened from (its secrets kept out of messages by {@link StoreConfig#withoutSecrets})
     * @param store  the store; closed by the goal when it ends
     * @param source which setting chose it
     */
    record Opened(StoreConfig config, PostgresStore store, String source) {
    }
}
