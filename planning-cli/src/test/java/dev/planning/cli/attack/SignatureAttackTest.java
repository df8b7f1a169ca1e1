package dev.planning.cli.attack;

import static dev.planning.cli.attack.SignatureAttackFixture.LOG;
import static dev.planning.cli.attack.SignatureAttackFixture.MANIFEST;
import static dev.planning.cli.attack.SignatureAttackFixture.TASKS;
import static dev.planning.cli.attack.SignatureAttackFixture.assertFailsNaming;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.signing.Crypto;
import dev.planning.engine.internal.signing.ManifestSignatures;
import dev.planning.engine.internal.signing.PemKeys;
import dev.planning.engine.internal.signing.PemSigner;
import dev.planning.engine.internal.signing.TrustFile;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, routes 3, 5 and 8 and variants, played by a contributor who can edit and commit any
 * file of the workspace but holds no trusted signing key, on a fresh copy of the frontend example.
 * Each attack ends in a non-zero {@code verify}, {@code sign}, {@code advance} or {@code status}
 * that names the discrepancy; where a refusal is expected, nothing is written.
 */
@Tag("slow")
@Tag("attack")
class SignatureAttackTest {

    private static final BigInteger P256_ORDER =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

    @TempDir
    Path dir;

    // Route 3: the event log rebuilt.

    @Test
    void aRebuiltLogClaimingExecutedIsReportedByStatusAndTheNextAdvanceIsRefused() throws Exception {
        SignatureAttackFixture f = SignatureAttackFixture.sealed(dir);
        CycleScript.ok(f.signArgsFor("PM"));
        assertFailsNaming(f.cycle("advance", "--to", "EXECUTED", "--trust", f.trust.toString()), 1, "REFUSED",
                "threshold_not_met");

        f.rewriteLog(lines -> {
            List<ObjectNode> forged = new ArrayList<>(lines.stream()
                    .filter(l -> !l.at("/event/type").asText().equals("TRANSITION_REFUSED")).toList());
            ObjectNode executed = AttackWorkspace.forgedTransition(lines.get(lines.size() - 1), "evt_forged",
                    "PACKAGED", "EXECUTED", "release_readiness");
            forged.add(executed);
            return forged;
        });
        f.commit("history");
        int forgedLine = Files.readAllLines(f.ws.resolve(LOG)).size();

        CliRun status = f.cycle("status", "--trust", f.trust.toString());
        assertFailsNaming(status, 1, "fe/2025-09-02: EXECUTED", "UNSIGNED HISTORY", LOG + ":" + forgedLine,
                "event evt_forged", "PACKAGED -> EXECUTED", "THRESHOLD_NOT_MET");
        assertFailsNaming(f.cycle("status"), 2, "needs --trust FILE"); // without keys in hand: refused

        Map<String, String> before = f.snapshot();
        assertFailsNaming(f.cycle("advance", "--to", "VALIDATED", "--trust", f.trust.toString()), 1,
                "may not move from EXECUTED to VALIDATED", "THRESHOLD_NOT_MET");
        assertThat(f.snapshot()).as("refused advance writes nothing").isEqualTo(before);
    }

