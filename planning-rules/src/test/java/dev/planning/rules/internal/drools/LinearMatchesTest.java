package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.governance.EvaluationLimitException;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.rules.Inputs;
import dev.planning.rules.TestRulebooks;
import dev.planning.rules.facts.LinearRegex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * {@code matches} and {@code not matches} run RE2 (linear time), on every path a constraint takes:
 * interpreted by MVEL (the knowledge base never jits one: ConstraintJittingAttackTest). Isolated: a test here checks that no
 * evaluation thread is left running, which another class evaluating at the same time would blur.
 */
@Isolated
class LinearMatchesTest {

    @TempDir
    Path dir;

    private int made;

    private static String rule(String constraint) {
        return """
                package dev.planning.rules.hostile;

                import dev.planning.rules.facts.TaskFact;
                import dev.planning.rules.facts.Report;

                rule "r"
                when
                    $t : TaskFact(%s)
                then
                    insert(Report.violation(kcontext, $t, "hit"));
                end
                """.formatted(constraint);
    }

    private DroolsGovernanceEngine engine(String constraint, double seconds) {
        return new DroolsGovernanceEngineFactory(1, getClass().getClassLoader()).create(TestRulebooks.withRules(
                dir.resolve("rb" + made++), Map.of("rules/r.drl", rule(constraint)),
                Map.of("max_evaluation_seconds", seconds)));
    }

