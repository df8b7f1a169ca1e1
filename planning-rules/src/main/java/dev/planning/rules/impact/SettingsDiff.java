package dev.planning.rules.impact;

import dev.planning.api.governance.ViolationSeverity;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.GateStep;
import dev.planning.api.rulebook.KpiDefinition;
import dev.planning.api.rulebook.KpiDirection;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.rulebook.TagTaxonomy;
import dev.planning.rules.impact.SettingsChange.Effect;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The settings of two rulebooks compared: every difference of {@code rulebook.yaml} as a
 * {@link SettingsChange}, marked as weakening or strengthening where its direction is known for certain.
 * A difference this class does not classify is a change, never left out: the preview must not read "no
 * change" for it. Lists the engine reads as sets (a requirement's roles, the signing requirements, a tag's
 * allowed values, the required tags) are compared as sets: reordered or with an entry written twice, they
 * are no change.
 */
final class SettingsDiff {

    /** Thresholds whose higher value governs more (+1) or less (-1); any other is not classified. */
    private static final Map<String, Integer> STRICTER = Map.ofEntries(
            Map.entry("critical_approvals", 1),
            Map.entry("unit_coverage_min", 1),
            Map.entry("e2e_coverage_min", 1),
            Map.entry("delivered_ratio_min", 1),
            Map.entry("waiver_expiry_warning_days", 1),
            Map.entry("max_dependency_depth", -1),
            Map.entry("tests_failed_max", -1),
            Map.entry("scope_variance_max_pct", -1),
            Map.entry("coverage_regression_tolerance_pct", -1));

    /**
     * The thresholds the gates read per stream ({@code StreamThresholds}: the parity gate's and the cross-stream
     * gate's): a stream's own one set on one side only is compared with the general one it overrides. No gate
     * reads the others per stream ({@code critical_approvals} and {@code waiver_expiry_warning_days} are read by
     * rules and the waiver checks by their general names), so such a stream's own value moved the strict way
     * strengthens nothing.
     */
    private static final Set<String> READ_PER_STREAM = Set.of("unit_coverage_min", "e2e_coverage_min",
            "delivered_ratio_min", "max_dependency_depth", "tests_failed_max", "scope_variance_max_pct",
            "coverage_regression_tolerance_pct");

    /** A stream's name ({@code CycleRef}'s rule): a prefix no stream can have is read by no gate. */
    private static final Pattern STREAM = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private final List<SettingsChange> changes = new ArrayList<>();
    /** The rules of either rulebook, other than the shipped ones, that may read its settings, {@code file: rule}. */
    private final Supplier<List<String>> settingsReaders;
    /** Whether the head runs the shipped rule that reports items lacking a required tag. */
    private final BooleanSupplier requiredTagsReported;
    /** The rule files of either rulebook that are not files the tool ships. */
    private final Supplier<List<String>> ownRuleFiles;
    /** Those rules once found: the rule files are parsed at most once however many keys narrow. */
    private List<String> readers;

    /** How many of those rules a reason names. */
    private static final int READERS_NAMED = 5;

    private SettingsDiff(Supplier<List<String>> settingsReaders, BooleanSupplier requiredTagsReported,
            Supplier<List<String>> ownRuleFiles) {
        this.settingsReaders = settingsReaders;
        this.requiredTagsReported = requiredTagsReported;
        this.ownRuleFiles = ownRuleFiles;
    }

