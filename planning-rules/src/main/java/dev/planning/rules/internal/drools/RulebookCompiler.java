package dev.planning.rules.internal.drools;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.PersonNames;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.internal.artifact.LocatedMistakes;
import dev.planning.engine.internal.rulebook.RulebookHasher;
import dev.planning.rules.facts.Report;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.RuleConditionElement;
import org.drools.core.impl.RuleBaseFactory;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.drools.io.ByteArrayResource;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.conf.AlphaRangeIndexThresholdOption;
import org.kie.internal.conf.AlphaThresholdOption;
import org.kie.internal.conf.ConstraintJittingThresholdOption;

/**
 * Compiles a rulebook's DRL files into a knowledge base, turning Drools' build errors into one
 * located {@link InvalidInputException}.
 */
final class RulebookCompiler {

    // Parser errors read "[ERR 102] Line 8:22 mismatched input ..."; the column is only there.
    private static final Pattern LINE_COLUMN = Pattern.compile("Line (\\d+):(\\d+)");
    private static final String NULL_PACKAGE = "Parser returned a null Package";

    private final ClassLoader classLoader;
    /** Knowledge bases compiled from rule files, not loaded from the disk cache (see {@link #compiledCount}). */
    private final AtomicInteger compiled = new AtomicInteger();
    private volatile CompiledRulebookCache diskCache;

