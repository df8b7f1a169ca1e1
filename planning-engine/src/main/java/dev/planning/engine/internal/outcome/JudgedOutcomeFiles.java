package dev.planning.engine.internal.outcome;

import java.util.Map;
import java.util.Optional;

/**
 * A gate context that knows which outcome files it handed to its gates: the SHA-256 of the very
 * bytes parsed ({@link OutcomeSnapshot}), so that gate evidence records what was judged rather than
 * what a later read of the directory finds.
 */
public interface JudgedOutcomeFiles {

    /**
     * The SHA-256 of every outcome file the context read, by workspace-relative path: the cycle's
     * own outcomes directory and, when a gate asked for it, the previous cycle's coverage. Empty when
     * no gate asked for the cycle's outcomes.
     */
    Optional<Map<String, String>> judgedOutcomeDigests();
}
