package dev.planning.cli.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written hostile files under {@code src/test/resources/hostile/}, each standing in for the
 * file its prefix names: {@code tasks-*} for the task breakdown, {@code story-*} for the story map,
 * {@code rules-*} for an extra rule file. Each runs through lint and the first transition's gates.
 */
final class CheckedInCorpus {

    private static final List<String> FILES = List.of("tasks-billion-laughs.yaml", "tasks-java-tag.yaml",
            "tasks-merge-keys.yaml", "story-bom-crlf-broken.md", "story-traversal-ids.md", "rules-endless.drl",
            "rules-exfiltrate.drl", "rules-mvel-exit.drl");

    private CheckedInCorpus() {
    }

    static List<HostileCase> cases() {
        List<HostileCase> cases = new ArrayList<>();
        for (String name : FILES) {
            String target = name.startsWith("tasks-") ? HostileCorpus.TASKS
                    : name.startsWith("story-") ? HostileCorpus.STORY : "ws/rulebook/rules/hostile.drl";
            String mentions = name.startsWith("tasks-") ? "fe_task_breakdown.yaml"
                    : name.startsWith("story-") ? "story_map.md" : "hostile.drl";
            HostileCase.Spoiler spoil = dir -> Files.write(dir.resolve(target), resource(name));
            if (!name.startsWith("rules-")) {
                cases.add(new HostileCase("file " + name + " (lint)", "plain", spoil, dir -> HostileCorpus.args("lint", dir),
                        HostileCorpus.FAILS, mentions, List.of()));
            }
            cases.add(new HostileCase("file " + name + " (gate)", "plain", spoil,
                    dir -> HostileCorpus.cycleArgs("gate", dir, "--to", "READY_FOR_HANDOFF"), HostileCorpus.FAILS, mentions,
                    List.of()));
        }
        return cases;
    }

    private static byte[] resource(String name) {
        try (InputStream in = CheckedInCorpus.class.getResourceAsStream("/hostile/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource hostile/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
