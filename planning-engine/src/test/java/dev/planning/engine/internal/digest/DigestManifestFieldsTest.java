package dev.planning.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.DigestSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * review15 (2026-12-05): what the digest shows of a handoff manifest it read as plain YAML (a file anyone
 * who commits writes). Its {@code snapshot_rev} went into the header table as it was written, and each
 * artifact's recorded SHA-256 into a code span as it was written: a committed manifest put a link, a
 * mention or a cell of its own into the digest. And a real commit SHA shown through
 * {@code Printable.markdown}, which now breaks 40 hexadecimal digits with a zero-width space, no longer
 * read as itself: copied from the rendered digest, it named no commit.
 */
class DigestManifestFieldsTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final String HOSTILE = "x | [click](https://evil.example/) @org/team fixes #1";

    private static String body(String snapshotRev, String artifactSha) {
        return body(snapshotRev, artifactSha, DigestBytesTest.rich().manifest().orElseThrow().signatureRoles());
    }

    private static String body(String snapshotRev, String artifactSha, List<String> roles) {
        DigestContent rich = DigestBytesTest.rich();
        DigestSummary s = rich.summary();
        DigestSummary summary = new DigestSummary(s.version(), s.cycleId(), s.stream(), s.generatedAt(),
                Optional.of(snapshotRev), s.rulebookHash(), s.manifestChecksum(), s.kpis(), s.gates(),
                s.improvementActions(), s.previousCycleId(), s.inputs());
        ManifestExcerpt m = rich.manifest().orElseThrow();
        ManifestExcerpt manifest = new ManifestExcerpt(m.path(), m.sha256(),
                List.of(new ManifestExcerpt.Field("snapshot_rev", snapshotRev)),
                List.of(new ManifestExcerpt.Artifact("plan/a.yaml", artifactSha, "changed")), roles,
                m.criticalViolations(), m.unread(), m.discrepancies());
        DigestContent content = new DigestContent(rich.digestPath(), summary, rich.facts(), rich.rows(), rich.gates(),
                Optional.of(manifest), rich.manifestExpected(), rich.events(), rich.droppedTasks(), rich.decisions(),
                rich.retrospectivePath(), rich.waiverHorizonDays());
        Map<String, Object> scope = DigestModel.scope(content);
        DigestRenderer.Template template = DigestRenderer.load(Optional.empty());
        return DigestRenderer.render(template.text(), template.name(), scope);
    }

    private static List<String> links(String markdown) {
        List<String> destinations = new ArrayList<>();
        Parser.builder().build().parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                destinations.add(link.getDestination());
                visitChildren(link);
            }
        });
        return destinations;
    }

    @Test
    void aCommittedManifestsSnapshotRevAndArtifactHashOpenNoLinkAndNoCell() {
        String body = body(HOSTILE, "aa` [click](https://evil.example/) `");

        assertThat(links(body)).noneMatch(destination -> destination.contains("evil.example"));
        assertThat(body).doesNotContain("@org").doesNotContain("x | [click]");
    }

    /**
     * report19 (2026-12-05): the roles of a manifest's signatures (the manifest read as plain YAML, so any
     * text) went into the digest's "signatures" line as written: a role with a line break began a line
     * of its own (a heading saying every check passed), and a link or a mention was live.
     */
    @Test
    void aCommittedManifestsSignatureRolesOpenNoLineLinkOrMention() {
        String body = body(SHA, "a".repeat(64), List.of("PM", "QA\n\n## All checks PASSED", HOSTILE));

        assertThat(links(body)).noneMatch(destination -> destination.contains("evil.example"));
        assertThat(body).doesNotContain("\n## All checks PASSED").doesNotContain("@org")
                .contains("PM, QA\\u000A\\u000A");
    }

    /**
     * report19 (2026-12-05): the digest listed the roles a manifest's signatures name as "signatures: PM,
     * TechLead, QA", read from the file and checked against no key, so a contributor's own signatures (or
     * roles written with no signature value at all) read as a signed handoff; it now says they count only when the
     * manifest verifies, which its verification line then says (digest39: the digest verifies it).
     */
    @Test
    void theSignaturesItListsAreSaidToBeUnverified() {
        String body = body(SHA, "a".repeat(64), List.of("PM", "TechLead", "QA"));

        assertThat(body).containsPattern("- signatures[^\n]*count only when the manifest verifies[^\n]*: PM, TechLead, QA\n"
                + "- artifacts: [^\n]*\n- verification: [^\n]*\n");
    }

    @Test
    void aSealedCommitShaReadsAsItselfInTheDigest() {
        String body = body(SHA, "a".repeat(64));

        assertThat(body).contains("| Snapshot rev | `" + SHA + "` |").contains("- snapshot_rev: `" + SHA + "`")
                .doesNotContain("&#8203;" + SHA.substring(1));
    }

    /** The rich content with this revision and a manifest naming these roles, with these discrepancies. */
    private static DigestModel.Scope model(Optional<String> snapshotRev, List<String> roles, List<String> discrepancies) {
        DigestContent rich = DigestBytesTest.rich();
        DigestSummary s = rich.summary();
        DigestSummary summary = new DigestSummary(s.version(), s.cycleId(), s.stream(), s.generatedAt(), snapshotRev,
                s.rulebookHash(), s.manifestChecksum(), s.kpis(), s.gates(), s.improvementActions(), s.previousCycleId(),
                s.inputs());
        ManifestExcerpt m = rich.manifest().orElseThrow();
        ManifestExcerpt manifest = new ManifestExcerpt(m.path(), m.sha256(), List.of(), m.artifacts(), roles,
                m.criticalViolations(), m.unread(), discrepancies);
        return DigestModel.model(new DigestContent(rich.digestPath(), summary, rich.facts(), rich.rows(), rich.gates(),
                Optional.of(manifest), rich.manifestExpected(), rich.events(), rich.droppedTasks(), rich.decisions(),
                rich.retrospectivePath(), rich.waiverHorizonDays()));
    }

    /**
     * digest41: the header said a manifest "does not verify" whenever the digest held no revision and a manifest was
     * there, a manifest that verifies and names none included; it says so only of one that does not verify.
     */
    @Test
    void theHeaderSaysTheManifestDoesNotVerifyOnlyWhenItDoesNot() {
        assertThat(model(Optional.empty(), List.of("PM"), List.of()).snapshotRev()).isEqualTo(DigestModel.NO_REV);
        assertThat(model(Optional.empty(), List.of("PM"), List.of("m.yaml: SIGNATURE_INVALID: forged")).snapshotRev())
                .isEqualTo(DigestModel.UNVERIFIED_REV);
    }

    /**
     * digest41: the identity fields of a manifest that does not verify were marked unverified (digest40), but the
     * roles its signatures name were listed as they are, as if they were signed; they are marked too.
     */
    @Test
    void theSignatureRolesOfAManifestThatDoesNotVerifyAreMarkedUnverified() {
        assertThat(model(Optional.empty(), List.of("PM", "QA"), List.of("m.yaml: SIGNATURE_INVALID: forged"))
                .manifest().orElseThrow().signatures()).isEqualTo("PM, QA" + DigestModel.UNVERIFIED_FIELD);
        assertThat(model(Optional.of(SHA), List.of("PM", "QA"), List.of()).manifest().orElseThrow().signatures())
                .isEqualTo("PM, QA");
    }

    /**
     * digest41: the State row's UNSIGNED HISTORY quotes messages whose values were quoted where they were built (a
     * line feed as the six characters of its escape); escaped again as plain text, its backslash read as an escape of
     * its own ({@code \u005cu005Cu000A}). It is escaped once, its {@code |} kept from making a cell.
     */
    @Test
    void theUnsignedHistoryIsEscapedOnceAsMarkdown() {
        DigestFacts facts = new DigestFacts("t", "EXECUTED", DigestBytesTest.rich().facts().start(),
                DigestBytesTest.rich().facts().end(), List.of(), Optional.empty(),
                List.of("log.jsonl:3: the role 'QA\\u000Ax|y' is not trusted"));

        assertThat(DigestModel.state(facts)).isEqualTo("EXECUTED \u2014 UNSIGNED HISTORY\\: log\\.jsonl\\:3\\: the role"
                + " 'QA\\\\u000Ax\\|y' is not trusted");
    }
}
