package dev.planning.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.rulebook.TagTaxonomy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The cycle does not exist ({@link PlanningWorkspace#exists}: it has no planning file and no event), so
 * {@link PlanningWorkspace#advance}, {@link PlanningWorkspace#record} and every other writing job of the workspace
 * ({@code importOutcomes}, {@code seal}, {@code sign}, {@code digest}, {@code improve}, {@code summarize}) refuse
 * it before they write anything: a mistyped cycle id never becomes a cycle. Open a cycle with {@link PlanningWorkspace#create} (or
 * {@code planning init}) first. The command line refuses it with exit 2, as every user error. The message names
 * what was looked for (each of the cycle's planning files, {@link WorkspaceLayout#planningFiles}, and its event
 * log) and the nearest existing cycles, the one most likely meant first.
 *
 * <pre>{@code
 * try {
 *     workspace.advance(new CycleRef("fe", requestedId), CycleState.READY_FOR_HANDOFF);
 * } catch (NoSuchCycleException e) {
 *     respond(404, e.getMessage());     // names the cycle
 * }
 * }</pre>
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class NoSuchCycleException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /** How many cycles of the stream are named on each side of the one asked for. */
    private static final int AROUND = 2;

    /** How many of the workspace's streams are named, at most, when the stream asked for has no cycle. */
    private static final int STREAMS_NAMED = 10;

    /** The cycle asked for, as text: a {@link CycleRef} is not serializable. */
    private final String stream;

    private final String cycleId;

    /**
     * The cycle does not exist in a workspace laid out by {@code layout}, as
     * {@link #NoSuchCycleException(CycleRef, WorkspaceLayout, List)} says it, of a workspace whose cycles are not
     * known: the message names the files looked for, and no other cycle.
     *
     * @param cycle  the cycle asked for; never {@code null}
     * @param layout the workspace's layout; never {@code null}
     */
    public NoSuchCycleException(CycleRef cycle, WorkspaceLayout layout) {
        super(message(cycle, layout, null, null), SourceLocation.ofFile(layout.eventLog(cycle)));
        this.stream = cycle.stream();
        this.cycleId = cycle.cycleId();
    }

    /**
     * The cycle does not exist in a workspace laid out by {@code layout} whose cycles are {@code cycles} (as
     * {@link PlanningWorkspace#cycles()} lists them). The message, one line, names what was looked for: each of
     * the cycle's planning files ({@link WorkspaceLayout#planningFiles}) and its event log; then the nearest
     * existing cycles: the one most likely meant (a mistyped letter, two swapped digits: the closeness
     * {@link TagTaxonomy#suggest} judges tag values by), and the cycles of the same stream
     * just before and after it by id (or the workspace's streams, when that stream has none: the first ten by
     * name, then how many more). Its location is the event log.
     *
     * @param cycle  the cycle asked for; never {@code null}
     * @param layout the workspace's layout; never {@code null}
     * @param cycles the workspace's cycles; never {@code null}
     * @since 0.1
     */
    public NoSuchCycleException(CycleRef cycle, WorkspaceLayout layout, List<CycleRef> cycles) {
        super(message(cycle, layout, Objects.requireNonNull(cycles, "cycles"), null),
                SourceLocation.ofFile(layout.eventLog(cycle)));
        this.stream = cycle.stream();
        this.cycleId = cycle.cycleId();
    }

    /**
     * As {@link #NoSuchCycleException(CycleRef, WorkspaceLayout, List)}, with the message's last clause, how to
     * open the cycle, given by the caller: the command line names the exact {@code planning init} command, its
     * workspace quoted for the shell.
     *
     * @param cycle     the cycle asked for; never {@code null}
     * @param layout    the workspace's layout; never {@code null}
     * @param cycles    the workspace's cycles; never {@code null}
     * @param howToOpen the message's last clause, e.g. {@code create it with `planning init ...`}; never
     *                  {@code null}
     * @since 0.1
     */
    public NoSuchCycleException(CycleRef cycle, WorkspaceLayout layout, List<CycleRef> cycles, String howToOpen) {
        super(message(cycle, layout, Objects.requireNonNull(cycles, "cycles"),
                Objects.requireNonNull(howToOpen, "howToOpen")), SourceLocation.ofFile(layout.eventLog(cycle)));
        this.stream = cycle.stream();
        this.cycleId = cycle.cycleId();
    }

    /**
     * The one line: the cycle, the files looked for, the nearest of {@code cycles} when known ({@code null}: not),
     * and how to open it ({@code null}: the API's way and the command's).
     */
    private static String message(CycleRef cycle, WorkspaceLayout layout, List<CycleRef> cycles, String howToOpen) {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(layout, "layout");
        return "no such cycle " + cycle + ": none of its planning files exists ("
                + String.join(", ", layout.planningFiles(cycle)) + ") and its event log (" + layout.eventLog(cycle)
                + ") holds no event; " + (cycles == null ? "" : nearest(cycle, cycles) + "; ")
                + (howToOpen != null ? Printable.line(howToOpen) : "open it first (PlanningWorkspace.create, or planning"
                        + " init --stream " + cycle.stream() + " --cycle " + cycle.cycleId() + ")");
    }

    /** The cycle most likely meant, and the stream's cycles around the one asked for (or the streams there are). */
    private static String nearest(CycleRef asked, List<CycleRef> cycles) {
        if (cycles.isEmpty()) {
            return "the workspace has no cycle yet";
        }
        String meant = TagTaxonomy.of(Map.of("cycle", cycles.stream()
                        .map(CycleRef::toString).distinct().toList())).suggest("cycle", asked.toString())
                .map(s -> "did you mean " + s + "? ").orElse("");
        TreeSet<String> ids = new TreeSet<>();
        TreeSet<String> streams = new TreeSet<>();
        for (CycleRef cycle : cycles) {
            streams.add(cycle.stream());
            if (cycle.stream().equals(asked.stream())) {
                ids.add(cycle.cycleId());
            }
        }
        if (ids.isEmpty()) {
            // Bounded, so that a workspace of hundreds of streams still gets a line one can read (cycles28).
            String named = String.join(", ", streams.stream().limit(STREAMS_NAMED).toList());
            return meant + "stream " + asked.stream() + " has no cycle; the workspace's streams: " + named
                    + (streams.size() > STREAMS_NAMED ? " and " + (streams.size() - STREAMS_NAMED) + " more ("
                            + streams.size() + " in all)" : "");
        }
        List<String> around = new ArrayList<>();
        ids.headSet(asked.cycleId(), false).descendingSet().stream().limit(AROUND).forEach(id -> around.add(0, id));
        ids.tailSet(asked.cycleId(), false).stream().limit(AROUND).forEach(around::add);
        return meant + "the nearest cycles of stream " + asked.stream() + ": " + String.join(", ", around.stream()
                .map(id -> asked.stream() + "/" + id).toList()) + " (" + ids.size() + " in all)";
    }

    /**
     * The cycle asked for.
     *
     * @return the cycle, never {@code null}
     */
    public CycleRef cycle() {
        return new CycleRef(stream, cycleId);
    }
}
