package dev.planning.engine.internal.lifecycle;

import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.GateStep;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Places a gate's findings about a file that does not exist (a missing story map, a coverage report
 * directory with no report) at the gate's entry in the rulebook's profile, the line that made the
 * gate need the file: a code host annotates only files it has, so a result on an absent file would
 * be dropped. The missing path stays in the message and is added to the finding's facts as
 * {@value #FACT}.
 */
final class MissingFileFindings {

    /** The fact naming the missing path. */
    static final String FACT = "missing_file";

    private MissingFileFindings() {
    }

    /** The result, with each finding located at an absent file moved to {@code gate}'s profile entry. */
    static GateResult relocate(String gate, GateResult result, GateContext context) {
        if (result.findings().stream().noneMatch(f -> absent(f, context.workspace()))) {
            return result;
        }
        Optional<SourceLocation> entry = profileEntry(gate, context);
        if (entry.isEmpty()) {
            return result;
        }
        List<Finding> findings = new ArrayList<>(result.findings().size());
        for (Finding finding : result.findings()) {
            if (!absent(finding, context.workspace())) {
                findings.add(finding);
                continue;
            }
            Map<String, String> facts = new LinkedHashMap<>(finding.facts());
            facts.putIfAbsent(FACT, finding.location().orElseThrow().file());
            findings.add(new Finding(finding.code(), finding.severity(), finding.message(), entry, finding.taskId(),
                    facts, finding.hint()));
        }
        return new GateResult(result.gate(), result.status(), findings, result.evidence());
    }

    /** Whether the finding names a file that is not a regular file of the workspace (or absolute and absent). */
    private static boolean absent(Finding finding, Path workspace) {
        Optional<SourceLocation> location = finding.location().filter(l -> !l.file().isBlank());
        if (location.isEmpty()) {
            return false;
        }
        try {
            return !Files.isRegularFile(workspace.resolve(location.get().file()));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Where {@code gate} is named in the profile step of the context's transition, if it is. */
    private static Optional<SourceLocation> profileEntry(String gate, GateContext context) {
        GateProfile profile = context.rulebook().profileFor(context.cycle().stream());
        if (profile == null) {
            return Optional.empty();
        }
        List<GateStep> steps = profile.steps();
        for (int s = 0; s < steps.size(); s++) {
            GateStep step = steps.get(s);
            int index = step.gates().indexOf(gate);
            if (step.from() == context.transition().from() && step.to() == context.transition().to() && index >= 0) {
                SourceLocation located = RulebookLoader.locateGate(context.rulebook(), context.workspace(),
                        profile.name(), s, index);
                return located.line() > 0 ? Optional.of(located) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
