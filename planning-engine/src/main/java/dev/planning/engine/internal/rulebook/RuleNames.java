package dev.planning.engine.internal.rulebook;

import dev.planning.api.rulebook.Rulebook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of a rulebook's rules, read from the {@code rule "name"} declarations of its DRL files
 * without compiling them, so that lint can tell a waiver that names no rule.
 *
 * <p>Block and line comments are skipped. The names are a superset guard, not a compiler: a file
 * that cannot be read yields {@link Optional#empty()}, and callers then judge nothing rather than
 * report every waiver.
 *
 * @since 0.1
 */
public final class RuleNames {

    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*|#[^\\n]*");
    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+(?:\"([^\"]+)\"|'([^']+)'|([^\\s\"']+))");

    private RuleNames() {
    }

    /**
     * The rule names of a rulebook's DRL files; empty when it has no rule files or one cannot be read.
     *
     * @param rulebook the loaded rulebook, never {@code null}
     */
    public static Optional<Set<String>> of(Rulebook rulebook) {
        if (rulebook.ruleFiles().isEmpty()) {
            // A rulebook without rule files (a settings-only test rulebook) gives nothing to compare with.
            return Optional.empty();
        }
        Set<String> names = new TreeSet<>();
        for (String file : rulebook.ruleFiles()) {
            Path path = rulebook.directory().resolve(file);
            String text;
            try {
                text = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
            // A byte-order mark before the first line, which the compiler drops, hides no rule named there.
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            Matcher matcher = RULE.matcher(COMMENTS.matcher(text).replaceAll(" "));
            while (matcher.find()) {
                for (int group = 1; group <= 3; group++) {
                    if (matcher.group(group) != null) {
                        names.add(matcher.group(group).strip());
                    }
                }
            }
        }
        return Optional.of(Set.copyOf(names));
    }
}
