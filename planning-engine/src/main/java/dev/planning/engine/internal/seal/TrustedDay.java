package dev.planning.engine.internal.seal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.governance.Waiver;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.document.IsoDates;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The day the waivers a sealed handoff used must hold on, and the timestamps no clock has reached.
 *
 * <p>Every timestamp a sealed handoff carries before it is signed (an event's {@code at}, a gate
 * evidence's {@code at}, the manifest's {@code sealed_at}) is written by whoever seals, and a
 * contributor without a key can seal with a clock set back to a day on which an expired waiver was
 * in force, then anchor log, evidence and manifest to each other as a real seal would. Re-deriving a
 * verdict as of those timestamps shows only that they agree with each other. So the waivers used
 * are judged on a trusted day instead: the verifier's own clock, or, when trusted signatures count,
 * the day of the latest one's {@code signed_at} when that is earlier (a signature covers its
 * {@code signed_at}, and the keyholder signed that day: a handoff sealed and signed while its
 * waivers held verifies after they expire). Before signing, the signature about to be made will be
 * the latest, made now: the day is the verifier's clock only. A waiver not in force on the trusted
 * day, or whose expiry cannot be read, is an {@code EVIDENCE_MISMATCH}; so is a timestamp later than
 * the verifier's clock by more than {@link #SKEW}.
 */
final class TrustedDay {

    /** How far a timestamp may run ahead of the verifier's clock: machines' clocks differ a little. */
    static final Duration SKEW = Duration.ofMinutes(5);

    /** The detail of a governance verdict's evidence that lists the waivers it used. */
    static final String WAIVERS_USED = "waivers_used";

    private final Instant now;
    private final LocalDate day;
    private final String why;

    private TrustedDay(Instant now, LocalDate day, String why) {
        this.now = now;
        this.day = day;
        this.why = why;
    }

    /**
     * @param now           the verifier's clock
     * @param counted       the signatures that count (valid, by trusted keys)
     * @param beforeSigning whether a signature is about to be added (then only the clock is trusted)
     */
    static TrustedDay of(Instant now, List<ManifestSignature> counted, boolean beforeSigning) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Optional<Instant> latest = beforeSigning ? Optional.empty()
                : counted.stream().map(ManifestSignature::signedAt).max(Comparator.naturalOrder());
        if (latest.isPresent() && LocalDate.ofInstant(latest.get(), ZoneOffset.UTC).isBefore(today)) {
            return new TrustedDay(now, LocalDate.ofInstant(latest.get(), ZoneOffset.UTC),
                    "the day of the latest trusted signature (signed_at " + ManifestWriter.time(latest.get()) + ")");
        }
        return new TrustedDay(now, today, "today by the verifier's clock");
    }

    /** The trusted day. */
    LocalDate day() {
        return day;
    }

    /**
     * A waiver a verdict of the handoff used.
     *
     * @param source  where it is recorded: the manifest, a gate's evidence file, a recomputed verdict
     * @param expires its last day; empty when it cannot be read (then it holds on no day)
     */
    record Used(String source, String rule, String item, Optional<LocalDate> expires) {

        static Used of(String source, Waiver waiver) {
            return new Used(source, waiver.rule(), waiver.item(), Optional.of(waiver.expires()));
        }

        /** Waivers that cannot be read at all ({@code what} says why): they hold on no day. */
        static Used unreadable(String source, String what) {
            return new Used(source, "(" + what + ")", "-", Optional.empty());
        }
    }

    /** A timestamp a file records: {@code field} of {@code file}. */
    record Stamp(String file, String field, Instant at) {
    }

    /** The waivers a verdict's evidence lists as used, as a recomputed result holds them (a list of maps). */
    static List<Used> used(String source, Object waiversUsed) {
        List<Used> used = new ArrayList<>();
        if (waiversUsed == null) {
            return used;
        }
        if (!(waiversUsed instanceof List<?> list)) {
            used.add(Used.unreadable(source, "unreadable " + WAIVERS_USED));
            return used;
        }
        for (Object item : list) {
            Map<?, ?> waiver = item instanceof Map<?, ?> map ? map : Map.of();
            used.add(new Used(source, String.valueOf(waiver.get("rule")), String.valueOf(waiver.get("item")),
                    IsoDates.parse(waiver.get("expires") == null ? "" : String.valueOf(waiver.get("expires")))));
        }
        return used;
    }

    /** The waivers a verdict's sealed evidence lists as used. */
    static List<Used> used(String source, JsonNode evidence) {
        JsonNode list = evidence.path(WAIVERS_USED);
        List<Used> used = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return used;
        }
        if (!list.isArray()) {
            used.add(Used.unreadable(source, "unreadable " + WAIVERS_USED));
            return used;
        }
        for (JsonNode waiver : list) {
            used.add(new Used(source, waiver.path("rule").asText("null"), waiver.path("item").asText("null"),
                    IsoDates.parse(waiver.path("expires").asText(""))));
        }
        return used;
    }

    /**
     * One {@code EVIDENCE_MISMATCH} per distinct waiver (rule, item, expiry) that does not hold on the
     * trusted day, at the first place that records it.
     */
    List<Discrepancy> waivers(List<Used> used) {
        List<Discrepancy> found = new ArrayList<>();
        Set<List<Object>> seen = new LinkedHashSet<>();
        for (Used waiver : used) {
            if (!seen.add(List.of(waiver.rule(), waiver.item(), waiver.expires().map(Object::toString).orElse("")))) {
                continue;
            }
            if (waiver.expires().filter(last -> !day.isAfter(last)).isPresent()) {
                continue;
            }
            String what = "the waiver of " + waiver.rule() + " for " + waiver.item();
            String actual = waiver.expires().map(last -> "expired on " + last).orElse("an expiry that cannot be read");
            found.add(Discrepancy.of(DiscrepancyKind.EVIDENCE_MISMATCH, waiver.source(), what + " in force on " + day
                    + ", " + why, actual, "the handoff used " + what + ", which " + actual + ": the waivers a handoff"
                            + " used must hold on a trusted day (" + why + "), never on a timestamp written with the"
                            + " seal, which whoever seals can set back"));
        }
        return found;
    }

    /** One {@code EVIDENCE_MISMATCH} per timestamp later than the verifier's clock (beyond {@link #SKEW}). */
    List<Discrepancy> future(List<Stamp> stamps) {
        Instant limit = now.plus(SKEW);
        return stamps.stream().filter(stamp -> stamp.at().isAfter(limit))
                .map(stamp -> Discrepancy.of(DiscrepancyKind.EVIDENCE_MISMATCH, stamp.file(), stamp.field()
                        + " at or before " + ManifestWriter.time(now), stamp.field() + " "
                        + ManifestWriter.time(stamp.at()), stamp.field() + " " + ManifestWriter.time(stamp.at())
                        + " is in the future of the verifier's clock (" + ManifestWriter.time(now) + "): no clock"
                        + " had reached it, so it was written by hand or by a clock set forward"))
                .toList();
    }
}
