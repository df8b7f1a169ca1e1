package dev.planning.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.lifecycle.CycleStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What scaffolding a workspace did ({@code Planning.init}, {@code planning init}).
 *
 * @param root            the workspace, absolute
 * @param createdRulebook the rulebook directory, when the default rulebook was copied into it (it
 *                        did not exist); empty when the workspace already had one
 * @param written         the files written, workspace-relative, in the order written; an existing
 *                        file is never replaced
 * @param cycle           the cycle opened, in {@code PLANNED}
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record InitResult(Path root, Optional<Path> createdRulebook, List<String> written, CycleStatus cycle) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param root the workspace, absolute
     * @param createdRulebook the rulebook directory, when the default rulebook was copied into it (it did not
     *                        exist); empty when the workspace already had one
     * @param written the files written, workspace-relative, in the order written; an existing file is never
     *                replaced
     * @param cycle the cycle opened, in {@code PLANNED}
     */
    public InitResult {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(createdRulebook, "createdRulebook");
        written = List.copyOf(written);
        Objects.requireNonNull(cycle, "cycle");
    }
}
