package dev.planning.engine.internal.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.workspace.SafePaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Places the governance gate's findings about a waiver (one expiring soon, one expired, one that
 * matched no violation) at that waiver in the decision log, not at the file as a whole: at its
 * {@code expires} value when the finding is about its expiry, else at the waiver's entry. The gate
 * sees waivers as parsed values, without positions; the decision log it read is parsed here again
 * for the positions only. A waiver that cannot be found (or a log that cannot be read now) leaves
 * the finding where it was.
 */
final class WaiverFindings {

    private static final Set<String> CODES = Set.of("governance.waiver-expiring", "governance.unused-waiver");

    private WaiverFindings() {
    }

    /** The result, with each whole-file finding about a waiver moved to that waiver's entry. */
    static GateResult locate(GateResult result, GateContext context) {
        if (result.findings().stream().noneMatch(WaiverFindings::aboutAWaiverFile)) {
            return result;
        }
        Map<String, Optional<LocatedDocument>> documents = new HashMap<>();
        Set<String> used = new HashSet<>();
        List<Finding> findings = new ArrayList<>(result.findings().size());
        for (Finding finding : result.findings()) {
            if (!aboutAWaiverFile(finding)) {
                findings.add(finding);
                continue;
            }
            String file = finding.location().orElseThrow().file();
            Optional<SourceLocation> at = documents.computeIfAbsent(file, f -> read(context, f))
                    .flatMap(document -> entry(document, finding, used));
            findings.add(at.map(l -> new Finding(finding.code(), finding.severity(), finding.message(), Optional.of(l),
                    finding.taskId(), finding.facts(), finding.hint())).orElse(finding));
        }
        return new GateResult(result.gate(), result.status(), findings, result.evidence());
    }

    private static boolean aboutAWaiverFile(Finding finding) {
        return CODES.contains(finding.code()) && finding.taskId().isPresent()
                && finding.location().filter(l -> !l.hasLine() && !l.file().isBlank()).isPresent();
    }

    private static Optional<LocatedDocument> read(GateContext context, String file) {
        try {
            return Optional.of(YamlDocuments.read(SafePaths.resolve(context.workspace(), file), file));
        } catch (InvalidInputException e) {
            return Optional.empty(); // the gate read it; if it cannot be read now, the file-level location stands
        }
    }

    /** The first waiver not yet placed whose rule and item the finding's message names. */
    private static Optional<SourceLocation> entry(LocatedDocument document, Finding finding, Set<String> used) {
        JsonNode waivers = document.root().path("waivers");
        for (int i = 0; i < waivers.size(); i++) {
            JsonNode waiver = waivers.path(i);
            String pointer = "/waivers/" + i;
            String prefix = "waiver of " + waiver.path("rule").asText() + " for " + waiver.path("item").asText() + " ";
            String expires = finding.facts().get("expires");
            boolean sameExpiry = expires == null || expires.equals(waiver.path("expires").asText());
            if (waiver.isObject() && finding.message().startsWith(prefix) && sameExpiry
                    && used.add(finding.code() + pointer)) {
                boolean aboutExpiry = finding.code().equals("governance.waiver-expiring")
                        || finding.message().startsWith(prefix + "expired on ");
                return Optional.of(document.locate(pointer + (aboutExpiry ? "/expires" : "")));
            }
        }
        return Optional.empty();
    }
}
