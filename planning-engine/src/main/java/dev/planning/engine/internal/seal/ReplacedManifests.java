package dev.planning.engine.internal.seal;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.git.GitRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether the cycle's manifest replaced another signed handoff of the same cycle in {@code HEAD}'s history
 * (attack32). A sealed manifest is written once and never overwritten; yet a cycle may be sealed and signed on
 * a branch that is abandoned and sealed and signed again, over another plan, on the main line. Each of the two
 * verifies on its own (its signatures, its {@code snapshot_rev}, a commit of the line holding its sealed set once a
 * contributor commits it), so a contributor without keys could put the abandoned one back over the one of record.
 * Every version of the manifest's path in the history is read, every commit reachable from {@code HEAD} (review31:
 * the first-parent line alone missed the handoff of record once a merge made on the abandoned branch, its first
 * parent that branch, was taken as a fast-forward): one with another {@code manifest_id} that carries a
 * signature verifying against a trusted key was a signed handoff, and the manifest in hand replaced it (one of
 * another stream or cycle never was this cycle's handoff, and is passed over). A version
 * that does not read as a manifest cannot be told from one, and refuses too (fail closed); one whose signatures no
 * trusted key verifies never counted (an interrupted seal's, completed since) and is passed over.
 */
final class ReplacedManifests {

    private ReplacedManifests() {
    }

    /**
     * @param path the cycle's manifest path (workspace-relative), whose versions in the history are read
     * @return the discrepancy, when the manifest replaced a signed handoff of the cycle (or a version of its path
     *         cannot be read as a manifest); empty outside a git repository
     */
    static Optional<Discrepancy> check(Path workspace, ManifestReader reader, HandoffManifest manifest, String path,
            String display, TrustedKeys trust) {
        Optional<GitRepository> found = GitRepository.find(workspace);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        try (GitRepository git = found.get()) {
            if (git.shallow()) {
                // The history is cut: a signed handoff of the cycle beyond the cut cannot be seen, so none can be
                // ruled out (a CI checkout at --depth N would otherwise pass a handoff put back over an older one).
                return Optional.of(Discrepancy.of(DiscrepancyKind.MANIFEST_INVALID, display, "the whole history of HEAD,"
                        + " to read every version of " + path, "a shallow clone (git clone --depth)", "whether the"
                        + " manifest replaced another signed handoff of the cycle cannot be told in a shallow clone:"
                        + " fetch the whole history (`git fetch --unshallow`) and run again"));
            }
            Map<String, String> versions = git.versionsInHistory(path, "the versions of " + path);
            Optional<Discrepancy> unread = missing(git, versions, path, display);
            if (unread.isPresent()) {
                return unread;
            }
            for (Map.Entry<String, String> version : versions.entrySet()) {
                if (version.getKey().startsWith("100644 ") || version.getKey().startsWith("100755 ")) {
                    Optional<Discrepancy> replaced = judge(git, reader, manifest, version.getValue(), path, display, trust);
                    if (replaced.isPresent()) {
                        return replaced;
                    }
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The refusal of a history whose versions of the manifest are not all in the object store (trust39): a blobless
     * partial clone ({@code git clone --filter=blob:none}, common in CI) holds every commit and tree, so the walk
     * finds every version, but only the blobs its checkout needed, and JGit fetches none. Like a shallow clone's,
     * such a history cannot rule out a signed handoff it replaced: one refusal naming every version missing and the
     * one fetch that brings them, rather than a failure at the first.
     */
    private static Optional<Discrepancy> missing(GitRepository git, Map<String, String> versions, String path,
            String display) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> version : versions.entrySet()) {
            String entry = version.getKey();
            if ((entry.startsWith("100644 ") || entry.startsWith("100755 "))
                    && !git.holds(entry.substring(entry.indexOf(' ') + 1))) {
                missing.add("blob " + entry.substring(entry.indexOf(' ') + 1) + " at commit " + version.getValue());
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String shown = String.join(", ", missing.subList(0, Math.min(SHOWN, missing.size())))
                + (missing.size() > SHOWN ? " and " + (missing.size() - SHOWN) + " more" : "");
        return Optional.of(Discrepancy.of(DiscrepancyKind.MANIFEST_INVALID, display, "every version of " + path
                + " in HEAD's history in the repository's object store, to read it", missing.size() + " version(s)"
                + " missing: " + shown, "whether the manifest replaced another signed handoff of the cycle cannot be"
                + " told without them; " + git.missingObjectsFix()));
    }

    /** The most missing versions a refusal names; the rest are counted. */
    private static final int SHOWN = 5;

    private static Optional<Discrepancy> judge(GitRepository git, ManifestReader reader, HandoffManifest manifest,
            String commit, String path, String display, TrustedKeys trust) {
        String at = path + " at commit " + commit;
        OptionalLong size = git.size(commit, path);
        Optional<byte[]> bytes = size.isPresent() ? git.read(commit, path, size.getAsLong()) : Optional.empty();
        HandoffManifest earlier;
        try {
            earlier = reader.parse(bytes.orElseThrow(() -> new InvalidInputException("over the "
                    + (GitRepository.MAX_READ_BYTES >> 20) + " MiB a file is read to from git")), at).manifest();
        } catch (InvalidInputException e) {
            return Optional.of(Discrepancy.of(DiscrepancyKind.MANIFEST_INVALID, display, "every version of " + path
                    + " in HEAD's history a manifest", at + ": " + e.getMessage(), "the version of " + at
                    + " does not read as a manifest, so whether the manifest in hand replaced a signed handoff of the"
                    + " cycle cannot be told"));
        }
        if (earlier.manifestId().equals(manifest.manifestId()) || !earlier.stream().equals(manifest.stream())
                || !earlier.cycleId().equals(manifest.cycleId())) {
            // Another cycle's manifest was never a handoff of this one (verify refuses it as another cycle's):
            // copied over and reverted, it replaced nothing (review31: two commits stopped the cycle verifying).
            return Optional.empty();
        }
        return earlier.signatures().stream().filter(s -> Sealer.verifiesAgainstATrustedKey(earlier, s, trust)).findFirst()
                .map(s -> replaced(manifest, earlier, s, at, display));
    }

    private static Discrepancy replaced(HandoffManifest manifest, HandoffManifest earlier, ManifestSignature signature,
            String at, String display) {
        return Discrepancy.of(DiscrepancyKind.MANIFEST_INVALID, display, "manifest_id " + manifest.manifestId()
                + " at every commit of HEAD's history that holds a manifest there", "manifest_id "
                + Printable.line(earlier.manifestId()) + " in " + at, "the manifest replaced another handoff of "
                + manifest.stream() + "/" + manifest.cycleId() + " that a trusted key signed: " + at + " holds manifest_id "
                + Printable.line(earlier.manifestId()) + ", signed by " + Printable.line(signature.role()) + " (key "
                + Printable.line(signature.keyId()) + "); a sealed manifest is never overwritten (to change a handoff,"
                + " open a new cycle and seal it with --prior)");
    }
}
