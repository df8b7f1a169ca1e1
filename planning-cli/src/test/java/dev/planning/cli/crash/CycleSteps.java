package dev.planning.cli.crash;

import dev.planning.api.event.EventType;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.cli.CycleScript;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The frontend example's cycle as CLI steps, each with the event that acknowledges it in the log:
 * advance, seal by advancing to PACKAGED (acknowledged by MANIFEST_SEALED), sign as three roles,
 * advance to EXECUTED, import outcomes, advance to VALIDATED, publish the digest.
 */
final class CycleSteps {

    static final String STREAM = "fe";
    static final String CYCLE = "2025-09-02";
    static final String MANIFEST = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";
    static final String DIGEST = "frameworks/planning-fe/digests/2025-09-02-digest.md";
    static final String[] ROLES = {"PM", "TechLead", "QA"};

    /** One step: its name, the event it appends, and (for advances) the state it reaches. */
    record Step(String name, EventType event, Optional<CycleState> reaches, Optional<String> role, List<String> args) {
    }

    private CycleSteps() {
    }

    static List<Step> all(Path ws, Path keys) {
        String trust = keys.resolve("trust.yaml").toString();
        List<Step> steps = new ArrayList<>();
        steps.add(advance(ws, CycleState.READY_FOR_HANDOFF));
        // Seals the manifest: done once MANIFEST_SEALED is recorded, not with the move (a kill between the
        // two leaves a seal that the same command, run again, completes).
        steps.add(new Step("advance PACKAGED", EventType.MANIFEST_SEALED, Optional.empty(), Optional.empty(),
                cycle(ws, "advance", "--to", CycleState.PACKAGED.name())));
        for (String role : ROLES) {
            steps.add(new Step("sign " + role, EventType.SIGNATURE_ADDED, Optional.empty(), Optional.of(role),
                    List.of("sign", ws.resolve(MANIFEST).toString(), "--role", role, "--key",
                            keys.resolve(role + ".key.pem").toString(), "--trust", trust)));
        }
        steps.add(advance(ws, CycleState.EXECUTED, "--trust", trust));
        List<String> importArgs = new ArrayList<>(cycle(ws, "import"));
        importArgs.addAll(CycleScript.outcomeFiles(ws));
        steps.add(new Step("import", EventType.OUTCOMES_IMPORTED, Optional.empty(), Optional.empty(), importArgs));
        steps.add(advance(ws, CycleState.VALIDATED, "--trust", trust));
        steps.add(new Step("digest", EventType.DIGEST_PUBLISHED, Optional.empty(), Optional.empty(), cycle(ws, "digest")));
        return steps;
    }

    private static Step advance(Path ws, CycleState to, String... more) {
        List<String> args = new ArrayList<>(cycle(ws, "advance", "--to", to.name()));
        args.addAll(List.of(more));
        return new Step("advance " + to, EventType.STATE_TRANSITION, Optional.of(to), Optional.empty(), args);
    }

    static List<String> cycle(Path ws, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "-w", ws.toString(), "--stream", STREAM, "--cycle", CYCLE));
        args.addAll(List.of(more));
        return args;
    }
}
