package dev.planning.engine.internal.seal;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.engine.internal.git.GitRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which commit a seal binds to (bind25): the content sealed at {@code snapshot_rev} must be content of
 * {@code HEAD}'s first-parent line. Some commit C of that line, walking from {@code HEAD}, must hold every input
 * the gates read at {@code snapshot_rev} (the cycle's plan files, other streams' plans, the capacity model) and the
 * rulebook directory as the same git objects, and its gates must read no other input. {@code snapshot_rev} on the
 * line holds at once.
 *
 * <p>Why content and not ancestry: a commit the contributor chooses holds whatever inputs they chose, and a merge
 * that takes none of its changes ({@code git merge -s ours}) makes it an ancestor of {@code HEAD} while no commit of
 * the reviewed line ever held those inputs. Content also keeps a handoff that landed unchanged by a squash merge or
 * a rebase verifiable, where ancestry refused it. A branch sealed before the line changed one of its inputs (another
 * stream's plan, the capacity model, the rulebook) and then merged is refused too: the merge holds a set no gate
 * judged.
 *
 * <p>Fails closed: a git error propagates ({@link dev.planning.api.PlanningException}); a line longer than the
 * bound is refused ({@link dev.planning.api.InvalidInputException}); a manifest that names no cycle (its inputs
 * cannot be told) binds only when {@code snapshot_rev} itself is on the line.
 */
final class SnapshotBinding {

    /** The most differing paths a refusal names; the rest are counted. */
    private static final int SHOWN = 5;

    private SnapshotBinding() {
    }

    /**
     * The binding's outcome: a refusal, or a note when the commit that holds the sealed set is not {@code HEAD}.
     *
     * @param refused a {@code SNAPSHOT_REV_MISSING} discrepancy when no commit of the line holds the sealed set
     * @param note    what {@code HEAD} holds other than the sealed set, when an older commit of the line holds it
     */
    record Outcome(Optional<Discrepancy> refused, Optional<String> note) {
    }

    /**
     * Whether a commit of {@code HEAD}'s first-parent line holds the sealed set of {@code rev}.
     *
     * @param rev    a commit of the repository ({@link GitRepository#hasCommit})
     * @param cycle  the manifest's cycle; empty when it names none
     * @param inputs the inputs the gates of {@code cycle} read at {@code rev}; present when {@code cycle} is
     */
    static Outcome check(GitRepository git, WorkspaceLayout layout, Optional<CycleRef> cycle,
            Optional<Set<String>> inputs, String rev, String display) {
        List<String> paths = new ArrayList<>(inputs.orElse(Set.of()));
        paths.add(layout.rulebookDir());
        Map<String, String> sealed = git.objects(rev, paths);
        Predicate<String> holds = commit -> commit.equals(rev) || cycle.isPresent()
                && git.objects(commit, paths).equals(sealed)
                && SealedInputs.committedInputs(git, layout, cycle.get(), commit).equals(inputs);
        Optional<String> holder = git.onFirstParentLine(holds, "the sealed set of snapshot_rev " + rev);
        Optional<String> head = git.head();
        if (holder.isPresent()) {
            // Told, not refused: the line held the sealed set at that commit, and an input of another stream (or
            // the capacity model) changed or appeared since; the verdicts judge the sealed set, pinned.
            return new Outcome(Optional.empty(), holder.equals(head) ? Optional.empty() : Optional.of("the sealed set"
                    + " is the content of commit " + holder.get() + " of HEAD's first-parent line, not of HEAD: "
                    + differences(git, layout, cycle, inputs, paths, sealed, head.orElseThrow())
                    + " (the verdicts judge the sealed set; the gates over HEAD may judge otherwise)"));
        }
        String atHead = head.map(commit -> differences(git, layout, cycle, inputs, paths, sealed, commit))
                .orElse("the repository has no HEAD");
        return new Outcome(Optional.of(Discrepancy.of(DiscrepancyKind.SNAPSHOT_REV_MISSING, display, "a commit of HEAD's"
                + " first-parent line holding the sealed set of commit " + rev, "no commit of the line holds it",
                "snapshot_rev " + rev + " is not on HEAD's first-parent line, and no commit of that line holds the sealed"
                + " set as committed there (the inputs the gates read and the rulebook directory " + layout.rulebookDir()
                + ", compared by git object id): " + atHead + ". The inputs the handoff was judged on are not the"
                + " content of the history checked out here (a merge that took none of the sealed commit's changes,"
                + " or a branch sealed before this line changed one of its inputs): seal again from a commit of"
                + " this line")), Optional.empty());
    }

    /** What {@code HEAD} holds other than the sealed set: each differing path, the first few named. */
    private static String differences(GitRepository git, WorkspaceLayout layout, Optional<CycleRef> cycle,
            Optional<Set<String>> inputs, List<String> paths, Map<String, String> sealed, String head) {
        if (cycle.isEmpty()) {
            return "the manifest names no cycle, so its inputs cannot be told and only snapshot_rev itself on the"
                    + " line binds it";
        }
        List<String> found = new ArrayList<>();
        Map<String, String> there = git.objects(head, paths);
        for (String path : paths) {
            if (!there.get(path).equals(sealed.get(path))) {
                found.add(path + " is " + shown(there.get(path)) + " at HEAD, " + shown(sealed.get(path))
                        + " at snapshot_rev");
            }
        }
        Set<String> read = new TreeSet<>(SealedInputs.committedInputs(git, layout, cycle.get(), head).orElse(Set.of()));
        read.removeAll(inputs.orElse(Set.of()));
        read.forEach(path -> found.add(path + " is an input of the gates at HEAD, not at snapshot_rev"));
        String named = String.join("; ", found.subList(0, Math.min(SHOWN, found.size())));
        return "at HEAD " + head + ", " + named + (found.size() > SHOWN ? "; and " + (found.size() - SHOWN)
                + " more" : "");
    }

    private static String shown(String object) {
        return object.equals("none") ? "absent" : object.startsWith("40000 ") ? "tree " + object.substring(6)
                : "blob " + object.substring(object.indexOf(' ') + 1);
    }
}
