package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.engine.Planning;
import dev.planning.engine.fixtures.Gates;
import dev.planning.report.CiReports;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A plug-in gate (the public {@link Gate} SPI) cannot make the command line print JSON its own schema
 * refuses: a finding whose fact name is not {@code [a-z][a-z0-9_]{0,31}}, or whose code is blank, is
 * refused by {@link Finding}'s constructor, so the gate fails closed with {@code gate.crashed} naming
 * the mistake, the transition is refused and recorded, and the gates' and the transition's JSON
 * validate against the gate and advance schemas. Before json22 such a finding passed through and its
 * fact name was printed as it was.
 */
class PluginGateFindingsJsonTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Stream<Arguments> hostileFindings() {
        return Stream.of(
                Arguments.of("a fact name with a capital", (Supplier<Finding>) () -> Finding.warning("plugin.check", "m")
                        .explained(Map.of("Approvals", "1"), Optional.empty()), "fact name 'Approvals'"),
                Arguments.of("a fact name with a line break", (Supplier<Finding>) () -> Finding.error("plugin.check", "m")
                        .explained(Map.of("x\ny", "1"), Optional.empty()), "fact name 'x\\u000Ay'"),
                Arguments.of("a fact name of 33 characters", (Supplier<Finding>) () -> Finding.info("plugin.check", "m")
                        .explained(Map.of("a".repeat(33), "1"), Optional.empty()), "must match [a-z][a-z0-9_]{0,31}"),
                Arguments.of("a blank code", (Supplier<Finding>) () -> Finding.warning(" ", "m"),
                        "a finding's code must not be blank"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFindings")
    void aPluginGatesMalformedFindingFailsTheGateAndTheJsonStaysValid(String what, Supplier<Finding> finding,
            String named) throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        // Named as the registered gate it replaces.
        Gate plugin = Gates.of("schema_lint", context -> GateResult.of("schema_lint", List.of(finding.get()), Map.of()));
        PlanningWorkspace workspace = Planning.builder().workspace(ws).gate(plugin).build();

        List<GateResult> dryRun = workspace.dryRun(CYCLE, CycleState.READY_FOR_HANDOFF);
        TransitionResult advance = workspace.advance(CYCLE, CycleState.READY_FOR_HANDOFF);

        for (List<GateResult> results : List.of(dryRun, advance.gateResults())) {
            assertThat(results).filteredOn(r -> r.gate().equals("schema_lint")).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(GateStatus.FAIL);
                assertThat(r.findings()).singleElement().satisfies(f -> {
                    assertThat(f.code()).isEqualTo("gate.crashed");
                    assertThat(f.message()).startsWith("gate schema_lint crashed: java.lang.IllegalArgumentException: ")
                            .contains(named);
                });
            });
        }
        assertThat(advance.accepted()).isFalse();
        assertThat(workspace.status(CYCLE).state()).isEqualTo(CycleState.PLANNED);
        valid("gate", CiReports.gatesJson(CYCLE, CycleState.READY_FOR_HANDOFF, dryRun));
        valid("advance", CiReports.transitionJson(advance));
    }

    private static void valid(String command, String json) throws Exception {
        JsonNode schemaDocument;
        try (InputStream in = PluginGateFindingsJsonTest.class.getResourceAsStream("/schemas/output/" + command + "/1.0.json")) {
            schemaDocument = JSON.readTree(in);
        }
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of(schemaDocument.path("$id").asText()), schemaDocument);
        schema.initializeValidators();
        List<Error> errors = schema.validate(JSON.readTree(json));
        assertThat(errors).as(command + " output:\n" + json).isEmpty();
    }
}
