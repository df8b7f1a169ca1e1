package dev.planning.rules.internal.drools;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.VarType;
import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.governance.Violation;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.artifact.LocatedMistakes;
import dev.planning.rules.facts.CrossStreamRefFact;
import dev.planning.rules.facts.GateResultFact;
import dev.planning.rules.facts.Report;
import dev.planning.rules.facts.RulebookFacts;
import dev.planning.rules.facts.StoryFact;
import dev.planning.rules.facts.TaskFact;
import dev.planning.rules.facts.ViolationFact;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.antlr.runtime.ANTLRStringStream;
import org.antlr.runtime.CommonToken;
import org.antlr.runtime.CommonTokenStream;
import org.antlr.runtime.RecognitionException;
import org.antlr.runtime.RecognizerSharedState;
import org.antlr.runtime.Token;
import org.antlr.runtime.TokenSource;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalBranchDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.GroupByDescr;
import org.drools.drl.ast.descr.NamedConsequenceDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DRLFactory;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.lang.DRL6Lexer;
import org.drools.drl.parser.lang.DRLExpressions;
import org.drools.drl.parser.lang.ParserHelper;
import org.kie.internal.builder.conf.LanguageLevelOption;

/**
 * The policy language: the subset of DRL a rulebook may use, checked on the parsed form before a
 * DRL file is compiled. A policy can read facts and report violations, nothing else.
 *
 * <p>The file is parsed with Drools' own parser ({@link DrlParser} to a {@link PackageDescr});
 * every pattern constraint with Drools' expression parser ({@link DrlExprParser}) down to its
 * atoms; every atom, {@code eval}, {@code from} source, accumulate argument and consequence with
 * JavaParser, which applies the Java language's unicode-escape translation first, as the compiler
 * does. The trees are checked against an allow-list; anything the checker cannot classify is
 * refused. In addition a unicode escape (backslash, u) anywhere in the file and the bidirectional-text control
 * characters are refused outright, located, so that what a reviewer reads is what is compiled.
 *
 * <p>The language is described for rule authors in {@code docs/rules.md}: imports of the fact
 * classes and a few {@code java.lang}/{@code java.util} types only; patterns over those types;
 * constraints made of fact accessors, bound variables, literals, comparisons and the operators
 * {@code contains}, {@code memberOf}, {@code matches} (a string-literal RE2 pattern, compiled to a
 * linear-time match in either mode: {@link LinearMatches}); {@code not}, {@code exists}, {@code forall},
 * {@code or}, {@code eval}; {@code from} over an accessor of a bound fact; {@code collect};
 * {@code accumulate} with the built-in functions (a {@code ViolationFact} or {@code Object()} pattern
 * only outside {@code not}, {@code forall}, {@code collect} and {@code accumulate}: rules insert
 * violations, so a verdict must not see how many there are yet; no {@code no-loop}, for the same
 * reason); at most {@value #MAX_ALTERNATIVES} alternatives per rule once its {@code or}s are
 * multiplied out, and at most {@value #MAX_EXPRESSION} characters and {@value #MAX_OPERATORS}
 * operators per expression and consequence; consequences made of local variables,
 * {@code if}, and {@code insert(Report.violation(kcontext, ...))}, at most {@value #MAX_INSERTS} inserts
 * each. Refused, each with the file, line
 * and column: everything else (globals, functions, {@code declare}, queries, dialect and other
 * attributes, {@code groupby}, static calls other than {@code Math} and {@code Report.violation}, constructors,
 * lambdas, method references, loops, {@code modify}/{@code update}/{@code retract}, MVEL-only
 * syntax, ...).
 */
final class PolicyLanguage {

    /** The largest DRL file accepted, in bytes (1 MiB): the default rulebook's files are a few KiB. */
    static final int MAX_DRL_BYTES = 1024 * 1024;

    /** System property that turns the policy-language check off ({@code trusted}); default {@code restricted}. */
    static final String MODE_PROPERTY = "planning.rules.mode";

    /** The value of {@link #MODE_PROPERTY} (any case) that turns the check off. */
    static final String TRUSTED_MODE = "trusted";

    private static final String FACTS_PACKAGE = "dev.planning.rules.facts.";

    /**
     * The most {@code insert} calls one consequence may hold: the language has no loops, so no firing
     * inserts more violations than that, and the join bound counts as many per firing (the shipped
     * rules insert one).
     */
    static final int MAX_INSERTS = 8;

    /** The deepest bracket nesting accepted, counted over the whole file (comments and strings too). */
    static final int MAX_NESTING = 64;

    /** The most alternatives a rule's {@code or}s may expand to (Drools compiles one rule per alternative). */
    static final int MAX_ALTERNATIVES = 64;

    /**
     * The longest expression (constraint, eval, from, accumulate argument) and consequence, in
     * characters (the default rulebook's longest is 400).
     */
    static final int MAX_EXPRESSION = 4000;

    /**
     * The most operators, dots and opening brackets an expression or consequence may hold, outside
     * its string and character literals (the default rulebook's most is 31): each can add a level
     * to the tree the parsers build and then walk recursively ({@code !!!...}, {@code a ? b : c ? ...},
     * {@code .trim().trim()...}, {@code else if} chains), so this bounds how deep it is.
     */
    static final int MAX_OPERATORS = 128;

    /** Where counting alternatives stops (no overflow); anything past {@link #MAX_ALTERNATIVES} is refused anyway. */
    private static final long ALTERNATIVES_CAP = 1L << 40;

    /** Fact types a pattern may match and an import may name (simple names). */
    static final Set<String> FACT_TYPES = Set.of("TaskFact", "StoryFact", "CrossStreamRefFact", "GateResultFact",
            "RulebookFacts", "ViolationFact");

    /** Types importable besides the fact classes ({@code Report} too), by fully qualified name. */
    static final Set<String> IMPORTABLE = Set.of("java.util.List", "java.util.Set", "java.util.Map",
            "java.util.Collection", "java.lang.String", "java.lang.Integer", "java.lang.Long", "java.lang.Double",
            "java.lang.Boolean", "java.lang.Number", "java.time.LocalDate");

    /** Types a pattern may match besides the facts (results of {@code from}, {@code collect}, {@code accumulate}). */
    private static final Set<String> VALUE_TYPES = Set.of("String", "Integer", "Long", "Double", "Boolean", "Number",
            "List", "Set", "Map", "Collection", "LocalDate", "Object");

    /** Types a local variable or a cast may name. */
    private static final Set<String> LOCAL_TYPES = Set.of("String", "Integer", "Long", "Double", "Boolean", "Number",
            "List", "Set", "Map", "Collection", "LocalDate", "TaskFact", "StoryFact", "CrossStreamRefFact",
            "GateResultFact", "RulebookFacts", "ViolationFact");

    /**
     * Value methods callable on facts' values: String, boxed numbers, collections, LocalDate. Not
     * {@code toLowerCase()}/{@code toUpperCase()}: they case-map in the JVM's default locale (under
     * a Turkish locale, {@code "I"} lower-cases to a dotless i), so the same rules over the same plan
     * would judge otherwise in a process started under another locale (eighteenth review).
     */
    private static final Set<String> VALUE_METHODS = Set.of("length", "isEmpty", "isBlank", "contains", "containsKey",
            "containsValue", "startsWith", "endsWith", "equals", "equalsIgnoreCase", "compareTo", "strip", "trim", "substring", "indexOf", "lastIndexOf", "charAt", "size", "get",
            "getOrDefault", "keySet", "values", "intValue", "longValue", "doubleValue", "toString",
            "isBefore", "isAfter", "isEqual", "getYear", "getMonthValue", "getDayOfMonth", "plusDays", "minusDays");

    /** The static methods a policy may call, by class. */
    private static final Map<String, Set<String>> STATIC_METHODS = Map.of(
            "Math", Set.of("max", "min", "abs"),
            "String", Set.of("valueOf"),
            // Dates to compare a task's due date with; never now(), so a verdict can be recomputed.
            "LocalDate", Set.of("of", "parse"),
            "Report", Set.of("violation"));

    /** String methods that case-map in the default locale: refused, with what to write instead. */
    private static final Set<String> LOCALE_DEPENDENT = Set.of("toLowerCase", "toUpperCase");

    /**
     * The one value method whose receiver's type is checked: {@code values()} of a map is its values,
     * but on an enum (a violation's {@code severity}) it is the static {@code values()}, which Java lets
     * an instance call and which returns an array, whose text is its JVM identity hash (eighteenth review).
     */
    private static final String MAP_VALUES = "values";
    private static final String NAMED_CONSEQUENCES = "named consequences are refused; a rule has one consequence";

    /** Constraint operators besides the Java comparisons. */
    private static final Set<String> OPERATORS = Set.of("==", "!=", "<", ">", "<=", ">=", "contains", "memberOf",
            "matches");

    /** Built-in accumulate functions. */
    private static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("count", "sum", "min", "max", "average",
            "collectList"); // no collectSet: a set of severities iterates in identity-hash order (tenth review)

    /** Rule attributes a policy may set; every other attribute (dialect, timers, agenda groups...) is refused. */
    private static final Set<String> ATTRIBUTES = Set.of("salience");
    // No no-loop: with modify/update refused, all it does is hide a rule's own inserts from the rule,
    // so which matches fire depends on whether a fact came before or after the rule's insert (eleventh review).

