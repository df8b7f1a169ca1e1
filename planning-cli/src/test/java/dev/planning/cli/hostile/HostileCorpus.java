package dev.planning.cli.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The generated hostile-input corpus: artifacts spoiled every way the hardening issue lists, run
 * through {@code lint} and {@code gate}. Paths, manifests, links and rules are in the sibling
 * corpora; {@link HostileInputTest} runs them all.
 */
final class HostileCorpus {

    static final String STREAM = "fe";
    static final String CYCLE = "2025-09-02";
    static final String TASKS = "ws/frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";
    static final String STORY = "ws/frameworks/planning-fe/storymaps/2025-09-02-story_map.md";
    static final String RULEBOOK = "ws/rulebook/rulebook.yaml";
    static final Set<Integer> FAILS = Set.of(1, 2);
    static final Set<Integer> BAD_INPUT = Set.of(2);
    /** For mutations that may leave a valid file behind (a cut at a line end, a quote YAML still closes): no crash. */
    static final Set<Integer> ANY = Set.of(0, 1, 2);

    private HostileCorpus() {
    }

    static Stream<HostileCase> all() {
        List<HostileCase> cases = new ArrayList<>();
        cases.addAll(artifactCases(TASKS, "fe_task_breakdown.yaml", taskMutations()));
        cases.addAll(artifactCases(STORY, "story_map.md", storyMutations()));
        cases.addAll(PathCorpus.cases());
        cases.addAll(RuleCorpus.cases());
        cases.addAll(ManifestCorpus.cases());
        cases.addAll(CheckedInCorpus.cases());
        return cases.stream();
    }

    /** Each mutation of one artifact, run through lint and through the first transition's gates. */
    private static List<HostileCase> artifactCases(String file, String mentions, List<Mutation> mutations) {
        List<HostileCase> cases = new ArrayList<>();
        for (Mutation m : mutations) {
            HostileCase.Spoiler spoil = dir -> m.apply(dir.resolve(file));
            cases.add(new HostileCase("lint " + mentions + ": " + m.name(), "plain", spoil,
                    dir -> args("lint", dir), m.exits(), mentions, List.of()));
            cases.add(new HostileCase("gate " + mentions + ": " + m.name(), "plain", spoil,
                    dir -> cycleArgs("gate", dir, "--to", "READY_FOR_HANDOFF"), m.exits(), mentions, List.of()));
        }
        return cases;
    }

    static String[] args(String command, Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "-w", dir.resolve("ws").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static String[] cycleArgs(String command, Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "-w", dir.resolve("ws").toString(), "--stream", STREAM,
                "--cycle", CYCLE));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** A named change to one file's bytes, with the exit codes that are correct afterwards. */
    record Mutation(String name, Function<byte[], byte[]> change, Set<Integer> exits) {

        void apply(Path file) throws IOException {
            Files.write(file, change.apply(Files.readAllBytes(file)));
        }

        static Mutation text(String name, UnaryOperator<String> change) {
            return new Mutation(name, b -> change.apply(new String(b, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8), FAILS);
        }

        static Mutation text(String name, UnaryOperator<String> change, Set<Integer> exits) {
            return new Mutation(name, b -> change.apply(new String(b, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8), exits);
        }
    }

    private static List<Mutation> commonMutations() {
        List<Mutation> m = new ArrayList<>();
        for (int percent : new int[] {1, 3, 7, 12, 20, 33, 45, 60, 75, 90}) {
            m.add(new Mutation("truncated at " + percent + "%", b -> Arrays.copyOf(b, b.length * percent / 100),
                    ANY));
        }
        m.add(new Mutation("empty file", b -> new byte[0], FAILS));
        m.add(Mutation.text("whitespace only", s -> "   \n\n\t\n"));
        m.add(Mutation.text("comments only", s -> "# nothing here\n# at all\n"));
        m.add(new Mutation("latin-1 bytes", b -> concat(b, new byte[] {'#', ' ', (byte) 0xE9, '\n'}), FAILS));
        m.add(new Mutation("invalid utf-8 sequence mid-file", b -> insertAt(b, b.length / 2, new byte[] {(byte) 0xC3, 0x28}),
                FAILS));
        m.add(new Mutation("utf-16 with BOM", b -> new String(b, StandardCharsets.UTF_8)
                .getBytes(StandardCharsets.UTF_16), FAILS));
        m.add(new Mutation("NUL byte", b -> insertAt(b, b.length / 3, new byte[] {0}), FAILS));
        m.add(new Mutation("utf-8 BOM", b -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, b), Set.of(0, 1, 2)));
        m.add(Mutation.text("CRLF line endings", s -> s.replace("\n", "\r\n"), Set.of(0, 1)));
        m.add(Mutation.text("lone CR line endings", s -> s.replace("\n", "\r"), Set.of(0, 1, 2)));
        m.add(Mutation.text("50 MB scalar", s -> s + "\nhuge: \"" + "x".repeat(50 * 1024 * 1024) + "\"\n"));
        m.add(Mutation.text("9 MB of comments", s -> s + ("# " + "y".repeat(1022) + "\n").repeat(9 * 1024)));
        m.add(new Mutation("binary garbage", b -> {
            byte[] garbage = new byte[4096];
            new Random(7).nextBytes(garbage);
            return garbage;
        }, FAILS));
        m.add(Mutation.text("tab indentation", s -> s.replaceFirst("\n  ", "\n\t")));
        m.add(Mutation.text("unclosed flow sequence", s -> s.replaceFirst("\\[", "[["), ANY));
        m.add(Mutation.text("unclosed quote", s -> s.replaceFirst("\"", "\"\n'"), ANY));
        m.add(Mutation.text("stray colon mapping", s -> s.replaceFirst("\n", "\n: : :\n")));
        m.add(Mutation.text("bad indentation", s -> s.replaceFirst("\n  - id:", "\n      - id:")));
        return m;
    }

