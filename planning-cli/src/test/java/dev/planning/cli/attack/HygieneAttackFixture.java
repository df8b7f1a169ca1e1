package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A contributor without keys, on a committed copy of the frontend example: edits files, commits
 * them, runs the CLI, and shows what changed on disk.
 */
final class HygieneAttackFixture {

    static final String PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";
    static final String EVENTS = "frameworks/planning-fe/events/2025-09-02.events.jsonl";
    static final String MANIFEST = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";
    static final String DECISIONS = "frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml";

    final Path ws;

    private HygieneAttackFixture(Path ws) {
        this.ws = ws;
    }

    /** A fresh committed copy of the example under {@code dir}. */
    static HygieneAttackFixture fresh(Path dir) {
        try {
            return new HygieneAttackFixture(CycleScript.committedExample(dir));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String read(String path) {
        try {
            return Files.readString(ws.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces one exact piece of a file's text, failing when it is not there exactly once. */
    HygieneAttackFixture edit(String path, String from, String to) {
        String text = read(path);
        assertThat(text.split(Pattern.quote(from), -1)).as(from + " in " + path).hasSize(2);
        write(path, text.replace(from, to));
        return this;
    }

    HygieneAttackFixture write(String path, String text) {
        try {
            Path file = ws.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Commits everything, as the contributor would before asking for a gate. */
    HygieneAttackFixture commit(String message) {
        try (Git git = Git.open(ws.toFile())) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Mallory", "mallory@example.org");
            git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** A command on the cycle {@code fe/2025-09-02}. */
    CliRun run(String command, String... more) {
        return CliRun.of(CycleScript.cycle(ws, command, more));
    }

    CliRun lint() {
        return CliRun.of("lint", "-w", ws.toString());
    }

    /** Every file under the workspace but {@code .git}, with its SHA-256 (links by target). */
    Map<String, String> snapshot() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(ws)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String name = ws.relativize(p).toString().replace('\\', '/');
                if (name.equals(".git") || name.startsWith(".git/")) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    files.put(name, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.put(name, sha256(Files.readAllBytes(p)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
