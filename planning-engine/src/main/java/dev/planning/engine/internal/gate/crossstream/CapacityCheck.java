package dev.planning.engine.internal.gate.crossstream;

import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.CapacityModel;
import dev.planning.api.artifact.PersonNames;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskStatus;
import dev.planning.api.gate.Finding;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Compares each owner's and each team's planned effort in the cycle with the capacity model. The
 * load counts every item with an effort that is not {@code dropped}, in the checked stream's plan
 * and in the other streams' plans of the same cycle id; a team's load counts the tasks of its
 * members and those owned by the team's own name. Only owners and teams with work in the checked
 * stream are reported, once each, on their first task in it.
 */
final class CapacityCheck {

    /** One owner's or team's load against its budget. */
    record Load(String kind, String name, BigDecimal points, BigDecimal capacity, SourceLocation budget,
            Map<String, BigDecimal> tasks) {
        Load {
            tasks = Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
        }

        boolean over() {
            return points.compareTo(capacity) > 0;
        }
    }

    private record Item(String stream, Task task) {
    }

    private CapacityCheck() {
    }

    /**
     * The loads of every budgeted owner and team with work in the checked stream.
     *
     * @param plans the plans of the cycle, the checked stream's included
     */
    static List<Load> loads(CapacityModel model, String stream, String cycleId, Map<String, TaskBreakdown> plans) {
        List<Item> items = new ArrayList<>();
        plans.forEach((name, plan) -> {
            if (plan.cycleId().equals(cycleId)) {
                plan.tasks().stream().filter(t -> t.status() != TaskStatus.DROPPED && t.effort().isPresent())
                        .forEach(t -> items.add(new Item(name, t)));
            }
        });
        List<Load> loads = new ArrayList<>();
        model.owners().forEach((owner, budget) -> load("owner", owner, budget.points(), budget.location(),
                items, task -> task.owner().filter(o -> same(o, owner)).isPresent(), stream).ifPresent(loads::add));
        model.teams().forEach((name, team) -> load("team", name, team.points(), team.location(),
                items, task -> task.owner().filter(o -> covers(team, o)).isPresent(), stream).ifPresent(loads::add));
        return loads;
    }

    /**
     * Whether two names name one owner: compared by {@link PersonNames#identity}, so {@code Bob},
     * {@code bob } and a full-width {@code ｂｏｂ} are charged to {@code bob}'s budget.
     */
    private static boolean same(String owner, String budgeted) {
        return PersonNames.identity(owner).equals(PersonNames.identity(budgeted));
    }

    private static boolean covers(CapacityModel.Team team, String owner) {
        return same(owner, team.name()) || team.members().stream().anyMatch(member -> same(owner, member));
    }

    /**
     * The checked stream's work whose owner's name is not clear ({@link PersonNames#unclear}: an
     * invisible character, look-alike punctuation, mixed scripts): such a name could be a budgeted
     * owner's to a reader and another to the check, so its effort could escape the budget. Each is an
     * error at its task, whether or not the name is in the model.
     */
    static List<Finding> unclearOwners(CapacityModel model, TaskBreakdown own) {
        List<Finding> findings = new ArrayList<>();
        for (Task task : own.tasks()) {
            if (task.status() == TaskStatus.DROPPED || task.effort().isEmpty() || task.owner().isEmpty()) {
                continue;
            }
            String owner = task.owner().get();
            PersonNames.unclear(owner.strip()).ifPresent(why -> findings.add(Finding.error(CrossStreamCodes.CAPACITY,
                    task.id() + ": owner `" + owner + "` " + why + ", so the capacity model (" + model.source()
                            + ") cannot tell whose budget its " + plain(task.effort().get()) + " points count against;"
                            + " write the owner as the capacity model names them", task.location()).withTask(task.id())));
        }
        return findings;
    }

    static List<Finding> findings(List<Load> loads, String stream, TaskBreakdown own) {
        List<Finding> findings = new ArrayList<>();
        for (Load load : loads) {
            if (!load.over()) {
                continue;
            }
            String first = load.tasks().keySet().stream().filter(t -> t.startsWith(stream + ":")).findFirst()
                    .orElseThrow();
            Task task = own.task(first.substring(stream.length() + 1)).orElseThrow();
            String tasks = load.tasks().entrySet().stream().map(e -> e.getKey() + " " + plain(e.getValue()))
                    .collect(Collectors.joining(", "));
            findings.add(Finding.error(CrossStreamCodes.CAPACITY, load.kind() + " " + load.name() + " is planned for "
                    + plain(load.points()) + " points in cycle " + own.cycleId() + " (" + tasks + ") but has a capacity of " + plain(load.capacity()) + " (" + load.budget()
                    + "); move or re-estimate work", task.location()).withTask(task.id()));
        }
        return findings;
    }

    private static Optional<Load> load(String kind, String name, BigDecimal capacity, SourceLocation budget,
            List<Item> items, Predicate<Task> counts, String stream) {
        List<Item> mine = items.stream().filter(item -> counts.test(item.task())).toList();
        if (mine.stream().noneMatch(item -> item.stream().equals(stream))) {
            return Optional.empty();
        }
        BigDecimal points = mine.stream().map(item -> item.task().effort().orElseThrow())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, BigDecimal> byTask = new LinkedHashMap<>();
        mine.forEach(item -> byTask.put(item.stream() + ":" + item.task().id(), item.task().effort().orElseThrow()));
        return Optional.of(new Load(kind, name, points, capacity, budget, byTask));
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