    @Test
    void aGenuineSignedHistoryPassesStatus() throws Exception {
        SignatureAttackFixture f = SignatureAttackFixture.signed(dir);
        CycleScript.ok(f.cycleArgs("advance", "--to", "EXECUTED", "--trust", f.trust.toString()));

        CliRun status = f.cycle("status", "--trust", f.trust.toString());

        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).contains("fe/2025-09-02: EXECUTED").doesNotContain("UNSIGNED HISTORY");
    }

    // Route 5: signature counting.

    @Test
    void aHighSTwinOfAValidSignatureIsADiscrepancy() throws Exception {
        SignatureAttackFixture f = SignatureAttackFixture.signed(dir);
        String manifest = f.read(MANIFEST);
        Matcher techLead = Pattern.compile("role: \"TechLead\"\\n(?:.*\\n){2}    value: \"([^\"]+)\"").matcher(manifest);
        assertThat(techLead.find()).isTrue();
        f.write(MANIFEST, manifest.replace(techLead.group(1), twin(techLead.group(1))));
        f.commit("malleate");

        assertFailsNaming(f.verify(), 1, "SIGNATURE_INVALID", "high-S", "THRESHOLD_NOT_MET");
        assertFailsNaming(f.cycle("advance", "--to", "EXECUTED", "--trust", f.trust.toString()), 1, "REFUSED",
                "seal.signature_invalid");
    }

    @Test
    void oneKeyListedUnderTwoEncodingsIsRefusedAtItsLine() throws Exception {
        SignatureAttackFixture f = SignatureAttackFixture.signed(dir);
        Path trust = dir.resolve("two-encodings-trust.yaml");
        String techLeadPem = PemKeys.publicKeyPem(PemKeys.readPublicKey(f.keys.resolve("TechLead.pub.pem")));
        String explicit = explicitPem(techLeadPem);
        String explicitId = Crypto.keyId(PemKeys.parsePublicKey(explicit, SourceLocation.ofFile("explicit")));
        Files.writeString(trust, Files.readString(f.trust) + "  QA2:\n    - key_id: \"" + explicitId + "\"\n"
                + "      algorithm: \"ECDSA-P256-SHA256\"\n      public_key: |\n"
                + explicit.lines().map(l -> "        " + l + "\n").reduce("", String::concat));
        int line = (int) Files.readString(trust).lines().takeWhile(l -> !l.contains(explicitId)).count() + 3;

        assertFailsNaming(f.cycle("verify", "--trust", trust.toString()), 2, trust + ":" + line,
                "already listed as key_id", "another encoding");
        assertFailsNaming(f.sign("QA", f.keys.resolve("QA.key.pem"), "--trust", trust.toString()), 2,
                "another encoding");
    }

    // Route 8: a careless `sign`, and signatures that must never strand a cycle.

    @Test
    void signRefusesAKeyNotListedForTheRoleAndWritesNothing() throws Exception {
        SignatureAttackFixture f = SignatureAttackFixture.sealed(dir);
        Map<String, String> before = f.snapshot();

        assertFailsNaming(f.sign("QA", f.keys.resolve("TechLead.key.pem")), 2, "is not listed for role QA",
                "it is listed for TechLead");
        assertFailsNaming(f.sign("QA", f.attackerKey("QA", "ed25519")), 2, "is not listed for role QA");

        assertThat(f.snapshot()).isEqualTo(before);
    }

    @Test
    void signRefusesTheSameKeyOrAnAlreadySatisfiedRoleAndWritesNothing() throws Exception {
        SignatureAttackFixture f = SignatureAttackFixture.sealed(dir);
        CycleScript.ok(f.signArgsFor("PM"));
        Path second = dir.resolve("second");
        CycleScript.ok("keys", "generate", "--role", "PM", "--out", second.toString());
        TrustFile.add(f.trust, TrustFile.read(second.resolve("trust.yaml")).keys().get(0));
        Map<String, String> before = f.snapshot();

        assertFailsNaming(f.sign("PM", f.keys.resolve("PM.key.pem")), 2, "already signed this manifest",
                "a key counts once");
        assertFailsNaming(f.sign("PM", second.resolve("PM.key.pem")), 2, "role PM already signed");

        assertThat(f.snapshot()).isEqualTo(before);
    }

    @Test
    void signRefusesAManifestWhoseArtifactChangedAndWritesNothing() throws Exception {
        SignatureAttackFixture f = SignatureAttackFixture.sealed(dir);
        f.write(TASKS, f.read(TASKS).replaceFirst("Checkout", "Checkoux"));
        f.commit("edit after seal");
        Map<String, String> before = f.snapshot();

        assertFailsNaming(f.sign("QA", f.keys.resolve("QA.key.pem")), 1, "does not verify", "ARTIFACT_CHANGED",
                TASKS);

        assertThat(f.snapshot()).isEqualTo(before);
    }

    @Test
    void signRefusesAHandEditedManifestAndWritesNothing() throws Exception {
        SignatureAttackFixture f = SignatureAttackFixture.sealed(dir);
        f.write(MANIFEST, f.read(MANIFEST).replace("created_by: \"", "created_by:  \""));
        Map<String, String> before = f.snapshot();

        assertFailsNaming(f.sign("QA", f.keys.resolve("QA.key.pem")), 2, "edited outside planning");

        assertThat(f.snapshot()).isEqualTo(before);
    }

    @Test
    void signOnACompletedCycleIsRefusedAndWritesNothing() throws Exception {
        Path ws = CycleScript.validatedExample(dir);
        String trust = dir.resolve("keys/trust.yaml").toString();
        CycleScript.ok(CycleScript.cycle(ws, "digest"));
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "IMPROVE", "--trust", trust));
        CycleScript.ok(CycleScript.cycle(ws, "improve", "--next", "2025-09-16", "--trust", trust));
        CycleScript.ok("keys", "generate", "--role", "Security", "--out", dir.resolve("keys").toString());
        byte[] manifest = Files.readAllBytes(ws.resolve(MANIFEST));
        byte[] log = Files.readAllBytes(ws.resolve(LOG));

        CliRun run = CliRun.of("sign", ws.resolve(MANIFEST).toString(), "--role", "Security", "--key",
                dir.resolve("keys/Security.key.pem").toString(), "--trust", trust);

        assertFailsNaming(run, 2, "COMPLETED", "nothing more may be recorded");
        assertThat(Files.readAllBytes(ws.resolve(MANIFEST))).isEqualTo(manifest);
        assertThat(Files.readAllBytes(ws.resolve(LOG))).isEqualTo(log);
        assertThat(CliRun.of(CycleScript.cycle(ws, "status", "--trust", trust)).exitCode()).isZero();
    }

    @Test
    void untrustedWrongRoleAndRepeatedSignaturesInTheManifestAreNotesAndNeverStrandTheCycle() throws Exception {
        SignatureAttackFixture f = SignatureAttackFixture.signed(dir);
        // Written around `sign` (which refuses each): an untrusted key, a trusted key under another
        // role, and PM's key again.
        HandoffManifest manifest = new ManifestReader(f.ws).read(f.ws.resolve(MANIFEST), MANIFEST).manifest();
        Instant at = Instant.parse("2025-09-05T10:00:00Z");
        manifest = ManifestSignatures.append(manifest, PemSigner.load("QA", f.attackerKey("QA", "ed25519")), at);
        manifest = ManifestSignatures.append(manifest, PemSigner.load("QA", f.keys.resolve("TechLead.key.pem")), at);
        manifest = ManifestSignatures.append(manifest, PemSigner.load("PM", f.keys.resolve("PM.key.pem")), at);
        Files.write(f.ws.resolve(MANIFEST), ManifestWriter.render(manifest));
        f.commit("noise");

        CliRun verify = f.verify();

        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("note: SIGNATURE_UNTRUSTED", "note: SIGNATURE_WRONG_ROLE",
                "note: SIGNATURE_DUPLICATE", "3 signature(s) counted (PM, TechLead, QA)", "verified");
        CycleScript.ok(f.cycleArgs("advance", "--to", "EXECUTED", "--trust", f.trust.toString()));
    }

    // Variants.

    @Test
    void signaturesCopiedFromAnotherManifestDoNotVerify() throws Exception {
        SignatureAttackFixture signed = SignatureAttackFixture.signed(dir.resolve("a"));
        SignatureAttackFixture target = SignatureAttackFixture.sealed(dir.resolve("b"));
        String from = signed.read(MANIFEST);
        String into = target.read(MANIFEST);
        target.write(MANIFEST, into.replace("signatures: []\n", from.substring(from.indexOf("signatures:\n"))));
        target.commit("copied signatures");
        // The copied signatures are by keys the target team does not trust; trust them, as the
        // strongest form of the attack (the same team signing a sibling manifest).
        Files.copy(signed.trust, target.trust, StandardCopyOption.REPLACE_EXISTING);

        assertFailsNaming(target.verify(), 1, "SIGNATURE_INVALID", "does not verify", "THRESHOLD_NOT_MET");
        assertFailsNaming(target.cycle("advance", "--to", "EXECUTED", "--trust", target.trust.toString()), 1,
                "REFUSED", "seal.signature_invalid");
    }

    @Test
    void aRoleSwappedSignatureCountsForNoRole() throws Exception {
        SignatureAttackFixture f = SignatureAttackFixture.signed(dir);
        String manifest = f.read(MANIFEST);
        // PM's signature relabelled QA, and QA's removed: PM's key is not trusted for QA.
        String qa = manifest.substring(manifest.indexOf("  - role: \"QA\""));
        f.write(MANIFEST, manifest.replace(qa, "").replace("role: \"PM\"", "role: \"QA\""));
        f.commit("role swap");

        CliRun verify = f.verify();

        assertFailsNaming(verify, 1, "note: SIGNATURE_WRONG_ROLE", "THRESHOLD_NOT_MET", "[PM]", "[QA]");
    }

    @Test
    void aSignatureByAnUntrustedKeyDoesNotCount() throws Exception {
        SignatureAttackFixture f = SignatureAttackFixture.sealed(dir);
        for (String role : new String[] {"PM", "TechLead"}) {
            CycleScript.ok(f.signArgsFor(role));
        }
        // The attacker's own key, signing as QA through `sign` with a trust file of their own.
        Path attacker = f.attackerKey("QA", "ed25519");
        CycleScript.ok(f.signArgsFor("QA", attacker, "--trust", attacker.resolveSibling("trust.yaml").toString()));
        f.commit("self-signed QA");

        CliRun verify = f.verify();

        assertFailsNaming(verify, 1, "note: SIGNATURE_UNTRUSTED", "THRESHOLD_NOT_MET", "[QA]");
        assertFailsNaming(f.cycle("advance", "--to", "EXECUTED", "--trust", f.trust.toString()), 1, "REFUSED",
                "seal.threshold_not_met");
    }

    @Test
    void aTrustFileInTheRepositoryEditedByTheAttackerIsRefusedAsATrustAnchor() throws Exception {
        SignatureAttackFixture f = SignatureAttackFixture.sealed(dir);
        for (String role : new String[] {"PM", "TechLead"}) {
            CycleScript.ok(f.signArgsFor(role));
        }
        Path attacker = f.attackerKey("QA", "ed25519");
        // The workspace's own trust.yaml (the default): the team's keys plus the attacker's QA key.
        Path inRepo = f.ws.resolve("trust.yaml");
        Files.copy(f.trust, inRepo);
        TrustFile.add(inRepo, TrustFile.read(attacker.resolveSibling("trust.yaml")).keys().get(0));
        Path attackersCopy = dir.resolve("attacker-trust.yaml");
        Files.copy(inRepo, attackersCopy);
        CycleScript.ok(f.signArgsFor("QA", attacker, "--trust", attackersCopy.toString()));
        f.commit("trust myself");

        // Against the trust file kept outside the repository (CI configuration, a pinned path):
        assertFailsNaming(f.verify(), 1, "SIGNATURE_UNTRUSTED", "THRESHOLD_NOT_MET");
        assertFailsNaming(f.cycle("advance", "--to", "EXECUTED", "--trust", f.trust.toString()), 1, "REFUSED");
        // The workspace's own trust file, which the attacker wrote, is never a trust anchor: named
        // with --trust it is refused (exit 2), and without --trust no file of the workspace is read.
        String before = f.read(MANIFEST);
        assertFailsNaming(f.cycle("verify", "--trust", inRepo.toString()), 2, "inside the workspace");
        assertFailsNaming(f.cycle("advance", "--to", "EXECUTED", "--trust", inRepo.toString()), 2,
                "inside the workspace");
        assertFailsNaming(f.cycle("verify"), 2, "no trust file");
        assertThat(f.read(MANIFEST)).isEqualTo(before);
    }

    private static String twin(String base64) throws Exception {
        ASN1Sequence rs = ASN1Sequence.getInstance(Base64.getDecoder().decode(base64));
        BigInteger r = ASN1Integer.getInstance(rs.getObjectAt(0)).getValue();
        BigInteger s = ASN1Integer.getInstance(rs.getObjectAt(1)).getValue();
        return Base64.getEncoder().encodeToString(new DERSequence(new ASN1Encodable[] {new ASN1Integer(r),
                new ASN1Integer(P256_ORDER.subtract(s))}).getEncoded());
    }

    private static String explicitPem(String namedPem) throws Exception {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(PemKeys.parsePublicKey(namedPem,
                SourceLocation.ofFile("pem")).getEncoded());
        SubjectPublicKeyInfo explicit = new SubjectPublicKeyInfo(new AlgorithmIdentifier(
                X9ObjectIdentifiers.id_ecPublicKey, new X962Parameters(ECNamedCurveTable.getByName("secp256r1"))),
                info.getPublicKeyData().getBytes());
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(explicit.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }
}
