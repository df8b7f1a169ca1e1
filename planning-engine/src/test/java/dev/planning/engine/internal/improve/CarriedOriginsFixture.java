package dev.planning.engine.internal.improve;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.seal.Discrepancy;
import java.util.List;
import java.util.function.Function;

/**
 * What the carried-origin tests share: {@link CycleImproverTest}'s two cycles, the first's digest, a plan's task for
 * the story and a task carried with an origin, and cycles read through a test's own answers.
 */
final class CarriedOriginsFixture {

    /** The cycle whose digest's improvement actions are carried. */
    static final CycleRef FIRST = CycleImproverTest.FIRST;
    /** The cycle whose plan carries them. */
    static final CycleRef NEXT = CycleImproverTest.NEXT;
    static final WorkspaceLayout LAYOUT = WorkspaceLayout.DEFAULT;
    /** {@link #FIRST}'s digest, as the layout places it. */
    static final String DIGEST = LAYOUT.digest(FIRST);
    /** A task of the plan linked to the story map's story. */
    static final String STORY = "{id: FE-1, title: Catalogue, linked_story_map_nodes: [S-BROWSE-1]}";

    private CarriedOriginsFixture() {
    }

    /** A task of the plan, with no story, carried from {@code origin}. */
    static String carried(String id, String origin) {
        return "{id: " + id + ", title: Carried, origin: \"" + origin + "\"}";
    }

    /** Cycles read as {@code status} answers, their history past {@code PACKAGED} checked as {@code history} does. */
    static CarriedOrigins.TrustedCycles cycles(Function<CycleRef, CycleStatus> status,
            Function<CycleStatus, List<Discrepancy>> history) {
        return new CarriedOrigins.TrustedCycles() {
            @Override
            public CycleStatus status(CycleRef cycle) {
                return status.apply(cycle);
            }

            @Override
            public List<Discrepancy> checkHistory(CycleStatus checked) {
                return history.apply(checked);
            }
        };
    }
}
