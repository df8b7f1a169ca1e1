package dev.planning.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.lifecycle.CycleRef;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each cycle and each source file has a page of its own. Twelfth review (2026-12-04): a stream and a
 * cycle id may both hold {@code --}, so stream {@code a--b}'s cycle {@code c} and stream {@code a}'s
 * cycle {@code b--c} were both {@code cycles/a--b--c.html}; the second page written replaced the first,
 * and the portfolio's card and "needs attention" link of a refused cycle opened a page of the
 * contributor's cycle, all gates passed.
 */
class PageNamesTest {

    @Test
    void cyclesWhoseNamesJoinToTheSameTextHaveTheirOwnPages() {
        List<CycleRef> refs = List.of(new CycleRef("a--b", "c"), new CycleRef("a", "b--c"), new CycleRef("a-", "b"),
                new CycleRef("a", "b"), new CycleRef("a-b", "c"), new CycleRef("a", "b-c"));
        Set<String> pages = new HashSet<>();
        refs.forEach(ref -> assertThat(pages.add(Pages.cyclePage(ref))).as(ref + " " + Pages.cyclePage(ref)).isTrue());
    }

    @Test
    void cycleIdsThatDifferOnlyInCaseHaveTheirOwnPagesOnACaseInsensitiveFileSystem() {
        // Cycle ids keep case (2025-Q3, 2025-q3); a site copied to macOS or Windows, or served from such
        // a file system, holds one file for both names.
        List<CycleRef> refs = List.of(new CycleRef("fe", "2025-Q3"), new CycleRef("fe", "2025-q3"),
                new CycleRef("fe", "2025-_q3"), new CycleRef("fe", "2025-__q3"));
        Set<String> pages = new HashSet<>();
        refs.forEach(ref -> assertThat(pages.add(Pages.cyclePage(ref).toLowerCase(Locale.ROOT)))
                .as(ref + " " + Pages.cyclePage(ref)).isTrue());
    }

    @Test
    void aCyclePageIsNamedAfterItsStreamAndCycle() {
        assertThat(Pages.cyclePage(new CycleRef("fe", "2025-09-02"))).isEqualTo("cycles/fe.2025-09-02.html");
        assertThat(Pages.cyclePage(new CycleRef("fe", "2025-Q3_x"))).isEqualTo("cycles/fe.2025-_q3__x.html");
    }

    @Test
    void sourcePathsThatShortenToTheSameNameAreTellApartByTheirWholeHash() {
        // The readable part maps every character but [A-Za-z0-9._-] to "_", so "a b", "a/b" and "a_b"
        // share it; 12 hex digits of the hash (48 bits) left two paths a contributor chose among 2^24
        // such spellings sharing one page. The whole hash is kept.
        String page = Pages.sourcePage("notes/a b.md");
        assertThat(page).startsWith("source/notes_a_b.md-").endsWith(".html");
        assertThat(page.length()).isEqualTo("source/notes_a_b.md-".length() + 64 + ".html".length());
        assertThat(Pages.sourcePage("notes/a_b.md")).isNotEqualTo(page);
    }
}