    RulebookCompiler(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** Compiled rulebooks are looked up in, and stored to, this cache from now on (null: none). */
    void useDiskCache(CompiledRulebookCache cache) {
        this.diskCache = cache;
    }

    /**
     * How many knowledge bases this compiler has compiled from rule files: one loaded from the disk cache is
     * not counted (an entry that does not check out, compiled again, is), nor one refused. A knowledge base built
     * lazily ({@link CompiledRules#lazy}) is counted when it is built.
     */
    int compiledCount() {
        return compiled.get();
    }

    /**
     * Compiles the rulebook's rule files from its directory, as {@link #ruleFilesOf} reads them.
     */
    CompiledRules compile(Rulebook rulebook) {
        Map<String, byte[]> files = ruleFilesOf(rulebook);
        return compile(rulebook, files::get);
    }

    /**
     * The rulebook's rule files, by name, from one read of its directory ({@link RulebookHasher#read},
     * the recipe the loader hashed it with), and only when those bytes hash to
     * {@link Rulebook#hash()}, so what is compiled from them is exactly what that hash names (and what
     * a seal records); a rulebook changed since it was loaded is refused.
     */
    static Map<String, byte[]> ruleFilesOf(Rulebook rulebook) {
        Path directory = rulebook.directory();
        for (String file : rulebook.ruleFiles()) {
            Path path = directory.resolve(file).normalize();
            if (!path.startsWith(directory.normalize())) {
                throw new InvalidInputException("rule file escapes the rulebook directory; expected a path like"
                        + " rules/x.drl", SourceLocation.ofFile(file));
            }
        }
        RulebookHasher.Snapshot snapshot = RulebookHasher.read(directory);
        Map<String, byte[]> files = new HashMap<>();
        for (String file : rulebook.ruleFiles()) {
            files.put(file, snapshot.content(file).orElseThrow(() -> new InvalidInputException(
                    "cannot read rule file: it is not a file of the rulebook directory "
                            + Printable.line(String.valueOf(directory)), SourceLocation.ofFile(file))));
        }
        if (!snapshot.hash().equals(rulebook.hash())) {
            throw new InvalidInputException("the rulebook changed since it was loaded: its files hash to "
                    + snapshot.hash() + ", not " + rulebook.hash() + "; nothing was compiled, so nothing is judged"
                    + " under a hash that does not name its rules. Run the command again",
                    SourceLocation.ofFile(directory.toString()));
        }
        return files;
    }

    /**
     * Compiles the rulebook's rule files, reading each through {@code sources} (file name to
     * content) rather than from the rulebook directory: for rulebooks held in memory.
     *
     * <p>With a disk cache that holds both a valid entry and a stored policy-language verdict for
     * exactly these bytes (and this build of the engine), nothing more is done now: the knowledge
     * base is built from the entry when a session first needs it (see {@link CompiledRules} for why
     * skipping is safe). Otherwise it is built now, from the entry when one checks out, else by
     * compiling (and the result stored).
     */
    CompiledRules compile(Rulebook rulebook, Function<String, byte[]> sources) {
        if (rulebook.ruleFiles().isEmpty()) {
            throw new InvalidInputException("the rulebook lists no rule files; expected at least one rules/*.drl",
                    SourceLocation.ofFile("rulebook.yaml"));
        }
        // Every file is read once and checked against the policy language before anything is
        // compiled or taken from the disk cache: the key below is over exactly these bytes.
        List<String> files = rulebook.ruleFiles();
        List<byte[]> contents = new ArrayList<>();
        List<PolicyLanguage.Mistake> notUtf8 = new ArrayList<>();
        for (String file : files) {
            byte[] content = withoutByteOrderMark(sources.apply(file));
            PolicyLanguage.requireSize(file, content.length);
            notUtf8(file, content).ifPresent(notUtf8::add);
            contents.add(content);
        }
        if (!notUtf8.isEmpty()) {
            // Every such file in one run, not the first alone.
            throw PolicyLanguage.refusal(notUtf8);
        }
        requireOperatorBounds(rulebook.directory(), files, contents, OperatorLimits.current());
        CompiledRulebookCache cache = diskCache;
        String key = cache == null ? null : CompiledRulebookCache.key(files, contents);
        Path directory = rulebook.directory();
        boolean verdictServed = checkPolicyLanguage(files, contents, cache, key, directory);
        // Where each rule is declared, from these bytes however the base is made: a rule that throws
        // while the facts are judged is located at its rule "name" line, compiled now or loaded.
        Function<Rule, SourceLocation> declared = declarations(files, contents);
        if (cache != null && verdictServed) {
            if (cache.holds(key, directory)) {
                return CompiledRules.lazy(() -> knowledgeBase(files, contents, cache, key, directory, true), declared);
            }
            // No entry that checks out (holds counted a rejected one): compile, without reading it again.
            return CompiledRules.built(knowledgeBase(files, contents, cache, key, directory, false), declared);
        }
        return CompiledRules.built(knowledgeBase(files, contents, cache, key, directory, cache != null), declared);
    }

    /**
     * The knowledge base of these rule files: from the cache entry under {@code key} when
     * {@code fromCache} and it checks out, else compiled (and stored, with a cache). The severities
     * are checked either way.
     */
    private KieBase knowledgeBase(List<String> files, List<byte[]> contents, CompiledRulebookCache cache, String key,
            Path directory, boolean fromCache) {
        Collection<KiePackage> packages = fromCache ? cache.load(key, directory, classLoader).orElse(null) : null;
        OperatorLimits limits = OperatorLimits.current();
        Function<Rule, SourceLocation> declared = declarations(files, contents);
        if (packages != null) {
            try {
                LinearMatches.requireLinear(packages, declared);
                // An entry compiled under a higher rule bound was never counted against this one:
                // compile again, which refuses the rule that expands past it, at its location.
                requireCompiledRules(directory, packages, limits);
            } catch (InvalidInputException e) {
                // An entry whose rules would match with java.util.regex (written by a build that did not
                // compile matches to RE2, say), or count past the bound, is not evaluated: compile again.
                packages = null;
            }
        }
        boolean compiled = packages == null;
        if (compiled) {
            packages = compile(files, contents);
            LinearMatches.requireLinear(packages, declared);
            requireCompiledRules(directory, packages, limits);
        }
        requireDistinctCompiledNames(packages, declared);
        requireSomeRule(files, packages);
        if (PolicyLanguage.enabled()) {
            // Before the network is built: Drools acts on such metadata as it adds the rules.
            plainMetadata(packages, files, declared);
        }
        var base = KnowledgeBaseFactory.newKnowledgeBase(configuration(classLoader));
        base.addPackages(packages);
        checkSeverities(base, files, contents);
        if (compiled && cache != null) {
            cache.store(key, packages, directory);
        }
        if (compiled) {
            this.compiled.incrementAndGet();    // only once accepted: a refused rulebook is not counted
        }
        return base;
    }

    /**
     * The knowledge base's configuration: Drools' defaults (and the JVM's {@code drools.*} properties), with
     * its constraint "jitting" off whatever they say. Drools evaluates a constraint with MVEL's interpreter
     * and, once it has run {@value ConstraintJittingThresholdOption#DEFAULT_VALUE} times, swaps in bytecode
     * generated in a background thread, which reads some constraints otherwise ({@code 5 / 2} is 2.5 to the
     * interpreter, 2 to the bytecode; {@code null + 0 < 1} throws in one, is false in the other): a rule's
     * verdict on a fact depended on how often the constraint had run before and on when that thread
     * finished (attack31, {@code ConstraintJittingAttackTest}). A negative threshold is one the
     * constraint's invocation counter meets only after 2<sup>32</sup> - 2 evaluations of that constraint.
     *
     * <p>Alpha-node hashing and range indexing are off for the same reason (attack34,
     * {@code AlphaIndexingAttackTest}). Once a type's field is tested against a literal by
     * {@code ==} in three rules, or by {@code <}, {@code <=}, {@code >} or {@code >=} in nine, Drools
     * stops evaluating those constraints and looks the fact's value up in a hash map or a sorted index of the
     * literals, converted to the field's type beforehand: {@code approvals == 1.5} matched one approval
     * ({@code 1.5} cut to {@code 1}), {@code criticality < 0.5} no longer matched a critical task, and
     * {@code due == "02-Sep-2025"} no longer matched its date. A rule's verdict depended on how many other
     * rules tested the same field. A threshold of 0 switches each off, so MVEL's interpreter evaluates every
     * alpha constraint.
     */
    static KieBaseConfiguration configuration(ClassLoader classLoader) {
        KieBaseConfiguration configuration = RuleBaseFactory.newKnowledgeBaseConfiguration(null, classLoader);
        configuration.setOption(ConstraintJittingThresholdOption.get(NEVER_JIT));
        configuration.setOption(AlphaThresholdOption.get(NEVER_INDEX));
        configuration.setOption(AlphaRangeIndexThresholdOption.get(NEVER_INDEX));
        return configuration;
    }

    /** The alpha hashing and range-index threshold that switches each off: see {@link #configuration}. */
    static final int NEVER_INDEX = 0;

    /** The jitting threshold that switches it off: see {@link #configuration}. */
    static final int NEVER_JIT = -1;

    /**
     * Refuses rule files that declare no rule at all (attack31): governance would find nothing to report
     * and pass every plan, Critical=0 holding by default, and a rulebook without rule files is refused for
     * the same reason ({@link #compile(Rulebook, Function)}). On what was compiled, fresh or from the cache.
     */
    private static void requireSomeRule(List<String> files, Collection<KiePackage> packages) {
        if (packages.stream().allMatch(p -> p.getRules().isEmpty())) {
            throw new InvalidInputException("the rulebook's rule file" + (files.size() == 1 ? " " : "s ")
                    + Printable.line(String.join(", ", files)) + (files.size() == 1 ? " declares" : " declare") + " no rule: governance"
                    + " would find nothing to report, so every plan would pass; expected at least one rule",
                    SourceLocation.ofFile(files.get(0)));
        }
    }

    /**
     * The policy-language check of every file, before anything is compiled or loaded. With a disk
     * cache, a verdict recorded by an earlier process for exactly these bytes (and this build of the
     * checker: both are in the key) stands for the check; a missing, unreadable or tampered verdict
     * means the check runs, and a pass is recorded. Nothing is recorded when the check is off
     * ({@code planning.rules.mode=trusted}) or refuses.
     *
     * @return whether a stored verdict stood for the check (false when the check ran, or is off)
     */
    private static boolean checkPolicyLanguage(List<String> files, List<byte[]> contents, CompiledRulebookCache cache,
            String key, Path directory) {
        if (!PolicyLanguage.enabled()) {
            return false;
        }
        // Before a stored verdict can stand for the check: it was reached by the DRL6 reading.
        PolicyLanguage.requireCheckedParser(DrlParser.ANTLR4_PARSER_ENABLED);
        if (cache != null && cache.policyPassed(key, directory)) {
            return true;
        }
        // Every file's mistakes in one run, not the first file's alone (errors18), each in full (left18).
        List<PolicyLanguage.Mistake> mistakes = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            mistakes.addAll(PolicyLanguage.mistakes(files.get(i), contents.get(i)));
        }
        if (!mistakes.isEmpty()) {
            throw PolicyLanguage.refusal(mistakes);
        }
        if (cache != null) {
            cache.storePolicyPassed(key, directory);
        }
        return false;
    }

