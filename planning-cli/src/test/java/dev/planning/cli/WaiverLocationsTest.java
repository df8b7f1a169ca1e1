package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The governance gate's findings about a waiver (expiring soon, expired) carry a region at that
 * waiver in the decision log, so a code host annotates the waiver, not line 1 of the file or of
 * another file.
 */
class WaiverLocationsTest {

    private static final String LOG = "frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml";

    @TempDir
    Path dir;

    private Path ws;
    private LocalDate soon;
    private LocalDate past;

    @BeforeEach
    void decisionLogWithAnExpiringAndAnExpiredWaiver() throws Exception {
        ws = CliRun.copyOf("fe-critical", dir.resolve("ws"));
        // The CLI judges waivers against today's date, so the dates are relative to it.
        soon = LocalDate.now().plusDays(5);
        past = LocalDate.now().minusDays(3);
        Files.createDirectories(ws.resolve(LOG).getParent());
        Files.writeString(ws.resolve(LOG), """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                waivers:
                  - {rule: critical-approvals, item: FE-12, reason: on leave, approver: cto, expires: %s}
                  - {rule: missing-owner, item: FE-12, reason: r, approver: cto, expires: %s}
                """.formatted(soon, past), StandardCharsets.UTF_8);
    }

    @Test
    void anExpiringWaiversWarningPointsAtItsExpiry() throws Exception {
        JsonNode result = result("governance.waiver-expiring");

        assertThat(uri(result)).endsWith(LOG);
        assertThat(textAt(result)).startsWith(soon.toString());
        assertThat(line(result)).isEqualTo(5);
    }

    @Test
    void anExpiredWaiverPointsAtItsExpiryInTheDecisionLog() throws Exception {
        JsonNode result = result("governance.unused-waiver");

        assertThat(uri(result)).endsWith(LOG);
        assertThat(textAt(result)).startsWith(past.toString());
        assertThat(line(result)).isEqualTo(6);
    }

    private JsonNode result(String ruleId) throws Exception {
        CliRun run = CliRun.of("gate", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF", "--format", "sarif");
        JsonNode results = new ObjectMapper().readTree(run.out()).path("runs").get(0).path("results");
        List<JsonNode> matching = StreamSupport.stream(results.spliterator(), false)
                .filter(r -> r.path("ruleId").asText().equals(ruleId)).toList();
        assertThat(matching).as(run.out() + run.err()).hasSize(1);
        return matching.get(0);
    }

    private static JsonNode location(JsonNode result) {
        return result.path("locations").get(0).path("physicalLocation");
    }

    private static String uri(JsonNode result) {
        return location(result).path("artifactLocation").path("uri").asText();
    }

    private static int line(JsonNode result) {
        return location(result).path("region").path("startLine").asInt();
    }

    private String textAt(JsonNode result) throws Exception {
        JsonNode region = location(result).path("region");
        String line = Files.readAllLines(ws.resolve(LOG), StandardCharsets.UTF_8).get(region.path("startLine").asInt() - 1);
        return line.substring(region.path("startColumn").asInt() - 1);
    }
}
