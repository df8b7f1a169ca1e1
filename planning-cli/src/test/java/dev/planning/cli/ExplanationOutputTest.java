package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A governance violation shows the values its rule compared and the rule's fix hint, in every format. */
class ExplanationOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CliRun gate(String format) {
        return CliRun.of("gate", "-w", CliRun.example("fe-critical").toString(), "--stream", "fe", "--cycle",
                "2025-09-02", "--to", "READY_FOR_HANDOFF", "--format", format);
    }

    @Test
    void theTextOutputShowsTheComparedValuesAndTheFixBesideTheMessage() {
        CliRun run = gate("text");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("FE-12 violates critical-approvals: .*\\(criticality: 0, approvals: 2,"
                + " required: 3\\); fix: Collect the missing approvals[^\\n]*\\[governance.critical-approvals\\]");
    }

    @Test
    void theJsonOutputCarriesFactsAndHintOnTheFinding() throws Exception {
        CliRun run = gate("json");
        JsonNode finding = findings(JSON.readTree(run.out()), "governance.critical-approvals");

        assertThat(finding.path("facts").path("approvals").asText()).isEqualTo("2");
        assertThat(finding.path("facts").path("required").asText()).isEqualTo("3");
        assertThat(finding.path("hint").asText()).startsWith("Collect the missing approvals");
    }

    @Test
    void theSarifResultCarriesFactsAndHintAsPropertiesAndInItsMessage() throws Exception {
        CliRun run = gate("sarif");
        JsonNode result = null;
        for (JsonNode r : JSON.readTree(run.out()).path("runs").get(0).path("results")) {
            if (r.path("ruleId").asText().equals("governance.critical-approvals")) {
                result = r;
            }
        }

        assertThat(result).isNotNull();
        assertThat(result.path("properties").path("facts").path("approvals").asText()).isEqualTo("2");
        assertThat(result.path("properties").path("hint").asText()).startsWith("Collect the missing approvals");
        assertThat(result.path("message").path("text").asText()).contains("(criticality: 0, approvals: 2, required: 3)",
                "Fix: Collect the missing approvals");
    }

    private static JsonNode findings(JsonNode gate, String code) {
        for (JsonNode g : gate.path("gates")) {
            for (JsonNode f : g.path("findings")) {
                if (f.path("code").asText().equals(code)) {
                    return f;
                }
            }
        }
        throw new AssertionError("no finding " + code + " in " + gate);
    }
}