    /**
     * Every setting that differs.
     *
     * @param settingsReaders the rules of either rulebook that may read its settings themselves
     *                        other than the shipped ones ({@code SettingsReaders}): a threshold moved the strict
     *                        way, a narrowed taxonomy and a required tag added strengthen only when there is none
     * @param requiredTagsReported whether the head runs the shipped {@code required-tags} rule as it ships
     *                        ({@code SettingsReaders.runsShippedRequiredTags}): without it no rule the tool ships reads
     *                        {@code required_tags}, so a tag added there strengthens nothing
     * @param ownRuleFiles    the rule files of either rulebook that are not files the tool ships
     *                        ({@code SettingsReaders.ownFiles}): {@code criticality} made a required tag strengthens
     *                        only when there is none, as it changes what every rule reads as a task's criticality
     */
    static List<SettingsChange> between(Rulebook base, Rulebook head, Supplier<List<String>> settingsReaders,
            BooleanSupplier requiredTagsReported, Supplier<List<String>> ownRuleFiles, RuleTexts rules) {
        SettingsDiff diff = new SettingsDiff(settingsReaders, requiredTagsReported, ownRuleFiles);
        if (!base.version().equals(head.version())) {
            // A label its authors number: no reader governs by it.
            diff.add("version", base.version(), head.version(), Effect.CHANGED);
        }
        diff.signing(base.signing(), head.signing());
        diff.profiles(base, head);
        diff.streams(base, head);
        diff.thresholds(base.thresholds(), head.thresholds());
        diff.kpis(base.kpis(), head.kpis());
        diff.requiredTags(base.requiredTags(), head.requiredTags());
        diff.taxonomy(base.taxonomy(), head.taxonomy());
        if (!base.ruleFiles().equals(head.ruleFiles())) {
            diff.add("rule_files", list(base.ruleFiles()), list(head.ruleFiles()), Effect.CHANGED);
        }
        diff.ruleTexts(base, head, rules);
        return List.copyOf(diff.changes);
    }

    /**
     * The rule files' bytes of each side, as the bytes its hash names serve them (a file that cannot be served is
     * absent), and each side's rules as compiled from them, by name, with the severity the engine reads (empty
     * when they cannot be told).
     *
     * @param base      the base rulebook's rule files' bytes, by name ({@code rules/critical.drl})
     * @param head      the head rulebook's
     * @param baseNames the base rulebook's rules, each with its severity
     * @param headNames the head rulebook's
     */
    record RuleTexts(Map<String, byte[]> base, Map<String, byte[]> head,
            Supplier<Optional<Map<String, String>>> baseNames, Supplier<Optional<Map<String, String>>> headNames) {
    }

    /** Why a rule file's text changed is not judged: the cycles show only what it reports of the plans here. */
    static final String RULE_TEXT_REASON = "the rules' text differs; the cycles' findings show only what they report of"
            + " this workspace's plans: a condition, a severity or a rule changed may report less of other plans";

    /**
     * The rule files whose bytes differ, each a change with both SHA-256 (attack43: they were compared by their
     * names alone, so a rule deleted or its severity lowered, with no plan here breaking it, was "NO CHANGE"); and,
     * when the rule files differ, the rules the head no longer has, which weakens (a rule taken out judges nothing),
     * or the rules it adds, a change; and each rule of both whose severity, as the engine reads it, differs (sev43:
     * a severity lowered, every rule kept, was only a rule file changed): lowered weakens, raised is a change (the
     * gates judge it more strictly, but the same edit may have changed its condition, and a rule of one's own
     * reading violations may read the severity the other way round). A rule whose body changed with the same
     * severity is not classified: its file is shown for review.
     */
    private void ruleTexts(Rulebook base, Rulebook head, RuleTexts rules) {
        boolean differs = !base.ruleFiles().equals(head.ruleFiles());
        for (String file : union(new TreeSet<>(base.ruleFiles()), new TreeSet<>(head.ruleFiles()))) {
            if (!base.ruleFiles().contains(file) || !head.ruleFiles().contains(file)) {
                continue; // a file added or taken out: rule_files lists it
            }
            byte[] was = rules.base().get(file);
            byte[] now = rules.head().get(file);
            if (was != null && now != null && Arrays.equals(was, now)) {
                continue;
            }
            differs = true;
            add("rule_files." + file, digest(was), digest(now), new Judged(Effect.CHANGED, Optional.of(RULE_TEXT_REASON)));
        }
        if (!differs) {
            return;
        }
        Optional<Map<String, String>> was = rules.baseNames().get();
        Optional<Map<String, String>> now = rules.headNames().get();
        if (was.isEmpty() || now.isEmpty()) {
            return; // each file that differs is listed above
        }
        List<String> removed = was.get().keySet().stream().filter(name -> !now.get().containsKey(name)).sorted()
                .toList();
        List<String> added = now.get().keySet().stream().filter(name -> !was.get().containsKey(name)).sorted()
                .toList();
        if (!removed.isEmpty()) {
            add("rules", list(removed), added.isEmpty() ? SettingsChange.NONE : list(added), Effect.WEAKENS);
        } else if (!added.isEmpty()) {
            add("rules", SettingsChange.NONE, list(added), Effect.CHANGED);
        }
        for (String name : new TreeSet<>(was.get().keySet())) {
            String before = was.get().get(name);
            String after = now.get().get(name);
            if (after != null && !after.equals(before)) {
                add("rules." + name + ".severity", before, after, severityJudged(before, after));
            }
        }
    }