    /** How many violations each of {@code times} evaluations reports for one task owned by {@code owner}. */
    private static List<Integer> verdicts(DroolsGovernanceEngine engine, String owner, int times) {
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            GovernanceDecision decision = engine.evaluate(Inputs.input(Inputs.goodTask("FE-1").owner(owner).build()));
            counts.add(decision.violations().size());
        }
        return counts;
    }

    private InvalidInputException refusal(String constraint) {
        return catchThrowableOfType(InvalidInputException.class, () -> engine(constraint, 10));
    }

    @Test
    void aPatternThatBacktracksForHoursEndsAtOnceWithTheRightVerdictAndNoThreadLeft() throws InterruptedException {
        // With java.util.regex, 40 a's and a '!' take about 2^40 steps under ((a+)+)+$ (24 take 0.8 s):
        // the evaluation would hit the limit, and its thread would keep burning a core.
        var engine = engine("owner matches \"((a+)+)+$\"", 60);

        assertThat(verdicts(engine, "a".repeat(40) + "!", 1)).containsExactly(0);
        assertThat(verdicts(engine, "a".repeat(40), 1)).containsExactly(1);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("planning-rules-evaluation")) {
                t.join(60_000);
            }
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("planning-rules-evaluation") && t.isAlive());
    }

    @Test
    void aMatchOnALongValueStopsWhenItsThreadIsInterrupted() {
        // Linear is value length times program size, both chosen by a contributor: this pattern
        // (906 RE2 instructions, accepted) takes about 6 us of CPU a character, so a plan field of a
        // few MB held one call, which nothing stopped, for longer than the evaluation limit.
        String value = "a".repeat(1 << 16);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> LinearRegex.matches(value, ".*a.{900}b"))
                    .isInstanceOf(CancellationException.class)
                    .hasMessageContaining("interrupted");
        } finally {
            Thread.interrupted();
        }
        assertThat(LinearRegex.matches("a".repeat(1000) + "b", ".*a.{900}b")).isTrue();
    }

    @Test
    void anEvaluationPastItsLimitInsideOneLongMatchLeavesNoThreadRunning() throws InterruptedException {
        // 12 million characters under .*a.{900}b took over a minute of CPU in one RE2 call before the
        // fix; a value is now at most 10,000 characters (the bound on text values, FactLengthsTest),
        // about 60 ms of this match, so the limit is 10 ms.
        var engine = engine("owner matches \".*a.{900}b\"", 0.01);

        assertThatThrownBy(() -> verdicts(engine, "a".repeat(10_000), 1))
                .isInstanceOf(EvaluationLimitException.class)
                .satisfies(e -> assertThat(((EvaluationLimitException) e).limit())
                        .isEqualTo(EvaluationLimitException.Limit.TIME));
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("planning-rules-evaluation")) {
                t.join(30_000);
            }
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("planning-rules-evaluation") && t.isAlive());
    }

    @Test
    void theInterpretedAndTheJittedConstraintBothRunRe2() {
        // A dot matches a carriage return in RE2 and not in java.util.regex: the verdict says which ran.
        // Drools jitted a constraint after 20 evaluations; the knowledge base now never does
        // (ConstraintJittingAttackTest), and 30 evaluations show RE2 on every one.
        var engine = engine("owner matches \"a.b\"", 60);

        assertThat(verdicts(engine, "a\rb", 30)).containsOnly(1);
    }

    @Test
    void matchesIsAWholeStringMatch() {
        assertThat(verdicts(engine("owner matches \"b\"", 60), "abc", 25)).containsOnly(0);
        assertThat(verdicts(engine("owner matches \".*b.*\"", 60), "abc", 25)).containsOnly(1);
        assertThat(verdicts(engine("owner matches \".*-team\"", 60), "core-team", 1)).containsExactly(1);
    }

    @Test
    void notMatchesIsItsNegationAndANullValueMatchesNoPatternOnEveryEvaluation() {
        // Drools' own matches read a null owner as the text "null" while interpreted and as no match once
        // jitted, so the same input's verdict changed after 20 evaluations; now it never does.
        assertThat(verdicts(engine("owner not matches \".*-team\"", 60), "alice", 25)).containsOnly(1);
        assertThat(verdicts(engine("owner not matches \".*-team\"", 60), "core-team", 25)).containsOnly(0);
        assertThat(verdicts(engine("owner not matches \"n.*\"", 60), null, 25)).containsOnly(1);
        assertThat(verdicts(engine("owner matches \"n.*\"", 60), null, 25)).containsOnly(0);
    }

    @Test
    void aBoundFieldAnEscapeAndAnOrBesideOtherTestsKeepTheirMeaning() {
        assertThat(verdicts(engine("$o : owner matches \"a.*\", $o == \"al\"", 60), "al", 1)).containsExactly(1);
        assertThat(verdicts(engine("owner matches \"[0-9]+\\\\.[0-9]+\"", 60), "1.5", 1)).containsExactly(1);
        assertThat(verdicts(engine("owner matches \"[0-9]+\\\\.[0-9]+\"", 60), "1x5", 1)).containsExactly(0);
        var either = engine("owner != null && (owner matches \"x.*\" || owner not matches \".*y\")", 60);
        assertThat(verdicts(either, "xy", 1)).containsExactly(1);
        assertThat(verdicts(either, "ay", 1)).containsExactly(0);
        assertThat(verdicts(either, "ab", 1)).containsExactly(1);
    }

    @Test
    void aPatternRe2CannotRunInLinearTimeIsRefusedAtLoadLocatedSayingWhatIsSupported() {
        for (String pattern : List.of("(a)\\\\1", "(?=a)a", "a*+", "(?>a)")) {
            InvalidInputException e = refusal("owner matches \"" + pattern + "\"");
            assertThat(e).as(pattern).isNotNull();
            assertThat(e.location()).as(pattern).contains(new SourceLocation("rules/r.drl", 8, 19));
            assertThat(e.getMessage()).as(pattern).contains("is not RE2 syntax")
                    .contains("no back-references (\\1), look-around ((?=, (?!, (?<=, (?<!), possessive (*+, ++)"
                            + " or atomic ((?>) groups");
        }
    }

    @Test
    void anEscapeJavaAndDroolsReadDifferentlyIsRefusedInEitherModeNotReadAsALetter() {
        // "a\sb": Java 15+ reads \s as a space, Drools' MVEL refuses it, and JavaParser dropped the
        // backslash: the rule compiled and matched the letter s where a reviewer reads whitespace.
        InvalidInputException restricted = refusal("owner matches \"a\\sb\"");
        assertThat(restricted).isNotNull();
        assertThat(restricted.getMessage()).contains("escape \\s").contains("write the pattern's backslash twice");
        assertThat(restricted.location()).contains(new SourceLocation("rules/r.drl", 8, 19));
        System.setProperty(PolicyLanguage.MODE_PROPERTY, PolicyLanguage.TRUSTED_MODE);
        try {
            for (String literal : List.of("a\\sb", "\\d+", "1\\.5", "a\\0", "a\\$")) {
                InvalidInputException e = refusal("owner matches \"" + literal + "\"");
                assertThat(e).as(literal).isNotNull();
                assertThat(e.getMessage()).as(literal).contains("escape \\" + literal.charAt(literal.indexOf('\\') + 1))
                        .contains("write the pattern's backslash twice");
            }
        } finally {
            System.clearProperty(PolicyLanguage.MODE_PROPERTY);
        }
        // Written twice, the backslash reaches RE2: \s is whitespace.
        assertThat(verdicts(engine("owner matches \"a\\\\sb\"", 60), "a b", 1)).containsExactly(1);
        assertThat(verdicts(engine("owner matches \"a\\\\sb\"", 60), "asb", 1)).containsExactly(0);
    }

    @Test
    void aPatternRe2AndJavaUtilRegexReadDifferentlyIsRefusedAtLoad() {
        // Each is accepted by both engines with another verdict: [[:alpha:]]+ is a POSIX class to RE2
        // and the union of ':', 'a', 'l', 'p', 'h' to Java ("abc"); a nested class or && is a union or an
        // intersection to Java and literal text to RE2; (?U) is ungreedy to RE2 and Unicode classes to
        // Java ("é" under \w+); \v is a vertical tab to RE2 and any vertical whitespace to Java.
        for (String pattern : List.of("[[:alpha:]]+", "[a-z&&[^b]]", "[a[b]]", "(?U)\\\\w+", "(?iU:x)", "a\\\\vb")) {
            InvalidInputException e = refusal("owner matches \"" + pattern + "\"");
            assertThat(e).as(pattern).isNotNull();
            assertThat(e.getMessage()).as(pattern).contains("means one thing to RE2 and another to java.util.regex");
            assertThat(e.location()).as(pattern).contains(new SourceLocation("rules/r.drl", 8, 19));
        }
        // The same characters escaped, or quoted, mean the same to both.
        assertThat(verdicts(engine("owner matches \"[\\\\[a]+\\\\Q[[:\\\\E\"", 60), "a[[[:", 1)).containsExactly(1);
        assertThat(verdicts(engine("owner matches \"[a\\\\]]&&\"", 60), "]&&", 1)).containsExactly(1);
    }

    /**
     * attack31: the rewriting copied the constraint's text, comments included, into the call it compiles, and
     * MVEL's compiler reads a comment there otherwise than Java: a block comment holding an opening bracket
     * in {@code owner.substring(0 ...) matches "a.*"} kept one core busy in MVEL's property verifier for
     * minutes (no bound holds compiling), and a
     * {@code //} comment swallowed the rest of the rewritten call. A comment inside a constraint that uses
     * matches is refused, located, in either mode.
     */
    @Test
    void aCommentInsideAConstraintThatUsesMatchesIsRefusedLocatedNotCompiled() {
        for (String constraint : List.of("owner.substring(0 /* ( */) matches \"a.*\"",
                "owner.substring(0 // note\n) matches \"a.*\"", "owner /* note */ matches \"a.*\"",
                "owner != \"x\" /* ( */ && owner not matches \"a.*\"")) {
            InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> refusal(constraint));

            assertThat(e).as(constraint).isNotNull();
            assertThat(e.getMessage()).as(constraint).contains("a comment inside a constraint that uses matches");
            assertThat(e.location()).as(constraint).hasValueSatisfying(at -> assertThat(at.line()).isEqualTo(8));
        }
    }

    /** A comment beside the constraint, or a pattern that spells a comment's characters, is no comment in it. */
    @Test
    void aCommentBesideTheConstraintOrInThePatternIsAccepted() {
        assertThat(verdicts(engine("/* note */ owner matches \"a/[*].*\" /* note */", 60), "a/*b", 1)).containsExactly(1);
    }

    @Test
    void aPatternNestedThousandsDeepIsRefusedLocatedNotAStackOverflow() {
        // With the policy check off nothing counted the brackets inside a string: 3,000 groups (6,001
        // characters, under the size bound) overflowed the stack of RE2/J, which compiles recursively,
        // on a 1 MB thread stack, and on the compiler's thread MVEL refused the rewritten constraint with
        // a 12 KB message.
        System.setProperty(PolicyLanguage.MODE_PROPERTY, PolicyLanguage.TRUSTED_MODE);
        try {
            Throwable thrown = catchThrowable(() -> verdicts(engine("owner matches \"" + "(".repeat(3000) + "a"
                    + ")".repeat(3000) + "\"", 10), "a", 1));
            assertThat(thrown).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("groups nested deeper than " + LinearPatterns.MAX_NESTING);
            assertThat(((InvalidInputException) thrown).location()).contains(new SourceLocation("rules/r.drl", 8, 19));
        } finally {
            System.clearProperty(PolicyLanguage.MODE_PROPERTY);
        }
        assertThat(LinearPatterns.problem("(".repeat(LinearPatterns.MAX_NESTING) + "a" + ")".repeat(LinearPatterns.MAX_NESTING)))
                .isEmpty();
        assertThat(LinearPatterns.problem("[(]".repeat(100) + "\\(".repeat(100))).isEmpty();
    }

    @Test
    void groupsAfterAQuotedBracketAreCountedAsGroupsNotAsAClass() {
        // \Q[\E is a literal [ to RE2: the groups after it are groups, however the counter reads it.
        String deep = "\\Q[\\E" + "(".repeat(3000) + "a" + ")".repeat(3000);

        assertThat(LinearPatterns.problem(deep)).hasValueSatisfying(
                problem -> assertThat(problem).contains("groups nested deeper than " + LinearPatterns.MAX_NESTING));
    }

    @Test
    void aPatternThatIsNotAStringLiteralIsRefused() {
        InvalidInputException e = refusal("$p : title, owner matches $p");

        assertThat(e.getMessage()).contains("matches takes a string literal as its pattern");
        assertThat(e.location()).contains(new SourceLocation("rules/r.drl", 8, 31));
        assertThat(refusal("owner matches title").getMessage()).contains("matches takes a string literal");
    }

    @Test
    void aPatternWhoseCountsMultiplyPastTheBoundIsRefusedBeforeRe2CompilesIt() {
        // RE2/J runs out of a 512 MB heap compiling this one.
        assertThat(refusal("owner matches \"(((a{100}){100}){100}){100}\"").getMessage())
                .contains("pattern is too large: its length times its repetition counts is more than 10000");
        assertThat(verdicts(engine("owner matches \"[0-9]{4}-[0-9]{2}-[0-9]{2}\"", 60), "2026-12-04", 1))
                .containsExactly(1);
    }

    @Test
    void notMatchesOnALineAfterAMultiLineConstraintKeepsCompilerErrorsOnTheirLine() {
        // The rewritten constraint keeps its line count: a later mistake is reported where it is.
        String drl = rule("owner matches\n        \"a.*\"").replace("insert(", "inserts(");
        Throwable thrown = catchThrowableOfType(InvalidInputException.class,
                () -> new DroolsGovernanceEngineFactory(1, getClass().getClassLoader())
                        .create(TestRulebooks.withRules(dir.resolve("lines"), Map.of("rules/r.drl", drl), Map.of())));

        assertThat(((InvalidInputException) thrown).location().orElseThrow().line()).isEqualTo(11);
    }

    @Test
    void mvelsOwnRegexOperatorIsRefusedNamingWhatTheConstraintHolds() {
        InvalidInputException refused = refusal("owner ~= \"a.*\"");

        assertThat(refused.getMessage()).contains("~=").doesNotContain("'null'").doesNotContain("[");
    }

    @Test
    void rulesCompiledWithoutTheRewritingAreRefusedNotEvaluatedWithJavaUtilRegex() {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(getClass().getClassLoader()));
        builder.add(ResourceFactory.newByteArrayResource(rule("owner not matches \"a.b\"")
                .getBytes(StandardCharsets.UTF_8)).setSourcePath("rules/r.drl"), ResourceType.DRL);

        assertThatThrownBy(() -> LinearMatches.requireLinear(builder.getKnowledgePackages()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rule 'r' would match a regular expression with java.util.regex")
                .hasMessageContaining("~=");
    }

    /**
     * review33: the guard's scanner (CodeScanner) would read the apostrophe of {@code /* don't *}{@code /} as a
     * literal's start and step over what follows; the expression it reads is the one Drools compiled, comments
     * dropped, so a {@code matches} after such a comment is still refused, and so is the constraint as written.
     */
    @Test
    void aCommentHoldingAQuoteBeforeMatchesHidesItFromNeitherCheck() {
        String constraint = "owner == \"x\" /* don't */ || owner matches \"(a+)+$\"";
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(getClass().getClassLoader()));
        builder.add(ResourceFactory.newByteArrayResource(rule(constraint).getBytes(StandardCharsets.UTF_8))
                .setSourcePath("rules/r.drl"), ResourceType.DRL);

        assertThatThrownBy(() -> LinearMatches.requireLinear(builder.getKnowledgePackages()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("~=");
        assertThat(refusal(constraint).getMessage()).contains("a comment inside a constraint that uses matches");
    }

    @Test
    void aCacheEntryCompiledWithoutTheRewritingIsCompiledAgainNotEvaluated() throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        var rulebook = TestRulebooks.withRules(Files.createDirectories(workspace.resolve("rulebook")),
                Map.of("rules/r.drl", rule("owner matches \"a.b\"")), Map.of());
        Path cacheDir = dir.resolve("cache");
        CompiledRulebookCache cache = CompiledRulebookCache.at(cacheDir);
        byte[] drl = rule("owner matches \"a.b\"").getBytes(StandardCharsets.UTF_8);
        String key = CompiledRulebookCache.key(List.of("rules/r.drl"), List.of(drl));
        // What an older build stored under this key: Drools' own matches, java.util.regex.
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(getClass().getClassLoader()));
        builder.add(ResourceFactory.newByteArrayResource(drl).setSourcePath("rules/r.drl"), ResourceType.DRL);
        List<KiePackage> plain = new ArrayList<>(builder.getKnowledgePackages());
        cache.store(key, plain, rulebook.directory());
        assertThat(cache.load(key, rulebook.directory(), getClass().getClassLoader())).isPresent();

        RulebookCompiler compiler = new RulebookCompiler(getClass().getClassLoader());
        compiler.useDiskCache(cache);
        var engine = new DroolsGovernanceEngine(rulebook, compiler.compile(rulebook));

        // RE2's verdict (a dot matches a carriage return), on the interpreted and the jitted path.
        assertThat(verdicts(engine, "a\rb", 25)).containsOnly(1);
    }

    @Test
    void withThePolicyCheckOffMatchesStillRunsRe2AndABacktrackingPatternIsStillRefused() {
        System.setProperty(PolicyLanguage.MODE_PROPERTY, PolicyLanguage.TRUSTED_MODE);
        try {
            assertThat(verdicts(engine("owner matches \"a.b\"", 60), "a\rb", 25)).containsOnly(1);
            assertThat(refusal("owner matches \"(a)\\\\1\"").getMessage()).contains("is not RE2 syntax");
        } finally {
            System.clearProperty(PolicyLanguage.MODE_PROPERTY);
        }
    }

    @Test
    void theGuardReadsOperatorsNotStringsOrMethodCalls() {
        assertThat(LinearMatches.backtracks("owner ~= \"x\"")).isTrue();
        assertThat(LinearMatches.backtracks("!( owner ~= \"x\" )")).isTrue();
        assertThat(LinearMatches.backtracks("owner matches \"x\"")).isTrue();
        assertThat(LinearMatches.backtracks("owner == \"~= matches\"")).isFalse();
        assertThat(LinearMatches.backtracks(LinearMatches.CALL + "owner, \"x\")")).isFalse();
        assertThat(LinearMatches.backtracks("owner == 'a\\'~='")).isFalse();
    }

    @Test
    void aSingleQuotedPatternIsRefusedInEitherModeSayingWhatWasWrittenWhereAndThatMatchesTakesDoubleQuotes() {
        // Drools reads 'a.b' as "a.b", so the constraint it parsed was not the text of the file, and the
        // refusal said only that the constraint "could not be located".
        String expected = "constraint owner matches 'a.b' writes its pattern in single quotes; matches takes a"
                + " double-quoted string literal, e.g. owner matches \".*-team\"";
        InvalidInputException restricted = refusal("owner matches 'a.b'");
        assertThat(restricted.getMessage()).contains(expected);
        assertThat(restricted.location()).contains(new SourceLocation("rules/r.drl", 8, 19));
        System.setProperty(PolicyLanguage.MODE_PROPERTY, PolicyLanguage.TRUSTED_MODE);
        try {
            InvalidInputException trusted = refusal("owner == \"x\", owner matches 'a.b'");
            assertThat(trusted.getMessage()).contains(expected);
            assertThat(trusted.location()).contains(new SourceLocation("rules/r.drl", 8, 33));
        } finally {
            System.clearProperty(PolicyLanguage.MODE_PROPERTY);
        }
    }

    @Test
    void aCompileErrorOnARewrittenConstraintNamesTheConstraintAsWrittenAtItsColumn() {
        // With the policy check off, Drools compiles the rewritten constraint: its error quoted
        // LinearRegex.matches(...) and located the line alone.
        System.setProperty(PolicyLanguage.MODE_PROPERTY, PolicyLanguage.TRUSTED_MODE);
        try {
            InvalidInputException e = refusal("owner == \"x\", nosuch matches \"a.b\"");

            assertThat(e.getMessage()).startsWith("constraint nosuch matches \"a.b\" does not compile: unable to resolve"
                            + " method using strict-mode: dev.planning.rules.facts.TaskFact.nosuch()")
                    .endsWith("expected a field of the fact, or a bound variable, matched against a string literal")
                    .doesNotContain("LinearRegex");
            assertThat(e.location()).contains(new SourceLocation("rules/r.drl", 8, 33));
        } finally {
            System.clearProperty(PolicyLanguage.MODE_PROPERTY);
        }
    }
}
