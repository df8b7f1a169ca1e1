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
import java.util.regex.Pattern;
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
        assertThat(Pages.cyclePage(new CycleRef("fe", "2025-09-02"))).isEqualTo("cycles/fe_2025-09-02.html");
        assertThat(Pages.cyclePage(new CycleRef("fe", "2025-Q3_x"))).isEqualTo("cycles/fe_2025-_q3__x.html");
    }

    @Test
    void sourcePathsThatShortenToTheSameNameAreTellApartByTheirWholeHash() {
        // The readable part maps every character but [A-Za-z0-9_-] to "_", so "a b", "a/b" and "a_b"
        // share it; 12 hex digits of the hash (48 bits) left two paths a contributor chose among 2^24
        // such spellings sharing one page. The whole hash is kept.
        String page = Pages.sourcePage("notes/a b.md");
        assertThat(page).startsWith("source/notes_a_b_md-").endsWith(".html");
        assertThat(page.length()).isEqualTo("source/notes_a_b_md-".length() + 64 + ".html".length());
        assertThat(Pages.sourcePage("notes/a_b.md")).isNotEqualTo(page);
    }

    /**
     * Windows opens a file whose name up to its first {@code .} is a device name ({@code nul.x.html},
     * {@code con.yaml-HASH.html}) as that device: a site unpacked there lacks the page. Streams
     * {@code con}, {@code nul}, {@code aux}, {@code prn}, {@code com1} and {@code lpt1} are valid, and
     * so are workspace files of those names.
     */
    @Test
    void noPageIsNamedLikeAWindowsDevice() {
        Pattern device = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])");
        List<String> pages = new ArrayList<>();
        for (String stream : List.of("con", "nul", "aux", "prn", "com1", "lpt1")) {
            pages.add(Pages.cyclePage(new CycleRef(stream, "2025-09-02")));
            pages.add(Pages.cyclePage(new CycleRef(stream, "x.y")));
        }
        for (String path : List.of("con.yaml", "nul", "aux.md", "prn.txt", "com1.json", "lpt1", "CON.Yaml")) {
            pages.add(Pages.sourcePage(path));
        }
        for (String page : pages) {
            String file = page.substring(page.indexOf('/') + 1);
            String base = file.contains(".") ? file.substring(0, file.indexOf('.')) : file;
            assertThat(device.matcher(base.strip()).matches()).as(page).isFalse();
        }
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