    private Collection<KiePackage> compile(List<String> files, List<byte[]> contents) {
        // Drools resolves fact classes through the loader it is given, not the caller's context
        // loader: pass ours so that DRL imports of dev.planning.rules.facts resolve everywhere.
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(classLoader));
        OperatorLimits limits = OperatorLimits.current();
        long compiledRules = 0;
        Map<String, Declared> names = new HashMap<>();
        // Every file is compiled, and every file's errors reported in one run (left18): the errors each
        // file added, in file order, with the rewrites of the file they are in.
        List<PolicyLanguage.Mistake> errors = new ArrayList<>();
        Set<KnowledgeBuilderError> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < files.size(); i++) {
            String file = files.get(i);
            String text = new String(contents.get(i), StandardCharsets.UTF_8);
            // The checks before Drools compiles a file report every mistake of every file, as the compiler
            // does (errors19); a file with such a mistake is not compiled: it would not be used, and one
            // whose ors multiply past the bound would cost what the bound is there to prevent.
            int before = errors.size();
            PackageDescr pkg;
            try {
                pkg = parsed(file, text);
            } catch (InvalidInputException e) {
                errors.add(PolicyLanguage.Mistake.of(e));
                continue;
            }
            compiledRules = requireAlternatives(file, pkg, compiledRules, limits, errors);
            requireDistinctNames(file, pkg, names, errors);
            requireOnceEach(file, text, pkg, errors);
            // matches is compiled to RE2 (linear time), never to java.util.regex: LinearMatches.
            LinearMatches.Rewritten rewritten = LinearMatches.rewritten(file, text, pkg);
            errors.addAll(rewritten.mistakes());
            if (errors.size() > before) {
                continue;
            }
            String linear = rewritten.text();
            byte[] content = linear.equals(text) ? contents.get(i) : linear.getBytes(StandardCharsets.UTF_8);
            try {
                // As UTF-8, as the policy check read it: without an encoding Drools' parser decodes the
                // bytes in the JVM's default charset, US-ASCII on Java 17 under LC_ALL=C (seventeenth review).
                builder.add(new ByteArrayResource(content, StandardCharsets.UTF_8.name()).setSourcePath(file),
                        ResourceType.DRL);
            } catch (StackOverflowError e) {
                // Drools' parser recurses per nesting level; thousands of parentheses exhaust the stack.
                errors.add(PolicyLanguage.Mistake.of(tooDeep(file, text)));
                continue;
            }
            if (builder.hasErrors()) {
                List<KnowledgeBuilderError> added = new ArrayList<>();
                for (KnowledgeBuilderError error : builder.getErrors()) {
                    if (seen.add(error)) {
                        added.add(error);
                    }
                }
                errors.addAll(compileErrors(added, file, linear, rewritten.rewrites()));
            }
        }
        if (!errors.isEmpty()) {
            throw PolicyLanguage.refusal(errors);
        }
        return new ArrayList<>(builder.getKnowledgePackages());
    }

    /** UTF-8's byte-order mark, as an editor on Windows writes it before a file's first line. */
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * A rule file's bytes as they are checked, compiled and keyed in the cache: without the UTF-8 byte-order mark
     * it may start with, dropped as every planning file's is ({@code YamlDocuments}, the store configuration, LCOV).
     * Drools' parser took the mark for a token ("[ERR 101] Line 1:0 no viable alternative at input ''") after the
     * policy check had passed the file (lint35); dropped here, before either reads the file, both read the same text,
     * the text an editor shows (line and column numbers are unchanged). The rulebook's hash still names the bytes as
     * they are.
     */
    static byte[] withoutByteOrderMark(byte[] content) {
        return content.length >= BYTE_ORDER_MARK.length
                && Arrays.equals(content, 0, BYTE_ORDER_MARK.length, BYTE_ORDER_MARK, 0, BYTE_ORDER_MARK.length)
                ? Arrays.copyOfRange(content, BYTE_ORDER_MARK.length, content.length) : content;
    }

    /**
     * The mistake of a rule file that is not UTF-8, at the line and column of its first malformed byte
     * (the policy check, the compiler and a reviewer's editor would each read such bytes their own
     * way); empty when the file is UTF-8.
     */
    static Optional<PolicyLanguage.Mistake> notUtf8(String file, byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < out.position(); i++) {
                if (out.get(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return Optional.of(new PolicyLanguage.Mistake(new SourceLocation(file, line, column), "rule file is not"
                    + " UTF-8: byte 0x" + String.format(Locale.ROOT, "%02X", content[in.position()] & 0xFF)
                    + " begins no UTF-8 character; save the file as UTF-8"));
        }
        return Optional.empty();
    }

    /**
     * Refuses, before anything is parsed, compiled or read from the cache, rule files that together
     * hold more bytes, or declare more rules, than the operator allows: compiling has no time bound,
     * and takes time in proportion to the rules (docs/rules.md, "Compiling a rulebook").
     * Rules are counted as the words {@code rule} and {@code query} anywhere in the files (comments
     * and strings too): never fewer than Drools compiles.
     */
    static void requireOperatorBounds(Path directory, List<String> files, List<byte[]> contents, OperatorLimits limits) {
        long bytes = 0;
        long rules = 0;
        for (byte[] content : contents) {
            bytes += content.length;
            rules += declarations(content);
        }
        String where = "rulebook " + Printable.line(String.valueOf(directory));
        if (bytes > limits.maxRulebookBytes()) {
            throw new InvalidInputException(where + ": its " + files.size() + " rule file" + (files.size() == 1 ? "" : "s")
                    + " hold " + String.format(Locale.ROOT, "%,d", bytes) + " bytes, more than the operator's bound of "
                    + String.format(Locale.ROOT, "%,d", limits.maxRulebookBytes()) + " (" + OperatorLimits.BYTES_PROPERTY
                    + " or " + OperatorLimits.BYTES_VARIABLE + "); nothing was compiled",
                    SourceLocation.ofFile(directory.toString()));
        }
        if (rules > limits.maxRules()) {
            throw new InvalidInputException(where + ": its rule files declare " + String.format(Locale.ROOT, "%,d", rules)
                    + " rules (the words rule and query, counted before compiling), more than the operator's bound of "
                    + String.format(Locale.ROOT, "%,d", limits.maxRules()) + " (" + OperatorLimits.RULES_PROPERTY + " or "
                    + OperatorLimits.RULES_VARIABLE + "); nothing was compiled",
                    SourceLocation.ofFile(directory.toString()));
        }
    }

    /**
     * Refuses, before Drools expands them, rules whose alternatives (their {@code or}s multiplied out:
     * Drools compiles one rule per alternative) bring the rules compiled so far past the operator's
     * {@code planning.rules.maxRules}: in either mode, for only the policy check (off when trusted)
     * bounds a rule's alternatives, and one rule of 16 ors compiled 65,536 rules (12 s of CPU, 4 times
     * as long per 2 more ors). A file that does not parse is left to the compiler.
     *
     * @param mistakes where each rule that does not fit is added, located at the rule
     * @return the rules compiled so far, this file's alternatives included (a refused rule's left out)
     */
    static long requireAlternatives(String file, PackageDescr pkg, long before, OperatorLimits limits,
            List<PolicyLanguage.Mistake> mistakes) {
        if (pkg == null) {
            return before;
        }
        long total = before;
        for (RuleDescr rule : pkg.getRules()) {
            long alternatives = rule.getLhs() == null ? 1 : PolicyLanguage.alternatives(rule.getLhs());
            long with = Math.min(Long.MAX_VALUE / 2, total + alternatives);
            if (with > limits.maxRules()) {
                // Refused, so not counted: a later rule is reported only when it too does not fit.
                mistakes.add(new PolicyLanguage.Mistake(new SourceLocation(file, Math.max(0, rule.getLine()),
                        rule.getColumn() < 0 ? 0 : rule.getColumn() + 1), "rule '" + Printable.line(rule.getName())
                        + "' expands to " + alternatives + " alternatives (its ors multiplied out), which Drools compiles"
                        + " as as many rules: " + with + " rules so far, more than the operator's bound of "
                        + String.format(Locale.ROOT, "%,d", limits.maxRules()) + " (" + OperatorLimits.RULES_PROPERTY
                        + " or " + OperatorLimits.RULES_VARIABLE + "); write separate rules; nothing was compiled"));
            } else {
                total = with;
            }
        }
        return total;
    }

    /**
     * Refuses a rule whose name another rule of the rulebook already has, in any file or package, at
     * the second one: a violation carries its rule's name alone, and a waiver names a rule by that name,
     * so one waiver would waive both rules (eighteenth review). Drools refuses two rules of one name in
     * one package only. In either mode: a waiver means the same whether the rules were checked or
     * trusted. A file that does not parse is left to the compiler.
     */
    static void requireDistinctNames(String file, PackageDescr pkg, Map<String, Declared> names,
            List<PolicyLanguage.Mistake> mistakes) {
        if (pkg == null) {
            return;
        }
        for (RuleDescr rule : pkg.getRules()) {
            SourceLocation here = new SourceLocation(file, Math.max(0, rule.getLine()),
                    rule.getColumn() < 0 ? 0 : rule.getColumn() + 1);
            Declared first = names.putIfAbsent(skeleton(rule.getName()), new Declared(rule.getName(), here));
            if (first != null) {
                mistakes.add(duplicateName(rule.getName(), first, here));
                continue;
            }
            try {
                requireClearName(rule.getName(), here);
            } catch (InvalidInputException e) {
                mistakes.add(PolicyLanguage.Mistake.of(e));
            }
        }
    }

    /**
     * Refuses a rule that gives one attribute or metadata name twice, or one named consequence ({@code then[name]},
     * which only the trusted mode lets through to here), at each repetition, in either mode: Drools refused it at the
     * rule's line without a column, or (metadata) at no line at all ({@link RuleHeader}).
     * A file that does not parse is left to the compiler.
     */
    static void requireOnceEach(String file, String text, PackageDescr pkg, List<PolicyLanguage.Mistake> mistakes) {
        if (pkg == null) {
            return;
        }
        for (RuleDescr rule : pkg.getRules()) {
            List<PolicyLanguage.Problem> problems = new ArrayList<>(RuleHeader.repeated(text, rule));
            problems.addAll(RuleHeader.repeatedConsequences(text, rule));
            for (PolicyLanguage.Problem problem : problems) {
                mistakes.add(new PolicyLanguage.Mistake(new SourceLocation(file, problem.line(), problem.column()),
                        problem.message()));
            }
        }
    }

    /**
     * Refuses a rule name a reader could take for another: it must be clear as an approver's name is
     * ({@link PersonNames#unclear}: beyond ASCII, letters, marks and digits of one script, or of the mixes
     * Unicode's "highly restrictive" level allows; no invisible character, no punctuation that passes for
     * ASCII), ASCII punctuation aside, which the policy language already holds to printable characters
     * without quotes or backslashes. Drawn from an allow-list, unlike {@link #skeleton}: a Cyrillic
     * {@code а} in {@code gdpr-dаta-handling} gave it a skeleton of its own, so a waiver of
     * {@code gdpr-data-handling} moved to the rule that took the Latin name (eighteenth review, left open).
     */
    static void requireClearName(String name, SourceLocation where) {
        StringBuilder asLetters = new StringBuilder(name.length());
        name.codePoints().map(c -> c < 0x80 && c > ' ' && !Character.isLetterOrDigit(c) ? '-' : c)
                .forEach(asLetters::appendCodePoint);
        PersonNames.unclear(asLetters.toString().strip()).ifPresent(why -> {
            throw new InvalidInputException("rule '" + Printable.line(name) + "' has a name a reader could take for"
                    + " another: it " + why + "; a waiver names a rule by its name, so name it in the letters of one"
                    + " script", where);
        });
    }

    /** A rule's name and where it was declared first. */
    record Declared(String name, SourceLocation where) {
    }

    /**
     * What a reader takes a rule name for: compatibility forms composed (NFKC: full-width letters),
     * invisible format characters (a zero-width space) dropped, blanks collapsed, case folded. Two
     * names with one skeleton look like one name in a waiver, a report and a review.
     */
    static String skeleton(String name) {
        String composed = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder seen = new StringBuilder(composed.length());
        composed.codePoints().filter(c -> Character.getType(c) != Character.FORMAT)
                .map(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) ? ' ' : c)
                .forEach(seen::appendCodePoint);
        return seen.toString().strip().replaceAll(" +", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * The backstop of {@link #requireDistinctNames}, on what was compiled (freshly, or loaded from the
     * compiled-rulebook cache): two compiled rules of one name, wherever they come from, are refused.
     */
    static void requireDistinctCompiledNames(Collection<KiePackage> packages) {
        requireDistinctCompiledNames(packages, rule -> SourceLocation.ofFile(fileOf(rule)));
    }

    /**
     * As {@link #requireDistinctCompiledNames(Collection)}, each rule at the place {@code declared} finds it.
     * Drools' compiled rules keep their file but not their line ({@code RuleImpl} has no position): the
     * line and column are those of the declaration in the bytes that were compiled ({@link #declarations}).
     */
    static void requireDistinctCompiledNames(Collection<KiePackage> packages, Function<Rule, SourceLocation> declared) {
        Map<String, Declared> names = new HashMap<>();
        for (KiePackage pkg : packages) {
            for (Rule rule : pkg.getRules()) {
                SourceLocation here = declared.apply(rule);
                Declared first = names.putIfAbsent(skeleton(rule.getName()), new Declared(rule.getName(), here));
                if (first != null) {
                    throw PolicyLanguage.refusal(List.of(duplicateName(rule.getName(), first, here)));
                }
                requireClearName(rule.getName(), here);
            }
        }
    }

    /**
     * Where each compiled rule is declared in these files, as {@link #declaration} finds it (each file
     * parsed once, when a rule of it is first asked for, whatever the threads): Drools' compiled rules keep
     * their file, not their line. A rule of a file not among them is located at its file alone.
     */
    static Function<Rule, SourceLocation> declarations(List<String> files, List<byte[]> contents) {
        // Asked from the evaluation's worker thread too, when a rule throws.
        Map<String, Map<String, SourceLocation>> byFile = new ConcurrentHashMap<>();
        return rule -> {
            String file = fileOf(rule);
            int index = files.indexOf(file);
            if (index < 0) {
                return SourceLocation.ofFile(file);
            }
            return byFile.computeIfAbsent(file, f -> declarationsOf(f, contents.get(index)))
                    .getOrDefault(rule.getName(), SourceLocation.ofFile(file));
        };
    }

    /**
     * The mistake of a rule declared at {@code second} under a name {@code first} already has (or one that
     * reads as it): both places kept as data ({@link LocatedMistakes.Related}), so that a caller that names
     * the second relative to the workspace names the first alike, and says so (errors19, errors20).
     */
    private static PolicyLanguage.Mistake duplicateName(String name, Declared first, SourceLocation second) {
        String advice = "; give each rule of the rulebook a name of its own";
        return first.name().equals(name)
                ? new PolicyLanguage.Mistake(second, "rule '" + Printable.line(name) + "' is declared again",
                        Optional.of(new LocatedMistakes.Related("first at", first.where(), ": a waiver names a rule by"
                                + " its name alone, so one waiver would waive both" + advice)))
                : new PolicyLanguage.Mistake(second, "rule '" + Printable.line(name) + "' reads as rule '"
                        + Printable.line(first.name()) + "'", Optional.of(new LocatedMistakes.Related("first at",
                                first.where(), ": the two differ only in case, width, blanks or invisible characters,"
                                        + " so a waiver naming one could not be told from one naming the other" + advice)));
    }

    /**
     * The backstop of {@link #requireAlternatives}, on what was compiled (freshly, or loaded from the
     * compiled-rulebook cache): refuses rules that, each counted as its alternatives (its {@code or}s
     * multiplied out, as Drools transforms them; an upper bound), are more than the operator's
     * {@code planning.rules.maxRules}. The count on the parsed text is skipped for a file that does
     * not parse, and for a cache entry, which was counted against the bound of the process that wrote it.
     */
    static void requireCompiledRules(Path directory, Collection<KiePackage> packages, OperatorLimits limits) {
        long total = 0;
        for (KiePackage pkg : packages) {
            for (Rule rule : pkg.getRules()) {
                // A rule that is not Drools' own class cannot be counted: it counts past any bound.
                long alternatives = rule instanceof RuleImpl impl ? alternatives(impl.getLhs()) : COMPILED_CAP;
                total = Math.min(COMPILED_CAP, total + alternatives);
            }
        }
        if (total > limits.maxRules()) {
            throw new InvalidInputException("rulebook " + Printable.line(String.valueOf(directory))
                    + ": its compiled rules count "
                    + String.format(Locale.ROOT, "%,d", total) + " (each rule as its alternatives, counted after"
                    + " compiling), more than the operator's bound of " + String.format(Locale.ROOT, "%,d", limits.maxRules())
                    + " (" + OperatorLimits.RULES_PROPERTY + " or " + OperatorLimits.RULES_VARIABLE
                    + "); nothing was evaluated", SourceLocation.ofFile(String.valueOf(directory)));
        }
    }

    /** The most {@link #alternatives} counts; past it the count stays there. */
    private static final long COMPILED_CAP = 1L << 40;

    /** How many rules Drools makes of these compiled conditions: ors add up, everything else multiplies (an upper bound). */
    private static long alternatives(RuleConditionElement element) {
        if (element == null) {
            return 1;
        }
        if (element instanceof GroupElement group && group.isOr()) {
            long sum = 0;
            for (RuleConditionElement child : group.getChildren()) {
                sum = Math.min(COMPILED_CAP, sum + alternatives(child));
            }
            return Math.max(1, sum);
        }
        long product = 1;
        for (RuleConditionElement nested : element.getNestedElements()) {
            long each = alternatives(nested);
            product = each > COMPILED_CAP / product ? COMPILED_CAP : Math.min(COMPILED_CAP, product * each);
        }
        return product;
    }

    /**
     * A rule file's syntax tree, for the checks made before Drools compiles it; {@code null} when it
     * does not parse, which the compiler then reports with its location.
     *
     * @throws InvalidInputException when it is nested too deeply for the parser
     */
    static PackageDescr parsed(String file, String text) {
        DrlParser parser = new DrlParser();
        try {
            PackageDescr pkg = parser.parse(false, text);
            return pkg == null || parser.hasErrors() ? null : pkg;
        } catch (DroolsParserException | RuntimeException e) {
            return null;
        } catch (StackOverflowError e) {
            throw tooDeep(file, text);
        }
    }

    /** The words {@code rule} and {@code query} in a file, wherever they stand: at least the rules it declares. */
    static long declarations(byte[] content) {
        long count = 0;
        int n = content.length;
        for (int i = 0; i < n; i++) {
            byte b = content[i];
            if ((b == 'r' || b == 'q') && (i == 0 || !wordByte(content[i - 1]))) {
                String word = b == 'r' ? "rule" : "query";
                int end = i + word.length();
                if (end <= n && (end == n || !wordByte(content[end]))
                        && new String(content, i, word.length(), StandardCharsets.ISO_8859_1).equals(word)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** A byte that continues a DRL identifier (letters, digits, _ and $; any byte of a non-ASCII character). */
    private static boolean wordByte(byte b) {
        return b < 0 || b == '_' || b == '$' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z';
    }

    /**
     * The error for DRL nested too deeply for the parser (it recurses once per level), located at the
     * bracket that opens the file's deepest level.
     */
    static InvalidInputException tooDeep(String file, String text) {
        PolicyLanguage.Bracket deepest = PolicyLanguage.Bracket.deepest(text, Integer.MAX_VALUE);
        SourceLocation at = deepest.depth() == 0 ? SourceLocation.ofFile(file)
                : new SourceLocation(file, deepest.line(), deepest.column());
        return new InvalidInputException("rule file is nested too deeply to parse"
                + (deepest.depth() == 0 ? "" : " (brackets " + deepest.depth() + " levels deep here)")
                + "; expected conditions a few levels deep", at);
    }

    /**
     * The mistakes of one file's compile errors, each in full on one line: the parser's generic "null
     * package" error after a real one is left out, and an error on a constraint this compiler rewrote
     * (matches to LinearRegex) names what the user wrote, where it was written, instead of the
     * rewritten text and its shifted column.
     */
    private static List<PolicyLanguage.Mistake> compileErrors(List<KnowledgeBuilderError> added, String currentFile,
            String currentText, List<LinearMatches.Rewrite> rewrites) {
        List<KnowledgeBuilderError> errors = new ArrayList<>(added);
        if (errors.size() > 1) {
            errors.removeIf(e -> e.getMessage().contains(NULL_PACKAGE));
        }
        List<PolicyLanguage.Mistake> mistakes = new ArrayList<>();
        for (KnowledgeBuilderError error : errors) {
            String file = error.getResource() != null && error.getResource().getSourcePath() != null
                    ? error.getResource().getSourcePath()
                    : currentFile;
            String message = error.getMessage().strip();
            SourceLocation location = locate(file, error);
            for (LinearMatches.Rewrite rewrite : rewrites) {
                if (message.contains(rewrite.replacement())) {
                    Matcher cause = DROOLS_CAUSE.matcher(message);
                    message = "constraint " + rewrite.original() + " does not compile"
                            + (cause.find() ? ": " + cause.group(1).strip() : "")
                            + "; expected a field of the fact, or a bound variable, matched against a string literal";
                    location = new SourceLocation(file, rewrite.line(), rewrite.column());
                    break;
                }
            }
            if (file.equals(currentFile) && MISMATCHED_IN_RULE.matcher(message).find()
                    && RuleHeader.holds(currentText, location.line(), location.column())) {
                // Drools says what it did not expect there, not what it did (folds37).
                message = message + "; expected a rule attribute (salience), metadata such as @severity(HIGH), or"
                        + " when";
            }
            // One line per mistake: the compiler's own message may run over several.
            mistakes.add(new PolicyLanguage.Mistake(location, message.replaceAll("\\s*\\R\\s*", " ")));
        }
        return mistakes;
    }

    /** Drools' parser error for a word it did not expect in a rule, such as an attribute it does not know. */
    private static final Pattern MISMATCHED_IN_RULE = Pattern.compile("^\\[ERR 102\\] Line \\d+:\\d+ mismatched input"
            + " '[A-Za-z_$][A-Za-z0-9_$-]*' in rule ");

    /** What MVEL says went wrong, in a message that quotes the expression around it. */
    private static final Pattern DROOLS_CAUSE = Pattern.compile("\\[Error: ([^\\]\\n]*)\\]");

    private static SourceLocation locate(String file, KnowledgeBuilderError error) {
        int line = error.getLines() != null && error.getLines().length > 0 ? Math.max(0, error.getLines()[0]) : 0;
        int column = 0;
        Matcher matcher = LINE_COLUMN.matcher(error.getMessage());
        if (matcher.find()) {
            if (line == 0) {
                line = Integer.parseInt(matcher.group(1));
            }
            if (line == Integer.parseInt(matcher.group(1))) {
                // Drools counts columns from 0; editors count from 1.
                column = Integer.parseInt(matcher.group(2)) + 1;
            }
        }
        return new SourceLocation(file, line, column);
    }

    /**
     * Refuses a rule whose metadata Drools took for one of its own annotations: it resolves a name such
     * as {@code @direct} or {@code @propagation(IMMEDIATE)}, capitalised, to {@code org.kie.api.definition}
     * types that change how the rule runs, and records it under that type's name. The policy language
     * admits metadata as plain data only, so every key must be a name as written (seventeenth review).
     */
    private static void plainMetadata(Collection<KiePackage> packages, List<String> files,
            Function<Rule, SourceLocation> declared) {
        // Every such key of every rule in one run (errors20: the first alone was refused, at its file only).
        List<PolicyLanguage.Mistake> mistakes = new ArrayList<>();
        for (KiePackage pkg : packages) {
            for (Rule rule : pkg.getRules()) {
                for (String key : new TreeSet<>(rule.getMetaData().keySet())) {
                    if (!PLAIN_METADATA.matcher(key).matches()) {
                        String simple = key.substring(key.lastIndexOf('.') + 1);
                        String written = simple.isEmpty() ? key
                                : Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
                        mistakes.add(new PolicyLanguage.Mistake(declared.apply(rule), "rule '"
                                + Printable.line(rule.getName()) + "': metadata @" + written + " is read by Drools as "
                                + key + ", which changes how the rule runs, not as plain metadata; use another name"
                                + " (e.g. @" + written + "_note)"));
                    }
                }
            }
        }
        if (!mistakes.isEmpty()) {
            throw PolicyLanguage.refusal(inFileOrder(mistakes, files));
        }
    }

    /** The mistakes in the order of the rulebook's files, then by line and column (Drools' packages are unordered). */
    private static List<PolicyLanguage.Mistake> inFileOrder(List<PolicyLanguage.Mistake> mistakes, List<String> files) {
        List<PolicyLanguage.Mistake> sorted = new ArrayList<>(mistakes);
        sorted.sort(Comparator.comparingInt((PolicyLanguage.Mistake m) -> files.indexOf(m.location().file()))
                .thenComparingInt(m -> m.location().line()).thenComparingInt(m -> m.location().column()));
        return sorted;
    }

    /** A metadata key as the policy language admits it: the lower-case name written ({@code severity}). */
    private static final Pattern PLAIN_METADATA = Pattern.compile("[a-z][A-Za-z0-9_]*");

    /**
     * Refuses every rule whose {@code @severity} is none of the four, each at its declaration (errors19: the
     * first alone was refused, at its file only), in file order.
     */
    private static void checkSeverities(KieBase base, List<String> files, List<byte[]> contents) {
        List<PolicyLanguage.Mistake> mistakes = new ArrayList<>();
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                // As Report reads it when the rule fires: a key present with no value (@severity, or a name
                // Drools' metadata evaluation reads as nothing, @severity(null)) is the text "null" (attack31).
                Map<String, Object> metadata = rule.getMetaData();
                Object severity = metadata.get(Report.SEVERITY);
                try {
                    Report.severityOf(metadata.containsKey(Report.SEVERITY) ? String.valueOf(severity) : null);
                } catch (IllegalArgumentException e) {
                    String file = fileOf(rule);
                    int index = files.indexOf(file);
                    mistakes.add(new PolicyLanguage.Mistake(index < 0 ? SourceLocation.ofFile(file)
                            : declaration(file, contents.get(index), rule.getName()), "rule '"
                            + Printable.line(rule.getName()) + "' has @severity(" + Printable.line(String.valueOf(severity))
                            + "); expected one of CRITICAL, HIGH, MEDIUM, LOW"));
                }
            }
        }
        if (!mistakes.isEmpty()) {
            mistakes.sort(Comparator.comparingInt((PolicyLanguage.Mistake m) -> files.indexOf(m.location().file()))
                    .thenComparingInt(m -> m.location().line()));
            throw PolicyLanguage.refusal(mistakes);
        }
    }

    /** Where the rule of this name is declared in a rule file; the file alone when it cannot be found. */
    private static SourceLocation declaration(String file, byte[] content, String name) {
        return declarationsOf(file, content).getOrDefault(name, SourceLocation.ofFile(file));
    }

    /** Where each rule of a rule file is declared, by name (the first of a name); none when it does not parse. */
    private static Map<String, SourceLocation> declarationsOf(String file, byte[] content) {
        Map<String, SourceLocation> found = new HashMap<>();
        PackageDescr pkg;
        try {
            pkg = parsed(file, new String(content, StandardCharsets.UTF_8));
        } catch (InvalidInputException e) {
            return found;
        }
        if (pkg != null) {
            for (RuleDescr rule : pkg.getRules()) {
                found.putIfAbsent(rule.getName(), new SourceLocation(file, Math.max(0, rule.getLine()),
                        rule.getColumn() < 0 ? 0 : rule.getColumn() + 1));
            }
        }
        return found;
    }

    static String fileOf(Rule rule) {
        if (rule instanceof RuleImpl impl && impl.getResource() != null && impl.getResource().getSourcePath() != null) {
            return impl.getResource().getSourcePath();
        }
        return "rules";
    }
}
