package dev.planning.rules.internal.drools;

import dev.planning.api.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.antlr.runtime.Token;
import org.antlr.runtime.TokenSource;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DRLFactory;
import org.drools.drl.parser.lang.DRL6Lexer;
import org.kie.internal.builder.conf.LanguageLevelOption;

/**
 * A rule's header, between its name and its {@code when}, as written: where it holds a place a mistake was found at
 * ({@link #holds}), and the attributes and metadata it gives twice ({@link #repeated}).
 *
 * <p>A rule's attribute or metadata given twice ({@code salience 10} then {@code salience 20}, or two
 * {@code @severity}s): Drools keeps one of the two and reports the rule as a whole, "Duplicate attribute definition:
 * salience in rule r" at the rule's line without a column, and "Duplicated annotation: severity" at no line at all,
 * so a rulebook was refused without saying where (and, under the policy check, only once the file's other mistakes
 * were fixed: the check passed it to the compiler). Drools' tree keeps one place of the two, so the places are read
 * from the header's tokens, outside brackets (an attribute's value or a metadata's arguments).
 *
 * <p>A named consequence given twice ({@code then[late]}, then {@code then[late]} again, in trusted mode: the
 * restricted mode refuses named consequences) alike: Drools keeps the first and reports "Duplicate consequence name:
 * late in rule r" at the rule's line without a column and without saying what was expected
 * ({@link #repeatedConsequences}, store38).
 */
final class RuleHeader {

    /** How Drools' rule descriptor words an attribute given twice, before its name. */
    private static final String DUPLICATE_ATTRIBUTE = "Duplicate attribute definition: ";
    /** How Drools' rule descriptor words a named consequence given twice, before its name. */
    private static final String DUPLICATE_CONSEQUENCE = "Duplicate consequence name: ";

    private RuleHeader() {
    }

    /**
     * Each attribute and metadata name the rule gives more than once, one problem per repetition at its name
     * (naming the first), in the order written; none when every one is given once.
     *
     * @param text the rule file's text, as parsed into {@code rule}
     */
    static List<PolicyLanguage.Problem> repeated(String text, RuleDescr rule) {
        TreeSet<String> attributes = named(rule, DUPLICATE_ATTRIBUTE);
        TreeSet<String> metadata = new TreeSet<>();
        for (AnnotationDescr annotation : rule.getAnnotations()) {
            if (annotation.isDuplicated()) {
                metadata.add(annotation.getName());
            }
        }
        if (attributes.isEmpty() && metadata.isEmpty()) {
            return List.of();
        }
        List<Token> header = header(text, rule);
        List<PolicyLanguage.Problem> problems = new ArrayList<>();
        String subject = "rule '" + Printable.line(rule.getName()) + "': ";
        for (String name : attributes) {
            repeated(places(header, name, false), problems, rule, subject + "attribute " + name + " is given again",
                    "; expected each attribute at most once in a rule");
        }
        for (String name : metadata) {
            repeated(places(header, name, true), problems, rule, subject + "metadata @" + name + " is given again",
                    "; expected each metadata name at most once in a rule (Drools would keep one of the values)");
        }
        sort(problems);
        return problems;
    }

    /**
     * Each named consequence the rule gives more than once ({@code then[late]} twice), one problem per repetition at
     * its {@code then} (naming the first), in the order written; none when every one is given once.
     *
     * @param text the rule file's text, as parsed into {@code rule}
     */
    static List<PolicyLanguage.Problem> repeatedConsequences(String text, RuleDescr rule) {
        TreeSet<String> names = named(rule, DUPLICATE_CONSEQUENCE);
        if (names.isEmpty()) {
            return List.of();
        }
        List<Token> body = body(text, rule);
        List<PolicyLanguage.Problem> problems = new ArrayList<>();
        String subject = "rule '" + Printable.line(rule.getName()) + "': ";
        for (String name : names) {
            List<Token> places = new ArrayList<>();
            for (int i = 0; i + 3 < body.size(); i++) {
                if (body.get(i).getType() == DRL6Lexer.ID && body.get(i).getText().equals("then")
                        && body.get(i + 1).getType() == DRL6Lexer.LEFT_SQUARE
                        && body.get(i + 2).getText().equals(name)
                        && body.get(i + 3).getType() == DRL6Lexer.RIGHT_SQUARE) {
                    places.add(body.get(i));
                }
            }
            repeated(places, problems, rule, subject + "consequence then[" + Printable.line(name) + "] is given"
                    + " again", "; expected each named consequence at most once in a rule (Drools would keep the"
                    + " first)");
        }
        sort(problems);
        return problems;
    }

    /** The names the rule's errors give after {@code prefix} (Drools' words for a repetition). */
    private static TreeSet<String> named(RuleDescr rule, String prefix) {
        TreeSet<String> names = new TreeSet<>();
        // Null until the rule has one.
        for (String error : rule.getErrors() == null ? List.<String>of() : rule.getErrors()) {
            if (error != null && error.startsWith(prefix)) {
                names.add(error.substring(prefix.length()).strip());
            }
        }
        return names;
    }

