package dev.planning.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code planning} command lines a Markdown document shows, checked against the CLI's picocli
 * model: each command and subcommand exists, each option it names is one of that (sub)command's
 * options, and each value it shows or lists for an option with a fixed set of values ({@code --format
 * json}, {@code --format text|json}, {@code --algorithm ed25519|ecdsa-p256|rsa}) is one that command's
 * option takes: {@code --format sarif} is wrong for {@code status}, which prints text or JSON only.
 *
 * <p>What counts as a command line: a line of a fenced code block that starts with {@code planning},
 * {@code bin/planning} or {@code java -jar ...planning.jar} (after an optional {@code $ } prompt),
 * an inline code span that starts so, and an inline code span that starts with a top-level command
 * name followed by a {@code --} option ({@code `verify --checksums-only`}). Placeholders
 * ({@code DIR}, {@code FILE...}), brackets and alternatives ({@code [--stream S]},
 * {@code (--stream S --cycle C \| MANIFEST)}) are read as the usage lines write them; a shell pipe,
 * redirection, {@code &&} or comment ends the command line.
 */
final class DocumentedCommands {

    private static final Pattern OPTION = Pattern.compile("-{1,2}[A-Za-z][A-Za-z0-9-]*");
    private static final Pattern COMMAND_WORD = Pattern.compile("[a-z][a-z-]*");
    /** A value a document shows, or several as alternatives: {@code json}, {@code text|json}; a placeholder is upper-case. */
    private static final Pattern VALUE_LIST = Pattern.compile("[a-z0-9-]+(\\|[a-z0-9-]+)*");

    private final CommandLine planning;
    private final Path root;

    /**
     * @param planning the full command line, every subcommand registered
     * @param root the directory documents are named relative to in the problems
     */
    DocumentedCommands(CommandLine planning, Path root) {
        this.planning = planning;
        this.root = root;
    }

    /** A command line found in a document: where, and its text. */
    record Mention(String where, String text) {}

    /** Every command line the document shows, with its line. */
    List<Mention> mentions(Path document) {
        List<String> lines;
        try {
            lines = Files.readAllLines(document, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = root.relativize(document).toString().replace('\\', '/');
        List<Mention> found = new ArrayList<>();
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = name + ":" + (i + 1);
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                String text = line.strip();
                if (text.startsWith("$ ")) {
                    text = text.substring(2).strip();
                }
                if (startsWithPlanning(words(text))) {
                    found.add(new Mention(where, text));
                }
                continue;
            }
            String[] parts = line.split("`", -1);
            for (int p = 1; p < parts.length - 1; p += 2) {
                List<String> words = words(parts[p]);
                if (startsWithPlanning(words) || startsWithCommandAndOption(words)) {
                    found.add(new Mention(where, parts[p].strip()));
                }
            }
        }
        return found;
    }

    /** What is wrong with the document's command lines, one line each; empty when nothing is. */
    List<String> problems(Path document) {
        List<String> problems = new ArrayList<>();
        for (Mention mention : mentions(document)) {
            problems(mention.text()).forEach(p -> problems.add(mention.where() + ": `" + mention.text() + "`: " + p));
        }
        return problems;
    }

