package dev.planning.engine.internal.digest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.InvalidInputException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.ImprovementAction;
import dev.planning.api.gate.Finding;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.artifact.DecisionLogReader;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.artifact.ReadResult;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a cycle's decision log ({@code decisions/{cycle}-decision_log.yaml}, sealed with the plan)
 * and its retrospective ({@code retros/{cycle}-retrospective.yaml}, written after the handoff, same
 * format) say for its digest: waivers, decisions, and the improvement actions
 * ({@code improvement_actions:}) to carry into the next cycle. Waivers count only from the decision
 * log, since governance judged the handoff with those.
 *
 * @param waivers   governance waivers
 * @param decisions decisions taken
 * @param actions   improvement actions, in written order
 */
public record CycleDecisions(List<Waiver> waivers, List<Decision> decisions, List<ImprovementAction> actions) {

    public CycleDecisions {
        waivers = List.copyOf(waivers);
        decisions = List.copyOf(decisions);
        actions = List.copyOf(actions);
    }

    /** One recorded decision. */
    public record Decision(String id, String summary, Optional<String> decidedBy, Optional<LocalDate> date) {
        public Decision {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(decidedBy, "decidedBy");
            Objects.requireNonNull(date, "date");
        }
    }

    /**
     * Reads a cycle's decision log and retrospective together.
     *
     * @throws InvalidInputException when either is invalid, or two improvement actions share an id
     */
    public static CycleDecisions readAll(Path workspace, WorkspaceLayout layout, CycleRef cycle) {
        CycleDecisions log = read(workspace, layout.decisionLog(cycle));
        CycleDecisions retro = read(workspace, layout.retrospective(cycle));
        List<ImprovementAction> actions = new ArrayList<>(log.actions());
        for (ImprovementAction action : retro.actions()) {
            if (actions.stream().anyMatch(a -> a.id().equals(action.id()))) {
                throw new InvalidInputException("improvement action '" + action.id() + "' is in both "
                        + layout.decisionLog(cycle) + " and " + layout.retrospective(cycle));
            }
            actions.add(action);
        }
        List<Decision> decisions = new ArrayList<>(log.decisions());
        decisions.addAll(retro.decisions());
        return new CycleDecisions(log.waivers(), decisions, actions);
    }

    /**
     * Reads the decision log at a workspace-relative path.
     *
     * @throws InvalidInputException with the first finding when the log is invalid, or when two
     *                               improvement actions share an id
     */
    public static CycleDecisions read(Path workspace, String path) {
        Path file = SafePaths.resolve(workspace, path);
        if (!DirectoryEntries.isRegularFile(workspace, file, "the digest reports the cycle's decisions and improvement actions")) {
            return new CycleDecisions(List.of(), List.of(), List.of());
        }
        LocatedDocument document = YamlDocuments.read(file, path);
        ReadResult<List<Waiver>> waivers = new DecisionLogReader().read(document);
        if (waivers.model().isEmpty()) {
            List<Finding> errors = waivers.findings().stream()
                    .filter(f -> f.severity() == dev.planning.api.gate.Severity.ERROR).toList();
            throw ErrorList.exception("invalid decision log", errors.isEmpty() ? waivers.findings() : errors,
                    document.fileLocation());
        }
        List<Decision> decisions = new ArrayList<>();
        for (JsonNode node : document.root().path("decisions")) {
            decisions.add(new Decision(node.get("id").asText(), node.get("summary").asText(),
                    text(node, "decided_by"), text(node, "date").map(LocalDate::parse)));
        }
        List<ImprovementAction> actions = new ArrayList<>();
        JsonNode list = document.root().path("improvement_actions");
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String id = node.get("id").asText();
            if (actions.stream().anyMatch(a -> a.id().equals(id))) {
                throw new InvalidInputException("duplicate improvement action id '" + id + "'",
                        document.locate("/improvement_actions/" + i + "/id"));
            }
            List<String> tags = new ArrayList<>();
            node.path("tags").forEach(t -> tags.add(t.asText()));
            actions.add(new ImprovementAction(id, node.get("action").asText(), node.get("owner").asText(),
                    text(node, "due").map(LocalDate::parse), tags));
        }
        return new CycleDecisions(waivers.model().get(), decisions, actions);
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
