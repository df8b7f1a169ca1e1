package dev.planning.cli.hostile;

import dev.planning.cli.CycleScript;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The workspaces hostile cases start from, made once per JVM: {@code plain} (a copy of the frontend
 * example) and {@code sealed} (a committed copy advanced to PACKAGED and signed by PM, TechLead and
 * QA, with the keys and trust file beside it in {@code keys/}).
 */
final class Templates {

    static final String MANIFEST = "ws/frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";

    private static Path root;

    private Templates() {
    }

    /** Copies template {@code name} into {@code target} (which then holds {@code ws/}, and {@code keys/} when sealed). */
    static synchronized void copy(String name, Path target) {
        try {
            WorkspaceCopies.copy(template(name), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path template(String name) throws IOException {
        if (root == null) {
            Path dir = Files.createTempDirectory("planning-hostile-templates");
            // deleteOnExit cannot remove a non-empty directory: the whole tree (private keys
            // included) goes when the test JVM ends.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            dev.planning.cli.CliRun.copyOf("fe-2025-09-02", dir.resolve("plain/ws"));
            Path sealed = dir.resolve("sealed");
            try {
                Path ws = CycleScript.committedExample(sealed);
                Path keys = CycleScript.keys(sealed);
                CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
                CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));
                for (String role : CycleScript.ROLES) {
                    CycleScript.ok("sign", ws.resolve(MANIFEST.substring(3)).toString(), "--role", role, "--key",
                            keys.resolve(role + ".key.pem").toString(), "--trust", keys.resolve("trust.yaml").toString());
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot prepare the sealed template", e);
            }
            root = dir;
        }
        return root.resolve(name);
    }

    /** Removes a directory tree; what cannot be removed is left, silently (the JVM is ending). */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // nothing more can be done at shutdown
        }
    }
}