    private static void sort(List<PolicyLanguage.Problem> problems) {
        problems.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
                : Integer.compare(a.column(), b.column()));
    }

    /** One problem per place after the first; the rule's own place when the header does not show two. */
    private static void repeated(List<Token> places, List<PolicyLanguage.Problem> problems, RuleDescr rule,
            String what, String expected) {
        if (places.size() < 2) {
            problems.add(new PolicyLanguage.Problem(Math.max(0, rule.getLine()),
                    rule.getColumn() < 0 ? 0 : rule.getColumn() + 1, what + expected));
            return;
        }
        Token first = places.get(0);
        for (Token again : places.subList(1, places.size())) {
            problems.add(new PolicyLanguage.Problem(again.getLine(), again.getCharPositionInLine() + 1, what
                    + " (first at line " + first.getLine() + ", column " + (first.getCharPositionInLine() + 1) + ")"
                    + expected));
        }
    }

    /**
     * Where the header gives {@code name}: as an attribute, its words joined by {@code -} ({@code no-loop});
     * as metadata, the {@code @} before it. Only outside brackets, so not inside a value or an argument.
     */
    private static List<Token> places(List<Token> header, String name, boolean metadata) {
        String[] words = name.split("-", -1);
        List<Token> found = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < header.size(); i++) {
            Token token = header.get(i);
            int type = token.getType();
            if (type == DRL6Lexer.LEFT_PAREN || type == DRL6Lexer.LEFT_SQUARE) {
                depth++;
            } else if (type == DRL6Lexer.RIGHT_PAREN || type == DRL6Lexer.RIGHT_SQUARE) {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && metadata && type == DRL6Lexer.AT && i + 1 < header.size()
                    && header.get(i + 1).getText().equals(name)) {
                found.add(token);
            } else if (depth == 0 && !metadata && (i == 0 || header.get(i - 1).getType() != DRL6Lexer.AT)
                    && spells(header, i, words)) {
                found.add(token);
            }
        }
        return found;
    }

    /** Whether the tokens from {@code at} are {@code words} joined by minus signs. */
    private static boolean spells(List<Token> tokens, int at, String[] words) {
        for (int w = 0; w < words.length; w++) {
            int word = at + 2 * w;
            if (word >= tokens.size() || !tokens.get(word).getText().equals(words[w])
                    || w > 0 && tokens.get(word - 1).getType() != DRL6Lexer.MINUS) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the place at {@code line} and {@code column} (both from 1) lies in a rule's header: the nearest of
     * the keywords {@code rule}, {@code when}, {@code then} and {@code end} before it, outside brackets, is a
     * {@code rule} followed by its name, which the place is after.
     */
    static boolean holds(String text, int line, int column) {
        TokenSource lexer = DRLFactory.buildLexer(text, LanguageLevelOption.DRL6);
        boolean header = false;
        int depth = 0;
        Token previous = null;
        for (int i = 0; i <= text.length(); i++) {
            Token token = lexer.nextToken();
            if (token == null || token.getType() == Token.EOF || token.getLine() > line
                    || token.getLine() == line && token.getCharPositionInLine() + 1 >= column) {
                break;
            }
            if (token.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            int type = token.getType();
            if (type == DRL6Lexer.LEFT_PAREN || type == DRL6Lexer.LEFT_SQUARE) {
                depth++;
            } else if (type == DRL6Lexer.RIGHT_PAREN || type == DRL6Lexer.RIGHT_SQUARE) {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && previous != null && previous.getType() == DRL6Lexer.ID
                    && previous.getText().equals("rule") && (type == DRL6Lexer.STRING || type == DRL6Lexer.ID)) {
                header = true; // the keyword, then the rule's name
            } else if (depth == 0 && type == DRL6Lexer.ID && KEYWORDS.contains(token.getText())) {
                header = false;
            }
            previous = token;
        }
        return header;
    }

    /** The keywords that end a rule's header, or a rule. */
    private static final Set<String> KEYWORDS = Set.of("when", "then", "end");

    /**
     * The rule's tokens as Drools' lexer reads them, from the line and column it starts at up to the line it ends at
     * (every token when Drools gave no end).
     */
    private static List<Token> body(String text, RuleDescr rule) {
        List<Token> body = new ArrayList<>();
        TokenSource lexer = DRLFactory.buildLexer(text, LanguageLevelOption.DRL6);
        int endLine = rule.getEndLine() > 0 ? rule.getEndLine() : Integer.MAX_VALUE;
        // Bounded: the lexer consumes at least one character per token.
        for (int i = 0; i <= text.length(); i++) {
            Token token = lexer.nextToken();
            if (token == null || token.getType() == Token.EOF || token.getLine() > endLine) {
                break;
            }
            if (token.getChannel() == Token.DEFAULT_CHANNEL && (token.getLine() > rule.getLine()
                    || token.getLine() == rule.getLine() && token.getCharPositionInLine() >= rule.getColumn())) {
                body.add(token);
            }
        }
        return body;
    }

    /**
     * The rule's header as Drools' lexer reads it: the tokens after its name, from the line and column it
     * starts at, up to its {@code when} (or {@code then}, for a rule without conditions).
     */
    private static List<Token> header(String text, RuleDescr rule) {
        List<Token> header = new ArrayList<>();
        TokenSource lexer = DRLFactory.buildLexer(text, LanguageLevelOption.DRL6);
        boolean inRule = false;
        boolean named = false;
        // Bounded: the lexer consumes at least one character per token.
        for (int i = 0; i <= text.length(); i++) {
            Token token = lexer.nextToken();
            if (token == null || token.getType() == Token.EOF) {
                break;
            }
            if (token.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            if (!inRule) {
                inRule = token.getLine() > rule.getLine()
                        || token.getLine() == rule.getLine() && token.getCharPositionInLine() >= rule.getColumn();
                if (!inRule) {
                    continue;
                }
            }
            if (!named) {
                // The keyword rule, then the name.
                named = !token.getText().equals("rule");
                continue;
            }
            if (token.getType() == DRL6Lexer.ID && (token.getText().equals("when") || token.getText().equals("then"))) {
                break;
            }
            header.add(token);
        }
        return header;
    }
}
