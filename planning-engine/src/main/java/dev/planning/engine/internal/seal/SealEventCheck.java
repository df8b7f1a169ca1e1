package dev.planning.engine.internal.seal;

import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.workspace.UnreadableInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks that a manifest and its {@code MANIFEST_SEALED} event anchor each other: the cycle's log
 * has exactly one such event; it names the manifest's id and the SHA-256 of the manifest as it
 * was sealed (its canonical rendering without signatures, so signing does not change it); and the
 * manifest's {@code event_log_head} is the hash of the event just before it.
 */
final class SealEventCheck {

    private SealEventCheck() {
    }

    /**
     * What a log without the seal's event means. An unsigned manifest is also what a seal stopped between its
     * manifest and its event leaves, which {@code planning seal} completes; a signed one never is (signing needs
     * the event), so its log lost the event and is restored, never the manifest replaced (review18).
     */
    private static String lost(HandoffManifest manifest) {
        return manifest.signatures().isEmpty()
                ? "; if its sealing was interrupted, `planning seal` completes it (the gates run again and a new"
                        + " manifest replaces this unsigned one)"
                : "; the manifest is signed, which an interrupted seal never leaves (signing needs the event): the log"
                        + " has lost the seal's event; restore the log from version control";
    }

    /**
     * @param unsignedSha256 the SHA-256 of the manifest's rendering without signatures (ManifestForms), asked
     *                       for once the event is found
     * @param read           the cycle's log as the caller already read (and verified) it; empty to read it here
     */
    static List<Discrepancy> check(HandoffManifest manifest, Supplier<String> unsignedSha256, String display,
            EventStore events, CycleRef cycle, Optional<List<RecordedEvent>> read) {
        List<Discrepancy> found = new ArrayList<>();
        List<RecordedEvent> history;
        try {
            history = read.isPresent() ? read.get() : events.read(cycle);
        } catch (UnreadableInputException | SystemFailureException e) {
            throw e; // the user's to make readable, not a seal that does not hold
        } catch (PlanningException e) {
            found.add(Discrepancy.of(DiscrepancyKind.SEAL_EVENT_MISMATCH, events.location(cycle),
                    "the event log of " + cycle + " cannot be read, so the seal cannot be checked: " + e.getMessage()));
            return found;
        }
        List<Integer> sealedAt = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).event().type() == EventType.MANIFEST_SEALED) {
                sealedAt.add(i);
            }
        }
        String log = events.location(cycle);
        if (sealedAt.size() != 1) {
            found.add(Discrepancy.of(DiscrepancyKind.SEAL_EVENT_MISMATCH, log, "one MANIFEST_SEALED event",
                    sealedAt.size() + " such events", "the event log of " + cycle + " does not record this seal once"
                            + (sealedAt.isEmpty() ? lost(manifest) : "")));
            return found;
        }
        int index = sealedAt.get(0);
        RecordedEvent sealed = history.get(index);
        String where = log + ":" + sealed.line();
        String id = sealed.event().details().get("manifest_id");
        if (!manifest.manifestId().equals(id)) {
            found.add(Discrepancy.of(DiscrepancyKind.SEAL_EVENT_MISMATCH, where, "manifest_id " + manifest.manifestId(),
                    "manifest_id " + id, "MANIFEST_SEALED records another manifest than " + display));
        }
        String expected = sealed.event().details().get("manifest_sha256");
        String actual = unsignedSha256.get();
        if (!actual.equals(expected)) {
            found.add(Discrepancy.of(DiscrepancyKind.SEAL_EVENT_MISMATCH, display, "manifest_sha256 " + expected,
                    "manifest_sha256 " + actual, "the manifest (without its signatures) is not the one "
                            + "MANIFEST_SEALED recorded at " + where + ": it was rewritten after sealing"));
        }
        String head = index == 0 ? null : history.get(index - 1).hash();
        if (manifest.eventLogHead().isEmpty()) {
            found.add(Discrepancy.of(DiscrepancyKind.SEAL_EVENT_MISMATCH, display, "event_log_head " + head,
                    "none", "the manifest does not record the event log head at sealing (format before 1.1)"));
        } else if (!manifest.eventLogHead().get().equals(head)) {
            found.add(Discrepancy.of(DiscrepancyKind.SEAL_EVENT_MISMATCH, display, "event_log_head " + head,
                    "event_log_head " + manifest.eventLogHead().get(), "the manifest's event_log_head is not the event"
                            + " before MANIFEST_SEALED at " + where + ": the history up to the seal changed"));
        }
        return found;
    }

    /** The manifest as sealed: the same content without signatures. */
    static HandoffManifest unsigned(HandoffManifest m) {
        return new HandoffManifest(m.version(), m.manifestId(), m.cycleId(), m.stream(), m.sealed(), m.createdAt(),
                m.createdBy(), m.sealedAt(), m.snapshotRev(), m.dirty(), m.rulebookHash(), m.eventLogHead(),
                m.artifacts(), m.gateResults(), m.governance(), m.priorManifestId(), m.notes(), List.of());
    }
}