    /** Lowered weakens; raised, or a value the engine does not read as a severity, is a change with its reason. */
    private static Judged severityJudged(String before, String after) {
        Optional<ViolationSeverity> was = severity(before);
        Optional<ViolationSeverity> now = severity(after);
        if (was.isEmpty() || now.isEmpty()) {
            return Judged.changed("a severity the engine does not read as one of CRITICAL, HIGH, MEDIUM, LOW");
        }
        // ViolationSeverity is declared from the most serious down.
        if (now.get().compareTo(was.get()) > 0) {
            return Judged.of(Effect.WEAKENS);
        }
        return Judged.changed("raised: the gates judge the rule's violations more strictly, but the same edit may"
                + " have changed its condition, and a rule of one's own that reads violations may read a severity"
                + " the other way round");
    }

    private static Optional<ViolationSeverity> severity(String name) {
        return Arrays.stream(ViolationSeverity.values()).filter(s -> s.name().equals(name)).findFirst();
    }

    /** A rule file's bytes as the diff shows them. */
    private static String digest(byte[] bytes) {
        if (bytes == null) {
            return "(not served)";
        }
        try {
            return "sha256 " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private void add(String setting, String base, String head, Effect effect) {
        changes.add(new SettingsChange(setting, base, head, effect));
    }

    private void add(String setting, String base, String head, boolean weakens) {
        add(setting, base, head, weakens ? Effect.WEAKENS : Effect.CHANGED);
    }

    private void add(String setting, String base, String head, Judged judged) {
        changes.add(new SettingsChange(setting, base, head, judged.effect(), judged.reason()));
    }

    /** An effect, and why a change is left unjudged where a reader could expect a direction. */
    private record Judged(Effect effect, Optional<String> reason) {

        static Judged of(Effect effect) {
            return new Judged(effect, Optional.empty());
        }

        static Judged changed(String reason) {
            return new Judged(Effect.CHANGED, Optional.of(reason));
        }
    }

    /**
     * The head weakens the policy when a base requirement is not implied by one of the head's: one
     * whose roles are among the base requirement's and whose {@code min} is at least as high (any set
     * of signatures meeting it meets the base one: each requirement counts distinct keys of its roles
     * on its own, {@code SigningThreshold}). A requirement dropped, a {@code min} lowered or a role
     * added to a group each leaves a base requirement unimplied. It strengthens the policy when it does
     * not weaken it and one of its requirements is implied by none of the base's (a role group
     * narrowed with the same {@code min}, a requirement added); policies that imply each other though
     * written otherwise are a change. Requirements and their roles are compared as sets.
     */
    private void signing(SigningPolicy base, SigningPolicy head) {
        Set<Requirement> before = requirements(base);
        Set<Requirement> after = requirements(head);
        if (before.equals(after)) {
            return;
        }
        Effect effect = !impliesAll(after, before) ? Effect.WEAKENS
                : !impliesAll(before, after) ? Effect.STRENGTHENS : Effect.CHANGED;
        add("signing.required", signing(base), signing(head), effect);
    }

    /** A signing requirement as the engine reads it: its roles as a set. */
    private record Requirement(Set<String> roles, int min) {

        boolean implies(Requirement other) {
            return other.roles.containsAll(roles) && min >= other.min;
        }
    }

    private static Set<Requirement> requirements(SigningPolicy policy) {
        return policy.required().stream().map(r -> new Requirement(Set.copyOf(r.roles()), r.min()))
                .collect(Collectors.toSet());
    }

    /** Whether every requirement of {@code implied} is implied by one of {@code by}. */
    private static boolean impliesAll(Set<Requirement> by, Set<Requirement> implied) {
        return implied.stream().allMatch(r -> by.stream().anyMatch(h -> h.implies(r)));
    }

    private static String signing(SigningPolicy policy) {
        return policy.required().isEmpty() ? SettingsChange.NONE
                : policy.required().stream().map(SigningRequirement::describe).collect(Collectors.joining("; "));
    }

    private void profiles(Rulebook base, Rulebook head) {
        for (String name : union(base.profiles().keySet(), head.profiles().keySet())) {
            GateProfile was = base.profiles().get(name);
            GateProfile now = head.profiles().get(name);
            if (was == null || now == null) {
                add("profiles." + name, was == null ? SettingsChange.NONE : steps(was),
                        now == null ? SettingsChange.NONE : steps(now), false);
                continue;
            }
            Map<String, GateStep> before = byTransition(was);
            Map<String, GateStep> after = byTransition(now);
            for (String transition : union(before.keySet(), after.keySet())) {
                GateStep b = before.get(transition);
                GateStep a = after.get(transition);
                if (Objects.equals(b, a)) {
                    continue;
                }
                add("profiles." + name + "." + transition, step(b), step(a), stepJudged(b, a));
            }
        }
    }

    /**
     * A transition's step changed: weakening when the head runs fewer of the base's gates there, or sends
     * a refused transition less far back (the cycle then passes fewer gates again before it gets there),
     * whatever else changed. Strengthening when the head runs the base's gates first, in the same order,
     * and either runs more after them or sends a refused transition further back: each base gate then
     * sees the same earlier results as before (the {@code governance} gate reads them), so it judges as
     * before, and the transition passes only if they all pass and the added ones too. A step added where
     * none was runs gates where none ran. Gates added before a base gate, or reordered, are a change: a
     * gate that reads the earlier results (governance's rules) may then judge either way.
     */
    private static Judged stepJudged(GateStep base, GateStep head) {
        List<String> gatesBefore = base == null ? List.of() : base.gates();
        List<String> gatesAfter = head == null ? List.of() : head.gates();
        if (!gatesAfter.containsAll(gatesBefore)) {
            return Judged.of(Effect.WEAKENS);
        }
        if (base == null || head == null) {
            return Judged.of(gatesAfter.isEmpty() ? Effect.CHANGED : Effect.STRENGTHENS);
        }
        int back = Integer.compare(refusedTo(head).ordinal(), refusedTo(base).ordinal());
        if (back > 0) {
            return Judged.of(Effect.WEAKENS);
        }
        boolean extended = gatesAfter.size() >= gatesBefore.size()
                && gatesAfter.subList(0, gatesBefore.size()).equals(gatesBefore);
        if (!extended) {
            return Judged.changed("gates added before the base's gates or reordered: a gate run later (governance)"
                    + " reads the results of those run before it, which its rules may read either way");
        }
        if (gatesAfter.size() > gatesBefore.size() || back < 0) {
            return Judged.of(Effect.STRENGTHENS);
        }
        return Judged.of(Effect.CHANGED); // the same gates; a refused transition sent to the same state
    }

    /**
     * Where a refused transition leaves the cycle: its {@code on_failure}, else where it was. The loader
     * allows only that state or one a backward transition reaches ({@code RulebookLoader.failureTargets}),
     * and the lifecycle's forward transitions are one chain in {@link CycleState}'s order, so an earlier
     * state means every gate between it and the transition to pass again.
     */
    private static CycleState refusedTo(GateStep step) {
        return step.onFailure().orElse(step.from());
    }

    /**
     * Each stream the base or head names, and the default, moved to another profile: judged as each of its
     * steps changed in place would be ({@link #profileJudged}).
     */
    private void streams(Rulebook base, Rulebook head) {
        if (!base.defaultProfile().equals(head.defaultProfile())) {
            add("default_profile", base.defaultProfile(), head.defaultProfile(),
                    profileJudged(base.profiles().get(base.defaultProfile()), head.profiles().get(head.defaultProfile())));
        }
        for (String stream : union(base.streamProfiles().keySet(), head.streamProfiles().keySet())) {
            String was = base.streamProfiles().getOrDefault(stream, base.defaultProfile());
            String now = head.streamProfiles().getOrDefault(stream, head.defaultProfile());
            if (!was.equals(now)) {
                add("streams." + stream, was, now, profileJudged(base.profileFor(stream), head.profileFor(stream)));
            }
        }
    }

    /**
     * A stream moved from one profile to another is each of its steps changed (review21), judged per transition
     * as {@link #stepJudged} judges a step changed in place: weakening when a step weakens (a gate left out, a
     * refused transition sent less far back), whatever the others do; strengthening when no step weakens, at
     * least one strengthens and every other is the same; else a change whose reason names the transitions that
     * cannot be compared (gates added before others, reordered) or says that the profiles govern alike.
     */
    private static Judged profileJudged(GateProfile base, GateProfile head) {
        Map<String, GateStep> before = byTransition(base);
        Map<String, GateStep> after = byTransition(head);
        boolean stricter = false;
        List<String> notCompared = new ArrayList<>();
        for (String transition : union(before.keySet(), after.keySet())) {
            GateStep b = before.get(transition);
            GateStep a = after.get(transition);
            if (Objects.equals(b, a)) {
                continue;
            }
            Judged step = stepJudged(b, a);
            if (step.effect() == Effect.WEAKENS) {
                return step;
            }
            if (step.effect() == Effect.STRENGTHENS) {
                stricter = true;
            } else {
                notCompared.add(transition + ": " + step.reason().orElse("the same gates, a refused transition sent to"
                        + " the same state"));
            }
        }
        if (notCompared.isEmpty()) {
            return stricter ? Judged.of(Effect.STRENGTHENS)
                    : Judged.changed("the same gates at every transition, a refused transition sent to the same state:"
                            + " the two profiles govern alike");
        }
        return Judged.changed("no transition governs less, but not every one can be compared: "
                + String.join("; ", notCompared));
    }

    private void thresholds(Map<String, Double> base, Map<String, Double> head) {
        for (String name : union(base.keySet(), head.keySet())) {
            Double was = base.get(name);
            Double now = head.get(name);
            if (Objects.equals(was, now)) {
                continue;
            }
            Judged judged = thresholdJudged(name, was, now, base, head);
            if (judged.effect() == Effect.STRENGTHENS && !readers().isEmpty()) {
                judged = Judged.changed("moved the strict way for the gates and the shipped rules, but rules other than"
                        + " the shipped ones read the rulebook's settings and may read it the other way round ("
                        + named(readers()) + ")");
            }
            add("thresholds." + name, number(was), number(now), judged);
        }
    }

    /**
     * A threshold of known direction ({@link #STRICTER}: a minimum, a maximum) moved: weakening the lenient
     * way, strengthening the strict way (unless a rule other than the shipped ones reads the settings, which
     * {@link #thresholds} then makes a change: such a rule may read it the other way round; moved the lenient
     * way it still weakens, as the gates and the shipped rules read it), compared as numbers ({@code -0.0}
     * and {@code 0.0} are the same number to every rule). A value set on one side only falls back to what each rule reads by default,
     * and a threshold of one's own may be read either way: not judged. A stream's own threshold
     * ({@code fe.unit_coverage_min}) set on one side only is the exception where it moves the lenient way:
     * where it is not set, that stream's gates read the general one ({@code StreamThresholds}), so one
     * added below the general one, or dropped where the general one is lower, weakens that stream (review23).
     */
    private static Judged thresholdJudged(String name, Double was, Double now, Map<String, Double> base,
            Map<String, Double> head) {
        String general = name.substring(name.lastIndexOf('.') + 1);
        Integer stricter = STRICTER.get(general);
        if (stricter == null) {
            return Judged.changed("a threshold whose direction is not known: the rules of one's own that read it"
                    + " may read it either way");
        }
        if (was == null || now == null) {
            Double fallback = general.equals(name) ? null : (was == null ? base : head).get(general);
            if (fallback == null) {
                return Judged.changed("set on one side only: where it is not set, each rule reads its own default");
            }
            Double wasRead = was != null ? was : fallback;
            Double nowRead = now != null ? now : fallback;
            int moved = (nowRead > wasRead ? 1 : nowRead < wasRead ? -1 : 0) * stricter;
            if (moved < 0) {
                return Judged.of(Effect.WEAKENS);
            }
            if (moved > 0 && READ_PER_STREAM.contains(general) && STREAM.matcher(name.substring(0,
                    name.length() - general.length() - 1)).matches()) {
                // Stricter for the stream's gates, the general one it overrides (or falls back to) compared; a rule
                // of one's own reading the stream's name with its own default makes it a change (thresholds).
                return Judged.of(Effect.STRENGTHENS);
            }
            return Judged.changed("set on one side only: where it is not set, the stream's gates read the general "
                    + general + " (" + number(fallback) + ")" + (moved == 0 ? ", the same number"
                            : ", but no gate reads " + general + " per stream")
                    + "; a rule of one's own that reads " + name + " reads its own default");
        }
        int moved = (now > was ? 1 : now < was ? -1 : 0) * stricter;
        return moved < 0 ? Judged.of(Effect.WEAKENS) : moved > 0 ? Judged.of(Effect.STRENGTHENS)
                : Judged.changed("the same number written otherwise");
    }

    private void kpis(List<KpiDefinition> base, List<KpiDefinition> head) {
        Map<String, KpiDefinition> before = byName(base);
        Map<String, KpiDefinition> after = byName(head);
        for (String name : union(before.keySet(), after.keySet())) {
            KpiDefinition was = before.get(name);
            KpiDefinition now = after.get(name);
            if (Objects.equals(was, now)) {
                continue;
            }
            add("kpis." + name, kpi(was), kpi(now), was != null && now != null && lenientTarget(was, now));
        }
    }

    /** The same formula and direction with a target dropped or moved the lenient way. */
    private static boolean lenientTarget(KpiDefinition was, KpiDefinition now) {
        if (!was.formula().equals(now.formula()) || was.direction() != now.direction() || was.target().isEmpty()) {
            return false;
        }
        if (now.target().isEmpty()) {
            return true;
        }
        int moved = Double.compare(now.target().get(), was.target().get());
        return was.direction() == KpiDirection.HIGHER_IS_BETTER ? moved < 0 : moved > 0;
    }

    /**
     * Required tags compared as sets of keys as the checks read them, ignoring case ({@code Criticality} is
     * {@code criticality}); the same keys written otherwise are a change, never none. A tag dropped weakens. Tags only added strengthen where the head runs the
     * shipped {@code required-tags} rule as it ships (it reports every item lacking any listed tag, so each item it
     * reported under the base it reports again) and no rule other than the shipped ones reads the settings (such a
     * rule may read {@code requiredTags()} and report less with more of them); otherwise they are a change whose
     * reason says which. No gate reads {@code required_tags}: only rules do.
     *
     * <p>{@code criticality} is also read where a task's criticality is decided ({@code RulebookFacts.criticalityOf}):
     * a task without the tag reads as critical (0) where the tag is required, as having none ({@code null}) where it
     * is not. Made required, then, it changes what every rule reads as {@code criticality}, not only what reads the
     * settings: the shipped rules ask more of a critical task (more reports), but a rule of one's own may report
     * less ({@code TaskFact(criticality == null)}, {@code criticality != 0}). It strengthens only where every rule
     * file of both rulebooks is a shipped one; otherwise it is a change naming the files (trust38).
     */
    private void requiredTags(List<String> base, List<String> head) {
        if (new HashSet<>(base).equals(new HashSet<>(head))) {
            return;
        }
        Set<String> was = folded(base);
        Set<String> now = folded(head);
        Judged judged;
        if (!now.containsAll(was)) {
            judged = Judged.of(Effect.WEAKENS);
        } else if (now.equals(was)) {
            judged = Judged.changed("the same tags written otherwise: the checks read tag keys ignoring case, but the"
                    + " list is read as written where a rule reads it (and in the reports' text)");
        } else if (!requiredTagsReported.getAsBoolean()) {
            judged = Judged.changed("tags added, but the head does not run the shipped required-tags rule as it ships"
                    + " (rules/hygiene.drl), the one rule the tool ships that reads required_tags: whether more is"
                    + " reported depends on rules of one's own");
        } else if (!readers().isEmpty()) {
            judged = Judged.changed("tags added: the shipped required-tags rule reports more, but rules other than the"
                    + " shipped ones read the rulebook's settings and may read the required tags and report less ("
                    + named(readers()) + ")");
        } else if (requiresCriticality(head) && !requiresCriticality(base) && !ownRuleFiles.get().isEmpty()) {
            judged = Judged.changed("criticality made a required tag: a task without it now reads as critical"
                    + " (criticality 0) rather than as having none, which the shipped rules judge more strictly, but"
                    + " rules of one's own that read a task's criticality may report less (" + named(ownRuleFiles.get())
                    + ")");
        } else {
            judged = Judged.of(Effect.STRENGTHENS);
        }
        add("required_tags", list(base), list(head), judged);
    }

    /** Tag keys as the checks read them ({@code TaskFact.hasTagValue}: {@link TagTaxonomy#foldKey}, ignoring case). */
    private static Set<String> folded(List<String> keys) {
        return keys.stream().map(TagTaxonomy::foldKey).collect(Collectors.toSet());
    }

    /** Whether {@code criticality} is a required tag as {@code RulebookFacts.criticalityOf} reads them ({@link TagTaxonomy#foldKey}). */
    private static boolean requiresCriticality(List<String> requiredTags) {
        return folded(requiredTags).contains(TagTaxonomy.CRITICALITY);
    }

    /**
     * A tag's allowed values, compared as sets, per key as the gate reads them ({@link TagTaxonomy}: keys
     * ignoring case, of two spellings the later one; values ignoring case). The governance gate refuses a
     * value outside them before any rule runs, so a value the head allows that the base did not (a key
     * dropped allows every value) weakens.
     *
     * <p>A list narrowed, or a key added, allows no value the base did not: a plan carrying a value the
     * head no longer allows is refused by the gate itself (an error no waiver lifts), lint reports it, and
     * its criticality reads as 0; a plan that carries none reads alike under both (each of its values is
     * allowed on both sides, so {@code criticalityOf}, {@code allows} of its values and the gate's checks
     * answer the same). It strengthens, then, unless a rule other than the shipped ones reads the taxonomy
     * itself: a rule can ask for the allowed values, the keys or a value no task carries
     * ({@code RulebookFacts.allowedValues}, {@code taxonomyKeys}, {@code allows(key, "pci")}) and report less
     * with fewer of them; the shipped {@code allowed-tag-values} reports more. Which rules can is found on their
     * parsed form ({@code SettingsReaders}); with one, the narrowing is a change whose reason names them, as a
     * threshold moved the strict way is. Keys written otherwise that the gate reads alike are a change too,
     * never none. A key spelt two ways ({@code Team}, {@code team}) is refused when a rulebook is loaded
     * ({@code CaseFoldedKeys}), and the diff reads rulebooks only through the loader, so no taxonomy compared
     * here spells a key two ways.
     */
    private void taxonomy(Map<String, List<String>> base, Map<String, List<String>> head) {
        TagTaxonomy before = TagTaxonomy.of(base);
        TagTaxonomy after = TagTaxonomy.of(head);
        Set<String> keys = new LinkedHashSet<>();
        union(base.keySet(), head.keySet()).forEach(key -> keys.add(TagTaxonomy.foldKey(key)));
        int listed = changes.size();
        for (String key : keys) {
            Optional<List<String>> was = before.governs(key) ? Optional.of(before.allowedValues(key)) : Optional.empty();
            Optional<List<String>> now = after.governs(key) ? Optional.of(after.allowedValues(key)) : Optional.empty();
            if (was.map(Set::copyOf).equals(now.map(Set::copyOf))) {
                continue;
            }
            boolean widened = was.isPresent() && (now.isEmpty() || now.get().stream()
                    .anyMatch(value -> before.canonical(key, Optional.of(value)).isEmpty()));
            add("taxonomy." + key, was.map(SettingsDiff::list).orElse(SettingsChange.NONE),
                    now.map(SettingsDiff::list).orElse(SettingsChange.NONE),
                    widened ? Judged.of(Effect.WEAKENS) : narrowed());
        }
        if (changes.size() == listed && !asSets(base).equals(asSets(head))) {
            add("taxonomy", base.toString(), head.toString(), Effect.CHANGED);
        }
    }

    /** A taxonomy that allows no value the base did not: see {@link #taxonomy}. */
    private Judged narrowed() {
        if (!readers().isEmpty()) {
            return Judged.changed("fewer values allowed: the gate refuses more, but rules other than the shipped ones"
                    + " read the rulebook's settings and may read the taxonomy themselves and report less ("
                    + named(readers()) + ")");
        }
        return Judged.of(Effect.STRENGTHENS);
    }

    /** The rules other than the shipped ones that may read the settings, found once however many settings ask. */
    private List<String> readers() {
        if (readers == null) {
            readers = settingsReaders.get();
        }
        return readers;
    }

    /** At most {@link #READERS_NAMED} of them, and how many more. */
    private static String named(List<String> readers) {
        return String.join(", ", readers.subList(0, Math.min(READERS_NAMED, readers.size())))
                + (readers.size() > READERS_NAMED ? " and " + (readers.size() - READERS_NAMED) + " more" : "");
    }

    private static Map<String, Set<String>> asSets(Map<String, List<String>> taxonomy) {
        return taxonomy.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
    }

    private static Map<String, GateStep> byTransition(GateProfile profile) {
        Map<String, GateStep> steps = new LinkedHashMap<>();
        profile.steps().forEach(s -> steps.putIfAbsent(s.key(), s));
        return steps;
    }

    private static String steps(GateProfile profile) {
        return profile.steps().stream().map(s -> s.key() + " " + step(s)).collect(Collectors.joining("; "));
    }

    private static String step(GateStep step) {
        if (step == null) {
            return SettingsChange.NONE;
        }
        return list(step.gates()) + step.onFailure().map(state -> " on_failure " + state).orElse("");
    }

    private static String kpi(KpiDefinition kpi) {
        if (kpi == null) {
            return SettingsChange.NONE;
        }
        return kpi.formula() + " inputs " + list(kpi.inputs()) + " unit " + kpi.unit() + " target "
                + kpi.target().map(SettingsDiff::number).orElse(SettingsChange.NONE) + " " + kpi.direction().key()
                + (kpi.description().isEmpty() ? "" : " (" + kpi.description() + ")");
    }

    private static Map<String, KpiDefinition> byName(List<KpiDefinition> kpis) {
        return kpis.stream().collect(Collectors.toMap(KpiDefinition::name, Function.identity(), (a, b) -> a,
                LinkedHashMap::new));
    }

    private static String number(Double value) {
        if (value == null) {
            return SettingsChange.NONE;
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf(value.longValue()) : value.toString();
    }

    private static String list(List<String> values) {
        return "[" + String.join(", ", values) + "]";
    }

    /** The names of both sides, sorted, so that the same rulebooks give the same order. */
    private static Set<String> union(Set<String> base, Set<String> head) {
        Set<String> all = new TreeSet<>(base);
        all.addAll(head);
        return new LinkedHashSet<>(all);
    }
}
