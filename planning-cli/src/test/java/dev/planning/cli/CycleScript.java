package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.engine.fixtures.GitFixture;
import dev.planning.engine.fixtures.PreparedCopies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Walks a copy of the frontend example through the lifecycle with the CLI, the way a team would:
 * commit, advance, seal, sign as PM, TechLead and QA, then advance with the trust file.
 */
public final class CycleScript {

    public static final String[] ROLES = {"PM", "TechLead", "QA"};

    private CycleScript() {
    }

    /**
     * A committed copy of the frontend example under {@code dir/ws}: a copy of one repository made
     * once per test JVM ({@link PreparedCopies}), so every test gets the same commit in its own copy.
     */
    public static Path committedExample(Path dir) throws Exception {
        return PreparedCopies.copy("fe-committed", CycleScript::commitExample, dir.resolve("ws"));
    }

    private static void commitExample(Path ws) {
        CliRun.copyOf("fe-2025-09-02", ws);
        GitFixture.commitAll(ws, "plan");
    }

    /**
     * Keys for the three roles the default signing policy requires, and their trust file, under
     * {@code dir/keys}: generated with {@code keys generate} once per test JVM, each test getting
     * its own copy of the same keys ({@link PreparedCopies}).
     */
    public static Path keys(Path dir) {
        return PreparedCopies.copy("keys", keys -> {
            for (String role : ROLES) {
                ok("keys", "generate", "--role", role, "--out", keys.toString());
            }
        }, dir.resolve("keys"));
    }

    /**
     * {@link #committedExample} in {@code dir/ws} and {@link #keys} in {@code dir/keys}, taken to
     * VALIDATED by {@link #toValidated}: the steps run once per test JVM ({@link PreparedCopies}),
     * each caller gets its own copy. Returns the workspace.
     */
    public static Path validatedExample(Path dir) {
        return PreparedCopies.copy("fe-validated", template -> {
            try {
                toValidated(committedExample(template), keys(template));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, dir).resolve("ws");
    }

    /** Advances {@code fe/2025-09-02} to VALIDATED: seals and signs on the way, imports the outcomes. */
    public static Path toValidated(Path ws, Path keys) {
        toExecutedWithOutcomes(ws, keys);
        ok(cycle(ws, "advance", "--to", "VALIDATED", "--trust", keys.resolve("trust.yaml").toString()));
        return ws;
    }

    /** Advances {@code fe/2025-09-02} to EXECUTED, sealing and signing on the way, and imports the outcomes. */
    public static Path toExecutedWithOutcomes(Path ws, Path keys) {
        String trust = keys.resolve("trust.yaml").toString();
        ok(cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        ok(cycle(ws, "advance", "--to", "PACKAGED"));
        signAll(ws, keys);
        ok(cycle(ws, "advance", "--to", "EXECUTED", "--trust", trust));
        importOutcomes(ws);
        return ws;
    }

    /** Signs the sealed handoff of {@code fe/2025-09-02} as PM, TechLead and QA, verifies it and advances it to EXECUTED. */
    public static void signVerifyAndExecute(Path ws, Path keys) {
        String trust = keys.resolve("trust.yaml").toString();
        signAll(ws, keys);
        ok(cycle(ws, "verify", "--trust", trust));
        ok(cycle(ws, "advance", "--to", "EXECUTED", "--trust", trust));
    }

    private static void signAll(Path ws, Path keys) {
        Path manifest = ws.resolve("frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml");
        for (String role : ROLES) {
            ok("sign", manifest.toString(), "--role", role, "--key", keys.resolve(role + ".key.pem").toString(),
                    "--trust", keys.resolve("trust.yaml").toString());
        }
    }

    /**
     * Imports what execution produced into {@code fe/2025-09-02}: tests, coverage, accessibility,
     * deployments (the demo's inputs).
     */
    public static void importOutcomes(Path ws) {
        ok(cycle(ws, "import", outcomeFiles(ws).toArray(String[]::new)));
    }

    /**
     * The demo's outcome files of {@code fe/2025-09-02}, sorted, its deployments file {@linkplain #afterNow dated
     * next year}: what a test imports into a cycle the command line created at the real clock.
     */
    public static List<String> outcomeFiles(Path ws) {
        Path outcomes = Path.of("..", "planning-examples", "demo", "outcomes", "2025-09-02").toAbsolutePath()
                .normalize();
        try (Stream<Path> list = Files.list(outcomes)) {
            return list.map(p -> p.getFileName().toString().equals("deployments.yaml") ? afterNow(p, ws).toString()
                    : p.toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The demo's deployments file, written beside {@code ws} with its dates moved from 2025 to next year: the command
     * line creates the cycle at the real clock, and a deployment dated before the cycle's creation is refused
     * (docs/metrics.md, "Recording delivery"). Its dates all lie in September, so every duration stays as it was.
     */
    public static Path afterNow(Path deployments, Path ws) {
        try {
            String year = Integer.toString(Year.now(ZoneOffset.UTC).getValue() + 1);
            Path moved = ws.resolveSibling(ws.getFileName() + "-deployments.yaml");
            Files.writeString(moved, Files.readString(deployments, StandardCharsets.UTF_8)
                    .replace("2025-", year + "-"), StandardCharsets.UTF_8);
            return moved;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String[] cycle(Path ws, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "-w", ws.toString(), "--stream", "fe", "--cycle",
                "2025-09-02"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    public static CliRun ok(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run;
    }
}
