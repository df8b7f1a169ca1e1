package dev.planning.cli.hostile;

import static dev.planning.cli.hostile.HostileCorpus.BAD_INPUT;
import static dev.planning.cli.hostile.HostileCorpus.FAILS;
import static dev.planning.cli.hostile.HostileCorpus.STORY;
import static dev.planning.cli.hostile.HostileCorpus.TASKS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Path traversal through cycle ids and stream names on every command, and symbolic links out of the workspace. */
final class PathCorpus {

    private static final List<String> BAD_CYCLES = List.of("../../outside", "..", "/etc/passwd", "a/b", "..\\..\\x",
            "x\u0000y", "", "a".repeat(65), ".git", "-rf", "2025-09-02/../../outside", "2025 09 02", "\u00e9t\u00e9");
    private static final List<String> BAD_STREAMS = List.of("../x", "FE", "a/b", "", "fe/../../outside");

    private PathCorpus() {
    }

    static List<HostileCase> cases() {
        List<HostileCase> cases = new ArrayList<>();
        String[][] commands = {
            {"lint"}, {"gate", "--to", "READY_FOR_HANDOFF"}, {"advance", "--to", "READY_FOR_HANDOFF"}, {"status"},
            {"seal", "--allow-dirty"}, {"digest"}, {"verify"}, {"improve", "--next", "2025-09-16"},
        };
        for (String[] command : commands) {
            for (String cycle : BAD_CYCLES) {
                cases.add(new HostileCase(command[0] + " --cycle '" + printable(cycle) + "'", "plain", dir -> { },
                        dir -> with(command, dir, "fe", cycle), BAD_INPUT, "cycle", List.of()));
            }
        }
        for (String[] command : new String[][] {{"lint"}, {"advance", "--to", "READY_FOR_HANDOFF"}, {"seal"}, {"verify"}}) {
            for (String stream : BAD_STREAMS) {
                cases.add(new HostileCase(command[0] + " --stream '" + stream + "'", "plain", dir -> { },
                        dir -> with(command, dir, stream, HostileCorpus.CYCLE), BAD_INPUT, "stream", List.of()));
            }
        }
        cases.addAll(symlinks());
        return cases;
    }

    private static List<HostileCase> symlinks() {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(link("task breakdown links outside", TASKS, "outside/tasks.yaml", true,
                dir -> HostileCorpus.cycleArgs("lint", dir), "fe_task_breakdown.yaml"));
        cases.add(link("task breakdown links to /etc/passwd", TASKS, "/etc/passwd", false,
                dir -> HostileCorpus.cycleArgs("lint", dir), "fe_task_breakdown.yaml"));
        cases.add(link("story map links outside (gate)", STORY, "outside/story.md", true,
                dir -> HostileCorpus.cycleArgs("gate", dir, "--to", "READY_FOR_HANDOFF"), "story_map.md"));
        cases.add(link("stream directory links outside", "ws/frameworks/planning-fe", "outside/planning-fe", true,
                dir -> HostileCorpus.cycleArgs("lint", dir), "planning-fe"));
        cases.add(link("evidence directory links outside (advance)", "ws/frameworks/planning-fe/evidence", "outside/evidence",
                true, dir -> HostileCorpus.cycleArgs("advance", dir, "--to", "READY_FOR_HANDOFF"), "evidence"));
        cases.add(link("events directory links outside (advance)", "ws/frameworks/planning-fe/events", "outside/events",
                true, dir -> HostileCorpus.cycleArgs("advance", dir, "--to", "READY_FOR_HANDOFF"), "events"));
        cases.add(link("manifests directory links outside (seal)", "ws/frameworks/planning-fe/manifests", "outside/manifests",
                true, dir -> HostileCorpus.cycleArgs("seal", dir, "--allow-dirty"), "manifests"));
        cases.add(link("digests directory links outside (digest)", "ws/frameworks/planning-fe/digests", "outside/digests",
                true, dir -> HostileCorpus.cycleArgs("digest", dir), "digest"));
        cases.add(link("rule file links outside the rulebook", "ws/rulebook/rules/extra.drl", "outside/extra.drl", true,
                dir -> HostileCorpus.cycleArgs("gate", dir, "--to", "READY_FOR_HANDOFF"), "extra.drl"));
        cases.add(link("dangling link as task breakdown", TASKS, "outside/missing.yaml", false,
                dir -> HostileCorpus.cycleArgs("lint", dir), "fe_task_breakdown.yaml"));
        return cases;
    }

    /**
     * Replaces {@code path} with a link to {@code target} ({@code outside/...} is beside the
     * workspace, created as a copy of what was there when {@code copy} is set).
     */
    private static HostileCase link(String name, String path, String target, boolean copy,
            Function<Path, String[]> args, String mentions) {
        return new HostileCase("symlink: " + name, "plain", dir -> {
            Path link = dir.resolve(path);
            Path to = target.startsWith("/") ? Path.of(target) : dir.resolve(target);
            if (copy && !target.startsWith("/")) {
                Files.createDirectories(to.getParent());
                if (Files.isDirectory(link)) {
                    Files.move(link, to);
                } else if (Files.exists(link)) {
                    Files.move(link, to);
                } else if (to.toString().endsWith(".drl")) {
                    Files.writeString(to, "package x;\n");
                } else {
                    Files.createDirectories(to);
                }
            } else {
                Files.deleteIfExists(link);
            }
            Files.createDirectories(link.getParent());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, to);
        }, args, FAILS, mentions, List.of());
    }

    private static String[] with(String[] command, Path dir, String stream, String cycle) {
        List<String> args = new ArrayList<>(List.of(command[0], "-w", dir.resolve("ws").toString(), "--stream", stream,
                "--cycle", cycle));
        args.addAll(List.of(command).subList(1, command.length));
        return args.toArray(String[]::new);
    }

    static String printable(String s) {
        return s.length() > 20 ? s.substring(0, 12) + "...(" + s.length() + ")" : s.replace("\u0000", "\\0");
    }
}
