package dev.planning.rules.internal.drools;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.rules.facts.LinearRegex;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.constraint.Constraint;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ConnectiveType;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;
import org.drools.mvel.MVELConstraint;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * {@code matches} and {@code not matches} in linear time. Drools 10.2 (drools-mvel) turns
 * {@code owner matches "re"} into the MVEL expression {@code owner ~= "re"} (DescrDumper; the
 * {@code drools.evaluator.matches} registry is never consulted for this built-in operator), which
 * both the interpreter ({@code org.mvel2.ast.RegExMatch}) and, after 20 evaluations, the ASM-jitted
 * constraint evaluate with {@code java.util.regex}: backtracking, exponential on a pattern such as
 * {@code ((a+)+)+$}, and deaf to the interrupt that stops an evaluation (LinearMatchesTest shows
 * both paths in a thread dump).
 *
 * <p>So before a rule file is compiled every pattern constraint that uses {@code matches} is written
 * anew, in place, as a call of {@link LinearRegex#matches} (RE2/J): {@code owner matches ".*-team"}
 * becomes {@code dev.planning.rules.facts.LinearRegex.matches(owner, ".*-team")}, {@code not
 * matches} its negation. Only a string literal is accepted as the pattern, and it is checked now
 * ({@link LinearPatterns#problem}): a pattern RE2 cannot compile, a too large one, or a pattern that
 * is not a literal is refused at load with the file, line and column. This holds in both policy
 * modes: it is how {@code matches} is compiled, not a policy check.
 *
 * <p>And, failing closed, {@link #requireLinear} refuses a knowledge base (freshly compiled or
 * loaded from the compiled-rulebook cache) in which any constraint still evaluates {@code ~=} or a
 * {@code matches} operator, so that a path that skipped the rewriting is never evaluated.
 */
final class LinearMatches {

    /** What a rewritten constraint calls, fully qualified so that the rule file needs no import. */
    static final String CALL = LinearRegex.class.getName() + ".matches(";

    private LinearMatches() {
    }

    /** One constraint as written and as rewritten, and where it starts (1-based line and column). */
    record Rewrite(String original, String replacement, int line, int column) {
    }

    /**
     * A rule file as compiled, each constraint rewritten in it, and every pattern that could not be
     * made linear (the file is then not to be compiled).
     */
    record Rewritten(String text, List<Rewrite> rewrites, List<PolicyLanguage.Mistake> mistakes) {
    }

    /**
     * The rule file with every {@code matches} constraint rewritten to {@link LinearRegex}, with each
     * rewritten constraint as written and as rewritten, so that a compile error on a rewritten
     * constraint can name what the user wrote, where; the text itself when it has none, or does not
     * parse ({@code pkg} null: the compiler then reports where). A pattern that cannot be made linear
     * is a located mistake of the result, every one of the file, so that the compiler can report
     * them with every other file's (errors19).
     *
     * @param pkg the file's syntax tree ({@link RulebookCompiler#parsed}), or null when it does not parse
     */
    static Rewritten rewritten(String file, String text, PackageDescr pkg) {
        if (!text.contains("matches") || pkg == null) {
            return new Rewritten(text, List.of(), List.of());
        }
        List<Rewrite> rewrites = new ArrayList<>();
        List<ExprConstraintDescr> constraints = new ArrayList<>();
        for (RuleDescr rule : pkg.getRules()) {
            if (rule.getLhs() != null) {
                collect(rule.getLhs(), constraints);
            }
        }
        List<PolicyLanguage.Problem> problems = new ArrayList<>();
        StringBuilder out = new StringBuilder(text);
        // From the end, so that earlier offsets stay valid.
        constraints.sort((a, b) -> Integer.compare(b.getStartCharacter(), a.getStartCharacter()));
        for (ExprConstraintDescr constraint : constraints) {
            String replacement = rewrite(constraint, problems);
            if (replacement == null) {
                continue;
            }
            int start = constraint.getStartCharacter();
            int end = constraint.getEndCharacter() + 1;
            if (start < 0 || end > text.length() || start >= end
                    || !text.substring(start, end).equals(constraint.getExpression())) {
                String written = start >= 0 && end <= text.length() && start < end ? text.substring(start, end)
                        : constraint.getExpression();
                // Drools reads a single-quoted literal as a double-quoted one: the source then differs.
                problems.add(at(constraint, written.indexOf('\'') >= 0
                        ? "constraint " + printable(written) + " writes its pattern in single quotes; matches takes a"
                                + " double-quoted string literal, e.g. owner matches \".*-team\""
                        : "constraint " + printable(written) + " could not be located in the file to be compiled in"
                                + " linear time; write the matches test as a constraint of its own, e.g. owner matches"
                                + " \".*-team\""));
                continue;
            }
            // Keep the line count, so that whatever the compiler reports later is on the right line.
            String original = text.substring(start, end);
            PolicyLanguage.Problem where = at(constraint, "");
            rewrites.add(new Rewrite(original.replaceAll("\\s+", " "), replacement.replace('\n', ' ').replace('\r', ' '), where.line(),
                    where.column()));
            long lines = original.chars().filter(c -> c == '\n').count();
            out.replace(start, end, replacement.replace('\n', ' ').replace('\r', ' ') + "\n".repeat((int) lines));
        }
        if (!problems.isEmpty()) {
            problems.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
                    : Integer.compare(a.column(), b.column()));
            return new Rewritten(text, List.of(), problems.stream()
                    .map(p -> new PolicyLanguage.Mistake(new SourceLocation(file, p.line(), p.column()), p.message()))
                    .toList());
        }
        return new Rewritten(out.toString(), List.copyOf(rewrites), List.of());
    }

    private static void collect(BaseDescr element, List<ExprConstraintDescr> into) {
        if (element instanceof PatternDescr pattern) {
            for (BaseDescr constraint : pattern.getDescrs()) {
                if (constraint instanceof ExprConstraintDescr expr) {
                    into.add(expr);
                }
            }
            if (pattern.getSource() instanceof CollectDescr collect && collect.getInputPattern() != null) {
                collect(collect.getInputPattern(), into);
            } else if (pattern.getSource() instanceof AccumulateDescr accumulate && accumulate.getInput() != null) {
                collect(accumulate.getInput(), into);
            }
        } else if (element instanceof ConditionalElementDescr group) {
            for (BaseDescr d : group.getDescrs()) {
                collect(d, into);
            }
        }
        // Anything else holds no pattern constraint; requireLinear checks what was compiled anyway.
    }

    /** The constraint written anew, or null when it uses no {@code matches} (or cannot be: a problem is added). */
    private static String rewrite(ExprConstraintDescr constraint, List<PolicyLanguage.Problem> problems) {
        if (!constraint.getExpression().contains("matches")) {
            return null;
        }
        DrlExprParser exprParser = DrlExprParserFactory.getDrlExprParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);
        ConstraintConnectiveDescr tree;
        try {
            tree = exprParser.parse(constraint.getExpression());
        } catch (RuntimeException e) {
            return null; // the compiler reports it
        }
        if (tree == null || exprParser.hasErrors() || !usesMatches(tree)) {
            return null;
        }
        if (hasComment(constraint.getExpression())) {
            // The call below is built from the constraint's text; MVEL reads a comment copied into it otherwise
            // than Java does (a block comment holding "(" kept its compiler busy for minutes, attack31).
            problems.add(at(constraint, "a comment inside a constraint that uses matches is refused: the constraint is"
                    + " compiled as a call built from its text, where Drools' MVEL reads comments otherwise than Java;"
                    + " write the comment before or after the pattern"));
            return null;
        }
        // The one place a binding may stand: $o : owner matches "re" binds $o, then tests it.
        if (tree.getDescrs().size() == 1 && tree.getDescrs().get(0) instanceof RelationalExprDescr relation
                && isMatches(relation) && relation.getLeft() instanceof BindingDescr binding
                && !binding.isUnification()) {
            String call = call(constraint, relation, binding.getExpression(), problems);
            return call == null ? null : binding.getVariable() + " : " + binding.getExpression() + ", " + call;
        }
        int before = problems.size();
        String written = emit(constraint, tree, problems);
        return problems.size() > before ? null : written;
    }

    /** Whether the text holds a block or line comment outside its string literals (either quote). */
    static boolean hasComment(String text) {
        CodeScanner scanner = new CodeScanner(text);
        for (int i = scanner.next(); i >= 0; i = scanner.next()) {
            if (text.charAt(i) == '/' && i + 1 < text.length()
                    && (text.charAt(i + 1) == '*' || text.charAt(i + 1) == '/')) {
                return true;
            }
        }
        return false;
    }

    private static boolean usesMatches(BaseDescr d) {
        if (d instanceof ConstraintConnectiveDescr c) {
            return c.getDescrs().stream().anyMatch(LinearMatches::usesMatches);
        }
        return d instanceof RelationalExprDescr r && (isMatches(r) || usesMatches(r.getLeft()) || usesMatches(r.getRight()));
    }

    private static boolean isMatches(RelationalExprDescr r) {
        return "matches".equals(r.getOperator());
    }

    private static String emit(ExprConstraintDescr where, BaseDescr d, List<PolicyLanguage.Problem> problems) {
        if (d instanceof ConstraintConnectiveDescr c) {
            if (c.getDescrs().size() == 1) {
                return emit(where, c.getDescrs().get(0), problems);
            }
            if (c.getConnective() != ConnectiveType.AND && c.getConnective() != ConnectiveType.OR) {
                problems.add(at(where, "connective " + c.getConnective() + " beside matches is refused; expected && or ||"));
                return null;
            }
            List<String> parts = new ArrayList<>();
            for (BaseDescr part : c.getDescrs()) {
                parts.add("(" + emit(where, part, problems) + ")");
            }
            return String.join(" " + c.getConnective().getConnective() + " ", parts);
        }
        if (d instanceof RelationalExprDescr r) {
            if (r.getParameters() != null && !r.getParameters().isEmpty()) {
                problems.add(at(where, "operator parameters beside matches are refused"));
                return null;
            }
            if (!(r.getLeft() instanceof AtomicExprDescr left)) {
                problems.add(at(where, "a binding inside a constraint that uses matches is refused; bind the field"
                        + " in a constraint of its own, e.g. $o : owner, owner matches \".*-team\""));
                return null;
            }
            if (isMatches(r)) {
                return call(where, r, left.getExpression(), problems);
            }
            if (!(r.getRight() instanceof AtomicExprDescr right)) {
                problems.add(at(where, "constraint beside matches cannot be classified; write the matches test"
                        + " as a constraint of its own"));
                return null;
            }
            return left.getExpression() + " " + (r.isNegated() ? "not " : "") + r.getOperator() + " "
                    + right.getExpression();
        }
        if (d instanceof AtomicExprDescr atom) {
            return atom.getExpression();
        }
        problems.add(at(where, "a binding inside a constraint that uses matches is refused; bind the field in a"
                + " constraint of its own, e.g. $o : owner, owner matches \".*-team\""));
        return null;
    }

    /** {@code [!]LinearRegex.matches(value, "pattern")}, or null with a problem added. */
    private static String call(ExprConstraintDescr where, RelationalExprDescr r, String value,
            List<PolicyLanguage.Problem> problems) {
        Character escape = r.getRight() instanceof AtomicExprDescr atom && atom.isLiteral()
                ? unsharedEscape(atom.getExpression()) : null;
        if (escape != null) {
            problems.add(at(where, "escape \\" + escape + " in the string literal of matches: Java and Drools read it"
                    + " differently (Java reads \\s as a space, Drools refuses \\d); write the pattern's"
                    + " backslash twice, e.g. owner matches \"[0-9]+\\\\.[0-9]+\" or \"a\\\\sb\"; the literal may hold"
                    + " only the escapes \\\\, \\\", \\', \\t, \\n and \\r"));
            return null;
        }
        String pattern = literal(r.getRight());
        if (pattern == null) {
            problems.add(at(where, "matches takes a string literal as its pattern, e.g. owner matches \".*-team\";"
                    + " a pattern from a variable or a field cannot be checked before the rules run"));
            return null;
        }
        String problem = LinearPatterns.problem(pattern).orElse(null);
        if (problem != null) {
            problems.add(at(where, "matches \"" + printable(pattern) + "\": " + problem));
            return null;
        }
        return (r.isNegated() ? "!" : "") + CALL + value + ", " + quote(pattern) + ")";
    }

    /**
     * The first escape in a literal's source text that Java and Drools (MVEL) do not read alike, else
     * null: an allow-list of the escapes both read as the same character. Any other one is refused,
     * for the value computed here is what runs: JavaParser read {@code \s} as the letter s, Java
     * reads it as a space, MVEL refuses it; {@code \0} is octal in Java. A unicode escape is
     * refused too (the policy check refuses it anywhere; with the check off, Java translates it
     * before reading the literal and MVEL inside it, which differ for {@code \u005c}).
     */
    static Character unsharedEscape(String source) {
        for (int i = 0; i < source.length(); i++) {
            if (source.charAt(i) == '\\') {
                char next = i + 1 < source.length() ? source.charAt(i + 1) : '\\';
                if ("\\\"'tnr".indexOf(next) < 0) {
                    return next;
                }
                i++;
            }
        }
        return null;
    }

    /** The value of a string literal (Java escapes read as Java reads them), else null. */
    private static String literal(BaseDescr right) {
        if (!(right instanceof AtomicExprDescr atom) || !atom.isLiteral()) {
            return null;
        }
        ParseResult<Expression> parsed = new JavaParser(PolicyLanguage.javaConfiguration())
                .parseExpression(atom.getExpression());
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()
                || !(parsed.getResult().get() instanceof StringLiteralExpr literal)) {
            return null;
        }
        return literal.asString();
    }

    /** A string literal MVEL reads back as exactly {@code value} ({@code \\}, {@code \"}, tab, newline, return). */
    static String quote(String value) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String printable(String pattern) {
        String shown = pattern.length() > 60 ? pattern.substring(0, 57) + "..." : pattern;
        return shown.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
    }

    private static PolicyLanguage.Problem at(ExprConstraintDescr where, String message) {
        return new PolicyLanguage.Problem(Math.max(0, where.getLine()), where.getColumn() < 0 ? 0 : where.getColumn() + 1,
                message);
    }

    /**
     * Refuses a knowledge base in which a constraint would still match a regular expression with
     * {@code java.util.regex}: Drools' {@code ~=}, or a {@code matches} operator, outside string
     * literals in any pattern constraint of any rule. Every rulebook passes here before a session
     * is made of it.
     *
     * @throws InvalidInputException naming the rule and its file
     */
    static void requireLinear(Collection<KiePackage> packages) {
        requireLinear(packages, rule -> SourceLocation.ofFile(RulebookCompiler.fileOf(rule)));
    }

    /**
     * As {@link #requireLinear(Collection)}, every such rule in one refusal, each at the place {@code declared}
     * finds it (its declaration in the files compiled). No rule file reaches this while the rewriting
     * holds; it reports all the same, as every other check of the compiler does (errors20), at no cost
     * to a rulebook that passes.
     */
    static void requireLinear(Collection<KiePackage> packages, Function<Rule, SourceLocation> declared) {
        List<PolicyLanguage.Mistake> mistakes = new ArrayList<>();
        for (KiePackage pkg : packages) {
            for (Rule rule : pkg.getRules()) {
                if (rule instanceof RuleImpl impl) {
                    String offending = offending(impl.getLhs());
                    if (offending != null) {
                        mistakes.add(new PolicyLanguage.Mistake(declared.apply(rule), "rule '"
                                + Printable.line(rule.getName()) + "' would match a regular expression with"
                                + " java.util.regex, which can run for hours on one value (" + Printable.line(offending)
                                + "); refused: matches is compiled to RE2 (linear time), and this rule was not"));
                    }
                } else {
                    mistakes.add(new PolicyLanguage.Mistake(SourceLocation.ofFile("rules"), "rule '"
                            + Printable.line(rule.getName()) + "' cannot be inspected for backtracking regular"
                            + " expressions; refused"));
                }
            }
        }
        if (!mistakes.isEmpty()) {
            mistakes.sort(Comparator.comparing((PolicyLanguage.Mistake m) -> m.location().file())
                    .thenComparingInt(m -> m.location().line()).thenComparingInt(m -> m.location().column()));
            throw PolicyLanguage.refusal(mistakes);
        }
    }

    private static String offending(RuleConditionElement element) {
        if (element == null) {
            return null;
        }
        if (element instanceof Pattern pattern) {
            for (Constraint constraint : pattern.getConstraints()) {
                if (constraint instanceof MVELConstraint mvel && backtracks(mvel.getExpression())) {
                    return mvel.getExpression();
                }
            }
        }
        for (RuleConditionElement nested : element.getNestedElements()) {
            String found = offending(nested);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * Whether an MVEL constraint holds {@code ~=} or a {@code matches} that is not a method call,
     * outside string and character literals.
     */
    static boolean backtracks(String expression) {
        if (expression == null) {
            return false;
        }
        CodeScanner scanner = new CodeScanner(expression);
        for (int i = scanner.next(); i >= 0; i = scanner.next()) {
            char c = expression.charAt(i);
            if (c == '~' && i + 1 < expression.length() && expression.charAt(i + 1) == '=') {
                return true;
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = i;
                while (end < expression.length() && Character.isJavaIdentifierPart(expression.charAt(end))) {
                    end++;
                }
                if (expression.substring(i, end).equals("matches")) {
                    int next = end;
                    while (next < expression.length() && Character.isWhitespace(expression.charAt(next))) {
                        next++;
                    }
                    if (next >= expression.length() || expression.charAt(next) != '(') {
                        return true;
                    }
                }
                scanner.skipTo(end);
            }
        }
        return false;
    }
}
