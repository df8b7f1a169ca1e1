package dev.planning.bench.workload;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.Activity;
import dev.planning.api.artifact.Controls;
import dev.planning.api.artifact.Priority;
import dev.planning.api.artifact.ReleaseSlice;
import dev.planning.api.artifact.Story;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.Tag;
import dev.planning.api.artifact.Tags;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.artifact.StoryMapWriter;
import dev.planning.engine.internal.artifact.TaskBreakdownWriter;
import dev.planning.rules.internal.defaults.DefaultRulebook;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a synthetic workspace for a {@link WorkloadSpec}: every stream's task breakdown and story
 * map for each cycle, and a copy of the default rulebook.
 *
 * <pre>{@code
 * Workload workload = WorkloadGenerator.write(dir, WorkloadSpec.of(200, WorkloadSpec.DEFAULT_SEED));
 * PlanningWorkspace ws = Planning.builder().workspace(workload.root()).build();
 * List<List<GateResult>> runs = workload.cycles().stream().map(c -> ws.dryRun(c, CycleState.READY_FOR_HANDOFF)).toList();
 * }</pre>
 *
 * <p>The shape is chosen so that every READY_FOR_HANDOFF gate passes:
 * <ul>
 * <li>each plan's tasks lie in five levels; a task depends on two or three tasks of lower levels
 *     (about two per task overall), so dependencies are acyclic, at most four deep, and never due
 *     later than their dependents (the due date grows with the level);</li>
 * <li>a share of dependencies (10%) points at a lower-level task of another stream's plan of the
 *     same cycle id ({@code be:BE-1-17}), so every cross-stream reference resolves;</li>
 * <li>one story per eight tasks, every task linked to its story and every story to at least one
 *     task, ten stories per activity;</li>
 * <li>tags {@code criticality} (5% critical), {@code compliance} ({@code sox|gdpr|hipaa|none}) and
 *     {@code data_classification}, with the controls the default policies ask for; a small share
 *     of tasks ({@code warningShare}) lacks a non-critical control, a warning that fails no gate.</li>
 * </ul>
 * Output is deterministic: every random choice comes from the spec's seed, and nothing depends
 * on the clock.
 *
 * @since 0.1
 */
public final class WorkloadGenerator {

    private static final int LEVELS = 5;
    private static final int TASKS_PER_STORY = 8;
    private static final int STORIES_PER_ACTIVITY = 10;
    private static final int TASKS_PER_OWNER = 6;
    private static final int CYCLE_DAYS = 14;
    private static final WorkspaceLayout LAYOUT = WorkspaceLayout.DEFAULT;
    private static final List<ReleaseSlice> SLICES = List.of(
            new ReleaseSlice("walking-skeleton", "Walking skeleton"), new ReleaseSlice("release-1", "Release 1"));
    private static final int[] EFFORTS = {1, 2, 3, 5, 8};
    private static final SourceLocation GENERATED = SourceLocation.ofFile("<generated>");

    private WorkloadGenerator() {
    }

    /**
     * Writes the workload into {@code directory}, which must be empty or not exist yet.
     *
     * @throws InvalidInputException when the directory has files in it
     */
    public static Workload write(Path directory, WorkloadSpec spec) {
        Path root = directory.toAbsolutePath().normalize();
        requireEmpty(root);
        List<CycleRef> cycles = new ArrayList<>();
        for (int c = 0; c < spec.cyclesPerStream(); c++) {
            String cycleId = cycleId(spec, c);
            for (int s = 0; s < spec.streams().size(); s++) {
                String stream = spec.streams().get(s);
                CycleRef cycle = new CycleRef(stream, cycleId);
                PlanShape shape = new PlanShape(spec, c, s);
                TaskBreakdownWriter.writeNew(root.resolve(LAYOUT.taskBreakdown(cycle)), plan(spec, shape, cycle));
                StoryMapWriter.writeNew(root.resolve(LAYOUT.storyMap(cycle)), storyMap(shape, cycle));
                cycles.add(cycle);
            }
        }
        DefaultRulebook.copyTo(root.resolve(LAYOUT.rulebookDir()));
        return new Workload(root, spec, cycles);
    }

    /** The cycles {@link #write} writes for {@code spec}: ordered by cycle id, then stream in spec order. */
    public static List<CycleRef> cycles(WorkloadSpec spec) {
        List<CycleRef> cycles = new ArrayList<>();
        for (int c = 0; c < spec.cyclesPerStream(); c++) {
            for (String stream : spec.streams()) {
                cycles.add(new CycleRef(stream, cycleId(spec, c)));
            }
        }
        return List.copyOf(cycles);
    }

