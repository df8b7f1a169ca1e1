package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.engine.fixtures.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code planning sign} shows the waivers the signature approves (report20; docs/SECURITY.md had "sign does
 * not print the waivers it approves"): the manifest's {@code governance.waivers}, one line each, their text
 * (anyone's who commits) escaped, under {@code LC_ALL=C} too, and in {@code --format json}.
 */
@Tag("slow")
class SignShowsWaiversTest {

    private static final String LOG = "frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml";
    private static final String TASKS = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";
    private static final String MANIFEST = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";

    @TempDir
    Path dir;

    private Path ws;
    private Path keys;

    /**
     * fe-critical with a waiver of its critical violation whose reason and approver are hostile text, and a tag of
     * the epic likewise; sealed.
     */
    @BeforeEach
    void sealedWithAWaiver() throws Exception {
        ws = CliRun.copyOf("fe-critical", dir.resolve("ws"));
        // A line feed and a forged result line in the reason, an escape sequence and a right-to-left override
        // in the approver: YAML escapes, so the decision log itself stays one line per waiver.
        Files.writeString(ws.resolve(LOG), "waivers:\n  - {rule: critical-approvals, item: FE-12, reason: \"third"
                + " approver on leave\\nsigned nothing, no waiver\", approver: \"cto-\\e[31mgina\\u202e\", expires:"
                + " 2099-12-31}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        String tasks = Files.readString(ws.resolve(TASKS), StandardCharsets.UTF_8);
        Files.writeString(ws.resolve(TASKS), tasks.replace("\"unit_coverage_target:80\"]",
                "\"unit_coverage_target:80\", \"note:red\\e[31m signed nothing\\u202e\"]"), StandardCharsets.UTF_8);
        GitFixture.commitAll(ws, "plan");
        keys = CycleScript.keys(dir);
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));
    }

    private String[] sign(String... more) {
        String[] base = {"sign", ws.resolve(MANIFEST).toString(), "--role", "PM", "--key",
            keys.resolve("PM.key.pem").toString(), "--trust", keys.resolve("trust.yaml").toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void theTextNamesEachWaiverTheSignatureApprovesOnOneLineEscapedUnderTheCLocale() {
        CliRun run = CliRun.inChildJvm(Map.of("LC_ALL", "C", "LANG", "", "LC_CTYPE", ""), sign());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("signed " + MANIFEST + " as PM")
                .contains("waivers approved by this signature (1, the manifest's governance.waivers):\n"
                        + "    - rule critical-approvals, item FE-12, approved by cto-\\u001B[31mgina\\u202E, expires"
                        + " 2099-12-31: third approver on leave\\u000Asigned nothing, no waiver\n")
                .doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("?");
        assertThat(run.out().lines()).noneMatch(l -> l.startsWith("signed nothing"));
    }

    /** trust38: the tags the summary attests (criticality, compliance, data classification) are shown too. */
    @Test
    void theTextNamesEachTagTheSignatureApprovesOnOneLineEscapedUnderTheCLocale() {
        CliRun run = CliRun.inChildJvm(Map.of("LC_ALL", "C", "LANG", "", "LC_CTYPE", ""), sign());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("  tags approved by this signature (13, the manifest's governance.tags):\n"
                + "    - Risk:Low\n    - Scope:Core\n    - compliance:gdpr\n    - compliance:none\n    - criticality:0\n"
                + "    - criticality:2\n    - criticality:3\n    - data_classification:confidential\n"
                + "    - data_classification:internal\n    - data_classification:public\n"
                + "    - data_classification:restricted\n    - note:red\\u001B[31m signed nothing\\u202E\n"
                + "    - unit_coverage_target:80\n  waivers approved by this signature (1,")
                .doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("?");
    }

    @Test
    void theJsonListsEachWaiverWithItsFields() throws Exception {
        CliRun run = CliRun.of(sign("--format", "json"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("role").asText()).isEqualTo("PM");
        assertThat(json.path("tags")).extracting(JsonNode::asText).contains("compliance:gdpr", "criticality:0",
                "note:red\u001b[31m signed nothing\u202e");
        assertThat(json.path("waivers")).singleElement().satisfies(w -> {
            assertThat(w.path("rule").asText()).isEqualTo("critical-approvals");
            assertThat(w.path("item").asText()).isEqualTo("FE-12");
            assertThat(w.path("approver").asText()).isEqualTo("cto-\u001b[31mgina\u202e");
            assertThat(w.path("expires").asText()).isEqualTo("2099-12-31");
            assertThat(w.path("reason").asText()).isEqualTo("third approver on leave\nsigned nothing, no waiver");
        });
    }

    @Test
    void aManifestWithoutWaiversSaysSo() throws Exception {
        Path plain = CycleScript.committedExample(dir.resolve("plain"));
        CycleScript.ok(CycleScript.cycle(plain, "advance", "--to", "READY_FOR_HANDOFF"));
        CycleScript.ok(CycleScript.cycle(plain, "advance", "--to", "PACKAGED"));

        CliRun run = CliRun.of("sign", plain.resolve(MANIFEST).toString(), "--role", "PM", "--key",
                keys.resolve("PM.key.pem").toString(), "--trust", keys.resolve("trust.yaml").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("  waivers approved by this signature: none\n")
                .contains("  tags approved by this signature (");
    }
}
