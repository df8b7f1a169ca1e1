package dev.planning.engine.internal.improve;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.artifact.ImprovementAction;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.digest.DigestFrontMatter;
import dev.planning.engine.internal.digest.DigestPublication;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a task's {@code origin} names an improvement action of a digest that another cycle of the same stream
 * published (origin41): only such a task is exempt from the parity gate's {@code parity.task-without-story} and counts
 * as carried ({@code carried_tasks}). Anyone who commits writes any {@code origin}; before, any text there exempted the
 * task and counted it. The origin is the one {@code planning improve} writes ({@link CycleImprover#origin}):
 * {@code digest:<digest path>#<action id>}, where the path is the layout's digest of another cycle of the task's
 * stream, that cycle's event log records the publication of the file with its SHA-256 ({@link DigestPublication}),
 * and the digest's front matter lists the action. Any cycle of the stream but the task's own counts, whatever its id
 * (improve opens a next cycle of any other id): its log recording the publication is what makes it earlier.
 */
public final class CarriedOrigins {

    /** {@code digest:<path>#<action id>}: the path and the id are not empty, and the id holds no {@code #}. */
    private static final Pattern ORIGIN = Pattern.compile("digest:([^#]+)#([^#]+)");

    /** What a digest a cycle published is read as. */
    @FunctionalInterface
    public interface Published {
        /**
         * The digest {@code cycle} published, as its event log records it.
         *
         * @throws InvalidInputException when the cycle published no digest, or not the file at its path now
         */
        DigestSummary digest(CycleRef cycle);
    }

    private final CycleRef into;
    private final Function<CycleRef, String> digestPath;
    private final Published published;
    /** Each digest read once: a digest, or why it does not count. */
    private final Map<CycleRef, Object> read = new HashMap<>();

    /**
     * @param into       the cycle whose plan holds the tasks
     * @param digestPath a cycle's digest path, by the layout in force
     * @param published  the digests the cycles published
     */
    public CarriedOrigins(CycleRef into, Function<CycleRef, String> digestPath, Published published) {
        this.into = Objects.requireNonNull(into, "into");
        this.digestPath = Objects.requireNonNull(digestPath, "digestPath");
        this.published = Objects.requireNonNull(published, "published");
    }

    /**
     * Why the task's origin does not name an improvement action of a published digest (what was found, what was
     * expected); empty when it does, or when the task has no origin.
     */
    public Optional<String> problem(Task task) {
        if (task.origin().isEmpty()) {
            return Optional.empty();
        }
        String origin = task.origin().get();
        String quoted = "\"" + Printable.line(origin) + "\"";
        String example = digestPath.apply(new CycleRef(into.stream(), "CYCLE"));
        Matcher written = ORIGIN.matcher(origin);
        if (!written.matches()) {
            return Optional.of("origin " + quoted + " of " + Printable.line(task.id()) + " is not one `planning improve`"
                    + " writes: expected digest:<digest path>#<action id>, e.g. digest:" + example + "#IA-1");
        }
        String path = written.group(1);
        String action = written.group(2);
        Optional<CycleRef> from = cycleOf(path);
        if (from.isEmpty()) {
            return Optional.of("origin " + quoted + " of " + Printable.line(task.id()) + " names "
                    + Printable.line(path) + ", which is not the digest of another cycle of stream " + into.stream()
                    + ": expected " + example + " with CYCLE another cycle of the stream");
        }
        Object digest = read.computeIfAbsent(from.get(), this::read);
        if (digest instanceof String refused) {
            return Optional.of("origin " + quoted + " of " + Printable.line(task.id()) + " names no published digest: "
                    + refused);
        }
        List<String> actions = ((DigestSummary) digest).improvementActions().stream().map(ImprovementAction::id)
                .toList();
        if (!actions.contains(action)) {
            return Optional.of("origin " + quoted + " of " + Printable.line(task.id()) + " names action "
                    + Printable.line(action) + ", which the digest " + path + " published by cycle " + from.get()
                    + " does not have: expected one of its improvement actions"
                    + (actions.isEmpty() ? " (it has none)" : " (" + Printable.line(String.join(", ", actions)) + ")"));
        }
        return Optional.empty();
    }

    /** The ids of the plan's tasks whose origin names an improvement action of a published digest. */
    public Set<String> verified(TaskBreakdown plan) {
        Set<String> ids = new LinkedHashSet<>();
        for (Task task : plan.tasks()) {
            if (task.origin().isPresent() && problem(task).isEmpty()) {
                ids.add(task.id());
            }
        }
        return ids;
    }

    /** The cycle of the stream, other than {@link #into}, whose digest is at {@code path}; empty for none. */
    private Optional<CycleRef> cycleOf(String path) {
        // Where the cycle id stands in the layout's digest path: the one character two one-character ids differ at.
        String zero = digestPath.apply(new CycleRef(into.stream(), "0"));
        String one = digestPath.apply(new CycleRef(into.stream(), "1"));
        int at = 0;
        while (at < zero.length() && at < one.length() && zero.charAt(at) == one.charAt(at)) {
            at++;
        }
        if (at >= zero.length()) {
            return Optional.empty();
        }
        String prefix = zero.substring(0, at);
        String suffix = zero.substring(at + 1);
        if (!path.startsWith(prefix) || !path.endsWith(suffix) || path.length() <= prefix.length() + suffix.length()) {
            return Optional.empty();
        }
        String id = path.substring(prefix.length(), path.length() - suffix.length());
        CycleRef cycle;
        try {
            cycle = new CycleRef(into.stream(), id);
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
        return cycle.equals(into) || !digestPath.apply(cycle).equals(path) ? Optional.empty() : Optional.of(cycle);
    }

    private Object read(CycleRef cycle) {
        try {
            return published.digest(cycle);
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }

    /**
     * The digest {@code cycle} published: the file at the layout's digest path, when {@code log} (the cycle's event
     * log, oldest first) records its publication with the file's SHA-256 ({@link DigestPublication#require}), read as
     * a digest of that cycle.
     *
     * @throws InvalidInputException when there is no such file, the log records no publication of it or another
     *                               SHA-256, or it does not read as that cycle's digest
     */
    public static DigestSummary published(Path root, WorkspaceLayout layout, CycleRef cycle, List<RecordedEvent> log) {
        String path = layout.digest(cycle);
        String use = "its improvement actions would count as carried into another cycle's plan";
        Path file = SafePaths.resolve(root, path);
        if (!DirectoryEntries.isRegularFile(root, file, "whether an improvement action was carried cannot be told")) {
            throw new InvalidInputException("cycle " + cycle + " has no digest at " + path + " (" + use
                    + "): expected the digest `planning digest` published", SourceLocation.ofFile(path));
        }
        // One read: the bytes hashed against the log are the bytes parsed (digest41).
        byte[] bytes = DigestFrontMatter.bytes(file, path);
        DigestPublication.require(bytes, path, cycle, log, layout.eventLog(cycle), "digest", use);
        return DigestFrontMatter.readOf(bytes, path, cycle, "digest", use);
    }
}
