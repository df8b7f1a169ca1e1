package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code --format json} output validates against its published JSON Schema
 * ({@code schemas/output/<command>/1.0.json} in the engine jar, draft 2020-12, with an {@code $id}),
 * on a whole cycle of the frontend example, and each schema rejects an output it does not describe.
 */
class JsonOutputSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> COMMANDS = Set.of("lint", "gate", "advance", "status", "seal", "sign", "verify",
            "import", "digest", "improve", "rules-test", "rules-diff", "store-portfolio", "store-pending-signatures",
            "store-expiring-waivers", "store-refusals");

    @TempDir
    Path dir;

    private final Set<String> validated = new TreeSet<>();

    @Test
    void everyJsonOutputOfAWholeCycleValidatesAgainstItsSchema() throws Exception {
        Path ws = CycleScript.committedExample(dir);
        Path keys = CycleScript.keys(dir);
        String trust = keys.resolve("trust.yaml").toString();
        Path broken = CliRun.example("broken");

        check("lint", 1, "lint", "-w", broken.toString());
        check("lint", 0, "lint", "-w", ws.toString());
        check("gate", 1, "gate", "-w", CliRun.example("fe-critical").toString(), "--stream", "fe", "--cycle",
                "2025-09-02", "--to", "READY_FOR_HANDOFF");
        check("gate", 0, CycleScript.cycle(ws, "gate", "--to", "READY_FOR_HANDOFF"));
        check("advance", 0, CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        check("seal", 0, CycleScript.cycle(ws, "seal"));
        Path manifest = ws.resolve("frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml");
        check("verify", 1, CycleScript.cycle(ws, "verify", "--trust", trust));
        // Sealed, unsigned: pending, with an unmet requirement per role of the workspace's signing policy.
        JsonNode pending = check("store-pending-signatures", 0, "store", "pending-signatures", "-w", ws.toString(),
                "--trust", trust);
        assertThat(pending.at("/cycles/0/unmet_requirements")).hasSize(3);
        for (String role : new String[] {"PM", "TechLead", "QA"}) {
            check("sign", 0, "sign", manifest.toString(), "--role", role, "--key",
                    keys.resolve(role + ".key.pem").toString(), "--trust", trust);
        }
        check("verify", 0, CycleScript.cycle(ws, "verify", "--trust", trust));
        check("advance", 0, CycleScript.cycle(ws, "advance", "--to", "EXECUTED", "--trust", trust));
        Path outcomes = Path.of("..", "planning-examples", "demo", "outcomes", "2025-09-02").toAbsolutePath();
        List<String> importArgs = new ArrayList<>(List.of(CycleScript.cycle(ws, "import")));
        try (Stream<Path> files = Files.list(outcomes)) {
            // The deployments dated after the cycle's creation (CycleScript.afterNow).
            files.sorted().forEach(f -> importArgs.add((f.getFileName().toString().equals("deployments.yaml")
                    ? CycleScript.afterNow(f, ws) : f).toString()));
        }
        check("import", 0, importArgs.toArray(String[]::new));
        check("advance", 0, CycleScript.cycle(ws, "advance", "--to", "VALIDATED", "--trust", trust));
        check("digest", 0, CycleScript.cycle(ws, "digest"));
        check("advance", 0, CycleScript.cycle(ws, "advance", "--to", "IMPROVE", "--trust", trust));
        check("improve", 0, CycleScript.cycle(ws, "improve", "--next", "2025-09-16", "--trust", trust));
        check("status", 0, "status", "-w", ws.toString(), "--trust", trust);
        // The cross-cycle queries, answered by the workspace's event logs (no store configured).
        check("store-portfolio", 0, "store", "portfolio", "-w", ws.toString());
        check("store-pending-signatures", 0, "store", "pending-signatures", "-w", ws.toString(), "--role", "PM",
                "--role", "QA");
        check("store-expiring-waivers", 0, "store", "expiring-waivers", "-w", ws.toString(), "--until", "2030-01-01");
        Path refused = CliRun.copyOf("fe-critical", dir.resolve("refused"));
        CliRun.of("advance", "-w", refused.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");
        check("store-refusals", 0, "store", "refusals", "-w", refused.toString(), "--since", "2000-01-01");
        check("rules-test", 0, "rules", "test", ws.resolve("rulebook").toString());
        check("rules-diff", 0, "rules", "diff", "-w", ws.toString(), "--base", "HEAD");
        // A change that adds a finding, so the schema of a finding (compared values, fix hint) is exercised too.
        Path stricter = CliRun.copyOf("fe-2025-09-02", dir.resolve("stricter")).resolve("rulebook");
        Path settings = stricter.resolve("rulebook.yaml");
        Files.writeString(settings, Files.readString(settings).replace("critical_approvals: 3", "critical_approvals: 4"));
        JsonNode diff = check("rules-diff", 0, "rules", "diff", "-w", CliRun.example("fe-2025-09-02").toString(),
                "--base", CliRun.example("fe-2025-09-02").resolve("rulebook").toString(), "--head", stricter.toString());
        assertThat(diff.path("cycles").get(0).path("added").get(0).path("facts").path("required").asText()).isEqualTo("4");
        assertThat(diff.path("settings").get(0).path("setting").asText()).isEqualTo("thresholds.critical_approvals");
        assertThat(diff.path("settings").get(0).path("change").asText()).isEqualTo("strengthens");
        assertThat(diff.path("settings").get(0).has("reason")).isFalse();
        // A change left unjudged says why (a threshold whose direction is not known): the schema takes it.
        Files.writeString(settings, Files.readString(settings).replace("max_rule_firings: 100000",
                "max_rule_firings: 1000"));
        JsonNode unjudged = check("rules-diff", 0, "rules", "diff", "-w", CliRun.example("fe-2025-09-02").toString(),
                "--base", CliRun.example("fe-2025-09-02").resolve("rulebook").toString(), "--head", stricter.toString());
        assertThat(unjudged.at("/settings/1/setting").asText()).isEqualTo("thresholds.max_rule_firings");
        assertThat(unjudged.at("/settings/1/change").asText()).isEqualTo("changed");
        assertThat(unjudged.at("/settings/1/reason").asText()).contains("direction is not known");

        assertThat(validated).isEqualTo(new TreeSet<>(COMMANDS));
    }

    @Test
    void eachSchemaHasItsIdAndRejectsAnUndeclaredProperty() throws Exception {
        for (String command : COMMANDS) {
            JsonNode document = document(command);
            assertThat(document.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(document.path("$id").asText())
                    .isEqualTo("https://planning.dev/schemas/output/" + command + "/1.0.json");
            JsonNode bogus = JSON.readTree("{\"surprise\": true}");
            assertThat(schema(command).validate(bogus)).as(command).isNotEmpty();
        }
    }

    private JsonNode check(String command, int exit, String... args) throws Exception {
        String[] withFormat = Stream.concat(Stream.of(args), Stream.of("--format", "json")).toArray(String[]::new);
        CliRun run = CliRun.of(withFormat);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isEqualTo(exit);
        List<Error> errors = schema(command).validate(JSON.readTree(run.out()));
        assertThat(errors).as(command + " output:\n" + run.out()).isEmpty();
        validated.add(command);
        return JSON.readTree(run.out());
    }

    private static JsonNode document(String command) throws Exception {
        try (InputStream in = JsonOutputSchemaTest.class.getResourceAsStream("/schemas/output/" + command + "/1.0.json")) {
            assertThat(in).as("schema of " + command).isNotNull();
            return JSON.readTree(in);
        }
    }

    private static Schema schema(String command) throws Exception {
        JsonNode document = document(command);
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of(document.path("$id").asText()), document);
        schema.initializeValidators();
        return schema;
    }
}
