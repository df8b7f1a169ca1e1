package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.outcome.OutcomeKind;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.fixtures.Importers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * outcome27: {@code import} followed a file argument that is a symbolic link, so a link committed where a CI
 * job's glob finds reports ({@code reports/a11y.json -> ../.git/config}) had import read the file behind it,
 * and its malformed-JSON error quoted that file's first token. An argument that is itself a link is refused
 * unread; a report under a linked directory (Bazel's {@code bazel-testlogs}) is still imported.
 */
class ImportArgumentLinksTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final String SECRET = "ghp_s3cr3tT0ken";

    @TempDir
    Path root;

    @TempDir
    Path reports;

    @TempDir
    Path outside;

    private PlanningWorkspace workspace;

    @BeforeEach
    void setUp() {
        CycleWorkspace.create(root, CYCLE.cycleId());
        workspace = CycleWorkspace.open(root, Instant.parse("2025-09-02T08:00:00Z"));
        workspace.create(CYCLE);
    }

    @Test
    void anArgumentThatIsALinkToASecretIsRefusedUnreadAndNothingOfItIsShown() throws IOException {
        Path secret = outside.resolve("config");
        CycleWorkspace.write(secret, "[" + SECRET + "]\n\textraheader = AUTHORIZATION: basic " + SECRET + "\n");
        Path link = Files.createSymbolicLink(reports.resolve("a11y.json"), secret);

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> Importers.of(workspace).importFiles(CYCLE, List.of(link)));

        assertThat(e.getMessage()).contains("symbolic link").doesNotContain(SECRET).doesNotContain("extraheader");
        assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.file()).endsWith("a11y.json"));
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void anArgumentThatIsALinkToAGoodReportIsRefusedToo() throws IOException {
        Path real = outside.resolve("TEST-a.xml");
        CycleWorkspace.write(real, JUnitReportParserTest.SUREFIRE);
        Path link = Files.createSymbolicLink(reports.resolve("TEST-a.xml"), real);
        int events = workspace.status(CYCLE).history().size();

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> Importers.of(workspace).importFiles(CYCLE, List.of(link)));

        assertThat(e.getMessage()).contains("is a symbolic link").contains("name the file it points to");
        assertThat(storedFiles()).isEmpty();
        assertThat(workspace.status(CYCLE).history()).hasSize(events);
    }

    @Test
    void aDanglingLinkIsReportedAsALinkNotAsAMissingFile() throws IOException {
        Path link = Files.createSymbolicLink(reports.resolve("TEST-a.xml"), outside.resolve("gone.xml"));

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> Importers.of(workspace).importFiles(CYCLE, List.of(link)));

        assertThat(e.getMessage()).contains("is a symbolic link").doesNotContain("not found");
    }

    @Test
    void aReportUnderALinkedDirectoryIsImported() throws IOException {
        CycleWorkspace.write(outside.resolve("TEST-a.xml"), JUnitReportParserTest.SUREFIRE);
        Path linkedDirectory = Files.createSymbolicLink(reports.resolve("testlogs"), outside);

        var result = Importers.of(workspace).importFiles(CYCLE, List.of(linkedDirectory.resolve("TEST-a.xml")));

        assertThat(result.files()).singleElement().satisfies(f -> assertThat(f.kind()).isEqualTo(OutcomeKind.JUNIT));
        assertThat(storedFiles()).hasSize(1);
    }

    private List<Path> storedFiles() throws IOException {
        Path outcomes = root.resolve("frameworks/planning-fe/outcomes");
        if (!Files.exists(outcomes)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(outcomes)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
