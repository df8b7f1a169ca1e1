package dev.planning.maven;

import static dev.planning.maven.MojoFixtures.configure;
import static dev.planning.maven.MojoFixtures.copyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.Planning;
import dev.planning.engine.fixtures.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code planning:verify}: a sealed manifest checked as {@code planning verify} does. */
class VerifyMojoTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path dir;

    private VerifyMojo verify(Path ws) {
        return configure(new VerifyMojo(), ws, dir.resolve("reports"));
    }

    @Test
    void aSealedButUnsignedManifestFailsTheBuildAndTheJunitNamesTheFailedCheck() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        GitFixture.commitAll(ws, "plan");
        PlanningWorkspace planning = Planning.builder().workspace(ws).build();
        assertThat(planning.advance(FE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        assertThat(planning.advance(FE, CycleState.PACKAGED).accepted()).isTrue();
        VerifyMojo goal = verify(ws);
        goal.stream = "fe";
        goal.cycle = "2025-09-02";

        assertThatThrownBy(goal::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("verification failed");
        assertThat(dir.resolve("reports/verify.junit.xml")).content(StandardCharsets.UTF_8)
                .contains("<failure", "VerificationFailure");
    }

    /**
     * Sixth review: the goals' documentation said a workspace's {@code trust.yaml} was the default
     * trust file. It is not (a contributor writes that file): a handoff signed only by keys that
     * file lists, verified without {@code <trust>}, fails the build.
     */
    @Test
    void theWorkspacesOwnTrustFileIsNeverTheDefault() throws Exception {
        Path basedir = dir.resolve("sample");
        SignedWorkspaceSample.create(MojoFixtures.EXAMPLES, basedir, false);
        Path ws = basedir.resolve("workspace");
        Files.copy(basedir.resolve("keys/trust.yaml"), ws.resolve("trust.yaml"));
        VerifyMojo goal = verify(ws);
        goal.stream = "fe";
        goal.cycle = "2025-09-02";

        assertThatThrownBy(goal::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("0 signature(s) counted");
        goal.trust = basedir.resolve("keys/trust.yaml").toFile();
        goal.execute();
    }

    @Test
    void aCycleWithoutManifestFailsVerificationAsTheCommandLineDoes() {
        VerifyMojo goal = verify(copyOf("fe-2025-09-02", dir));
        goal.stream = "fe";
        goal.cycle = "2025-09-02";

        assertThatThrownBy(goal::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("2025-09-02-handoff_manifest.yaml").hasMessageContaining("1 discrepancy(ies)");
    }

    /**
     * Msg41: the summary named the manifest as it was and was shown with its escapes kept, so a file named with the six
     * characters {@code \u005cu000A} read like one whose name holds a line feed. It is quoted where the summary is
     * built: its own backslash shows as {@code \u005cu005C}.
     */
    @Test
    void aManifestNamedLikeAnEscapeReadsOtherwiseInTheSummaryThanALineFeed() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path manifest = Files.writeString(ws.resolve("m\\u000A.yaml"), "not: a manifest\n");
        VerifyMojo goal = verify(ws);
        goal.manifest = manifest.toFile();

        assertThatThrownBy(goal::execute).isInstanceOf(MojoFailureException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("planning verify: m\\u005Cu000A.yaml: ")
                        .doesNotContain("m\\u000A.yaml"));
    }

    @Test
    void anInvalidStreamIsBadInput() {
        VerifyMojo goal = verify(copyOf("fe-2025-09-02", dir));
        goal.stream = "FE!";
        goal.cycle = "2025-09-02";

        assertThatThrownBy(goal::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("invalid stream 'FE!'");
    }

    @Test
    void neitherCycleNorManifestIsBadInput() {
        assertThatThrownBy(verify(copyOf("fe-2025-09-02", dir))::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("give either <stream> and <cycle>, or <manifest>");
    }
}
