package dev.planning.engine.internal.rulebook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.TransitionKind;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.GateStep;
import dev.planning.api.rulebook.KpiDefinition;
import dev.planning.api.rulebook.KpiDirection;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.rulebook.ThresholdBound;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.metrics.KpiEvaluator;
import dev.planning.engine.internal.metrics.KpiInputs;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.schema.ExactNumbers;
import dev.planning.engine.internal.schema.SchemaCatalog;
import dev.planning.engine.internal.schema.WholeNumbers;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.Shown;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a rulebook directory ({@code rulebook.yaml}, {@code rules/*.drl}, {@code tests/}) into a
 * {@link Rulebook}, with its hash.
 *
 * <p>{@code rulebook.yaml} is read with the hardened YAML reader and validated against the
 * {@code rulebook} schema, each number both as the decimal written and as the double the engine reads,
 * so errors name the line and column. Gate profiles are checked here,
 * not when a transition runs: each profile entry must name a transition the lifecycle allows
 * ({@code "PLANNED->READY_FOR_HANDOFF"}) at most once per profile, naming each gate at most once, and
 * every stream must map to a defined profile.
 *
 * <p>A policy-only rulebook works too: settings without {@code profiles} (and then without
 * {@code default_profile} and {@code streams}), or no {@code rulebook.yaml} at all beside
 * {@code rules/*.drl} (version {@value DefaultProfile#UNVERSIONED}, no settings). Every stream then
 * uses {@link DefaultProfile}. A directory with neither settings nor a rule file is refused.
 */
public final class RulebookLoader {

    /** The settings file of a rulebook. */
    public static final String SETTINGS_FILE = "rulebook.yaml";

    private static final Pattern TRANSITION = Pattern.compile("\\s*([A-Za-z_]+)\\s*->\\s*([A-Za-z_]+)\\s*");

    /** Where validated settings are kept across runs; none unless a process turns it on. */
    private static volatile KeptSettings kept;

    private RulebookLoader() {
    }

    /**
     * Where the model of settings that validated is kept across processes, so that loading the same
     * {@code rulebook.yaml} again skips its parse, its schema validation and the KPI formulas' check:
     * a pure function of the file's exact bytes and the loader's code. Used only by the loads of a
     * workspace's rulebook ({@link #load(Path, Path)}, {@link #loadForReading(Path, Path)}).
     *
     * <p>Contract: {@link #read} returns a payload only for the exact bytes {@link #keep} was given
     * with it, by this build of the loader (its key covers both), from a place no one else can write;
     * anything else is empty. The loader keeps a model only after the settings validated in full, the
     * KPI formulas included; it decodes a kept model strictly and through the {@link Rulebook} record's
     * checks, and a payload that does not decode means "parse again". A hit never changes an error:
     * settings that do not validate are never kept, and are parsed, and refused, as without it.
     */
    public interface KeptSettings {

        /**
         * The payload kept for exactly these settings bytes.
         *
         * @param settings  the exact bytes of {@code rulebook.yaml}, as loaded
         * @param rulebook  the rulebook directory (absolute, normalised)
         * @param workspace the workspace root
         * @return the payload given to {@link #keep} for the same bytes, or empty
         */
        Optional<byte[]> read(byte[] settings, Path rulebook, Path workspace);

        /**
         * Keeps the payload for these settings bytes; failing to keep it changes nothing else.
         *
         * @param settings  the exact bytes of {@code rulebook.yaml}, which validated in full
         * @param payload   the model to keep
         * @param rulebook  the rulebook directory (absolute, normalised)
         * @param workspace the workspace root
         */
        void keep(byte[] settings, byte[] payload, Path rulebook, Path workspace);
    }

    /**
     * The classes whose code decides what {@link #load(Path, Path)} makes of a settings file: this
     * loader, the API's records, the YAML reader, the schemas and their validator, the KPI formulas'
     * check and JEXL. A {@link KeptSettings} covers their code (e.g. their jars) in its key, so that
     * another build never reads a model this one kept.
     *
     * @return the classes, never empty
     */
    public static List<Class<?>> code() {
        return List.of(RulebookLoader.class, Rulebook.class, YamlDocuments.class, SchemaCatalog.class,
                KpiEvaluator.class, com.fasterxml.jackson.dataformat.yaml.YAMLFactory.class,
                com.networknt.schema.SchemaRegistry.class, org.apache.commons.jexl3.JexlEngine.class);
    }

    /**
     * Keeps validated settings across runs in {@code settings} for the rest of this process, or stops
     * doing so ({@code null}).
     *
     * @param settings where to keep them, or {@code null} for nowhere
     */
    public static void keepSettings(KeptSettings settings) {
        kept = settings;
    }

    /**
     * Loads a rulebook.
     *
     * @throws InvalidInputException when the directory or its settings are missing or invalid
     */
    public static Rulebook load(Path directory) {
        return load(directory, null, displayPath(directory), true);
    }

    /**
     * Loads a rulebook of a workspace: errors in its settings are located workspace-relative
     * ({@code rulebook/rulebook.yaml:4:7}) when the rulebook lies inside the workspace, as the
     * errors of its rule files and of its gate profiles are.
     *
     * @param workspace the workspace root
     * @throws InvalidInputException when the directory or its settings are missing or invalid
     */
    public static Rulebook load(Path directory, Path workspace) {
        return load(directory, workspace, displayName(directory, workspace, SETTINGS_FILE), true);
    }

    /**
     * Loads a rulebook of a workspace for reading only, as {@link #load(Path, Path)} does but
     * without compiling the KPI formulas (the JEXL engine is not started): for commands that
     * evaluate no KPI. The settings are still read and validated against the schema in full, KPI
     * names must still be unique and their inputs known; a formula is compiled, and refused when
     * it does not compile or reads an input it does not list, by
     * {@link dev.planning.engine.internal.metrics.KpiEvaluator#evaluate} before it is evaluated.
     *
     * @param workspace the workspace root
     * @throws InvalidInputException when the directory or its settings are missing or invalid
     */
    public static Rulebook loadForReading(Path directory, Path workspace) {
        return load(directory, workspace, displayName(directory, workspace, SETTINGS_FILE), false);
    }

    /**
     * How a file of a rulebook is named in messages about a workspace: relative to the workspace
     * when the rulebook lies inside it, otherwise as {@code directory} is given (a {@code --rulebook
     * ../shared/rulebook} as {@code ../shared/rulebook/FILE}, never the absolute path the user did not
     * write); {@code /} separators.
     *
     * @param directory the rulebook directory, as the user gave it
     * @param workspace the workspace root
     * @param file      the file, relative to the rulebook directory
     */
    public static String displayName(Path directory, Path workspace, String file) {
        Path root = workspace.toAbsolutePath().normalize();
        Path dir = directory.toAbsolutePath().normalize();
        Path shown = dir.equals(root) ? Path.of("") : dir.startsWith(root) ? root.relativize(dir) : directory.normalize();
        String prefix = shown.toString().replace('\\', '/');
        return prefix.isEmpty() ? file : prefix + "/" + file;
    }

    /**
     * Refuses a rulebook directory that does not exist, with the message {@link #load} gives for it:
     * the one check a workspace built read-only makes before its rulebook is first needed.
     *
     * @throws InvalidInputException when {@code directory} is not a directory
     */
    public static void requireDirectory(Path directory) {
        if (!Files.isDirectory(directory.toAbsolutePath().normalize())) {
            throw new InvalidInputException("rulebook directory not found: " + SafePaths.shown(directory)
                    + "; expected a directory with rulebook.yaml and rules/*.drl (`planning init` creates one)");
        }
    }

    /**
     * Reads a rulebook from its files as read elsewhere (from git objects at a commit), as
     * {@link #loadForReading} reads a directory: the same hash, entries, settings and schema, no KPI
     * formula compiled and no rule compiled (only its settings, such as the signing policy, are read).
     *
     * @param snapshot  the rulebook's files and their hash ({@link RulebookHasher#of})
     * @param directory the directory the rulebook stands for (workspace-relative at that commit)
     * @param shownDir  how errors name the directory ({@code rulebook at 3f2a...})
     * @throws InvalidInputException when the files do not make a rulebook, saying why
     */
    public static Rulebook loadSnapshot(RulebookHasher.Snapshot snapshot, Path directory, String shownDir) {
        return loadSnapshot(snapshot, directory, shownDir, false);
    }

    /**
     * As {@link #loadSnapshot(RulebookHasher.Snapshot, Path, String)}, the KPI formulas compiled too when
     * {@code checkFormulas} holds, as {@link #load(Path)} compiles them: a rulebook read from git is then
     * refused for what its directory would be refused for.
     *
     * @param snapshot      the rulebook's files and their hash ({@link RulebookHasher#of})
     * @param directory     the directory the rulebook stands for
     * @param shownDir      how errors name the directory
     * @param checkFormulas whether each KPI formula is compiled and its inputs checked
     * @throws InvalidInputException when the files do not make a rulebook, saying why
     */
    public static Rulebook loadSnapshot(RulebookHasher.Snapshot snapshot, Path directory, String shownDir,
            boolean checkFormulas) {
        String shownSettings = RulebookHasher.shownFile(shownDir, SETTINGS_FILE);
        // The limits a directory read from disk is held to (RulebookHasher.read), with the same errors.
        RulebookHasher.requireDepth(snapshot, shownDir);
        requireKnownEntries(snapshot, shownDir);
        List<String> rules = ruleFiles(snapshot);
        Optional<byte[]> settings = snapshot.content(SETTINGS_FILE);
        if (settings.isEmpty()) {
            boolean underSettings = snapshot.files().keySet().stream().anyMatch(p -> p.startsWith("./" + SETTINGS_FILE
                    + "/"));
            if (underSettings) {
                throw new InvalidInputException("rulebook settings are not a file: " + Printable.line(shownSettings)
                        + " (expected rulebook.yaml with at least a version)");
            }
            if (rules.isEmpty()) {
                throw new InvalidInputException("rulebook settings not found: " + Printable.line(shownSettings)
                        + " (expected rulebook.yaml, or at least one policy in rules/*.drl)");
            }
            return new Rulebook(directory, snapshot.hash(), DefaultProfile.UNVERSIONED,
                    Map.of(DefaultProfile.NAME, DefaultProfile.PROFILE), Map.of(), DefaultProfile.NAME, Map.of(),
                    List.of(), Map.of(), rules, SigningPolicy.NONE, List.of(), directory);
        }
        return givenAs(parse(directory, snapshot, rules, settings.get(), shownSettings, checkFormulas), directory);
    }

    private static Rulebook load(Path directory, Path workspace, String shownSettings, boolean checkFormulas) {
        Path dir = directory.toAbsolutePath().normalize();
        requireDirectory(directory);
        Path settings = dir.resolve(SETTINGS_FILE);
        // Every file is read once: the hash, the settings and the list of rule files all come from
        // these bytes, so a rulebook changed while it loads is never recorded under another's hash.
        // Named as the settings are: relative to the workspace, or as the user gave it.
        String shownDir = shownSettings.equals(SETTINGS_FILE) ? "."
                : shownSettings.endsWith("/" + SETTINGS_FILE)
                        ? shownSettings.substring(0, shownSettings.length() - SETTINGS_FILE.length() - 1) : shownSettings;
        RulebookHasher.Snapshot snapshot = RulebookHasher.read(dir, shownDir);
        requireKnownEntries(snapshot, shownDir);
        List<String> rules = ruleFiles(snapshot);
        if (!Files.exists(settings, LinkOption.NOFOLLOW_LINKS) && snapshot.content(SETTINGS_FILE).isEmpty()) {
            if (rules.isEmpty()) {
                // Named as the user gave the rulebook, never by the absolute path they did not write.
                throw new InvalidInputException("rulebook settings not found: " + Printable.line(shownSettings)
                        + " (expected rulebook.yaml, or at least one policy in rules/*.drl)");
            }
            // Policies alone: no settings, the default profile.
            return new Rulebook(dir, snapshot.hash(), DefaultProfile.UNVERSIONED,
                    Map.of(DefaultProfile.NAME, DefaultProfile.PROFILE), Map.of(), DefaultProfile.NAME, Map.of(),
                    List.of(), Map.of(), rules, SigningPolicy.NONE, List.of(), directory);
        }
        byte[] settingsBytes = snapshot.content(SETTINGS_FILE).orElseThrow(() -> new InvalidInputException(
                "rulebook settings are not a file: " + Printable.line(shownSettings)
                        + " (expected rulebook.yaml with at least a version)"));
        // A kept model was checked against the default bound on text values: none is read or kept under another.
        KeptSettings keptSettings = workspace != null && YamlDocuments.parsesMayBeKept() ? kept : null;
        if (keptSettings != null) {
            // The model of exactly these bytes, kept when they validated in full (formulas included).
            Optional<Rulebook> hit;
            try {
                hit = keptSettings.read(settingsBytes, dir, workspace)
                        .flatMap(payload -> SettingsCodec.decode(payload, dir, snapshot.hash(), rules));
            } catch (RuntimeException e) {
                hit = Optional.empty(); // a store that fails is a miss, never an error of the rulebook
            }
            if (hit.isPresent()) {
                return givenAs(hit.get(), directory);
            }
        }
        Rulebook loaded = givenAs(parse(dir, snapshot, rules, settingsBytes, shownSettings, checkFormulas), directory);
        if (keptSettings != null && checkFormulas) {
            keptSettings.keep(settingsBytes, SettingsCodec.encode(loaded), dir, workspace);
        }
        return loaded;
    }

    /** {@code rulebook}, named in messages as {@code given} ({@link Rulebook#givenDirectory()}). */
    private static Rulebook givenAs(Rulebook r, Path given) {
        return new Rulebook(r.directory(), r.hash(), r.version(), r.profiles(), r.streamProfiles(), r.defaultProfile(),
                r.taxonomy(), r.requiredTags(), r.thresholds(), r.ruleFiles(), r.signing(), r.kpis(), given);
    }

    /**
     * How a file of a loaded rulebook is named in messages about a workspace, as {@link #displayName}
     * names it for the directory the rulebook was given as ({@link Rulebook#givenDirectory()}).
     *
     * @param rulebook  the rulebook
     * @param workspace the workspace root
     * @param file      the file, relative to the rulebook directory
     */
    public static String displayName(Rulebook rulebook, Path workspace, String file) {
        return displayName(rulebook.givenDirectory(), workspace, file);
    }

    /** Parses and validates the settings, with every error located in {@code shownSettings}. */
    private static Rulebook parse(Path dir, RulebookHasher.Snapshot snapshot, List<String> rules, byte[] settingsBytes,
            String shownSettings, boolean checkFormulas) {
        LocatedDocument document = YamlDocuments.parse(settingsBytes, shownSettings);
        List<Finding> problems = schemaErrors(document, settingsBytes, shownSettings);
        if (!problems.isEmpty()) {
            // Every error, each at its line: `planning lint` itself stops here, so there is no
            // later command that would list the rest.
            throw ErrorList.exception("invalid rulebook", problems, document.fileLocation());
        }
        JsonNode root = document.root();
        // The checks past the schema (transitions, KPI names, inputs and formulas): every one of the file,
        // each at its place, as the schema's errors are.
        List<InvalidInputException> mistakes = new ArrayList<>();
        Map<String, GateProfile> profiles = root.has("profiles") ? profiles(document, mistakes)
                : Map.of(DefaultProfile.NAME, DefaultProfile.PROFILE);
        List<KpiDefinition> kpis = kpis(document, checkFormulas, mistakes);
        CaseFoldedKeys.check(document, mistakes);
        if (mistakes.size() == 1) {
            throw mistakes.get(0);
        }
        if (!mistakes.isEmpty()) {
            throw ErrorList.exception("invalid rulebook", mistakes.stream()
                    .map(e -> Finding.error(SEMANTIC, e.getMessage(), e.location().orElse(document.fileLocation())))
                    .toList(), document.fileLocation());
        }
        try {
            return new Rulebook(
                    dir,
                    snapshot.hash(),
                    root.get("version").asText(),
                    profiles,
                    stringMap(root.path("streams")),
                    root.has("default_profile") ? root.get("default_profile").asText() : DefaultProfile.NAME,
                    taxonomy(root.path("taxonomy")),
                    strings(root.path("required_tags")),
                    thresholds(root.path("thresholds")),
                    rules,
                    signing(root.path("signing")),
                    kpis);
        } catch (InvalidInputException e) {
            if (e.location().isPresent()) {
                throw e;
            }
            // Cross-field checks in the Rulebook record know no position: point at the file.
            throw new InvalidInputException(e.getMessage(), document.fileLocation(), e);
        }
    }

    /**
     * The schema's errors about settings: a number must be within its bounds both as the decimal written
     * and as the {@code double} the engine reads ({@code critical_approvals: 3.0000000000000001} is not a
     * whole number, though its double is 3). Both are needed: the validator decides a whole decimal beyond
     * a {@code long} on its low 64 bits ({@code 1e300} passed a bound of 2147483647 as a decimal), which it
     * decides right as a {@code double}. One finding per mistake: the exact reading's, then those of the
     * {@code double} reading at a place and of a kind the exact one did not report.
     *
     * @param document      the settings as {@link YamlDocuments#parse} reads them
     * @param settingsBytes the same settings' bytes
     * @param shownSettings how errors name the file
     * @return the errors, in document order of each reading; empty when the settings are valid
     */
    static List<Finding> schemaErrors(LocatedDocument document, byte[] settingsBytes, String shownSettings) {
        LocatedDocument exact = YamlDocuments.parseWithExactDecimals(settingsBytes, shownSettings);
        List<Finding> numbers = kpiTargetErrors(exact);
        numbers.addAll(wholeNumberErrors(document));
        Set<String> numbered = new HashSet<>();
        numbers.forEach(f -> numbered.add(f.location().map(Object::toString).orElse("")));
        // A number the reader left as text is a type error to the schema: the number's own error says why.
        List<Finding> errors = new ArrayList<>(errors(exact).stream()
                .filter(f -> !numbered.contains(f.location().map(Object::toString).orElse(""))).toList());
        errors.addAll(numbers);
        Set<String> reported = new HashSet<>();
        errors.forEach(f -> reported.add(f.code() + " " + f.location().map(Object::toString).orElse("")));
        for (Finding finding : errors(document)) {
            String at = finding.location().map(Object::toString).orElse("");
            if (!reported.contains(finding.code() + " " + at) && !numbered.contains(at)) {
                errors.add(finding);
            }
        }
        return List.copyOf(errors);
    }

    /**
     * Each KPI target that is not a number the digest holds as written: a {@code double} that reads it back
     * exactly ({@code 1e400} would be infinite and never met or missed truly, {@code 1e-400} would be 0),
     * with at most {@value #KPI_DECIMALS} decimals (the digest stores every figure so, and judges the stored
     * actual against the target), or a number too long to be read as one.
     */
    private static List<Finding> kpiTargetErrors(LocatedDocument exact) {
        List<Finding> errors = new ArrayList<>();
        JsonNode list = exact.root().path("kpis");
        for (int i = 0; i < list.size(); i++) {
            ExactNumbers.check(exact, "/kpis/" + i + "/target", KPI_DECIMALS, "a finite number of at most 15"
                    + " significant digits and " + KPI_DECIMALS + " decimals, as the digest stores it").ifPresent(errors::add);
        }
        return errors;
    }

    /**
     * Each whole number of the settings (a signing requirement's {@code min}, a whole-number threshold) that is not
     * one within its bounds as written ({@link WholeNumbers}): the validator judged {@code 1e19} on its low 64 bits,
     * and refused it as "must have a minimum value of 1"; {@code 1e400} had two errors, one of them "Infinity".
     */
    private static List<Finding> wholeNumberErrors(LocatedDocument document) {
        WholeNumbers whole = new WholeNumbers(document);
        List<Finding> errors = new ArrayList<>();
        JsonNode required = document.root().path("signing").path("required");
        for (int i = 0; i < required.size(); i++) {
            whole.checkWhereTheValidatorCannot("/signing/required/" + i + "/min", 1, Integer.MAX_VALUE).ifPresent(errors::add);
        }
        JsonNode thresholds = document.root().path("thresholds");
        if (thresholds.isObject()) {
            for (String name : (Iterable<String>) thresholds::fieldNames) {
                for (ThresholdBound bound : ThresholdBound.values()) {
                    if (bound.wholeNumber() && name.matches(bound.namePattern())) {
                        whole.checkWhereTheValidatorCannot("/thresholds/" + name.replace("~", "~0").replace("/", "~1"),
                                (long) bound.minimum(), (long) bound.maximum()).ifPresent(errors::add);
                    }
                }
            }
        }
        return errors;
    }

    /** The decimals a KPI target may have: the digest's figures have 4. */
    private static final int KPI_DECIMALS = 4;

    private static List<Finding> errors(LocatedDocument document) {
        return SchemaCatalog.standard().validate(document, ArtifactSchema.RULEBOOK).stream()
                .filter(f -> f.severity() == Severity.ERROR)
                .toList();
    }

    /**
     * Where a gate name of a profile step is written in the rulebook's settings (the file alone
     * when the settings cannot be read again), named as {@link #displayName} names it.
     *
     * @param workspace the workspace root, which the location is relative to when the rulebook lies inside it
     * @param profile   the profile's name
     * @param step      the step's index in the profile, as in {@link GateProfile#steps()}
     * @param gate      the gate's index in the step, as in {@link GateStep#gates()}
     */
    public static SourceLocation locateGate(Rulebook rulebook, Path workspace, String profile, int step, int gate) {
        Path settings = rulebook.directory().resolve(SETTINGS_FILE);
        if (!Files.isRegularFile(settings)) {
            // A rulebook of policies alone: its default profile is written nowhere; name its rules.
            return SourceLocation.ofFile(displayName(rulebook, workspace, "rules"));
        }
        String shown = displayName(rulebook, workspace, SETTINGS_FILE);
        try {
            LocatedDocument document = YamlDocuments.read(settings, shown);
            return document.locate("/profiles/" + profile.replace("~", "~0").replace("/", "~1") + "/" + step
                    + "/gates/" + gate);
        } catch (PlanningException e) {
            return SourceLocation.ofFile(shown);
        }
    }

    private static String displayPath(Path directory) {
        return directory.resolve(SETTINGS_FILE).toString().replace('\\', '/');
    }

    /** The code of an error found past the schema, in a message listing several. */
    private static final String SEMANTIC = "rulebook.invalid";

    private static Map<String, GateProfile> profiles(LocatedDocument document, List<InvalidInputException> mistakes) {
        Map<String, GateProfile> profiles = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : document.root().get("profiles").properties()) {
            List<GateStep> steps = new ArrayList<>();
            // A transition named twice would keep one step silently (GateProfile.step takes the
            // first), so a reader of the settings would see gates that never guard it: refused.
            Map<String, SourceLocation> transitions = new LinkedHashMap<>();
            int index = 0;
            for (JsonNode step : entry.getValue()) {
                String pointer = "/profiles/" + entry.getKey().replace("~", "~0").replace("/", "~1") + "/" + index++;
                int before = mistakes.size();
                GateStep parsed = step(entry.getKey(), step, document, pointer, mistakes);
                if (mistakes.size() > before) {
                    continue;
                }
                String transition = parsed.from() + "->" + parsed.to();
                SourceLocation at = document.locate(pointer + "/transition");
                SourceLocation first = transitions.putIfAbsent(transition, at);
                if (first != null) {
                    mistakes.add(new InvalidInputException("profile '" + entry.getKey() + "' names transition "
                            + transition + " twice (first at " + first + "); list each transition once, with all its"
                            + " gates in one step", at));
                    continue;
                }
                steps.add(parsed);
            }
            profiles.put(entry.getKey(), new GateProfile(entry.getKey(), steps));
        }
        return profiles;
    }

    /** The step, every mistake of it added to {@code mistakes} (errors20: the first alone was reported). */
    private static GateStep step(String profile, JsonNode node, LocatedDocument document, String pointer,
            List<InvalidInputException> mistakes) {
        Matcher m = TRANSITION.matcher(node.get("transition").asText());
        m.matches(); // the schema's pattern guarantees the shape
        CycleState from = CycleState.parse(m.group(1));
        CycleState to = CycleState.parse(m.group(2));
        if (Lifecycle.find(from, to).isEmpty()) {
            mistakes.add(new InvalidInputException("profile '" + profile + "': the lifecycle has no transition " + from + "->" + to
                    + "; allowed from " + from + ": " + Lifecycle.from(from).stream().map(t -> t.to().name()).toList(),
                    document.locate(pointer + "/transition")));
        }
        Optional<CycleState> onFailure = node.hasNonNull("on_failure")
                ? Optional.of(CycleState.parse(node.get("on_failure").asText()))
                : Optional.empty();
        if (onFailure.isPresent() && !failureTargets(from).contains(onFailure.get())) {
            // A failed transition that moved the cycle on would pass it as if its gates had (seventeenth review).
            mistakes.add(new InvalidInputException("profile '" + profile + "', transition " + from + "->" + to
                    + ": on_failure " + onFailure.get() + " would move a refused cycle forward; a failed transition stays"
                    + " where it is or moves back: expected " + String.join(" or ", failureTargets(from).stream()
                            .map(Enum::name).toList()), document.locate(pointer + "/on_failure")));
        }
        List<String> gates = strings(node.get("gates"));
        for (int g = 0; g < gates.size(); g++) {
            int first = gates.indexOf(gates.get(g));
            if (first < g) {
                mistakes.add(new InvalidInputException("profile '" + profile + "', transition " + from + "->" + to
                        + ": gate '" + gates.get(g) + "' is named twice (first at " + document.locate(pointer + "/gates/"
                        + first) + "); name each gate once per transition", document.locate(pointer + "/gates/" + g)));
            }
        }
        return new GateStep(from, to, gates, onFailure);
    }

    /**
     * Where a failed transition out of {@code from} may send the cycle: {@code from} itself, or a state
     * a backward (or self) transition of the lifecycle reaches, never a forward one.
     */
    public static List<CycleState> failureTargets(CycleState from) {
        List<CycleState> targets = new ArrayList<>(List.of(from));
        for (var transition : Lifecycle.from(from)) {
            if (transition.kind() != TransitionKind.FORWARD && !targets.contains(transition.to())) {
                targets.add(transition.to());
            }
        }
        return List.copyOf(targets);
    }

    private static List<KpiDefinition> kpis(LocatedDocument document, boolean checkFormulas,
            List<InvalidInputException> mistakes) {
        List<KpiDefinition> kpis = new ArrayList<>();
        Set<String> names = new HashSet<>();
        JsonNode list = document.root().path("kpis");
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String name = node.get("name").asText();
            if (!names.add(name)) {
                mistakes.add(new InvalidInputException("KPI '" + name + "' is defined twice; KPI names must be unique",
                        document.locate("/kpis/" + i + "/name")));
                continue;
            }
            KpiDefinition kpi = new KpiDefinition(name, node.get("formula").asText(), strings(node.get("inputs")),
                    node.get("unit").asText(),
                    node.hasNonNull("target") ? Optional.of(node.get("target").asDouble()) : Optional.empty(),
                    KpiDirection.parse(node.get("direction").asText()),
                    node.path("description").asText(""));
            for (int k = 0; k < kpi.inputs().size(); k++) {
                if (!KpiInputs.known(kpi.inputs().get(k))) {
                    mistakes.add(new InvalidInputException("KPI '" + name + "' reads input '" + kpi.inputs().get(k)
                            + "', which is not a known KPI input (see docs/metrics.md for the list; prev_<input>"
                            + " reads the previous digest's value)", document.locate("/kpis/" + i + "/inputs/" + k)));
                }
            }
            if (checkFormulas) {
                try {
                    KpiEvaluator.check(kpi);
                } catch (InvalidInputException e) {
                    mistakes.add(new InvalidInputException(e.getMessage(), document.locate("/kpis/" + i + "/formula"), e));
                }
            }
            kpis.add(kpi);
        }
        return kpis;
    }

    private static SigningPolicy signing(JsonNode node) {
        List<SigningRequirement> required = new ArrayList<>();
        node.path("required").forEach(r -> required.add(new SigningRequirement(strings(r.get("roles")),
                r.get("min").asInt())));
        return new SigningPolicy(required);
    }

    private static Map<String, List<String>> taxonomy(JsonNode node) {
        Map<String, List<String>> taxonomy = new LinkedHashMap<>();
        node.properties().forEach(e -> taxonomy.put(e.getKey(), strings(e.getValue())));
        return taxonomy;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static Map<String, Double> thresholds(JsonNode node) {
        Map<String, Double> thresholds = new LinkedHashMap<>();
        node.properties().forEach(e -> thresholds.put(e.getKey(), e.getValue().asDouble()));
        return thresholds;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(v -> values.add(v.asText()));
        return values;
    }

    /**
     * Refuses every file of the rulebook the tool would not read as what it looks like: a rulebook holds
     * {@code rulebook.yaml}, rule files {@code rules/**.drl} and rule tests under {@code tests/} (its
     * files {@code *.yaml}/{@code *.yml}, its subdirectories fixtures), and beside them, in any of its
     * directories, documentation ({@code README.md}, {@code NOTES.md}: a name of letters, digits,
     * {@code -} and {@code _}, then {@code .md}) and an empty {@code .gitkeep}, which no reader takes
     * for a rule or for settings; nothing else. Anything else was hashed, and read by a reviewer as part
     * of the policy, but never applied: {@code rules/critical.DRL} or a top-level {@code critical.drl} was
     * never compiled, and settings named {@code rulebook.yml} left a "policies alone" rulebook without
     * required tags or a signing policy (seventeenth review). An allow-list on the parsed path (its
     * directory, then its name): a name it does not know is refused, never skipped; every such file is
     * named, one line each.
     */
    static void requireKnownEntries(RulebookHasher.Snapshot snapshot, String shownDir) {
        List<String> shown = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : snapshot.files().entrySet()) {
            String relative = file.getKey().substring(2);
            String why = unknownEntry(relative, file.getValue().length);
            if (why != null) {
                shown.add(shownDir.equals(".") ? relative : RulebookHasher.shownFile(shownDir, relative));
                expected.add(why);
            }
        }
        if (shown.isEmpty()) {
            return;
        }
        // One line per file, each saying what it should have been; past ErrorList's bound the rest are counted.
        StringBuilder message = new StringBuilder(expected.get(0));
        int lines = Math.min(shown.size(), ErrorList.MAX_SHOWN);
        for (int i = 1; i < lines; i++) {
            message.append('\n').append(Shown.path(shown.get(i))).append(": ").append(expected.get(i));
        }
        if (lines < shown.size()) {
            message.append("\nand ").append(shown.size() - lines).append(" more such file(s)");
        }
        throw new InvalidInputException(message.toString(), SourceLocation.ofFile(shown.get(0)));
    }

    /** Documentation beside the policy: one name, one dot, {@code .md} (so never {@code x.drl.md} nor {@code x.yaml.md}). */
    private static final Pattern DOCUMENTATION = Pattern.compile("[A-Za-z0-9_-]+\\.md");

    /** An empty file that keeps an empty directory in git. */
    private static final String PLACEHOLDER = ".gitkeep";

    /**
     * What {@code relative} should have been, or {@code null} when it is an entry a rulebook holds.
     *
     * @param size the file's length in bytes: a placeholder holds nothing
     */
    static String unknownEntry(String relative, long size) {
        String whatRulebooksHold = "a rulebook holds rulebook.yaml, rule files rules/*.drl, rule tests"
                + " tests/*.yaml, documentation *.md and empty .gitkeep files only, and a file the tool does not read"
                + " would look to a reader like part of the policy; move it out of the rulebook, or rename it";
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        if (relative.equals(SETTINGS_FILE) || DOCUMENTATION.matcher(name).matches()) {
            return null;
        }
        if (name.equals(PLACEHOLDER)) {
            return size == 0 ? null : "a .gitkeep holds nothing (it only keeps its directory in git), this one holds "
                    + size + " byte(s); empty it, or move what it holds out of the rulebook";
        }
        if (name.equals(".DS_Store")) {
            return "a file the macOS Finder writes, no part of the policy; delete it (the hash counts every file of"
                    + " the rulebook directory, whether git tracks it or not)";
        }
        if (relative.startsWith("rules/")) {
            return relative.endsWith(".drl") ? null
                    : "not a rule file: every file under rules/ is a policy named rules/*.drl (only those are compiled); "
                            + whatRulebooksHold;
        }
        if (relative.startsWith("tests/")) {
            String inTests = relative.substring("tests/".length());
            return inTests.contains("/") || inTests.endsWith(".yaml") || inTests.endsWith(".yml") ? null
                    : "not a rule test file: a file directly under tests/ is named *.yaml or *.yml (only those are run;"
                            + " fixtures go in a subdirectory); " + whatRulebooksHold;
        }
        return (relative.contains("/") ? "not in rulebook.yaml, rules/ or tests/: " : "not rulebook.yaml: ")
                + whatRulebooksHold;
    }

    private static List<String> ruleFiles(RulebookHasher.Snapshot snapshot) {
        return snapshot.files().keySet().stream()
                .map(p -> p.substring(2))
                .filter(p -> p.startsWith("rules/") && p.endsWith(".drl"))
                .toList();
    }
}
