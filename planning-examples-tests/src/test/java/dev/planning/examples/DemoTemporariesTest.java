package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * exit25: the demo writes its marker through the product's one atomic writer ({@code OutputFile.write}), so
 * what a killed demo left beside it (the earlier {@code .<name><number>.tmp}, which nothing swept, or the
 * product's {@code .<name>~<number>.tmp}) goes with the next run instead of living forever.
 * Two demo runs, about 20 seconds: slow, and tagged {@code crash} for the killed run it stands for.
 */
@Tag("slow")
@Tag("crash")
class DemoTemporariesTest {

    @TempDir
    Path dir;

    private DemoScenario.Result run(Path demo) {
        StringWriter out = new StringWriter();
        DemoScenario.Result result = DemoScenario.builder().directory(demo).output(new PrintWriter(out, true)).build()
                .run();
        assertThat(result.passed()).as(out.toString()).isTrue();
        return result;
    }

    @Test
    void aRunSweepsTheMarkersTemporariesAKilledRunLeft() throws Exception {
        Path demo = dir.resolve("demo");
        run(demo);
        for (String left : new String[] {DemoScenario.MARKER + "8812.tmp",
                DemoScenario.MARKER + "~8812.tmp"}) {
            Path file = Files.writeString(demo.resolve("." + left), "half a listing");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        }

        run(demo);

        try (var entries = Files.list(demo)) {
            assertThat(entries).map(p -> p.getFileName().toString()).noneMatch(name -> name.endsWith(".tmp"))
                    .contains(DemoScenario.MARKER);
        }
    }
}
