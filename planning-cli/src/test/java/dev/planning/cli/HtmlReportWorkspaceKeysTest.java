package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.Planning;
import dev.planning.report.HtmlReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HtmlReport#builder} judges every cycle with the keys the workspace was built with
 * ({@link PlanningWorkspace#trustedKeys()}): each manifest's signatures and each history past
 * {@code PACKAGED}, as {@code planning status} does. Keys given to the report's builder must be those
 * (report20: given to the report only, every cycle past {@code PACKAGED} was shown as an unsigned
 * history, the history being checked with the workspace's keys and the manifest with the report's);
 * a workspace given none verifies nothing and counts no signature.
 */
@Tag("slow")
class HtmlReportWorkspaceKeysTest {

    private static final LocalDate AS_OF = LocalDate.parse("2025-09-03");
    private static final String TASKS = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";

    @TempDir
    Path dir;

    @Test
    void theReportVerifiesWithTheKeysTheWorkspaceWasBuiltWith() {
        Path ws = CycleScript.validatedExample(dir);
        PlanningWorkspace workspace = Planning.builder().workspace(ws).trustFile(trustFile()).build();

        assertThat(workspace.trustedKeys()).hasValueSatisfying(keys -> assertThat(keys.keys()).hasSize(3));
        assertThat(site(HtmlReport.builder(workspace).asOf(AS_OF).build()))
                .contains("3 signature(s) counted").doesNotContain("no trusted keys were given", "Unsigned history");
    }

    @Test
    void keysGivenToTheReportAndTheWorkspaceShowASignedHistoryAsSigned() {
        Path ws = CycleScript.validatedExample(dir);
        PlanningWorkspace workspace = Planning.builder().workspace(ws).trustFile(trustFile()).build();
        // The same keys read again, as another object with another source: the same trust.
        TrustedKeys keys = Planning.keys().readTrustFile(trustFile(), ws);

        assertThat(site(HtmlReport.builder(workspace).trustedKeys(keys).asOf(AS_OF).build()))
                .contains("3 signature(s) counted").doesNotContain("Unsigned history", "UNSIGNED_HISTORY");
    }

    @Test
    void keysGivenToTheReportOnlyAreRefusedNeverShownAsAnUnsignedHistory() {
        Path ws = CycleScript.validatedExample(dir);
        PlanningWorkspace workspace = Planning.builder().workspace(ws).build();
        TrustedKeys keys = Planning.keys().readTrustFile(trustFile(), ws);

        assertThatThrownBy(() -> HtmlReport.builder(workspace).trustedKeys(keys).asOf(AS_OF).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not the workspace's (it was built with none)")
                .hasMessageContaining("Planning.builder().trustedKeys(keys)");
    }

    @Test
    void keysOtherThanTheWorkspacesAreRefused() {
        Path ws = CycleScript.validatedExample(dir);
        PlanningWorkspace workspace = Planning.builder().workspace(ws).trustFile(trustFile()).build();

        assertThatThrownBy(() -> HtmlReport.builder(workspace).trustedKeys(TrustedKeys.none()).asOf(AS_OF).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("(0 from no trust file) that are not the workspace's (3 from");
    }

    @Test
    void aTrustFileChangedAfterTheReportWasBuiltIsCheckedAgainWhenItRenders() throws Exception {
        Path ws = CycleScript.validatedExample(dir);
        PlanningWorkspace workspace = Planning.builder().workspace(ws).trustFile(trustFile()).build();
        HtmlReport report = HtmlReport.builder(workspace).trustedKeys(Planning.keys().readTrustFile(trustFile(), ws))
                .asOf(AS_OF).build();
        Path other = dir.resolve("other-keys");
        CycleScript.ok("keys", "generate", "--role", "PM", "--out", other.toString());
        Files.copy(other.resolve("trust.yaml"), trustFile(), StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(report::render).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not the workspace's (1 from");
    }

    @Test
    void aWorkspaceGivenNoKeysHasNoneAndItsReportVerifiesNothing() {
        Path ws = CycleScript.validatedExample(dir);
        PlanningWorkspace workspace = Planning.builder().workspace(ws).build();

        assertThat(workspace.trustedKeys()).isEmpty();
        assertThat(site(HtmlReport.builder(workspace).asOf(AS_OF).build()))
                .contains("not verified: no trusted keys were given to the report", "Unsigned history",
                        "none are in hand")
                .doesNotContain("signature(s) counted");
        // No keys given to the report either, as `planning report` without --trust gives it.
        assertThat(site(HtmlReport.builder(workspace).trustedKeys(TrustedKeys.none()).asOf(AS_OF).build()))
                .contains("Unsigned history", "none are in hand").doesNotContain("signature(s) counted");
    }

    @Test
    void aTamperedCycleIsFlaggedWhateverKeysItIsJudgedWith() throws Exception {
        Path ws = CycleScript.validatedExample(dir);
        Files.writeString(ws.resolve(TASKS), "# changed after the seal\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        PlanningWorkspace keyed = Planning.builder().workspace(ws).trustFile(trustFile()).build();
        PlanningWorkspace keyless = Planning.builder().workspace(ws).build();

        assertThat(site(HtmlReport.builder(keyed).asOf(AS_OF).build()))
                .contains("Unsigned history", "Verification failed", "ARTIFACT_CHANGED");
        assertThat(site(HtmlReport.builder(keyed).trustedKeys(Planning.keys().readTrustFile(trustFile(), ws))
                .asOf(AS_OF).build())).contains("Unsigned history", "Verification failed", "ARTIFACT_CHANGED");
        assertThat(site(HtmlReport.builder(keyless).asOf(AS_OF).build())).contains("Unsigned history");
    }

    @Test
    void anUnreadableTrustFileIsRefusedNeverReadAsNoKeys() throws Exception {
        Path ws = CycleScript.validatedExample(dir);
        Path trust = trustFile();
        PlanningWorkspace workspace = Planning.builder().workspace(ws).trustFile(trust).build();
        Files.delete(trust);

        assertThatThrownBy(workspace::trustedKeys).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> HtmlReport.builder(workspace).asOf(AS_OF).build().render())
                .isInstanceOf(InvalidInputException.class);
    }

    private Path trustFile() {
        return dir.resolve("keys/trust.yaml");
    }

    private static String site(HtmlReport report) {
        return report.render().values().stream().map(b -> new String(b, StandardCharsets.UTF_8))
                .collect(Collectors.joining());
    }
}
