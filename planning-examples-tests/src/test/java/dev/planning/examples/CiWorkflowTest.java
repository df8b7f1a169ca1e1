package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.planning.api.lifecycle.CycleRef;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example GitHub Actions workflow is valid YAML and names what exists. */
class CiWorkflowTest {

    @Test
    void theWorkflowRunsLintAndGatesOnAnExampleWorkspaceAndUploadsSarif() throws Exception {
        JsonNode workflow = new ObjectMapper(new YAMLFactory()).readTree(Path.of("ci/github-actions.yml").toFile());

        JsonNode env = workflow.path("env");
        Path workspace = Path.of(env.path("WORKSPACE").asText().replaceFirst("^planning-examples/", ""));
        assertThat(workspace.resolve("rulebook/rulebook.yaml")).isRegularFile();
        for (String stream : env.path("STREAMS").asText().split(" ")) {
            CycleRef cycle = new CycleRef(stream, env.path("CYCLE").asText());
            assertThat(workspace.resolve("frameworks/planning-" + stream)).as(cycle.toString()).isDirectory();
        }
        String steps = workflow.path("jobs").path("plans").path("steps").toString();
        assertThat(steps).contains("bin/planning lint").contains("bin/planning gate").contains("--format sarif")
                .contains("--format junit").contains("github/codeql-action/upload-sarif");
        assertThat(workflow.path("permissions").path("security-events").asText()).isEqualTo("write");
    }

    @Test
    void theWorkflowWritesMarkdownSummariesAndPreviewsRulebookChangesOnPullRequests() throws Exception {
        JsonNode workflow = new ObjectMapper(new YAMLFactory()).readTree(Path.of("ci/github-actions.yml").toFile());

        String plans = workflow.path("jobs").path("plans").path("steps").toString();
        assertThat(plans).contains("--format markdown >> \\\"$GITHUB_STEP_SUMMARY\\\"");
        JsonNode rules = workflow.path("jobs").path("rules");
        assertThat(rules.path("if").asText()).isEqualTo("github.event_name == 'pull_request'");
        JsonNode depth = rules.path("steps").get(0).path("with").path("fetch-depth");
        assertThat(depth.isInt() && depth.asInt() == 0).as("the base revision needs the full history").isTrue();
        String steps = rules.path("steps").toString();
        assertThat(steps).contains("bin/planning rules diff -w \\\"$WORKSPACE\\\" --base \\\"origin/$GITHUB_BASE_REF\\\"")
                .contains("--fail-on new").contains("bin/planning rules test");
    }
}