    private static List<Mutation> yamlBombs(UnaryOperator<String> wrap) {
        List<Mutation> m = new ArrayList<>();
        StringBuilder laughs = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i < 10; i++) {
            laughs.append('a').append(i).append(": &a").append(i).append(" [");
            for (int k = 0; k < 9; k++) {
                laughs.append(k == 0 ? "" : ",").append("*a").append(i - 1);
            }
            laughs.append("]\n");
        }
        m.add(Mutation.text("billion laughs alias bomb", s -> wrap.apply(laughs.toString()), FAILS));
        m.add(Mutation.text("single alias", s -> wrap.apply("base: &b {x: 1}\nother: *b\n"), FAILS));
        m.add(Mutation.text("merge key alias", s -> wrap.apply("base: &b {x: 1}\nother: {<<: *b}\n"), FAILS));
        m.add(Mutation.text("10000 nested sequences", s -> wrap.apply("x: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"),
                FAILS));
        m.add(Mutation.text("200 nested mappings", s -> wrap.apply("x: " + "{a: ".repeat(200) + "1" + "}".repeat(200) + "\n"),
                FAILS));
        m.add(Mutation.text("unterminated 100000 nesting", s -> wrap.apply("x: " + "[".repeat(100_000) + "\n"), FAILS));
        m.add(Mutation.text("100 block-nested mappings", s -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                sb.append("  ".repeat(i)).append("k").append(i).append(":\n");
            }
            return wrap.apply(sb.append("  ".repeat(100)).append("v\n").toString());
        }, FAILS));
        m.add(Mutation.text("custom tag", s -> wrap.apply("x: !!java.io.File /etc/passwd\n"), FAILS));
        m.add(Mutation.text("two documents", s -> wrap.apply("a: 1\n---\nb: 2\n"), FAILS));
        return m;
    }

    private static List<Mutation> taskMutations() {
        List<Mutation> m = new ArrayList<>(commonMutations());
        m.addAll(yamlBombs(UnaryOperator.identity()));
        m.add(Mutation.text("duplicate top-level key", s -> s.replaceFirst("stream: fe\n", "stream: fe\nstream: be\n")));
        m.add(Mutation.text("duplicate task key", s -> s.replaceFirst("    title: Checkout redesign\n",
                "    title: Checkout redesign\n    title: Again\n")));
        m.add(Mutation.text("duplicate task id", s -> s.replace("id: FE-11\n", "id: FE-10\n")));
        m.add(Mutation.text("version is a number", s -> s.replace("version: \"1.0.0\"", "version: 1")));
        m.add(Mutation.text("tasks is a string", s -> s.substring(0, s.indexOf("tasks:")) + "tasks: none\n"));
        m.add(Mutation.text("tasks is a mapping", s -> s.substring(0, s.indexOf("tasks:")) + "tasks: {a: 1}\n"));
        m.add(Mutation.text("tasks is null", s -> s.substring(0, s.indexOf("tasks:")) + "tasks: ~\n"));
        m.add(Mutation.text("root is a list", s -> "- a\n- b\n"));
        m.add(Mutation.text("root is a scalar", s -> "just text\n"));
        m.add(Mutation.text("task id is a list", s -> s.replaceFirst("id: FE-1\n", "id: [FE, 1]\n")));
        m.add(Mutation.text("tags is a number", s -> s.replaceFirst("tags: \\[[^\\n]*\\]", "tags: 5")));
        m.add(Mutation.text("priority out of range", s -> s.replaceFirst("priority: P1", "priority: P9")));
        m.add(Mutation.text("status unknown", s -> s.replaceFirst("status: planned", "status: exploded")));
        m.add(Mutation.text("cycle_id mismatched", s -> s.replace("cycle_id: \"2025-09-02\"", "cycle_id: \"2024-01-01\"")));
        m.add(Mutation.text("cycle_id traversal", s -> s.replace("cycle_id: \"2025-09-02\"", "cycle_id: \"../../etc\"")));
        m.add(Mutation.text("stream invalid", s -> s.replace("stream: fe", "stream: \"../be\"")));
        m.add(Mutation.text("dependency on missing task", s -> s.replaceFirst("    priority: P1\n",
                "    priority: P1\n    dependencies: [FE-404]\n")));
        m.add(Mutation.text("dependency is a mapping", s -> s.replaceFirst("    priority: P1\n",
                "    priority: P1\n    dependencies: {a: b}\n")));
        m.add(Mutation.text("unknown top-level field", s -> s + "colour: red\n", Set.of(0, 1, 2)));
        m.add(Mutation.text("unknown task field", s -> s.replaceFirst("    priority: P1\n", "    priority: P1\n    colour: red\n"),
                Set.of(0, 1, 2)));
        m.add(Mutation.text("missing required cycle_id", s -> s.replace("cycle_id: \"2025-09-02\"\n", "")));
        m.add(Mutation.text("task without id", s -> s.replaceFirst("  - id: FE-1\n", "  - kind_of: FE-1\n")));
        m.add(Mutation.text("effort negative", s -> s.replaceFirst("    priority: P1\n", "    priority: P1\n    effort_points: -5\n")));
        m.add(Mutation.text("effort huge number", s -> s.replaceFirst("    priority: P1\n",
                "    priority: P1\n    effort_points: 1" + "0".repeat(400) + "\n"), ANY));
        m.add(Mutation.text("due not a date", s -> s.replaceFirst("    priority: P1\n", "    priority: P1\n    due: yesterday\n")));
        m.add(Mutation.text("parent cycle", s -> s.replaceFirst("    kind: epic\n", "    kind: epic\n    parent: FE-11\n")));
        m.add(Mutation.text("evidence path traversal in artifacts", s -> s.replaceFirst("    priority: P1\n",
                "    priority: P1\n    artifacts: [\"../../../etc/passwd\"]\n"), Set.of(0, 1, 2)));
        return m;
    }

    private static List<Mutation> storyMutations() {
        List<Mutation> m = new ArrayList<>(commonMutations());
        UnaryOperator<String> frontMatter = yaml -> "---\n" + yaml + "---\n\n# Body\n";
        m.addAll(yamlBombs(frontMatter));
        m.add(Mutation.text("no front matter", s -> s.substring(s.indexOf("---", 3) + 3)));
        m.add(Mutation.text("unclosed front matter", s -> s.replaceFirst("(?s)(---.*?)\n---", "$1\n")));
        m.add(Mutation.text("front matter only fences", s -> "---\n---\n# Body\n"));
        m.add(Mutation.text("duplicate key in front matter", s -> s.replaceFirst("stream: fe\n", "stream: fe\nstream: fe\n")));
        m.add(Mutation.text("activities is a string", s -> s.replaceFirst("activities:\n", "activities: nope\nx:\n")));
        m.add(Mutation.text("story id is a mapping", s -> s.replaceFirst("\\{id: S-BROWSE-1,", "{id: {a: 1},")));
        m.add(Mutation.text("duplicate story id", s -> s.replace("S-CHECKOUT-2", "S-CHECKOUT-1")));
        m.add(Mutation.text("slice unknown", s -> s.replaceFirst("slice: release-1", "slice: release-99")));
        m.add(Mutation.text("unknown front matter field", s -> s.replaceFirst("stream: fe\n", "stream: fe\ncolour: red\n"),
                Set.of(0, 1, 2)));
        m.add(Mutation.text("body with 5 MB line", s -> s + "\n" + "z".repeat(5 * 1024 * 1024) + "\n", Set.of(0, 1, 2)));
        m.add(Mutation.text("body with 50000 nested quotes", s -> s + "\n" + ">".repeat(50_000) + " deep\n", Set.of(0, 1, 2)));
        m.add(Mutation.text("body with 20000 nested lists", s -> s + "\n" + "- ".repeat(20_000) + "x\n", Set.of(0, 1, 2)));
        return m;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] insertAt(byte[] a, int at, byte[] b) {
        return concat(concat(Arrays.copyOf(a, at), b), Arrays.copyOfRange(a, at, a.length));
    }
}
