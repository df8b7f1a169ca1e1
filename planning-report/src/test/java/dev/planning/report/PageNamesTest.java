package dev.planning.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.lifecycle.CycleRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /**
     * Review13 (2026-12-04): every pair of valid names, over the characters that could meet ({@code .}
     * {@code _} {@code -}, a letter in both cases, a digit), streams that end where another's cycle
     * starts, up to three characters an id: no two cycles share a page, compared without case (the
     * pages are ASCII, so Unicode case folding finds no more pairs than lower case does).
     */
    @Test
    void noTwoValidNamesShareAPageInAnyCase() {
        String alphabet = "aA0._-";
        List<String> ids = new ArrayList<>();
        for (int length = 1; length <= 3; length++) {
            for (int n = 0; n < Math.pow(alphabet.length(), length); n++) {
                StringBuilder id = new StringBuilder();
                for (int i = 0, rest = n; i < length; i++, rest /= alphabet.length()) {
                    id.append(alphabet.charAt(rest % alphabet.length()));
                }
                if (Character.isLetterOrDigit(id.charAt(0))) {
                    ids.add(id.toString());
                }
            }
        }
        Map<String, CycleRef> pages = new HashMap<>();
        for (String stream : List.of("a", "a-", "a-a", "a--a", "aa")) {
            for (String id : ids) {
                CycleRef ref = new CycleRef(stream, id);
                String page = Pages.cyclePage(ref);
                assertThat(page).matches("cycles/[a-z0-9._-]+\\.html");
                CycleRef earlier = pages.put(page.toLowerCase(Locale.ROOT), ref);
                assertThat(earlier).as(ref + " and " + earlier + " share " + page).isNull();
            }
        }
        assertThat(pages).hasSize(5 * ids.size());
    }
}
