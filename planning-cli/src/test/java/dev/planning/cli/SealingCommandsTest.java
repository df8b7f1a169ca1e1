package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.engine.fixtures.PreparedCopies;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.signing.TestKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when", through the command line on the frontend example in a git repository:
 * seal, sign as PM, TechLead and QA, verify, advance to EXECUTED; then a changed character and a
 * removed signature.
 */
class SealingCommandsTest {

    private static final String TASKS = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";
    private static final String MANIFEST = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";

    /**
     * The three signers' keys, made once: no test changes them. PM's and TechLead's are generated
     * by {@code keys generate}; QA's is the engine tests' fixed RSA key written as {@code keys generate}
     * would ({@link TestKeys#writeRsa}): generating an RSA key costs seconds, and
     * {@link #keysGenerateWritesAnRsaKeyThatSigns} runs that in the full build.
     */
    @TempDir
    static Path keyDir;

    @TempDir
    Path dir;

    private static Path keys;
    private Path ws;
    private String out;
    private String err;

    @BeforeAll
    static void keysOfTheThreeRoles() {
        keys = keyDir.resolve("keys");
        SealingCommandsTest generator = new SealingCommandsTest();
        assertThat(generator.run("keys", "generate", "--role", "PM", "--out", keys.toString())).isZero();
        assertThat(generator.run("keys", "generate", "--role", "TechLead", "--algorithm", "ecdsa-p256", "--out",
                keys.toString())).isZero();
        assertThat(generator.out).contains("TechLead.key.pem", "trust.yaml");
        TestKeys.writeRsa("QA", keys);
    }

    @Test
    @Tag("slow")
    @Tag("keys")
    void keysGenerateWritesAnRsaKeyThatSigns() throws Exception {
        sealAndSignAll();
        Path rsaKeys = dir.resolve("rsa-keys");

        assertThat(run("keys", "generate", "--role", "QA", "--algorithm", "rsa", "--out", rsaKeys.toString()))
                .as(err).isZero();

        assertThat(out).contains("QA.key.pem", "trust.yaml");
        assertThat(Files.readString(rsaKeys.resolve("trust.yaml"))).contains("algorithm: RSA-SHA256");
        Path envelope = dir.resolve("attestation.json");
        assertThat(run("attest", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--key",
                rsaKeys.resolve("QA.key.pem").toString(), "--out", envelope.toString())).as(err).isZero();
        assertThat(Files.readString(envelope)).contains("\"keyid\"");
    }

    @BeforeEach
    void committedExample() throws Exception {
        ws = CycleScript.committedExample(dir);
    }