    /**
     * The plans of every stream for one cycle, in memory, exactly as {@link #write} writes them.
     *
     * @param cycle the cycle's index, from 0 to {@link WorkloadSpec#cyclesPerStream()} - 1
     * @return stream name to plan, in the spec's stream order
     */
    public static Map<String, TaskBreakdown> plans(WorkloadSpec spec, int cycle) {
        if (cycle < 0 || cycle >= spec.cyclesPerStream()) {
            throw new IllegalArgumentException("cycle index " + cycle + " is outside 0.." + (spec.cyclesPerStream() - 1));
        }
        Map<String, TaskBreakdown> plans = new LinkedHashMap<>();
        for (int s = 0; s < spec.streams().size(); s++) {
            CycleRef ref = new CycleRef(spec.streams().get(s), cycleId(spec, cycle));
            plans.put(ref.stream(), plan(spec, new PlanShape(spec, cycle, s), ref));
        }
        return plans;
    }

    /** The story map of one stream for one cycle, in memory, exactly as {@link #write} writes it. */
    public static StoryMap storyMap(WorkloadSpec spec, int cycle, String stream) {
        int s = spec.streams().indexOf(stream);
        if (s < 0 || cycle < 0 || cycle >= spec.cyclesPerStream()) {
            throw new IllegalArgumentException("no plan for stream " + stream + " in cycle index " + cycle);
        }
        return storyMap(new PlanShape(spec, cycle, s), new CycleRef(stream, cycleId(spec, cycle)));
    }

    /** The plan of one stream for one cycle, as it is written. */
    static TaskBreakdown plan(WorkloadSpec spec, PlanShape shape, CycleRef cycle) {
        // One generator per plan, derived from the seed and the plan's position: plans do not
        // depend on each other's random draws, so changing one stream does not reshuffle the rest.
        SplittableRandom random = new SplittableRandom(spec.seed() * 1_000_003L + shape.cycle() * 31L + shape.stream());
        LocalDate start = spec.firstCycle().plusDays((long) CYCLE_DAYS * shape.cycle());
        int owners = Math.max(1, shape.size() / TASKS_PER_OWNER);
        List<Task> tasks = new ArrayList<>(shape.size());
        for (int i = 0; i < shape.size(); i++) {
            int level = shape.level(i);
            Task.Builder task = Task.builder(shape.id(i), title(random, i))
                    .owner(cycle.stream() + "-dev-" + (1 + random.nextInt(owners)))
                    .effort(BigDecimal.valueOf(EFFORTS[random.nextInt(EFFORTS.length)]))
                    .dependencies(dependencies(spec, shape, random, i))
                    .acceptanceCriteria(List.of("Behaves as story " + shape.storyId(i) + " describes"))
                    .plannedIn(cycle.cycleId())
                    .due(start.plusDays(2L + 2L * level))
                    .storyNodes(List.of(shape.storyId(i)));
            governance(spec, random, task, i);
            tasks.add(task.build());
        }
        OffsetDateTime generatedAt = start.minusDays(1).atTime(9, 0).atOffset(ZoneOffset.UTC);
        return new TaskBreakdown("1.0.0", cycle.cycleId(), cycle.stream(), Optional.of(generatedAt), tasks,
                LAYOUT.taskBreakdown(cycle));
    }

    private static String title(SplittableRandom random, int i) {
        String[] verbs = {"Build", "Wire", "Harden", "Document", "Measure", "Refactor", "Test", "Ship"};
        String[] things = {"search", "checkout", "profile", "billing", "export", "onboarding", "settings", "audit"};
        return verbs[random.nextInt(verbs.length)] + " " + things[random.nextInt(things.length)] + " part " + (i + 1);
    }

    /** Two or three dependencies on lower levels for every task above level 0. */
    private static List<TaskRef> dependencies(WorkloadSpec spec, PlanShape shape, SplittableRandom random, int i) {
        int level = shape.level(i);
        if (level == 0) {
            return List.of();
        }
        int wanted = 2 + random.nextInt(2);
        Set<String> chosen = new LinkedHashSet<>();
        // A few extra draws absorb duplicates; a task rarely ends up with one dependency fewer.
        for (int draw = 0; draw < wanted * 3 && chosen.size() < wanted; draw++) {
            if (random.nextDouble() < spec.crossStreamShare()) {
                int other = (shape.stream() + 1 + random.nextInt(spec.streams().size() - 1)) % spec.streams().size();
                PlanShape target = new PlanShape(spec, shape.cycle(), other);
                int below = target.levelStart(level);
                if (below > 0) {
                    chosen.add(spec.streams().get(other) + ":" + target.id(random.nextInt(below)));
                }
            } else {
                chosen.add(shape.id(random.nextInt(shape.levelStart(level))));
            }
        }
        return chosen.stream().map(TaskRef::parse).toList();
    }

