package dev.planning.engine.internal.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldPathTest {

    @Test
    void namesAFieldByItsKeysAndIndexes() {
        assertThat(FieldPath.name(List.of("tasks", 3, "title"))).isEqualTo("tasks[3].title");
        assertThat(FieldPath.name(List.of(0, "id"))).isEqualTo("[0].id");
        assertThat(FieldPath.name(List.of())).isEmpty();
    }

    /** A contributor's key of any length stays a short message; a surrogate pair is never cut in two. */
    @Test
    void shortensALongKeyWithoutSplittingACharacter() {
        String longKey = "k".repeat(100);
        String emojiAtTheCut = "k".repeat(39) + "\ud83d\ude00" + "tail";

        assertThat(FieldPath.name(List.of("tasks", 0, longKey))).isEqualTo("tasks[0]." + "k".repeat(40) + "...");
        assertThat(FieldPath.name(List.of(emojiAtTheCut))).isEqualTo("k".repeat(39) + "...");
    }

    @Test
    void writesAJsonPointerWithTildeAndSlashEscaped() {
        assertThat(FieldPath.pointer(List.of("a/b", 2, "c~d"))).isEqualTo("/a~1b/2/c~0d");
        assertThat(FieldPath.pointer(List.of())).isEmpty();
    }
}
