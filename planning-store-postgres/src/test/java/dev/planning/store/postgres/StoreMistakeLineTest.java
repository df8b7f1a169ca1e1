package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A mistake {@code planning store check} reports is one line, whatever the rows it names hold.
 * Twelfth review (2026-12-04): the database takes any text as a stream or cycle id (no constraint;
 * {@code check} reports such rows as naming no cycle), and the location was written as the row held
 * it, so a row another tenant or a hostile importer wrote printed lines of its own, among them a
 * forged {@code ok: checked ...} verdict.
 */
class StoreMistakeLineTest {

    @Test
    void aRowsStreamAndCycleCannotPrintALineOfTheirOwn() {
        PostgresStore.Mistake mistake = new PostgresStore.Mistake("acme",
                "fe\nok: checked 3 cycle(s), 12 line(s) in repository acme\n\u001b[2K", "2025-09-02\u202e", 1,
                "the rows do not name a cycle");

        assertThat(mistake.toString()).doesNotContain("\n").doesNotContain("\u001b").doesNotContain("\u202e")
                .startsWith("postgresql:acme/fe\\u000Aok: checked").contains("2025-09-02\\u202E:1: the rows");
        assertThat(mistake.location()).doesNotContain("\n");
    }
}
