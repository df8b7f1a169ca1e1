package dev.planning.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link PlanningException#describe()} shows its location on one line: a file's name is whatever a
 * contributor committed, and the command line's {@code error:} line prints {@code describe()}.
 */
class PlanningExceptionTest {

    @Test
    void aPlainLocationShowsAsFileLineColumn() {
        PlanningException e = new InvalidInputException("expected a list", new SourceLocation("plans/a b.yaml", 3, 5));

        assertThat(e.describe()).isEqualTo("plans/a b.yaml:3:5: expected a list");
    }

    @Test
    void aLocationHoldingALineFeedAnEscapeOrABidiControlShowsThemAsEscapes() {
        PlanningException e = new InvalidInputException("cannot list it",
                SourceLocation.ofFile("x\nok: verified\u001b[2K\u202egpj.yaml"));

        assertThat(e.describe()).isEqualTo("x\\u000Aok: verified\\u001B[2K\\u202Egpj.yaml: cannot list it");
        // The location itself keeps the name as it is (JSON outputs write it, escaped as JSON escapes).
        assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.file()).contains("\n"));
    }

    /** errors20: an error renames the places it holds as data; a plain one has its location alone. */
    @Test
    void aPlainErrorRenamedHasItsLocationRenamedAndItsMessageAsItWas() {
        InvalidInputException e = new InvalidInputException("bad\nrules/b.drl:2:1: kept", new SourceLocation("rules/a.drl", 3, 4));

        InvalidInputException renamed = e.renamed(f -> "rulebook/" + f, "relative to the workspace");

        assertThat(renamed.location()).contains(new SourceLocation("rulebook/rules/a.drl", 3, 4));
        assertThat(renamed.getMessage()).isEqualTo(e.getMessage());
        assertThat(renamed.getCause()).isSameAs(e);
    }

    /**
     * review26: a system failure with what was written added is a new one of its kind, its location kept and the
     * failure itself its cause; a subtype that does not override it is handed on as a plain one, its cause the subtype.
     */
    @Test
    void aSystemFailureWithAnAddedMessageKeepsItsLocationAndIsCausedByTheFailure() {
        SystemFailureException full = new SystemFailureException("cannot write the file: no space left on device",
                SourceLocation.ofFile("events/fe/c.jsonl"), null);
        SystemFailureException ownKind = new SystemFailureException("the store is busy", null, null) {
            private static final long serialVersionUID = 1L;
        };

        SystemFailureException added = full.withAddedMessage(". the manifest was written");
        SystemFailureException plain = ownKind.withAddedMessage(". the digest was written");

        assertThat(added).hasMessage("cannot write the file: no space left on device. the manifest was written")
                .hasCause(full);
        assertThat(added.getCause()).isSameAs(full);
        assertThat(added.location()).isEqualTo(full.location());
        assertThat(plain.getClass()).isEqualTo(SystemFailureException.class);
        assertThat(plain.getCause()).isSameAs(ownKind);
        assertThat(plain).hasMessage("the store is busy. the digest was written");
    }
}