    /** Tags and the controls the default policies ask for; a few tasks lack a non-critical one. */
    private static void governance(WorkloadSpec spec, SplittableRandom random, Task.Builder task, int i) {
        double roll = random.nextDouble();
        int criticality = roll < 0.05 ? 0 : roll < 0.20 ? 1 : roll < 0.60 ? 2 : 3;
        double regime = random.nextDouble();
        String compliance = regime < 0.10 ? "sox" : regime < 0.25 ? "gdpr" : regime < 0.30 ? "hipaa" : "none";
        String[] classes = {"public", "internal", "confidential", "restricted"};
        task.tags(new Tags(List.of(new Tag("criticality", Optional.of(Integer.toString(criticality))),
                new Tag("compliance", Optional.of(compliance)),
                new Tag("data_classification", Optional.of(classes[random.nextInt(classes.length)])),
                // parity_coverage wants the plan to state a unit-coverage target at the rulebook minimum.
                new Tag("unit_coverage_target", Optional.of("80")))));
        task.priority(criticality == 0 ? Priority.P0 : Priority.values()[1 + random.nextInt(3)]);
        boolean lacking = random.nextDouble() < spec.warningShare();
        boolean critical = criticality == 0;
        boolean sox = compliance.equals("sox");
        boolean gdpr = compliance.equals("gdpr");
        task.controls(new Controls(
                critical ? List.of("pm-" + i % 7, "techlead-" + i % 5, "qa-" + i % 3) : List.of(),
                Optional.ofNullable(critical ? "ARB-" + (1000 + i % 900) : null),
                Optional.ofNullable(critical ? "oncall@example.com" : null),
                Optional.ofNullable(critical ? "Toggle the feature flag off" : null),
                Optional.ofNullable(sox ? "enhanced" : null),
                sox && !lacking,
                Optional.ofNullable(gdpr && !lacking ? "Personal data stays in the EU region" : null)));
    }

    /** The story map of one plan: one story per eight tasks, ten stories per activity. */
    static StoryMap storyMap(PlanShape shape, CycleRef cycle) {
        List<Activity> activities = new ArrayList<>();
        int stories = shape.stories();
        for (int a = 0; a * STORIES_PER_ACTIVITY < stories; a++) {
            List<Story> inActivity = new ArrayList<>();
            for (int s = a * STORIES_PER_ACTIVITY; s < Math.min(stories, (a + 1) * STORIES_PER_ACTIVITY); s++) {
                inActivity.add(new Story(shape.storyIdOf(s), "Story " + (s + 1) + " of " + cycle,
                        Optional.of(SLICES.get(s % 2 == 0 ? 0 : 1).id()), GENERATED));
            }
            activities.add(new Activity(shape.prefix() + "-A" + (a + 1), "Activity " + (a + 1), inActivity));
        }
        String narrative = "# " + cycle.stream() + " plan for " + cycle.cycleId() + "\n\nGenerated for the benchmarks: "
                + shape.size() + " tasks in " + stories + " stories.\n";
        return new StoryMap("1.0.0", cycle.cycleId(), cycle.stream(), "Synthetic " + cycle.stream() + " plan", activities,
                SLICES, narrative, LAYOUT.storyMap(cycle));
    }

    private static String cycleId(WorkloadSpec spec, int cycle) {
        return spec.firstCycle().plusDays((long) CYCLE_DAYS * cycle).toString();
    }

    private static void requireEmpty(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var entries = Files.list(root)) {
            if (entries.findAny().isPresent()) {
                throw new InvalidInputException("refusing to generate a workload into a directory that has files;"
                        + " expected an empty or new directory", SourceLocation.ofFile(root.toString()));
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot list " + root + ": " + e.getMessage(), SourceLocation.ofFile(root.toString()));
        }
    }

    /**
     * The size, ids and levels of one stream's plan for one cycle: computable for any plan, so
     * that a task can pick a dependency in another stream's plan before that plan is written.
     */
    record PlanShape(WorkloadSpec spec, int cycle, int stream) {

        /** How many tasks this plan holds: the stream's share, spread evenly over its cycles. */
        int size() {
            int streams = spec.streams().size();
            int perStream = spec.tasks() / streams + (stream < spec.tasks() % streams ? 1 : 0);
            int cycles = spec.cyclesPerStream();
            return perStream / cycles + (cycle < perStream % cycles ? 1 : 0);
        }

        int level(int i) {
            return (int) ((long) i * LEVELS / size());
        }

        /** The index of the first task of a level. */
        int levelStart(int level) {
            int n = size();
            return (int) (((long) level * n + LEVELS - 1) / LEVELS);
        }

        String prefix() {
            return spec.streams().get(stream).toUpperCase(Locale.ROOT);
        }

        String id(int i) {
            return prefix() + "-" + (cycle + 1) + "-" + (i + 1);
        }

        int stories() {
            return (size() + TASKS_PER_STORY - 1) / TASKS_PER_STORY;
        }

        String storyId(int task) {
            return storyIdOf(task / TASKS_PER_STORY);
        }

        String storyIdOf(int story) {
            return "S-" + prefix() + "-" + (cycle + 1) + "-" + (story + 1);
        }
    }
}
