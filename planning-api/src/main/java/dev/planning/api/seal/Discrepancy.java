package dev.planning.api.seal;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.Printable;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One thing verification found wrong, stated precisely: what kind, which file, what the manifest
 * (or policy) expected and what was actually found.
 *
 * <pre class="language-text">{@code
 * ARTIFACT_CHANGED frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml
 *     expected sha256 3f1c...  actual sha256 9ab0...
 * }</pre>
 *
 * @param kind     what is wrong, never {@code null}
 * @param file     the file concerned (workspace-relative where possible), never {@code null}
 * @param expected what the manifest, rulebook or policy says
 * @param actual   what was found
 * @param message  one sentence for people, never {@code null}
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record Discrepancy(DiscrepancyKind kind, String file, Optional<String> expected, Optional<String> actual,
        String message) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param kind what is wrong, never {@code null}
     * @param file the file concerned (workspace-relative where possible), never {@code null}
     * @param expected what the manifest, rulebook or policy says
     * @param actual what was found
     * @param message one sentence for people, never {@code null}
     */
    public Discrepancy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(message, "message");
    }

    /**
     * A discrepancy with an expected and an actual value.
     *
     * @param kind what is wrong, never {@code null}
     * @param file the file concerned (workspace-relative where possible), never {@code null}
     * @param expected what the manifest, rulebook or policy says
     * @param actual what was found
     * @param message one sentence for people, never {@code null}
     * @return a discrepancy with an expected and an actual value
     */
    public static Discrepancy of(DiscrepancyKind kind, String file, String expected, String actual, String message) {
        return new Discrepancy(kind, file, Optional.of(expected), Optional.of(actual), message);
    }

    /**
     * A discrepancy without values to compare.
     *
     * @param kind what is wrong, never {@code null}
     * @param file the file concerned (workspace-relative where possible), never {@code null}
     * @param message one sentence for people, never {@code null}
     * @return a discrepancy without values to compare
     */
    public static Discrepancy of(DiscrepancyKind kind, String file, String message) {
        return new Discrepancy(kind, file, Optional.empty(), Optional.empty(), message);
    }

    /**
     * {@code file: KIND: message (expected X, actual Y)}, for people, on one line. The message's values were quoted
     * where it was built ({@link Printable#line}, a path as {@code Shown.path}), so their escapes are kept as they
     * are, as {@link dev.planning.api.gate.Finding#describe} keeps a finding's: a character in the text that is not
     * shown as itself (a line break too) is written as {@code \u005cuXXXX} ({@link Printable#shown}), but a
     * backslash is never escaped again, which would show an id's {@code \u005cu000A} as {@code \u005cu005Cu000A}.
     *
     * @return the discrepancy, for people
     */
    public String describe() {
        StringBuilder text = new StringBuilder(file).append(": ").append(kind).append(": ").append(message);
        if (expected.isPresent() || actual.isPresent()) {
            text.append(" (expected ").append(expected.orElse("-")).append(", actual ").append(actual.orElse("-"))
                    .append(')');
        }
        // One line (fix43): a line break it quotes (a gate name in a manifest) is no line of its own that could pass
        // for a command's verdict line; the escapes of the values quoted where the message was built are kept.
        return Printable.shown(text.toString(), "");
    }
}
