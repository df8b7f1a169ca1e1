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
import java.time.LocalDate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HtmlReport#builder} verifies each manifest with the keys the workspace was built with
 * ({@link PlanningWorkspace#trustedKeys()}) unless others are given; a workspace given none still
 * verifies nothing, and counts no signature.
 */
@Tag("slow")
class HtmlReportWorkspaceKeysTest {

    private static final LocalDate AS_OF = LocalDate.parse("2025-09-03");

    @TempDir
    Path dir;

    @Test
    void theReportVerifiesWithTheKeysTheWorkspaceWasBuiltWith() {
        Path ws = CycleScript.validatedExample(dir);
        PlanningWorkspace workspace = Planning.builder().workspace(ws).trustFile(dir.resolve("keys/trust.yaml")).build();

        assertThat(workspace.trustedKeys()).hasValueSatisfying(keys -> assertThat(keys.keys()).hasSize(3));
        assertThat(site(HtmlReport.builder(workspace).asOf(AS_OF).build()))
                .contains("3 signature(s) counted").doesNotContain("no trusted keys were given");
    }

    @Test
    void keysGivenToTheReportReplaceTheWorkspacesOwn() {
        Path ws = CycleScript.validatedExample(dir);
        PlanningWorkspace workspace = Planning.builder().workspace(ws).trustFile(dir.resolve("keys/trust.yaml")).build();

        assertThat(site(HtmlReport.builder(workspace).trustedKeys(TrustedKeys.none()).asOf(AS_OF).build()))
                .doesNotContain("signature(s) counted").contains("THRESHOLD_NOT_MET");
    }

    @Test
    void aWorkspaceGivenNoKeysHasNoneAndItsReportVerifiesNothing() {
        Path ws = CycleScript.validatedExample(dir);
        PlanningWorkspace workspace = Planning.builder().workspace(ws).build();

        assertThat(workspace.trustedKeys()).isEmpty();
        assertThat(site(HtmlReport.builder(workspace).asOf(AS_OF).build()))
                .contains("not verified: no trusted keys were given to the report")
                .doesNotContain("signature(s) counted");
    }

    @Test
    void anUnreadableTrustFileIsRefusedNeverReadAsNoKeys() throws Exception {
        Path ws = CycleScript.validatedExample(dir);
        Path trust = dir.resolve("keys/trust.yaml");
        PlanningWorkspace workspace = Planning.builder().workspace(ws).trustFile(trust).build();
        Files.delete(trust);

        assertThatThrownBy(workspace::trustedKeys).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> HtmlReport.builder(workspace).asOf(AS_OF).build().render())
                .isInstanceOf(InvalidInputException.class);
    }

    private static String site(HtmlReport report) {
        return report.render().values().stream().map(b -> new String(b, StandardCharsets.UTF_8))
                .collect(Collectors.joining());
    }
}
