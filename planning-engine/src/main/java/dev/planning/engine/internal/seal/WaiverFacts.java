package dev.planning.engine.internal.seal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.event.EventType;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.CycleQueries.WaiverExpiry;
import dev.planning.engine.internal.document.IsoDates;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Waivers as stored facts of a cycle's log, written and read the same way by every store.
 *
 * <p>Two events carry waivers. {@code MANIFEST_SEALED} records the waivers of the decision log as
 * it was sealed, in its details: {@code waivers} (how many) and, for the n-th (from 1),
 * {@code waiver.n.rule}, {@code waiver.n.item}, {@code waiver.n.approver} and
 * {@code waiver.n.expires} (ISO date). {@code WAIVER_GRANTED}, which an application records, holds
 * one waiver in {@code rule}, {@code item}, {@code approver} and an optional {@code expires}.
 *
 * <p>Fail closed: a waiver without an expiry date is always listed (flagged, the riskiest kind); an
 * expiry that cannot be read, or a sealed waiver count that cannot, counts as already expired
 * ({@link LocalDate#MIN}). Read means the whole value: an expiry is an ISO date and nothing after it
 * ({@code 2099-12-31junk} is no date), a count decimal digits as a seal writes them.
 */
@API(status = INTERNAL)
public final class WaiverFacts {

    /** The detail of {@code MANIFEST_SEALED} that says how many waivers it records. */
    public static final String COUNT = "waivers";

    private static final Comparator<WaiverExpiry> ORDER = Comparator
            .comparing((WaiverExpiry w) -> w.expires().isPresent())
            .thenComparing(w -> w.expires().orElse(LocalDate.MIN))
            .thenComparing(w -> w.cycle().toString())
            .thenComparing(WaiverExpiry::eventId)
            .thenComparing(w -> w.rule().orElse(""))
            .thenComparing(w -> w.item().orElse(""));

    private static final Pattern WHOLE = Pattern.compile("0|[1-9][0-9]{0,9}");

    private WaiverFacts() {
    }

    /** The details that record {@code waivers} in a {@code MANIFEST_SEALED} event, in their order. */
    public static Map<String, String> sealedDetails(List<Waiver> waivers) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put(COUNT, Integer.toString(waivers.size()));
        for (int i = 0; i < waivers.size(); i++) {
            Waiver w = waivers.get(i);
            String prefix = "waiver." + (i + 1) + ".";
            details.put(prefix + "rule", w.rule());
            details.put(prefix + "item", w.item());
            details.put(prefix + "approver", w.approver());
            details.put(prefix + "expires", w.expires().toString());
        }
        return details;
    }

    /**
     * The waivers one event records ({@code MANIFEST_SEALED} with a {@code waivers} detail, or
     * {@code WAIVER_GRANTED}); none for any other event.
     */
    public static List<WaiverExpiry> of(CycleRef cycle, String eventId, EventType type, Map<String, String> details) {
        List<WaiverExpiry> found = new ArrayList<>();
        if (type == EventType.WAIVER_GRANTED) {
            found.add(waiver(cycle, eventId, details, ""));
        } else if (type == EventType.MANIFEST_SEALED && details.containsKey(COUNT)) {
            int count = count(details.get(COUNT));
            // Each waiver a seal records is details of its own: a count past the details the event holds
            // claims waivers it cannot record (a committed log's rebuilt line), and would have this build
            // an entry for each of them, up to two billion. Unreadable, as a count that does not parse.
            if (count < 0 || count > details.size()) {
                count = -1;
                found.add(new WaiverExpiry(cycle, eventId, Optional.of(LocalDate.MIN), Optional.empty(),
                        Optional.empty(), Optional.empty()));
            }
            for (int i = 1; i <= count; i++) {
                found.add(waiver(cycle, eventId, details, "waiver." + i + "."));
            }
        }
        return found;
    }

    /**
     * Refuses a {@code WAIVER_GRANTED} whose {@code expires} is present but no ISO date (YYYY-MM-DD and
     * nothing more), blank included, before it is recorded: read later it could only count as expired (or,
     * blank, as never expiring), the date meant lost. A waiver without an expiry leaves the detail out.
     *
     * @throws InvalidInputException naming the value and what was expected
     */
    public static void requireReadableExpiry(EventType type, Map<String, String> details) {
        String expires = details.get("expires");
        if (type == EventType.WAIVER_GRANTED && expires != null && IsoDates.parse(expires).isEmpty()) {
            throw new InvalidInputException("WAIVER_GRANTED detail `expires` is \"" + Printable.line(expires)
                    + "\"; expected the waiver's last day as an ISO date, YYYY-MM-DD, and nothing after it");
        }
    }

    /**
     * The waivers that expire on or before {@code until} (expired ones included) and those with no
     * expiry date: no expiry first, then soonest first, then by cycle and event.
     */
    public static List<WaiverExpiry> expiringBy(List<WaiverExpiry> waivers, LocalDate until) {
        return waivers.stream().filter(w -> w.expires().map(d -> !d.isAfter(until)).orElse(true)).sorted(ORDER)
                .toList();
    }

    private static WaiverExpiry waiver(CycleRef cycle, String eventId, Map<String, String> details, String prefix) {
        String expires = details.get(prefix + "expires");
        Optional<LocalDate> date = expires == null || expires.isBlank() ? Optional.empty()
                : Optional.of(IsoDates.parse(expires).orElse(LocalDate.MIN)); // no date: counts as expired
        return new WaiverExpiry(cycle, eventId, date, Optional.ofNullable(details.get(prefix + "rule")),
                Optional.ofNullable(details.get(prefix + "item")), Optional.ofNullable(details.get(prefix + "approver")));
    }

    /** The count as a seal writes it (decimal digits, no sign, no leading zero), else -1. */
    private static int count(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            return -1;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