    private static final Pattern ANNOTATION_NAME = Pattern.compile("[a-z][A-Za-z0-9_]*");

    /** The packages whose annotation types Drools resolves a rule's metadata name against besides the DRL's own. */
    private static final List<String> DROOLS_ANNOTATION_PACKAGES = List.of("java.lang", "org.kie.api.definition.rule",
            "org.kie.api.definition.type");
    private static final Pattern ANNOTATION_VALUE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*|\"[^\"\\\\]*\"|-?[0-9]+");
    /** The longest fix hint ({@code @solution}) accepted, in characters. */
    static final int MAX_SOLUTION = 300;

    /** A fix hint: one double-quoted string of printable characters, none of them a quote, backslash or control. */
    private static final Pattern SOLUTION_VALUE = Pattern.compile("\"[^\"\\\\\\p{Cntrl}\\p{Zl}\\p{Zp}]{1," + MAX_SOLUTION + "}\"");

    /** The name of a compared value in {@code Report.violation(kcontext, item, message, "name", value, ...)}. */
    private static final Pattern FACT_NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    private static final Pattern SALIENCE = Pattern.compile("-?[0-9]{1,6}");
    private static final Pattern RULE_NAME = Pattern.compile("[^\"\\\\\\p{Cntrl}]+");

    /** Accessor names of the fact classes: record components and public instance methods. */
    static final Set<String> FACT_ACCESSORS = factAccessors();

    /**
     * The fact accessors without arguments that return a collection or a map in every fact type that
     * has them ({@code dependencies}, {@code tags}, {@code requiredTags}, ...): {@code contains} on one
     * compares elements, in time linear in the values, whatever it looks for.
     */
    static final Set<String> COLLECTION_ACCESSORS = collectionAccessors();

    /**
     * The fact accessors without arguments that return a map in every fact type that has them
     * ({@code tags}, {@code metadata}, {@code facts}, {@code thresholds}, {@code taxonomy}): the receivers
     * known to be maps, for {@link #MAP_VALUES}. No other type a rule can reach has a method of these names.
     */
    static final Set<String> MAP_ACCESSORS = mapAccessors();

    /**
     * The fact accessors that are also methods of the values a rule holds, other than the value methods,
     * by the fact types that declare them: {@code stream} is a task's (and a cross-stream reference's)
     * stream, and a collection's (or an {@code Optional}'s) {@code Stream}, whose text is its class and
     * the JVM's identity hash, another in every process (attack31). Such a name is called on a receiver
     * known to be a fact of one of those types only.
     */
    static final Map<String, Set<String>> SHARED_ACCESSORS = sharedAccessors();

    /** The String methods that search a text for another: their cost is the product of the two lengths. */
    private static final Set<String> SEARCHES = Set.of("contains", "indexOf", "lastIndexOf");

    /**
     * JavaParser's configuration, made when code is first parsed: its class initialisation (the
     * language levels) cost a command on a compiled-rulebook cache hit about 5 ms, for a size check
     * ({@link #requireSize}) that parses nothing (docs/benchmarks/cold-start.md, eleventh pass).
     */
    private static final class Java {
        static final ParserConfiguration CONFIG = new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setPreprocessUnicodeEscapes(true)
                .setAttributeComments(false);

        private Java() {
        }
    }

    private PolicyLanguage() {
    }

    /** JavaParser's configuration for rule code (Java 17, unicode escapes read as the compiler reads them). */
    static ParserConfiguration javaConfiguration() {
        return Java.CONFIG;
    }

    /**
     * How many rules Drools compiles of these conditions (their {@code or}s multiplied out; an
     * upper bound, at most 2<sup>40</sup>): for the operator's rule bound, in either mode.
     */
    static long alternatives(BaseDescr lhs) {
        return Checker.alternatives(lhs);
    }

    /** Whether the check is on (it is unless {@code -Dplanning.rules.mode=trusted}). */
    static boolean enabled() {
        return !TRUSTED_MODE.equalsIgnoreCase(System.getProperty(MODE_PROPERTY, "restricted"));
    }

    /**
     * Refuses to check rule files, and so to compile any, under Drools' DRL10 parser
     * ({@code -Ddrools.drl.antlr4.parser.enabled=true}, which {@link DrlParser} reads once): every check here
     * reads DRL as the default DRL6 parser does, and what the other parser makes of the same text was never
     * compared with them (attack25), so a rule they pass could compile to other code.
     *
     * @param drl10 whether Drools' DRL10 parser is on ({@link DrlParser#ANTLR4_PARSER_ENABLED})
     * @throws InvalidInputException when it is
     */
    static void requireCheckedParser(boolean drl10) {
        if (drl10) {
            throw new InvalidInputException("Drools' DRL10 parser is switched on (-D"
                    + DrlParser.ANTLR4_PARSER_ENABLED_PROPERTY + "=true), but the policy check reads rule files as"
                    + " Drools' default DRL6 parser does, so no rulebook is compiled under a parser the check was"
                    + " not made for; remove the property (or run with -D" + MODE_PROPERTY + "=" + TRUSTED_MODE
                    + " for rulebooks you trust as code)");
        }
    }

    /** Refuses a DRL file over {@link #MAX_DRL_BYTES}, in either mode: nobody writes a policy that long. */
    static void requireSize(String file, long bytes) {
        if (bytes > MAX_DRL_BYTES) {
            throw new InvalidInputException("rule file is " + bytes + " bytes; DRL files are limited to "
                    + MAX_DRL_BYTES + " bytes (1 MiB)", SourceLocation.ofFile(file));
        }
    }

    /**
     * Refuses a DRL file that leaves the policy language, with every mistake located; returns
     * normally otherwise (a file that does not parse is left to the compiler, which reports it).
     */
    static void check(String file, byte[] content) {
        List<Mistake> mistakes = mistakes(file, content);
        if (!mistakes.isEmpty()) {
            throw refusal(mistakes);
        }
    }

    /**
     * The file's mistakes, every one located (none when the check is off); too large a file is refused
     * at once, as {@link #check} does.
     */
    static List<Mistake> mistakes(String file, byte[] content) {
        requireSize(file, content.length);
        if (!enabled()) {
            return List.of();
        }
        String text = new String(content, StandardCharsets.UTF_8);
        List<Problem> problems = new ArrayList<>();
        scanCharacters(text, problems);
        scanNesting(text, problems);
        if (problems.isEmpty()) {
            scanSingleQuotes(text, problems);
        }
        if (problems.isEmpty()) {
            PackageDescr pkg;
            try {
                pkg = new DrlParser().parse(false, text);
            } catch (DroolsParserException | RuntimeException e) {
                pkg = null; // reported, located, by the compiler
            } catch (StackOverflowError e) {
                return List.of(Mistake.of(RulebookCompiler.tooDeep(file, text)));
            }
            if (pkg != null) {
                try {
                    new Checker(problems, text).pkg(pkg);
                } catch (StackOverflowError e) {
                    return List.of(Mistake.of(RulebookCompiler.tooDeep(file, text)));
                }
            }
        }
        return problems.stream()
                .map(p -> new Mistake(new SourceLocation(file, p.line(), p.column()), p.message())).toList();
    }

    /**
     * One mistake of a rule file: where, what is wrong there, and the other place it concerns (the first
     * declaration of a rule name declared again), kept apart so that a caller can rename it as it renames
     * the location ({@link LocatedMistakes#renamed}).
     */
    record Mistake(SourceLocation location, String message, Optional<LocatedMistakes.Related> related) {

        Mistake(SourceLocation location, String message) {
            this(location, message, Optional.empty());
        }

        static Mistake of(InvalidInputException e) {
            return new Mistake(e.location().orElse(null), e.getMessage());
        }
    }

    /**
     * One refusal for all the mistakes of one or several rule files, located at the first: its message
     * the first mistake's, then one line per further mistake, each in full at its {@code file:line:column}
     * (the command line shows the first after {@code error: LOCATION: }), at most
     * {@value ErrorList#MAX_SHOWN} lines, then how many more.
     */
    static InvalidInputException refusal(String file, List<Problem> problems) {
        return refusal(problems.stream()
                .map(p -> new Mistake(new SourceLocation(file, p.line(), p.column()), p.message())).toList());
    }

    /**
     * As {@link #refusal(String, List)}, for mistakes located each in its own file; each mistake kept as
     * data ({@link LocatedMistakes}), so that a caller renames its places without reading the message.
     */
    static LocatedMistakes refusal(List<Mistake> mistakes) {
        return LocatedMistakes.of(mistakes.stream()
                .map(m -> new LocatedMistakes.Mistake(m.location(), m.message(), m.related())).toList());
    }

    /** Unicode escapes anywhere, and the bidirectional controls that make code read otherwise than it runs. */
    private static void scanCharacters(String text, List<Problem> problems) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'u') {
                problems.add(new Problem(line, column, "unicode escape '\\u' is refused anywhere in a rule file"
                        + " (the Java compiler translates it before reading the code); write the character itself"));
            } else if (c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069' || c == '\u200E'
                    || c == '\u200F' || c == '\u061C') {
                problems.add(new Problem(line, column, String.format("bidirectional control character U+%04X is refused"
                        + " in a rule file: it makes the code read otherwise than it runs", (int) c)));
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
    }

    /**
     * Single-quoted strings that hold a double quote, as Drools' lexer reads the file. DRL hands a
     * condition on with a single-quoted string's quotes swapped for double quotes and nothing escaped, so
     * {@code owner != 'nobody" && owner != "'}, one string to a reader, runs as two comparisons
     * ({@code owner != "nobody" && owner != ""}), and {@code 'say "hi"'} as {@code "say "} (attack25).
     * Bounded: the lexer consumes at least one character per token.
     */
    private static void scanSingleQuotes(String text, List<Problem> problems) {
        TokenSource lexer;
        try {
            lexer = DRLFactory.buildLexer(text, LanguageLevelOption.DRL6);
            for (int i = 0; i <= text.length(); i++) {
                Token token = lexer.nextToken();
                if (token == null || token.getType() == Token.EOF) {
                    return;
                }
                // The lexer has swapped the quotes in the token's text already: judge the characters written.
                String string = token instanceof CommonToken written && written.getStartIndex() >= 0
                        && written.getStopIndex() < text.length() && written.getStartIndex() <= written.getStopIndex()
                        ? text.substring(written.getStartIndex(), written.getStopIndex() + 1) : null;
                if (token.getType() == DRL6Lexer.STRING && (string == null
                        || string.startsWith("'") && string.indexOf('"') >= 0)) {
                    problems.add(new Problem(token.getLine(), token.getCharPositionInLine() + 1, "a single-quoted string"
                            + " holding a double quote is refused: Drools swaps its quotes for double quotes without"
                            + " escaping, so it runs as other code than it reads; write it in double quotes (\\\")"));
                }
            }
            // More tokens than characters: the lexer did not end where a lexer must, so the scan is incomplete.
            problems.add(new Problem(1, 1, "the rule file cannot be read to its end by Drools' lexer; expected DRL"));
        } catch (RuntimeException e) {
            problems.add(new Problem(1, 1, "the rule file cannot be read by Drools' lexer; expected DRL"));
        }
    }

    /**
     * Whether Drools' expression parser reads {@code expression} to its end. It stops, without an error,
     * after the first whole expression ({@code conditionalOrExpression} is not held to the end of its
     * input), and the compiled rule is built from what it read: DRL hands on {@code 'a" || x || "'} (one
     * single-quoted string) as {@code "a" || x || ""}, of which it reads {@code "a"} (attack25).
     */
    static boolean readToItsEnd(String expression) {
        try {
            CommonTokenStream tokens = new CommonTokenStream(DRLFactory.getDRLLexer(new ANTLRStringStream(expression),
                    LanguageLevelOption.DRL6));
            RecognizerSharedState state = new RecognizerSharedState();
            DRLExpressions parser = DRLFactory.getDRLExpressions(tokens, state,
                    new ParserHelper(tokens, state, LanguageLevelOption.DRL6), LanguageLevelOption.DRL6);
            parser.setBuildDescr(true);
            parser.conditionalOrExpression();
            return !parser.hasErrors() && tokens.LA(1) == Token.EOF;
        } catch (RecognitionException | RuntimeException e) {
            return false;
        }
    }

    /** Brackets nested deeper than {@link #MAX_NESTING}, located where the limit is crossed (parsers recurse per level). */
    private static void scanNesting(String text, List<Problem> problems) {
        Bracket deepest = Bracket.deepest(text, MAX_NESTING);
        if (deepest.depth() > MAX_NESTING) {
            problems.add(new Problem(deepest.line(), deepest.column(), "brackets nested deeper than " + MAX_NESTING
                    + " levels; expected conditions a few levels deep"));
        }
    }

    /**
     * The bracket ({@code (}, {@code [} or {@code {}) that first opens a text's deepest level, at its
     * line and column (both from 1); depth 0 when the text has none.
     */
    record Bracket(int depth, int line, int column) {

        /** The first bracket of the deepest level, looking no further once a level deeper than {@code limit} opens. */
        static Bracket deepest(String text, int limit) {
            int depth = 0;
            int line = 1;
            int column = 1;
            Bracket deepest = new Bracket(0, 1, 1);
            for (int i = 0; i < text.length() && deepest.depth() <= limit; i++) {
                char c = text.charAt(i);
                if (c == '(' || c == '[' || c == '{') {
                    if (++depth > deepest.depth()) {
                        deepest = new Bracket(depth, line, column);
                    }
                } else if (c == ')' || c == ']' || c == '}') {
                    depth = Math.max(0, depth - 1);
                }
                if (c == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return deepest;
        }
    }

    private static Set<String> factAccessors() {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : List.of(TaskFact.class, StoryFact.class, CrossStreamRefFact.class, GateResultFact.class,
                RulebookFacts.class, ViolationFact.class)) {
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())) {
                    names.add(method.getName());
                }
            }
        }
        // A verdict must be recomputable: a record's hashCode takes in its enum components' identity
        // hashes (a ViolationFact's severity), which differ between processes (PolicyDeterminismAttackTest).
        names.remove("hashCode");
        return Collections.unmodifiableSet(names);
    }

    private static Set<String> collectionAccessors() {
        Set<String> collections = new TreeSet<>();
        Set<String> other = new TreeSet<>();
        for (Class<?> type : List.of(TaskFact.class, StoryFact.class, CrossStreamRefFact.class, GateResultFact.class,
                RulebookFacts.class, ViolationFact.class)) {
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())) {
                    boolean collection = method.getParameterCount() == 0
                            && (Collection.class.isAssignableFrom(method.getReturnType())
                                    || Map.class.isAssignableFrom(method.getReturnType()));
                    (collection ? collections : other).add(method.getName());
                }
            }
        }
        collections.removeAll(other);
        return Collections.unmodifiableSet(collections);
    }

    private static Set<String> mapAccessors() {
        Set<String> maps = new TreeSet<>();
        Set<String> other = new TreeSet<>();
        for (Class<?> type : List.of(TaskFact.class, StoryFact.class, CrossStreamRefFact.class, GateResultFact.class,
                RulebookFacts.class, ViolationFact.class)) {
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())) {
                    boolean map = method.getParameterCount() == 0 && Map.class.isAssignableFrom(method.getReturnType());
                    (map ? maps : other).add(method.getName());
                }
            }
        }
        maps.removeAll(other);
        return Collections.unmodifiableSet(maps);
    }

    private static Map<String, Set<String>> sharedAccessors() {
        Set<String> valueMethods = new HashSet<>();
        for (Class<?> type : List.of(List.class, Set.class, Map.class, Collection.class, String.class, Integer.class,
                Long.class, Double.class, Boolean.class, Number.class, LocalDate.class, Optional.class,
                Enum.class, Object.class)) {
            for (Method method : type.getMethods()) {
                valueMethods.add(method.getName());
            }
        }
        Map<String, Set<String>> shared = new TreeMap<>();
        for (Class<?> type : List.of(TaskFact.class, StoryFact.class, CrossStreamRefFact.class, GateResultFact.class,
                RulebookFacts.class, ViolationFact.class)) {
            for (Method method : type.getDeclaredMethods()) {
                String name = method.getName();
                if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                        && FACT_ACCESSORS.contains(name) && !VALUE_METHODS.contains(name) && valueMethods.contains(name)) {
                    shared.computeIfAbsent(name, n -> new TreeSet<>()).add(type.getSimpleName());
                }
            }
        }
        shared.replaceAll((name, types) -> Collections.unmodifiableSet(types));
        return Collections.unmodifiableMap(shared);
    }

    /** One mistake, at a 1-based line and column (0 when unknown). */
    record Problem(int line, int column, String message) {
    }

    /** Where a piece of code starts in the DRL file, to turn positions inside it into file positions. */
    private record Origin(int line, int column) {
        static Origin of(BaseDescr descr) {
            return new Origin(Math.max(0, descr.getLine()), descr.getColumn() < 0 ? 0 : descr.getColumn() + 1);
        }

        Problem at(Node node, String message) {
            Position p = node.getBegin().orElse(null);
            if (p == null || line == 0) {
                return new Problem(line, column, message);
            }
            return new Problem(line + p.line - 1, p.line == 1 ? column + p.column - 1 : p.column, message);
        }

        Problem here(String message) {
            return new Problem(line, column, message);
        }
    }

    /** Walks one package; collects problems instead of stopping at the first. */
    private static final class Checker {

        private final List<Problem> problems;
        private final DrlExprParser exprParser = DrlExprParserFactory.getDrlExprParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);
        /** Variables bound by the rule being checked: patterns, field bindings, accumulate results. */
        private final Set<String> bound = new HashSet<>();
        /** Local variables of the consequence being checked. */
        private final Set<String> locals = new HashSet<>();
        /** The bound and local variables known to hold a map (see {@link #MAP_VALUES}). */
        private final Set<String> maps = new HashSet<>();
        /** The bound and local variables known to hold a fact, by the fact's simple type name (see {@link #SHARED_ACCESSORS}). */
        private final Map<String, String> facts = new HashMap<>();
        /** The simple type name of the pattern whose constraints are being walked, else {@code null}. */
        private String patternType;
        /**
         * The enclosing {@code not}, {@code forall}, {@code collect} or {@code accumulate} while its
         * patterns are walked, else {@code null}: there a pattern may not match a violation.
         */
        private String shrinking;
        /** Whether the rule being read was refused for its named consequences (one message for all of them). */
        private boolean namedRefused;

        /** Whether a consequence is being walked (it runs once per firing, not inside an insert). */
        private boolean inConsequence;

        private final String text;

        Checker(List<Problem> problems, String text) {
            this.problems = problems;
            this.text = text;
        }

        /** Where the consequence text starts: Drools gives the position of 'then' and strips what follows. */
        private Origin consequenceOrigin(RuleDescr rule) {
            int line = Math.max(1, rule.getConsequenceLine());
            int offset = 0;
            for (int l = 1; l < line && offset >= 0; l++) {
                offset = text.indexOf('\n', offset) + 1;
                if (offset == 0) {
                    return new Origin(line, 0);
                }
            }
            offset += Math.max(0, rule.getConsequencePattern());
            if (!text.startsWith("then", offset)) {
                return new Origin(line, 0);
            }
            int column = rule.getConsequencePattern() + 1 + 4;
            offset += 4;
            while (offset < text.length() && Character.isWhitespace(text.charAt(offset))) {
                if (text.charAt(offset) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
                offset++;
            }
            return new Origin(line, column);
        }

        private void refuse(BaseDescr where, String message) {
            problems.add(Origin.of(where).here(message));
        }

        /** The package's attributes, which Drools hands on to each of its rules as the rule's own. */
        private List<AttributeDescr> packageAttributes = List.of();

        /** Where Drools looks up a metadata name, capitalised, as a type: the DRL's package and imports ({@link #droolsReads}). */
        private List<String> typeScope = List.of();

        /** The rule whose conditions and metadata are being checked. */
        private RuleDescr current;

        void pkg(PackageDescr pkg) {
            packageAttributes = pkg.getAttributes();
            List<String> scope = new ArrayList<>();
            if (pkg.getName() != null && !pkg.getName().isBlank()) {
                scope.add(pkg.getName().strip() + ".*");
            }
            pkg.getImports().forEach(imported -> {
                if (imported.getTarget() != null) {
                    scope.add(imported.getTarget().strip());
                }
            });
            typeScope = List.copyOf(scope);
            pkg.getAttributes().forEach(a -> refuse(a, "package attribute '" + a.getName()
                    + "' is refused; a policy is plain DRL in the default (Java) dialect"));
            for (var imported : pkg.getImports()) {
                String target = imported.getTarget() == null ? "" : imported.getTarget().strip();
                boolean fact = target.startsWith(FACTS_PACKAGE) && (FACT_TYPES.contains(target.substring(FACTS_PACKAGE.length()))
                        || target.equals(FACTS_PACKAGE + "Report"));
                if (!fact && !IMPORTABLE.contains(target)) {
                    refuse(imported, "import " + target + " is outside the policy language; expected a fact class ("
                            + FACTS_PACKAGE + "TaskFact, ..., Report) or one of " + new TreeSet<>(IMPORTABLE));
                }
            }
            pkg.getGlobals().forEach(g -> refuse(g, "global " + g.getIdentifier()
                    + " is refused; a policy reads facts (RulebookFacts carries thresholds and taxonomy)"));
            pkg.getFunctions().forEach(f -> refuse(f, "function " + f.getName()
                    + " is refused; expected conditions and consequences over the facts only"));
            pkg.getFunctionImports().forEach(f -> refuse(f, "import function is refused in the policy language"));
            pkg.getAccumulateImports().forEach(f -> refuse(f, "import accumulate is refused; expected one of "
                    + new TreeSet<>(ACCUMULATE_FUNCTIONS)));
            pkg.getTypeDeclarations().forEach(t -> refuse(t, "declare " + t.getTypeName()
                    + " is refused; a policy matches the fact classes, it does not declare types"));
            pkg.getEnumDeclarations().forEach(t -> refuse(t, "declare enum " + t.getTypeName() + " is refused"));
            pkg.getEntryPointDeclarations().forEach(t -> refuse(t, "declare entry-point is refused"));
            pkg.getWindowDeclarations().forEach(t -> refuse(t, "declare window is refused"));
            for (RuleDescr rule : pkg.getRules()) {
                rule(rule);
            }
        }

        private void rule(RuleDescr rule) {
            current = rule;
            bound.clear();
            locals.clear();
            maps.clear();
            facts.clear();
            if (rule.isQuery()) {
                refuse(rule, "query " + rule.getName() + " is refused; a policy reports violations through rules");
                return;
            }
            if (rule.getName() == null || !RULE_NAME.matcher(rule.getName()).matches()) {
                refuse(rule, "rule name must be printable text without quotes or backslashes");
            }
            if (rule.getParentName() != null) {
                refuse(rule, "rule '" + rule.getName() + "' extends another rule; write its conditions out");
            }
            if (rule.getUnit() != null) {
                refuse(rule, "rule units are refused in the policy language");
            }
            for (AttributeDescr attribute : rule.getAttributes().values()) {
                if (inherited(attribute)) {
                    continue; // refused once, as the package's
                }
                if (!ATTRIBUTES.contains(attribute.getName())) {
                    refuse(attribute, "rule attribute '" + attribute.getName() + "' is refused; expected only "
                            + new TreeSet<>(ATTRIBUTES) + " (the dialect is always Java)");
                } else if (attribute.getName().equals("salience") && !SALIENCE.matcher(attribute.getValue().strip()).matches()) {
                    refuse(attribute, "salience must be an integer literal");
                }
            }
            problems.addAll(RuleHeader.repeated(text, rule));
            for (AnnotationDescr annotation : rule.getAnnotations()) {
                annotation(annotation, annotation.getLine() > 0 ? annotation : rule);
            }
            namedRefused = false;
            if (!rule.getNamedConsequences().isEmpty()) {
                refuseNamedConsequences(rule);
            }
            if (rule.getLhs() != null) {
                element(rule.getLhs());
                long alternatives = alternatives(rule.getLhs());
                if (alternatives > MAX_ALTERNATIVES) {
                    // Drools compiles one rule per alternative, with no time bound: refuse before it expands them.
                    refuse(rule, "rule '" + rule.getName() + "' expands to " + (alternatives >= ALTERNATIVES_CAP
                            ? "more than " + ALTERNATIVES_CAP : String.valueOf(alternatives)) + " alternatives"
                            + " (its ors multiplied out); expected at most " + MAX_ALTERNATIVES + ": write separate rules");
                }
            }
            Object consequence = rule.getConsequence();
            if (consequence != null && !(consequence instanceof String)) {
                refuse(rule, "consequence of rule '" + rule.getName() + "' cannot be classified");
            } else if (consequence != null) {
                consequence(rule, (String) consequence);
            }
        }

        /** Whether a rule's attribute is one of its package's, handed on (the same, at the same place). */
        private boolean inherited(AttributeDescr attribute) {
            return packageAttributes.stream().anyMatch(a -> a == attribute || a.getName().equals(attribute.getName())
                    && a.getLine() == attribute.getLine() && a.getColumn() == attribute.getColumn());
        }

        /** How many rules Drools makes of these conditions: ors add up, everything else multiplies (an upper bound). */
        private static long alternatives(BaseDescr element) {
            if (element instanceof OrDescr or) {
                long sum = 0;
                for (BaseDescr d : or.getDescrs()) {
                    sum = Math.min(ALTERNATIVES_CAP, sum + alternatives(d));
                }
                return Math.max(1, sum);
            }
            List<?> parts;
            if (element instanceof AndDescr and) {
                parts = and.getDescrs();
            } else if (element instanceof NotDescr not) {
                parts = not.getDescrs();
            } else if (element instanceof ExistsDescr exists) {
                parts = exists.getDescrs();
            } else if (element instanceof ForallDescr forall) {
                parts = forall.getDescrs();
            } else if (element instanceof PatternDescr pattern && pattern.getSource() instanceof CollectDescr collect
                    && collect.getInputPattern() != null) {
                parts = List.of(collect.getInputPattern());
            } else if (element instanceof PatternDescr pattern && pattern.getSource() instanceof AccumulateDescr accumulate
                    && accumulate.getInput() != null) {
                parts = List.of(accumulate.getInput());
            } else {
                return 1;
            }
            long product = 1;
            for (Object part : parts) {
                long each = part instanceof BaseDescr d ? alternatives(d) : 1;
                product = each > ALTERNATIVES_CAP / product ? ALTERNATIVES_CAP : Math.min(ALTERNATIVES_CAP, product * each);
            }
            return product;
        }

        /**
         * Refuses (and reports whether it did) an expression or consequence past {@link #MAX_EXPRESSION}
         * characters or {@link #MAX_OPERATORS} operators. A chain of operators parses to a tree as deep
         * as it is long, and parsing and walking it recurse: past some depth the stack the JVM has left
         * decides the outcome. Refused on the text, before any parser.
         */
        private boolean tooLong(String code, Origin origin, String what) {
            if (code == null) {
                return false;
            }
            if (code.length() > MAX_EXPRESSION) {
                problems.add(origin.here(what + " longer than " + MAX_EXPRESSION + " characters (" + code.length()
                        + ") is refused; split the rule, or expose the value as a fact field"));
                return true;
            }
            int operators = operators(code);
            if (operators > MAX_OPERATORS) {
                problems.add(origin.here(what + " with more than " + MAX_OPERATORS + " operators, dots and opening"
                        + " brackets (" + operators + ") is refused; split the rule, or expose the value as a fact field"));
                return true;
            }
            return false;
        }

        /** Operators, dots and opening brackets outside string and character literals and comments. */
        private static int operators(String code) {
            int count = 0;
            CodeScanner scanner = new CodeScanner(code);
            for (int i = scanner.next(); i >= 0; i = scanner.next()) {
                if (code.startsWith("//", i)) {
                    int end = code.indexOf('\n', i);
                    scanner.skipTo(end < 0 ? code.length() : end + 1);
                } else if (code.startsWith("/*", i)) {
                    int end = code.indexOf("*/", i + 2);
                    scanner.skipTo(end < 0 ? code.length() : end + 2);
                } else if ("!~-+*/%&|^?:<>=.([".indexOf(code.charAt(i)) >= 0) {
                    count++;
                }
            }
            return count;
        }

        private void annotation(AnnotationDescr annotation, BaseDescr where) {
            // Drools evaluates metadata values as MVEL expressions: only names, numbers and plain strings.
            if (annotation.getFullyQualifiedName() != null && annotation.getFullyQualifiedName().contains(".")
                    || !ANNOTATION_NAME.matcher(annotation.getName()).matches()) {
                refuse(where, "annotation @" + annotation.getName() + " is refused; metadata is a lower-case name"
                        + " such as @severity(HIGH) or @control(\"SOX-404\")");
                return;
            }
            Optional<String> type = droolsReads(annotation.getName(), typeScope);
            if (type.isPresent()) {
                // Refused before Drools builds it: a value it cannot decode ended the compile in a RuntimeException
                // out of Drools (@propagation(NOSUCH), @deprecated(x): "internal error", exit 3; attack43).
                // Located at the rule, as the check of the compiled rules locates it.
                refuse(current != null ? current : where, "rule '" + Printable.line(String.valueOf(current == null ? null
                        : current.getName())) + "': metadata @" + annotation.getName()
                        + " is read by Drools as " + type.get()
                        + ", which changes how the rule runs, not as plain metadata; use another name (e.g. @"
                        + annotation.getName() + "_note)");
                return;
            }
            if (annotation.getName().equals(Violation.SOLUTION)) {
                solution(annotation, where);
                return;
            }
            for (Map.Entry<String, Object> value : annotation.getValueMap().entrySet()) {
                String text = String.valueOf(value.getValue()).strip();
                if (!ANNOTATION_VALUE.matcher(text).matches()) {
                    refuse(where, "@" + annotation.getName() + " value " + text + " is refused; expected a name,"
                            + " a number or a plain \"string\" (metadata values are evaluated)");
                }
            }
        }

        /**
         * The annotation type Drools takes a metadata name for, if any: the name capitalised, looked up as Drools' type
         * resolver looks it up (the DRL's package and imports, {@code java.lang} and Drools' own rule and type
         * annotations), without initialising a class. The compiled rules are checked again after compiling
         * ({@code RulebookCompiler.plainMetadata}), whatever this finds.
         */
        private static Optional<String> droolsReads(String name, List<String> scope) {
            if (name.isEmpty()) {
                return Optional.empty();
            }
            String simple = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            List<String> candidates = new ArrayList<>();
            for (String entry : scope) {
                if (entry.endsWith(".*")) {
                    candidates.add(entry.substring(0, entry.length() - 1) + simple);
                } else if (entry.endsWith("." + simple)) {
                    candidates.add(entry);
                }
            }
            for (String pkg : DROOLS_ANNOTATION_PACKAGES) {
                candidates.add(pkg + "." + simple);
            }
            for (String candidate : candidates) {
                try {
                    Class<?> type = Class.forName(candidate, false, PolicyLanguage.class.getClassLoader());
                    if (type.isAnnotation()) {
                        return Optional.of(type.getName());
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // not a type of that name: plain metadata as far as this package goes
                }
            }
            return Optional.empty();
        }

        /** The fix hint: exactly one plain string of printable text, read by people and never evaluated as more. */
        private void solution(AnnotationDescr annotation, BaseDescr where) {
            Map<String, Object> values = annotation.getValueMap();
            String text = values.size() == 1 && values.containsKey("value")
                    ? String.valueOf(values.get("value")).strip() : null;
            if (text == null || !SOLUTION_VALUE.matcher(text).matches()) {
                refuse(where, "@solution takes one plain \"string\" of printable text (no quotes, backslashes or"
                        + " control characters, at most " + MAX_SOLUTION + " characters), e.g. @solution(\"Add the"
                        + " missing approvals\")");
            }
        }

        /** Refuses a rule's named consequences: once for the rule, however many it names or calls. */
        private void refuseNamedConsequences(BaseDescr where) {
            if (!namedRefused) {
                namedRefused = true;
                refuse(where, NAMED_CONSEQUENCES);
            }
        }

        private void element(BaseDescr element) {
            if (element instanceof NamedConsequenceDescr || element instanceof ConditionalBranchDescr) {
                refuseNamedConsequences(element); // do[x], if (...) do[x]: one mistake with their then[x]
            } else if (element instanceof AndDescr and) {
                and.getDescrs().forEach(this::element);
            } else if (element instanceof OrDescr or) {
                or.getDescrs().forEach(this::element);
            } else if (element instanceof NotDescr not) {
                within("not", () -> not.getDescrs().forEach(this::element));
            } else if (element instanceof ExistsDescr exists) {
                for (Object d : exists.getDescrs()) {
                    element((BaseDescr) d);
                }
            } else if (element instanceof ForallDescr forall) {
                within("forall", () -> forall.getDescrs().forEach(this::element));
            } else if (element instanceof PatternDescr pattern) {
                pattern(pattern);
            } else if (element instanceof EvalDescr eval) {
                Object content = eval.getContent();
                if (content instanceof String code) {
                    expression(code, Origin.of(eval), false);
                } else {
                    refuse(eval, "eval content cannot be classified");
                }
            } else {
                refuse(element, "'" + describe(element) + "' is outside the policy language; expected patterns,"
                        + " not, exists, forall, or, eval");
            }
        }

        /** Walks {@code walk} inside {@code construct} (the outermost such construct is the one named). */
        private void within(String construct, Runnable walk) {
            String outer = shrinking;
            shrinking = outer == null ? construct : outer;
            try {
                walk.run();
            } finally {
                shrinking = outer;
            }
        }

        private void pattern(PatternDescr pattern) {
            String type = pattern.getObjectType() == null ? "" : pattern.getObjectType().strip();
            String simple = type.startsWith(FACTS_PACKAGE) ? type.substring(FACTS_PACKAGE.length()) : type;
            if (pattern.isQuery()) {
                refuse(pattern, "query calls are refused");
            } else if (!FACT_TYPES.contains(simple) && !VALUE_TYPES.contains(simple)) {
                refuse(pattern, "pattern type " + type + " is outside the policy language; expected one of "
                        + new TreeSet<>(FACT_TYPES) + " or a value type " + new TreeSet<>(VALUE_TYPES));
            }
            if (shrinking != null && pattern.getSource() == null
                    && (simple.equals("ViolationFact") || simple.equals("Object"))) {
                // Stratification: violations are the facts rules insert. Under not/forall a match can
                // be undone by a later insert, and a collect/accumulate sees how many there are so far,
                // so what such a rule reports would depend on the order rules fire in.
                refuse(pattern, simple + " under " + shrinking + " is refused: violations are what rules insert,"
                        + " so the rule would judge whatever the order rules fire in left; match violations only"
                        + " as they grow, e.g. $v : ViolationFact(...) or exists ViolationFact(...)");
            }
            if (!pattern.getBehaviors().isEmpty()) {
                refuse(pattern, "sliding windows (over window:...) are refused");
            }
            if (!pattern.getAnnotations().isEmpty()) {
                // Their values are expressions nobody checks; a policy needs no pattern metadata.
                refuse(pattern, "annotations on a pattern (@" + pattern.getAnnotationNames().iterator().next()
                        + ") are refused");
            }
            PatternSourceDescr source = pattern.getSource();
            if (source != null) {
                source(source, pattern);
            }
            String outerType = patternType;
            patternType = simple;
            try {
                for (BaseDescr constraint : pattern.getDescrs()) {
                    if (constraint instanceof ExprConstraintDescr expr) {
                        constraint(expr);
                    } else {
                        refuse(constraint, "constraint '" + describe(constraint) + "' cannot be classified");
                    }
                }
            } finally {
                patternType = outerType;
            }
            if (pattern.getIdentifier() != null) {
                bound.add(pattern.getIdentifier());
                if (simple.equals("Map")) {
                    maps.add(pattern.getIdentifier());
                }
                if (FACT_TYPES.contains(simple)) {
                    facts.put(pattern.getIdentifier(), simple);
                }
            }
        }

        private void source(PatternSourceDescr source, PatternDescr pattern) {
            BaseDescr where = source.getLine() > 0 ? source : pattern;
            // By exact class: Drools' groupby is a subclass of AccumulateDescr whose grouping key is Java
            // code an accumulate has not, and a subclass the walk does not know may hold more (attack25).
            if (source.getClass() == GroupByDescr.class) {
                refuse(where, "groupby is outside the policy language (its grouping key is code run for every fact);"
                        + " expected from, collect or accumulate with " + new TreeSet<>(ACCUMULATE_FUNCTIONS));
            } else if (source.getClass() != CollectDescr.class && source.getClass() != AccumulateDescr.class
                    && source.getClass() != FromDescr.class) {
                refuse(where, "pattern source '" + describe(source) + "' is refused (entry points and windows are"
                        + " outside the policy language); expected from, collect or accumulate");
            } else if (source instanceof CollectDescr collect) {
                if (collect.getInputPattern() == null) {
                    refuse(where, "collect needs one pattern over the facts");
                } else {
                    within("collect", () -> pattern(collect.getInputPattern()));
                }
            } else if (source instanceof AccumulateDescr accumulate) {
                accumulate(accumulate, where);
            } else if (source instanceof FromDescr from) {
                from(from, where);
            } else {
                refuse(where, "pattern source '" + describe(source) + "' is refused (entry points and windows are"
                        + " outside the policy language); expected from, collect or accumulate");
            }
        }

        private void from(FromDescr from, BaseDescr where) {
            String text = from.getDataSource() == null ? null : from.getDataSource().getText();
            Origin origin = Origin.of(where);
            Expression parsed = parseExpression(text, origin);
            if (parsed == null) {
                return;
            }
            // Only an accessor of a bound fact: from $rb.requiredTags(), from $t.tags().keySet() is refused.
            boolean accessor = parsed instanceof MethodCallExpr call && call.getArguments().isEmpty()
                    && call.getScope().filter(s -> s instanceof NameExpr n && bound.contains(n.getNameAsString())).isPresent()
                    && FACT_ACCESSORS.contains(call.getNameAsString())
                    || parsed instanceof FieldAccessExpr field && field.getScope() instanceof NameExpr n
                    && bound.contains(n.getNameAsString()) && FACT_ACCESSORS.contains(field.getNameAsString())
                    || parsed instanceof NameExpr name && bound.contains(name.getNameAsString());
            if (!accessor) {
                problems.add(origin.at(parsed, "from '" + text.strip() + "' is refused; from takes a bound variable or"
                        + " an accessor of a bound fact without arguments, e.g. from $rb.requiredTags()"));
            }
        }

        private void accumulate(AccumulateDescr accumulate, BaseDescr where) {
            if (accumulate.getInitCode() != null || accumulate.getActionCode() != null
                    || accumulate.getReverseCode() != null || accumulate.getResultCode() != null) {
                refuse(where, "accumulate with init/action/reverse/result code is refused; expected built-in functions "
                        + new TreeSet<>(ACCUMULATE_FUNCTIONS));
                return;
            }
            if (accumulate.getInput() != null) {
                within("accumulate", () -> element(accumulate.getInput()));
            }
            for (var function : accumulate.getFunctions()) {
                if (!ACCUMULATE_FUNCTIONS.contains(function.getFunction())) {
                    refuse(where, "accumulate function " + function.getFunction() + " is refused; expected one of "
                            + new TreeSet<>(ACCUMULATE_FUNCTIONS));
                }
                for (String param : function.getParams()) {
                    expression(param, Origin.of(where), false);
                }
                if (function.getBind() != null) {
                    bound.add(function.getBind());
                }
            }
        }

        private void constraint(ExprConstraintDescr constraint) {
            Origin origin = Origin.of(constraint);
            if (tooLong(constraint.getExpression(), origin, "a constraint")) {
                return;
            }
            ConstraintConnectiveDescr tree;
            try {
                tree = exprParser.parse(constraint.getExpression());
            } catch (RuntimeException e) {
                tree = null;
            }
            if (tree == null || exprParser.hasErrors()) {
                problems.add(origin.here("constraint '" + constraint.getExpression() + "' cannot be classified"));
                return;
            }
            if (!readToItsEnd(constraint.getExpression())) {
                problems.add(origin.here("constraint '" + oneLine(constraint.getExpression()) + "' is not read to its end:"
                        + " Drools stops after '" + oneLine(tree.toString()) + "' and ignores the rest (a single-quoted"
                        + " string holding a double quote becomes two strings); write strings in double quotes"));
                return;
            }
            constraintPart(tree, origin, constraint.getExpression());
        }

        private void constraintPart(BaseDescr part, Origin origin, String expression) {
            if (part instanceof ConstraintConnectiveDescr connective) {
                connective.getDescrs().forEach(d -> constraintPart(d, origin, expression));
            } else if (part instanceof RelationalExprDescr relation) {
                String operator = relation.getOperator();
                if (!OPERATORS.contains(operator) || relation.getParameters() != null && !relation.getParameters().isEmpty()) {
                    // Drools' parser reads some operators (MVEL's ~=) as none, "null": name the constraint.
                    String shown = operator == null || operator.equals("null") ? "in '" + expression + "'"
                            : "'" + operator + "'";
                    problems.add(origin.here("operator " + shown + " is refused; expected one of "
                            + String.join(", ", new TreeSet<>(OPERATORS)) + " (optionally negated with not)"));
                }
                searchOperator(relation, origin, expression);
                constraintPart(relation.getLeft(), origin, expression);
                constraintPart(relation.getRight(), origin, expression);
            } else if (part instanceof AtomicExprDescr atom) {
                expression(atom.getExpression(), origin, true);
            } else if (part instanceof BindingDescr binding) {
                if (binding.getVariable() == null || !binding.getVariable().matches("\\$?[A-Za-z_][A-Za-z0-9_]*")) {
                    problems.add(origin.here("binding '" + binding + "' cannot be classified"));
                }
                expression(binding.getExpression(), origin, true);
                Expression value = quiet(binding);
                if (value != null && map(value, true)) {
                    maps.add(binding.getVariable());
                }
                bound.add(binding.getVariable());
            } else {
                problems.add(origin.here("constraint part '" + describe(part) + "' cannot be classified"));
            }
        }

        /**
         * {@code contains} and {@code memberOf} between two values of the facts: on texts a search whose
         * cost is the product of the two lengths, for every pair of facts the rule joins, inside the one
         * insert the time limit cannot stop (docs/rules.md, "Joins"). So the text searched for must be a
         * literal, unless the value searched is a collection field of a fact, whose {@code contains}
         * compares elements in linear time.
         */
        private void searchOperator(RelationalExprDescr relation, Origin origin, String expression) {
            String operator = relation.getOperator();
            boolean contains = "contains".equals(operator);
            if (!contains && !"memberOf".equals(operator)) {
                return;
            }
            Expression searched = quiet(contains ? relation.getLeft() : relation.getRight());
            Expression needle = quiet(contains ? relation.getRight() : relation.getLeft());
            if (needle != null && searched != null && !literal(needle) && !collection(searched)) {
                problems.add(origin.here("'" + oneLine(expression) + "' searches '" + searched + "' for '" + needle + "', which is not a literal: on texts that costs the"
                        + " product of the two lengths for every pair of facts the rule joins, inside an insert the time"
                        + " limit cannot stop; expected a literal such as \"text\", or a collection field such as"
                        + " dependencies contains $id"));
            }
        }

        /** The expression of one side of a relation, or {@code null} when it is not one (the walk reports it). */
        private static Expression quiet(BaseDescr side) {
            String code = side instanceof AtomicExprDescr atom ? atom.getExpression()
                    : side instanceof BindingDescr binding ? binding.getExpression() : null;
            if (code == null || code.isBlank() || code.length() > MAX_EXPRESSION) {
                return null;
            }
            ParseResult<Expression> result = new JavaParser(Java.CONFIG).parseExpression(code);
            return result.isSuccessful() ? result.getResult().orElse(null) : null;
        }

        private static boolean literal(Expression e) {
            Expression inner = e;
            while (inner instanceof EnclosedExpr enclosed) {
                inner = enclosed.getInner();
            }
            return inner instanceof StringLiteralExpr || inner instanceof CharLiteralExpr
                    || inner instanceof IntegerLiteralExpr || inner instanceof LongLiteralExpr
                    || inner instanceof DoubleLiteralExpr || inner instanceof BooleanLiteralExpr
                    || inner instanceof NullLiteralExpr;
        }

        /**
         * Whether {@code e} is a collection field of a fact: a field by name (not a bound variable),
         * {@code $t.dependencies}, {@code $t.dependencies()}, or {@code keySet()}/{@code values()} of one.
         */
        private boolean collection(Expression e) {
            if (e instanceof EnclosedExpr enclosed) {
                return collection(enclosed.getInner());
            }
            if (e instanceof NameExpr name) {
                return COLLECTION_ACCESSORS.contains(name.getNameAsString()) && !bound.contains(name.getNameAsString());
            }
            if (e instanceof FieldAccessExpr field) {
                return COLLECTION_ACCESSORS.contains(field.getNameAsString());
            }
            if (e instanceof MethodCallExpr call && call.getArguments().isEmpty()) {
                String name = call.getNameAsString();
                return COLLECTION_ACCESSORS.contains(name) && call.getScope().isPresent()
                        || (name.equals("keySet") || name.equals("values"))
                                && call.getScope().filter(this::collection).isPresent();
            }
            return false;
        }

        private Expression parseExpression(String code, Origin origin) {
            if (code == null || code.isBlank()) {
                problems.add(origin.here("empty expression"));
                return null;
            }
            if (tooLong(code, origin, "an expression")) {
                return null;
            }
            ParseResult<Expression> result = new JavaParser(Java.CONFIG).parseExpression(code);
            if (!result.isSuccessful() || result.getResult().isEmpty()) {
                problems.add(origin.here("expression '" + oneLine(code) + "' is outside the policy language"
                        + " (MVEL-only syntax is refused); expected a Java expression over facts and literals"));
                return null;
            }
            return result.getResult().get();
        }

        /** Checks an expression; {@code constraint} allows bare field names and {@code this} (the pattern's fact). */
        private void expression(String code, Origin origin, boolean constraint) {
            Expression parsed = parseExpression(code, origin);
            if (parsed != null) {
                expr(parsed, origin, constraint);
            }
        }

        private void expr(Expression e, Origin origin, boolean constraint) {
            if (e instanceof StringLiteralExpr || e instanceof IntegerLiteralExpr || e instanceof LongLiteralExpr
                    || e instanceof DoubleLiteralExpr || e instanceof BooleanLiteralExpr || e instanceof NullLiteralExpr
                    || e instanceof CharLiteralExpr) {
                return;
            }
            if (e instanceof NameExpr name) {
                String n = name.getNameAsString();
                boolean variable = bound.contains(n) || locals.contains(n);
                if (!variable && constraint && LOCALE_DEPENDENT.contains(n)) {
                    problems.add(origin.at(e, localeDependent(n)));
                } else if (!variable && constraint && n.equals(MAP_VALUES) && !"Map".equals(patternType)) {
                    problems.add(origin.at(e, notAMap(n)));
                } else if (!variable && constraint && SHARED_ACCESSORS.containsKey(n) && !declares(patternType, n)) {
                    problems.add(origin.at(e, notAFact(n, n)));
                } else if (!(variable || constraint && (FACT_ACCESSORS.contains(n)
                        || VALUE_METHODS.contains(n)))) {
                    problems.add(origin.at(e, "name '" + n + "' is outside the policy language; expected a bound"
                            + " variable, a local variable or a fact field"));
                }
            } else if (e instanceof ThisExpr self) {
                if (!constraint || self.getTypeName().isPresent()) {
                    problems.add(origin.at(e, "'this' is only allowed in a pattern constraint"));
                }
            } else if (e instanceof FieldAccessExpr field) {
                if (LOCALE_DEPENDENT.contains(field.getNameAsString())) {
                    problems.add(origin.at(e, localeDependent(field.getNameAsString())));
                    return;
                }
                if (field.getNameAsString().equals(MAP_VALUES) && !map(field.getScope(), constraint)) {
                    problems.add(origin.at(e, notAMap(field.toString())));
                    return;
                }
                if (SHARED_ACCESSORS.containsKey(field.getNameAsString())
                        && !fact(field.getScope(), field.getNameAsString(), constraint)) {
                    problems.add(origin.at(e, notAFact(oneLine(field.toString()), field.getNameAsString())));
                    return;
                }
                if (!FACT_ACCESSORS.contains(field.getNameAsString()) && !VALUE_METHODS.contains(field.getNameAsString())
                        || field.getTypeArguments().isPresent()) {
                    problems.add(origin.at(e, "field '" + field + "' is outside the policy language;"
                            + " expected a fact accessor"));
                    return; // one message per mistake: what is inside a refused node is not judged
                }
                expr(field.getScope(), origin, constraint);
            } else if (e instanceof MethodCallExpr call) {
                call(call, origin, constraint);
            } else if (e instanceof BinaryExpr binary) {
                expr(binary.getLeft(), origin, constraint);
                expr(binary.getRight(), origin, constraint);
            } else if (e instanceof UnaryExpr unary) {
                if ((unary.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
                        || unary.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT
                        || unary.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT
                        || unary.getOperator() == UnaryExpr.Operator.POSTFIX_DECREMENT)
                        && !(unary.getExpression() instanceof NameExpr n && locals.contains(n.getNameAsString()))) {
                    problems.add(origin.at(e, "only local variables may be incremented"));
                }
                expr(unary.getExpression(), origin, constraint);
            } else if (e instanceof EnclosedExpr enclosed) {
                expr(enclosed.getInner(), origin, constraint);
            } else if (e instanceof ConditionalExpr conditional) {
                expr(conditional.getCondition(), origin, constraint);
                expr(conditional.getThenExpr(), origin, constraint);
                expr(conditional.getElseExpr(), origin, constraint);
            } else if (e instanceof CastExpr cast) {
                type(cast.getType(), origin, cast);
                expr(cast.getExpression(), origin, constraint);
            } else if (e instanceof AssignExpr assign && !constraint) {
                if (!(assign.getTarget() instanceof NameExpr n && locals.contains(n.getNameAsString()))) {
                    problems.add(origin.at(e, "only local variables may be assigned; facts are read-only"));
                }
                expr(assign.getValue(), origin, false);
            } else {
                problems.add(origin.at(e, kind(e) + " '" + oneLine(e.toString()) + "' is outside the policy language"));
            }
        }

        private void call(MethodCallExpr call, Origin origin, boolean constraint) {
            String name = call.getNameAsString();
            if (call.getTypeArguments().isPresent()) {
                problems.add(origin.at(call, "type arguments on '" + name + "' are refused"));
            }
            var scope = call.getScope().orElse(null);
            if (scope == null) {
                if (!constraint || !FACT_ACCESSORS.contains(name)) {
                    problems.add(origin.at(call, "call '" + name + "(...)' is outside the policy language; expected a"
                            + " fact accessor, a String/collection method, Math or Report.violation"));
                    return;
                }
                if (SHARED_ACCESSORS.containsKey(name) && !declares(patternType, name)) {
                    problems.add(origin.at(call, notAFact(oneLine(call.toString()), name)));
                    return;
                }
            } else if (scope instanceof NameExpr type && !bound.contains(type.getNameAsString())
                    && !locals.contains(type.getNameAsString())
                    && !(constraint && FACT_ACCESSORS.contains(type.getNameAsString()))) {
                Set<String> allowed = STATIC_METHODS.getOrDefault(type.getNameAsString(), Set.of());
                if (!allowed.contains(name)) {
                    problems.add(origin.at(call, "static call '" + type.getNameAsString() + "." + name
                            + "' is outside the policy language; expected Math.max/min/abs, String.valueOf, LocalDate.of/parse or"
                            + " Report.violation"));
                    return;
                } else if (name.equals("violation")) {
                    reportArguments(call, origin);
                    return;
                }
            } else {
                if (LOCALE_DEPENDENT.contains(name)) {
                    problems.add(origin.at(call, localeDependent(name + "()")));
                    return;
                }
                if (name.equals(MAP_VALUES) && !map(scope, constraint)) {
                    problems.add(origin.at(call, notAMap(oneLine(call.toString()))));
                    return;
                }
                if (SHARED_ACCESSORS.containsKey(name) && !fact(scope, name, constraint)) {
                    problems.add(origin.at(call, notAFact(oneLine(call.toString()), name)));
                    return;
                }
                if (!FACT_ACCESSORS.contains(name) && !VALUE_METHODS.contains(name)) {
                    problems.add(origin.at(call, "call '" + oneLine(call.toString()) + "' is outside the policy"
                            + " language: method '" + name + "' is neither a fact accessor nor one of the String/collection"
                            + " methods listed in docs/rules.md"));
                    return;
                }
                expr(scope, origin, constraint);
                if (!inConsequence && SEARCHES.contains(name) && !call.getArguments().isEmpty()
                        && !literal(call.getArgument(0)) && !collection(scope)) {
                    problems.add(origin.at(call, "'" + oneLine(call.toString()) + "' searches a text for '"
                            + call.getArgument(0) + "', which is not a literal: that costs the product of the two"
                            + " lengths for every pair of facts the rule joins, inside an insert the time limit cannot"
                            + " stop; in a condition expected a literal such as \"text\", or a collection field such as"
                            + " $t.dependencies().contains($id)"));
                }
            }
            call.getArguments().forEach(a -> expr(a, origin, constraint));
        }

        /**
         * Whether {@code e} is known to be a map: a map accessor of a fact ({@code tags},
         * {@code $t.tags()}), a variable bound to one or declared {@code Map}, a cast to {@code Map},
         * or {@code this} in a {@code Map()} pattern. Anything else is not known to be one.
         */
        private boolean map(Expression e, boolean constraint) {
            if (e instanceof EnclosedExpr enclosed) {
                return map(enclosed.getInner(), constraint);
            }
            if (e instanceof CastExpr cast) {
                return cast.getType() instanceof ClassOrInterfaceType type && type.getScope().isEmpty()
                        && type.getNameAsString().equals("Map");
            }
            if (e instanceof NameExpr name) {
                String n = name.getNameAsString();
                if (bound.contains(n) || locals.contains(n)) {
                    return maps.contains(n);
                }
                return constraint && MAP_ACCESSORS.contains(n);
            }
            if (e instanceof FieldAccessExpr field) {
                return MAP_ACCESSORS.contains(field.getNameAsString());
            }
            if (e instanceof MethodCallExpr call) {
                return call.getArguments().isEmpty() && call.getScope().isPresent()
                        && MAP_ACCESSORS.contains(call.getNameAsString());
            }
            return e instanceof ThisExpr self && self.getTypeName().isEmpty() && constraint && "Map".equals(patternType);
        }

        /**
         * Whether {@code e} is known to be a fact of a type that declares {@code accessor}: a variable bound to
         * such a fact's pattern or declared of its type, a cast to that type, or {@code this} in a pattern of
         * that type. Anything else is not known to be one.
         */
        private boolean fact(Expression e, String accessor, boolean constraint) {
            if (e instanceof EnclosedExpr enclosed) {
                return fact(enclosed.getInner(), accessor, constraint);
            }
            if (e instanceof CastExpr cast) {
                return cast.getType() instanceof ClassOrInterfaceType type && type.getScope().isEmpty()
                        && declares(type.getNameAsString(), accessor);
            }
            if (e instanceof NameExpr name) {
                return declares(facts.get(name.getNameAsString()), accessor);
            }
            return e instanceof ThisExpr self && self.getTypeName().isEmpty() && constraint
                    && declares(patternType, accessor);
        }

        /** Whether the fact type of this simple name (null: none known) declares {@code accessor}. */
        private static boolean declares(String type, String accessor) {
            return type != null && SHARED_ACCESSORS.getOrDefault(accessor, Set.of()).contains(type);
        }

        private static String notAFact(String code, String accessor) {
            return "'" + code + "' is outside the policy language: " + accessor + " is allowed on a "
                    + String.join(" or ", SHARED_ACCESSORS.get(accessor)) + " only (such as $t." + accessor + "());"
                    + " on a collection or another value it is the value's " + accessor + "(), whose text is the JVM's"
                    + " identity hash, which differs between processes";
        }

        private static String notAMap(String code) {
            return "'" + code + "' is outside the policy language: values() is allowed on a map only (such as"
                    + " tags, $t.tags() or a variable bound to one); on a violation's severity it is the enum's"
                    + " values(), an array whose text is the JVM's identity hash, which differs between processes";
        }

        private static String localeDependent(String method) {
            return "'" + method + "' is outside the policy language: it case-maps in the JVM's default locale"
                    + " (under a Turkish locale \"I\" lower-cases to a dotless i), so verify could judge otherwise than"
                    + " advance; compare with equalsIgnoreCase, or match with matches \"(?i)...\"";
        }

        private void reportArguments(MethodCallExpr call, Origin origin) {
            NodeList<Expression> args = call.getArguments();
            if (args.size() < 3 || !(args.get(0) instanceof NameExpr k && k.getNameAsString().equals("kcontext"))) {
                problems.add(origin.at(call, "expected Report.violation(kcontext, fact or item id, message"
                        + " [, \"name\", value]...)"));
                return;
            }
            if ((args.size() - 3) % 2 != 0 || (args.size() - 3) / 2 > Report.MAX_FACTS) {
                problems.add(origin.at(call, "compared values come as up to " + Report.MAX_FACTS
                        + " \"name\", value pairs after the message; got " + (args.size() - 3) + " argument(s)"));
                return;
            }
            expr(args.get(1), origin, false);
            expr(args.get(2), origin, false);
            Set<String> names = new HashSet<>();
            for (int i = 3; i < args.size(); i += 2) {
                Expression name = args.get(i);
                if (!(name instanceof StringLiteralExpr literal) || !FACT_NAME.matcher(literal.getValue()).matches()) {
                    problems.add(origin.at(name, "a compared value's name must be a string literal of lower-case"
                            + " letters, digits and '_' such as \"approvals\"; got " + oneLine(name.toString())));
                } else if (!names.add(literal.getValue())) {
                    problems.add(origin.at(name, "compared value " + literal + " is given twice"));
                }
                expr(args.get(i + 1), origin, false);
            }
        }

        private void type(Type type, Origin origin, Node where) {
            if (type instanceof PrimitiveType || type instanceof VarType) {
                return;
            }
            if (type instanceof ClassOrInterfaceType named && named.getScope().isEmpty()
                    && LOCAL_TYPES.contains(named.getNameAsString())) {
                named.getTypeArguments().ifPresent(args -> args.forEach(a -> type(a, origin, where)));
                return;
            }
            problems.add(origin.at(where, "type " + type + " is outside the policy language; expected a primitive, "
                    + new TreeSet<>(LOCAL_TYPES)));
        }

        private void consequence(RuleDescr rule, String code) {
            Origin origin = consequenceOrigin(rule);
            if (tooLong(code, origin, "the consequence of rule '" + rule.getName() + "'")) {
                return;
            }
            ParseResult<BlockStmt> result = new JavaParser(Java.CONFIG).parseBlock("{" + code + "\n}");
            if (!result.isSuccessful() || result.getResult().isEmpty()) {
                problems.add(origin.here("consequence of rule '" + rule.getName() + "' is not plain Java the policy"
                        + " language accepts (MVEL-only syntax, modify/with blocks are refused)"));
                return;
            }
            int inserts = result.getResult().get().findAll(MethodCallExpr.class,
                    c -> c.getScope().isEmpty() && c.getNameAsString().equals("insert")).size();
            if (inserts > MAX_INSERTS) {
                problems.add(origin.here("the consequence of rule '" + rule.getName() + "' inserts " + inserts
                        + " violations; a consequence may insert at most " + MAX_INSERTS));
            }
            // The "{" shifts the first line's columns by one.
            Origin shifted = new Origin(origin.line(), origin.column() == 0 ? 0 : origin.column() - 1);
            inConsequence = true;
            try {
                for (Statement statement : result.getResult().get().getStatements()) {
                    statement(statement, shifted);
                }
            } finally {
                inConsequence = false;
            }
        }

        private void statement(Statement s, Origin origin) {
            if (s instanceof BlockStmt block) {
                block.getStatements().forEach(st -> statement(st, origin));
            } else if (s instanceof EmptyStmt) {
                return;
            } else if (s instanceof IfStmt branch) {
                expr(branch.getCondition(), origin, false);
                statement(branch.getThenStmt(), origin);
                branch.getElseStmt().ifPresent(e -> statement(e, origin));
            } else if (s instanceof ExpressionStmt stmt) {
                Expression e = stmt.getExpression();
                if (e instanceof VariableDeclarationExpr declaration) {
                    if (declaration.getModifiers().stream().anyMatch(m -> m.getKeyword() != com.github.javaparser.ast.Modifier.Keyword.FINAL)
                            || !declaration.getAnnotations().isEmpty()) {
                        problems.add(origin.at(e, "local variables take no modifiers but final"));
                    }
                    for (VariableDeclarator variable : declaration.getVariables()) {
                        type(variable.getType(), origin, variable);
                        variable.getInitializer().ifPresent(init -> expr(init, origin, false));
                        locals.add(variable.getNameAsString());
                        if (variable.getType() instanceof ClassOrInterfaceType type && type.getScope().isEmpty()
                                && type.getNameAsString().equals("Map")) {
                            maps.add(variable.getNameAsString());
                        }
                        if (variable.getType() instanceof ClassOrInterfaceType type && type.getScope().isEmpty()
                                && FACT_TYPES.contains(type.getNameAsString())) {
                            facts.put(variable.getNameAsString(), type.getNameAsString());
                        }
                    }
                } else if (e instanceof MethodCallExpr call && call.getScope().isEmpty()
                        && call.getNameAsString().equals("insert")) {
                    if (call.getArguments().size() == 1 && call.getArguments().get(0) instanceof MethodCallExpr report
                            && report.getScope().filter(sc -> sc instanceof NameExpr n && n.getNameAsString().equals("Report")).isPresent()
                            && report.getNameAsString().equals("violation")) {
                        call(report, origin, false);
                    } else {
                        problems.add(origin.at(e, "insert takes exactly Report.violation(kcontext, ...); a policy"
                                + " inserts nothing else"));
                    }
                } else if (e instanceof AssignExpr || e instanceof UnaryExpr) {
                    expr(e, origin, false);
                } else if (e instanceof MethodCallExpr call && call.getScope().isEmpty()) {
                    problems.add(origin.at(e, "'" + call.getNameAsString() + "(...)' is outside the policy language;"
                            + " a consequence may only insert(Report.violation(...)) (modify, update, retract, delete"
                            + " and other calls are refused)"));
                } else {
                    int before = problems.size();
                    expr(e, origin, false);
                    if (problems.size() == before) {
                        problems.add(origin.at(e, "statement '" + oneLine(e.toString()) + "' is outside the policy"
                                + " language; expected local variables, if, and insert(Report.violation(...))"));
                    }
                }
            } else {
                problems.add(origin.at(s, kind(s) + " is outside the policy language; a consequence is made of local"
                        + " variables, if, and insert(Report.violation(...))"));
            }
        }

        private static String kind(Node node) {
            String name = node.getClass().getSimpleName();
            return switch (name) {
                case "LambdaExpr" -> "lambda";
                case "MethodReferenceExpr" -> "method reference";
                case "ObjectCreationExpr" -> "constructor call";
                case "ArrayCreationExpr", "ArrayInitializerExpr" -> "array creation";
                case "ClassExpr" -> "class literal";
                case "ArrayAccessExpr" -> "index access";
                case "LocalClassDeclarationStmt", "LocalRecordDeclarationStmt" -> "local class";
                case "WhileStmt", "DoStmt", "ForStmt", "ForEachStmt" -> "loop";
                case "TryStmt" -> "try";
                case "ThrowStmt" -> "throw";
                case "SwitchStmt", "SwitchExpr" -> "switch";
                default -> name.replaceAll("(Expr|Stmt)$", "").toLowerCase(Locale.ROOT);
            };
        }

        private static String describe(BaseDescr descr) {
            return descr.getClass().getSimpleName().replaceAll("Descr$", "");
        }

        private static String oneLine(String code) {
            String flat = code.strip().replaceAll("\\s+", " ");
            return flat.length() > 60 ? flat.substring(0, 57) + "..." : flat;
        }
    }

    /** The importable types, for documentation and tests. */
    static List<String> allowList() {
        return IMPORTABLE.stream().sorted().toList();
    }
}