    /** What is wrong with one command line. */
    List<String> problems(String text) {
        List<String> words = words(text);
        int start = commandStart(words);
        if (start < 0) {
            start = 0; // a span that starts with the command's name: `verify --checksums-only`
        }
        List<String> problems = new ArrayList<>();
        CommandLine command = planning;
        String path = "planning";
        int i = start;
        boolean descending = true;
        for (; i < words.size(); i++) {
            String word = clean(words.get(i));
            if (endsCommandLine(words.get(i))) {
                break;
            }
            if (descending && command.getSubcommands().containsKey(word)) {
                command = command.getSubcommands().get(word);
                path += " " + word;
                continue;
            }
            if (descending && !command.getSubcommands().isEmpty() && COMMAND_WORD.matcher(word).matches()
                    && word.equals(words.get(i))) {
                problems.add("no such command: " + path + " " + word);
                return problems;
            }
            descending = false;
            Matcher option = OPTION.matcher(word);
            if (!option.lookingAt() || option.end() != optionEnd(word)) {
                continue;
            }
            String name = option.group();
            OptionSpec spec = command.getCommandSpec().findOption(name);
            if (spec == null || !spec.names()[0].startsWith("-") || !List.of(spec.names()).contains(name)) {
                problems.add(path + " has no option " + name);
                continue;
            }
            String value = word.contains("=") ? word.substring(word.indexOf('=') + 1)
                    : i + 1 < words.size() ? clean(words.get(i + 1)) : "";
            problems.addAll(valueProblems(path, spec, value.replace("\\|", "|")));
        }
        return problems;
    }

    /**
     * The listed values the option does not take: through its own converter when it has one (as
     * picocli converts them), else against its fixed values, ignoring case as the CLI does.
     */
    private static List<String> valueProblems(String path, OptionSpec spec, String value) {
        if (spec.completionCandidates() == null || !VALUE_LIST.matcher(value).matches()) {
            return List.of();
        }
        CommandLine.ITypeConverter<?>[] converters = spec.converters();
        CommandLine.ITypeConverter<?> converter = converters != null && converters.length > 0 ? converters[0] : null;
        // What this command's option takes: of the values of its type, those its converter takes.
        List<String> accepted = new ArrayList<>();
        spec.completionCandidates().forEach(c -> {
            if (converter == null || converts(converter, c)) {
                accepted.add(c.toLowerCase(Locale.ROOT));
            }
        });
        List<String> problems = new ArrayList<>();
        for (String alternative : value.split("\\|")) {
            if (!(converter != null ? converts(converter, alternative) : accepted.contains(alternative))) {
                problems.add(path + " " + spec.longestName() + " takes no value " + alternative + " (it takes "
                        + String.join(", ", accepted) + ")");
            }
        }
        return problems;
    }

    private static boolean converts(CommandLine.ITypeConverter<?> converter, String value) {
        try {
            return converter.convert(value) != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** Where an option token's name ends: before {@code =} or a closing bracket. */
    private static int optionEnd(String word) {
        int end = word.length();
        for (char c : new char[] {'=', ']', ')', ','}) {
            int at = word.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return end;
    }

    /** A word without the brackets a usage line puts around it. */
    private static String clean(String word) {
        String w = word;
        while (!w.isEmpty() && "[(".indexOf(w.charAt(0)) >= 0) {
            w = w.substring(1);
        }
        while (!w.isEmpty() && "])".indexOf(w.charAt(w.length() - 1)) >= 0) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }

    private static boolean endsCommandLine(String word) {
        return word.equals("|") || word.equals("&&") || word.equals(";") || word.startsWith(">")
                || word.startsWith("2>") || word.startsWith("#");
    }

    private static List<String> words(String text) {
        String t = text.strip();
        return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
    }

    private boolean startsWithPlanning(List<String> words) {
        return commandStart(words) >= 0;
    }

    /** Where the arguments start after {@code planning}, {@code bin/planning} or {@code java -jar planning.jar}; -1 if not so. */
    private static int commandStart(List<String> words) {
        if (words.isEmpty()) {
            return -1;
        }
        String first = words.get(0);
        if (first.equals("planning") || first.endsWith("/planning")) {
            return 1;
        }
        if (first.equals("java") && words.size() > 2 && words.get(1).equals("-jar") && words.get(2).endsWith("planning.jar")) {
            return 3;
        }
        return -1;
    }

    private boolean startsWithCommandAndOption(List<String> words) {
        Map<String, CommandLine> commands = planning.getSubcommands();
        return words.size() > 1 && commands.containsKey(words.get(0)) && !words.get(0).equals("help")
                && words.stream().anyMatch(w -> clean(w).startsWith("--"));
    }
}
