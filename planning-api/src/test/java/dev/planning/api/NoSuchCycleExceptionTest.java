package dev.planning.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.lifecycle.CycleRef;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * cycles28: "no such cycle" of a stream the workspace does not have names the workspace's streams, a bounded
 * number of them, so that a workspace with hundreds of streams still gets one readable line.
 */
class NoSuchCycleExceptionTest {

    private static final CycleRef ASKED = new CycleRef("design", "2025-09-02");

    private static List<CycleRef> streams(int count) {
        return IntStream.range(0, count).mapToObj(i -> new CycleRef("s%03d".formatted(i), "2025-09-02")).toList();
    }

    @Test
    void hundredsOfStreamsAreNamedTenAndHowManyMore() {
        NoSuchCycleException e = new NoSuchCycleException(ASKED, WorkspaceLayout.DEFAULT, streams(500));

        assertThat(e).hasMessageContaining("stream design has no cycle; the workspace's streams: s000, s001, s002,"
                + " s003, s004, s005, s006, s007, s008, s009 and 490 more (500 in all)")
                .hasMessageNotContaining("s010");
        assertThat(e.getMessage()).hasLineCount(1).hasSizeLessThan(1000);
    }

    @Test
    void tenStreamsOrFewerAreAllNamedWithNoCount() {
        NoSuchCycleException e = new NoSuchCycleException(ASKED, WorkspaceLayout.DEFAULT, streams(10));

        assertThat(e).hasMessageContaining("the workspace's streams: s000, s001, s002, s003, s004, s005, s006, s007,"
                + " s008, s009;").hasMessageNotContaining("more").hasMessageNotContaining("in all");
    }
}