    /**
     * Points {@code ws} at a copy of the example advanced to READY_FOR_HANDOFF, sealed and signed by
     * the three roles: the team's steps run once per class ({@link PreparedCopies}), each test
     * works on its own copy.
     */
    private void sealAndSignAll() {
        ws = PreparedCopies.copy("sealing-commands-signed", template -> {
            try {
                new SealingCommandsTest().sealAndSignAll(CycleScript.committedExample(template));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, dir.resolve("signed")).resolve("ws");
    }

    private void sealAndSignAll(Path ws) {
        assertThat(run("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF")).isZero();
        assertThat(run("seal", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02")).as(err).isZero();
        assertThat(out).contains("sealed " + MANIFEST);
        for (String role : new String[] {"PM", "TechLead", "QA"}) {
            assertThat(run("sign", ws.resolve(MANIFEST).toString(), "--role", role, "--key",
                    keys.resolve(role + ".key.pem").toString(), "--trust", keys.resolve("trust.yaml").toString()))
                    .as(err).isZero();
        }
    }

    private int verify() {
        return run("verify", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--trust",
                keys.resolve("trust.yaml").toString());
    }

    @Test
    void sealSignVerifyAndAdvanceToExecuted() {
        sealAndSignAll();

        assertThat(verify()).as(out + err).isZero();
        assertThat(out).contains("3 signature(s) counted (PM, TechLead, QA)", "verified");
        assertThat(run("verify", ws.resolve(MANIFEST).toString(), "--trust", keys.resolve("trust.yaml").toString()))
                .isZero();
        assertThat(run("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to", "EXECUTED",
                "--trust", keys.resolve("trust.yaml").toString())).as(out + err).isZero();
        assertThat(out).contains("PACKAGED -> EXECUTED accepted", "release_readiness: PASS");
    }

    @Test
    void oneChangedCharacterOfTheTaskBreakdownFailsVerificationNamingTheFileAndBothHashes() throws Exception {
        sealAndSignAll();
        String sealed = Sha256.file(ws.resolve(TASKS)).sha256();
        Files.writeString(ws.resolve(TASKS), Files.readString(ws.resolve(TASKS)).replaceFirst("Checkout", "Checkoux"));
        String actual = Sha256.file(ws.resolve(TASKS)).sha256();

        assertThat(verify()).isEqualTo(1);

        assertThat(out).contains(TASKS + ": ARTIFACT_CHANGED", "expected: sha256 " + sealed, "actual:   sha256 " + actual,
                "verification FAILED");
        assertThat(run("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to", "EXECUTED",
                "--trust", keys.resolve("trust.yaml").toString())).isEqualTo(1);
        assertThat(out).contains("REFUSED", "open a new cycle");
    }

    @Test
    void removingOneSignatureFailsTheThresholdClearly() throws Exception {
        sealAndSignAll();
        String manifest = Files.readString(ws.resolve(MANIFEST));
        Files.writeString(ws.resolve(MANIFEST), manifest.substring(0, manifest.indexOf("  - role: \"QA\"")));

        assertThat(verify()).isEqualTo(1);

        assertThat(out).contains("THRESHOLD_NOT_MET", "requires 1 signature(s) by [QA]", "0 counted (none)");
        assertThat(run("verify", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--trust",
                keys.resolve("trust.yaml").toString(), "--format", "json")).isEqualTo(1);
        assertThat(out).contains("\"kind\" : \"THRESHOLD_NOT_MET\"", "\"passed\" : false");
    }

    @Test
    void sealingTwiceAndUncommittedChangesAreRefusedWithoutAStackTrace() throws Exception {
        assertThat(run("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF")).isZero();
        Files.writeString(ws.resolve(TASKS), Files.readString(ws.resolve(TASKS)) + "\n");
        assertThat(run("seal", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02")).isEqualTo(2);
        assertThat(err).contains("uncommitted changes", TASKS, "--allow-dirty").doesNotContain("\tat ");

        assertThat(run("seal", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--allow-dirty"))
                .isZero();
        assertThat(out).contains("(dirty)");
        assertThat(run("seal", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02")).isEqualTo(2);
        assertThat(err).contains("already sealed", "new cycle");
    }

    @Test
    void attestWritesASignedInTotoEnvelope() throws Exception {
        sealAndSignAll();
        Path envelope = dir.resolve("attestation.json");

        assertThat(run("attest", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--key",
                keys.resolve("QA.key.pem").toString(), "--out", envelope.toString())).as(err).isZero();

        assertThat(Files.readString(envelope)).contains("\"payloadType\" : \"application/vnd.in-toto+json\"",
                "\"keyid\"");
        long artifacts = Files.readAllLines(ws.resolve(MANIFEST)).stream().filter(l -> l.trim().startsWith("- path:")).count();
        assertThat(artifacts).isGreaterThan(2);
        assertThat(out).contains(artifacts + " subjects");
        assertThat(out).contains("signatures were NOT verified", "lists no approvals");
        assertThat(predicate(envelope).get("approvals")).isEmpty();
    }

    @Test
    void attestWithATrustFileListsTheSignaturesThatVerifyAsApprovals() throws Exception {
        sealAndSignAll();
        Path envelope = dir.resolve("attestation.json");

        assertThat(run("attest", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--key",
                keys.resolve("QA.key.pem").toString(), "--trust", keys.resolve("trust.yaml").toString(), "--out",
                envelope.toString())).as(err).isZero();

        assertThat(out).contains("approvals: the manifest's signatures that verify against the trust file")
                .doesNotContain("NOT verified");
        com.fasterxml.jackson.databind.JsonNode predicate = predicate(envelope);
        assertThat(predicate.get("approvals_verified").asBoolean()).isTrue();
        assertThat(predicate.get("approvals")).isNotEmpty();
    }

    @Test
    void attestToStandardOutputWithoutATrustFileSaysNothingWasVerified() throws Exception {
        sealAndSignAll();

        assertThat(run("attest", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--key",
                keys.resolve("QA.key.pem").toString())).as(err).isZero();

        assertThat(out).contains("\"payloadType\"");
        assertThat(err).contains("note: no --trust", "signatures were NOT verified");
    }

    @Test
    void attestToStandardOutputInOnePipeWithStandardErrorWritesTheEnvelopeBeforeTheNote() throws Exception {
        sealAndSignAll();
        // 2>&1 as in main: each stream's text reaches the pipe when its writer is flushed (OutputStreamWriter's buffer).
        StringBuilder pipe = new StringBuilder();

        int code = PlanningCommand.execute(new String[] {"attest", "-w", ws.toString(), "--stream", "fe", "--cycle",
                "2025-09-02", "--key", keys.resolve("QA.key.pem").toString()},
                new PrintWriter(new HeldUntilFlush(pipe), true), new PrintWriter(new HeldUntilFlush(pipe), true));

        assertThat(code).isZero();
        assertThat(pipe.toString()).startsWith("{").contains("}\nnote: no --trust").endsWith("to list those that verify\n");
    }

    /** A stream's writer that hands its text to the shared pipe only when flushed, as {@code main}'s writers do. */
    private static final class HeldUntilFlush extends Writer {
        private final StringBuilder pipe;
        private final StringBuilder held = new StringBuilder();

        HeldUntilFlush(StringBuilder pipe) {
            this.pipe = pipe;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            held.append(chars, offset, length);
        }

        @Override
        public void flush() {
            pipe.append(held);
            held.setLength(0);
        }

        @Override
        public void close() {
            flush();
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode predicate(Path envelope) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        byte[] payload = Base64.getDecoder().decode(json.readTree(envelope.toFile()).get("payload").asText());
        return json.readTree(payload).get("predicate");
    }

    @Test
    void verifyNeedsEitherACycleOrAManifest() {
        assertThat(run("verify", "-w", ws.toString())).isEqualTo(2);
        assertThat(err).contains("either --stream S --cycle C, or a MANIFEST");
    }

    /**
     * keys25: {@code seal --prior} named a prior sealed dirty and wrote the handoff, exit 0, though no option
     * lets such a handoff be signed or verified later. Refused: exit 2, one line naming the prior and what to
     * do, nothing written (no manifest, the log unchanged), {@code --allow-dirty} or not.
     */
    @Test
    void sealRefusesAPriorSealedDirtyInOneLineWritingNothing() throws Exception {
        assertThat(run("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF")).isZero();
        Files.writeString(ws.resolve(TASKS), Files.readString(ws.resolve(TASKS)) + "\n");
        assertThat(run("seal", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--allow-dirty"))
                .as(err).isZero();
        String prior = Files.readString(ws.resolve(MANIFEST)).lines().filter(l -> l.startsWith("manifest_id:"))
                .findFirst().orElseThrow().replaceAll("manifest_id: *\"?([^\"]*)\"?", "$1");
        for (String file : List.of(TASKS, "frameworks/planning-fe/storymaps/2025-09-02-story_map.md")) {
            Path next = ws.resolve(file.replace("2025-09-02", "2025-09-16"));
            Files.writeString(next, Files.readString(ws.resolve(file)).replace("2025-09-02", "2025-09-16"));
        }
        dev.planning.engine.fixtures.GitFixture.commitAll(ws, "cycle 1 sealed dirty; cycle 2 planned");
        assertThat(run("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-16", "--to",
                "READY_FOR_HANDOFF")).as(out + err).isZero();
        Path log = ws.resolve("frameworks/planning-fe/events/2025-09-16.events.jsonl");
        byte[] before = Files.readAllBytes(log);

        for (List<String> dirty : List.of(List.<String>of(), List.of("--allow-dirty"))) {
            List<String> args = new ArrayList<>(List.of("seal", "-w", ws.toString(), "--stream", "fe",
                    "--cycle", "2025-09-16", "--prior", prior));
            args.addAll(dirty);
            assertThat(run(args.toArray(String[]::new))).as(dirty + ": " + out + err).isEqualTo(2);
            assertThat(err.strip()).doesNotContain("\n").contains("prior manifest '" + prior + "' (" + MANIFEST
                    + ") was sealed with --allow-dirty (dirty: true", "nothing was sealed", "Seal without --prior");
            assertThat(ws.resolve(MANIFEST.replace("2025-09-02", "2025-09-16"))).doesNotExist();
            assertThat(Files.readAllBytes(log)).isEqualTo(before);
        }
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = PlanningCommand.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }

}
