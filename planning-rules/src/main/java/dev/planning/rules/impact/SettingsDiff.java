package dev.planning.rules.impact;

import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.GateStep;
import dev.planning.api.rulebook.KpiDefinition;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.rulebook.KpiDirection;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.rulebook.TagTaxonomy;
import dev.planning.rules.impact.SettingsChange.Effect;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
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

    private final List<SettingsChange> changes = new ArrayList<>();

    private SettingsDiff() {
    }

    static List<SettingsChange> between(Rulebook base, Rulebook head) {
        SettingsDiff diff = new SettingsDiff();
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
        return List.copyOf(diff.changes);
    }

    private void add(String setting, String base, String head, Effect effect) {
        changes.add(new SettingsChange(setting, base, head, effect));
    }

    private void add(String setting, String base, String head, boolean weakens) {
        add(setting, base, head, weakens ? Effect.WEAKENS : Effect.CHANGED);
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
                add("profiles." + name + "." + transition, step(b), step(a), stepEffect(b, a));
            }
        }
    }

    /**
     * A transition's step changed: weakening when the head runs fewer of the base's gates there, or sends
     * a refused transition less far back (the cycle then passes fewer gates again before it gets there);
     * strengthening when the gates are the same, in the same order, and the head sends a refused
     * transition further back. Gates added or reordered are a change: governance reads the results of the
     * gates run before it, which rules may read either way.
     */
    private static Effect stepEffect(GateStep base, GateStep head) {
        List<String> gatesBefore = base == null ? List.of() : base.gates();
        List<String> gatesAfter = head == null ? List.of() : head.gates();
        if (base == null || head == null) {
            return gatesAfter.containsAll(gatesBefore) ? Effect.CHANGED : Effect.WEAKENS;
        }
        int back = Integer.compare(refusedTo(head).ordinal(), refusedTo(base).ordinal());
        if (!gatesAfter.containsAll(gatesBefore) || back > 0) {
            return Effect.WEAKENS;
        }
        return gatesAfter.equals(gatesBefore) && back < 0 ? Effect.STRENGTHENS : Effect.CHANGED;
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
     * Each stream the base or head names, and the default, moved to another profile: weakening when
     * the head's profile leaves out a gate the base's ran at some transition, or a step of it weakens as
     * the same step changed in place would ({@link #stepEffect}: a refused transition sent less far back).
     */
    private void streams(Rulebook base, Rulebook head) {
        if (!base.defaultProfile().equals(head.defaultProfile())) {
            add("default_profile", base.defaultProfile(), head.defaultProfile(),
                    weakerProfile(base.profiles().get(base.defaultProfile()), head.profiles().get(head.defaultProfile())));
        }
        for (String stream : union(base.streamProfiles().keySet(), head.streamProfiles().keySet())) {
            String was = base.streamProfiles().getOrDefault(stream, base.defaultProfile());
            String now = head.streamProfiles().getOrDefault(stream, head.defaultProfile());
            if (!was.equals(now)) {
                add("streams." + stream, was, now, weakerProfile(base.profileFor(stream), head.profileFor(stream)));
            }
        }
    }

    private static boolean weakerProfile(GateProfile base, GateProfile head) {
        if (!gatesRun(head).containsAll(gatesRun(base))) {
            return true;
        }
        // A stream moved is each of its steps changed: judged as a step changed in place is (review21).
        Map<String, GateStep> before = byTransition(base);
        Map<String, GateStep> after = byTransition(head);
        return union(before.keySet(), after.keySet()).stream()
                .anyMatch(transition -> stepEffect(before.get(transition), after.get(transition)) == Effect.WEAKENS);
    }

    private static Set<String> gatesRun(GateProfile profile) {
        Set<String> run = new HashSet<>();
        profile.steps().forEach(s -> s.gates().forEach(g -> run.add(s.key() + " " + g)));
        return run;
    }

    private void thresholds(Map<String, Double> base, Map<String, Double> head) {
        for (String name : union(base.keySet(), head.keySet())) {
            Double was = base.get(name);
            Double now = head.get(name);
            if (Objects.equals(was, now)) {
                continue;
            }
            // A value set on one side only falls back to what each rule reads by default: not judged.
            Integer stricter = STRICTER.get(name.substring(name.lastIndexOf('.') + 1));
            boolean weakens = was != null && now != null && stricter != null
                    && Double.compare(now, was) * stricter < 0;
            add("thresholds." + name, number(was), number(now), weakens);
        }
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

    private void requiredTags(List<String> base, List<String> head) {
        if (!new HashSet<>(base).equals(new HashSet<>(head))) {
            add("required_tags", list(base), list(head), !head.containsAll(base));
        }
    }

    /**
     * A tag's allowed values, compared as sets, per key as the gate reads them ({@link TagTaxonomy}: keys
     * ignoring case, of two spellings the later one; values ignoring case). The governance gate refuses a
     * value outside them before any rule runs, so a value the head allows that the base did not (a key
     * dropped allows every value) weakens. A list narrowed, or a key added, is only a change: the gate then
     * refuses more, but rules read the taxonomy too ({@code RulebookFacts.allows}, {@code allowedValues}),
     * and whether a rule governs more or less with fewer values allowed is not known. Keys written otherwise
     * that the gate reads alike are a change too, never none.
     */
    private void taxonomy(Map<String, List<String>> base, Map<String, List<String>> head) {
        TagTaxonomy before = TagTaxonomy.of(base);
        TagTaxonomy after = TagTaxonomy.of(head);
        Set<String> keys = new LinkedHashSet<>();
        union(base.keySet(), head.keySet()).forEach(key -> keys.add(key.strip().toLowerCase(Locale.ROOT)));
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
                    now.map(SettingsDiff::list).orElse(SettingsChange.NONE), widened);
        }
        if (changes.size() == listed && !asSets(base).equals(asSets(head))) {
            add("taxonomy", base.toString(), head.toString(), Effect.CHANGED);
        }
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
