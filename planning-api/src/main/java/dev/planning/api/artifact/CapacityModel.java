package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.SourceLocation;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The capacity model ({@code frameworks/capacity.yaml}): how many effort points each owner and
 * each team can take on per cycle, across all streams.
 *
 * @param owners budgets by owner name, as tasks' {@code owner} field spells it
 * @param teams  team budgets by team name
 * @param source the workspace-relative file it was read from
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CapacityModel(Map<String, Budget> owners, Map<String, Team> teams, String source) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param owners budgets by owner name, as tasks' {@code owner} field spells it
     * @param teams team budgets by team name
     * @param source the workspace-relative file it was read from
     */
    public CapacityModel {
        owners = Collections.unmodifiableMap(new LinkedHashMap<>(owners));
        teams = Collections.unmodifiableMap(new LinkedHashMap<>(teams));
        Objects.requireNonNull(source, "source");
    }

    /**
     * A model with no budgets: nothing is over capacity.
     *
     * @param source where the model would have come from, for messages
     * @return a model with no budgets: nothing is over capacity
     */
    public static CapacityModel empty(String source) {
        return new CapacityModel(Map.of(), Map.of(), source);
    }

    /**
     * The budget of one owner, if the model sets one.
     *
     * @param name an owner, as tasks name it
     * @return the budget of one owner, if the model sets one
     */
    public Optional<Budget> owner(String name) {
        return Optional.ofNullable(owners.get(name));
    }

    /**
     * One owner's points per cycle.
     *
     * @param points   points per cycle, never negative
     * @param location where it is written
     */
    public record Budget(BigDecimal points, SourceLocation location) {
        /**
         * Creates the record; the class comment says what each component holds.
         *
         * @param points points per cycle, never negative
         * @param location where it is written
         */
        public Budget {
            Objects.requireNonNull(points, "points");
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * A team's shared budget: the tasks of its members, and tasks owned by the team's own name,
     * count against it.
     *
     * @param name     the team's name
     * @param points   points per cycle, never negative
     * @param members  the owners that belong to it
     * @param location where it is written
     */
    public record Team(String name, BigDecimal points, List<String> members, SourceLocation location) {
        /**
         * Creates the record; the class comment says what each component holds.
         *
         * @param name the team's name
         * @param points points per cycle, never negative
         * @param members the owners that belong to it
         * @param location where it is written
         */
        public Team {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(points, "points");
            members = List.copyOf(members);
            Objects.requireNonNull(location, "location");
        }

        /**
         * Whether a task with this owner counts against the team.
         *
         * @param owner a task's owner, as the plan names it
         * @return whether a task with this owner counts against the team
         */
        public boolean covers(String owner) {
            return owner.equals(name) || members.contains(owner);
        }
    }
}
