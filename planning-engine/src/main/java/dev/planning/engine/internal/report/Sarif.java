package dev.planning.engine.internal.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import dev.planning.engine.internal.json.JsonMappers;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Writes findings as a SARIF 2.1.0 log, the static-analysis format code hosts turn into
 * annotations on the exact lines (GitHub code scanning, GitLab, Azure DevOps).
 *
 * <pre>{@code
 * String sarif = Sarif.builder("planning", "0.1.0")
 *         .uri(path -> "planning-examples/workspaces/fe/" + path)   // make paths repository-relative
 *         .category("gate/fe/2025-09-02")
 *         .add(findings, "schema_lint")
 *         .render();
 * }</pre>
 *
 * <p>One run; {@code tool.driver.rules} lists every finding code reported, with a
 * {@code shortDescription} and {@code fullDescription} ({@link RuleCatalog}), {@code help} in text
 * and Markdown (with the fix hint when a finding of the code gave one), the default level, and the
 * properties code hosts rank by: {@code security-severity} (the worst severity reported under the
 * code: error {@value #SEVERITY_ERROR}, warning {@value #SEVERITY_WARNING}, info
 * {@value #SEVERITY_INFO}) and {@code problem.severity}. Each result names its {@code ruleId} and
 * {@code ruleIndex}, a level ({@code error}, {@code warning}, {@code note}), the message (with the
 * compared values and the fix hint when the finding has them; both also as result properties
 * {@code facts} and {@code hint}), and one location: the file ({@code artifactLocation.uri},
 * relative, against {@code %SRCROOT%}) and always a {@code region} (line 1, column 1 when the
 * finding names no position, because code hosts need one to annotate). A finding without a file
 * is placed on the fallback file, because code hosts drop results without a location. Each result
 * carries a fingerprint ({@code partialFingerprints."planningFinding/v2"}) of code, file, task
 * and message with its numbers masked, so re-runs match up even when lines move or counts change.
 *
 * <p>The {@code uri} is a URI reference (RFC 3986, as SARIF 2.1.0 §3.4.3 requires), not the path as
 * written: a character a path may hold but a URI may not ({@code #}, {@code ?}, {@code %}, a blank,
 * a control, a non-ASCII letter) is percent-encoded, as UTF-8, by {@link URI}; and a path whose
 * first segment holds a {@code :} is written after {@code ./}, so that it is not read as a scheme.
 * Resolved against the base, it names the file the finding names.
 */
public final class Sarif {

    /** The SARIF version written. */
    public static final String VERSION = "2.1.0";
    /** The schema the log declares. */
    public static final String SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    /** The {@code security-severity} of a code whose worst finding is an error (GitHub: high). */
    public static final String SEVERITY_ERROR = "8.0";
    /** The {@code security-severity} of a code whose worst finding is a warning (GitHub: medium). */
    public static final String SEVERITY_WARNING = "5.0";
    /** The {@code security-severity} of a code whose findings are all informational (GitHub: low). */
    public static final String SEVERITY_INFO = "2.0";

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private static final ObjectMapper JSON = JsonMappers.prettyJson();

    private Sarif() {
    }

    /** A builder for a log of one tool run. */
    public static Builder builder(String toolName, String toolVersion) {
        return new Builder(toolName, toolVersion);
    }

    /** Collects findings into one SARIF run; not thread-safe. */
    public static final class Builder {
        private final String toolName;
        private final String toolVersion;
        private UnaryOperator<String> uri = UnaryOperator.identity();
        private String fallbackFile = ".";
        private String category;
        private final Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        private final Map<String, Severity> worst = new LinkedHashMap<>();
        private final Map<String, String> hints = new LinkedHashMap<>();
        private final List<SarifLog.Result> results = new ArrayList<>();

        private Builder(String toolName, String toolVersion) {
            this.toolName = Objects.requireNonNull(toolName, "toolName");
            this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
        }

        /**
         * Maps a finding's workspace-relative file to the path the URI names (e.g. repository-relative),
         * before it is percent-encoded.
         */
        public Builder uri(UnaryOperator<String> mapping) {
            this.uri = Objects.requireNonNull(mapping, "mapping");
            return this;
        }

        /** The file findings without one are placed on (workspace-relative). */
        public Builder fallbackFile(String file) {
            this.fallbackFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Distinguishes this run from other runs uploaded for the same commit (automationDetails.id). */
        public Builder category(String value) {
            this.category = Objects.requireNonNull(value, "category");
            return this;
        }

        /**
         * Adds findings.
         *
         * @param source what produced them (a gate's name, {@code lint}), kept as a result property
         */
        public Builder add(List<Finding> findings, String source) {
            for (Finding finding : findings) {
                results.add(result(finding, source));
            }
            return this;
        }

        /** The log as a JSON tree. */
        public ObjectNode build() {
            return JSON.valueToTree(log());
        }

        /** The log as pretty-printed JSON with a final newline. */
        public String render() {
            try {
                return JSON.writeValueAsString(log()) + "\n";
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a SARIF log always serializes", e);
            }
        }

        private SarifLog.Log log() {
            List<SarifLog.Rule> rules = ruleIndex.keySet().stream()
                    .map(code -> rule(code, worst.get(code), hints.get(code))).toList();
            SarifLog.Run run = new SarifLog.Run(new SarifLog.Tool(new SarifLog.Driver(toolName, toolVersion,
                    "https://planning.dev/", rules)),
                    Optional.ofNullable(category).map(c -> new SarifLog.AutomationDetails(c.endsWith("/") ? c : c + "/")),
                    "unicodeCodePoints", List.copyOf(results));
            return new SarifLog.Log(SCHEMA, VERSION, List.of(run));
        }

        private SarifLog.Result result(Finding finding, String source) {
            int index = ruleIndex.computeIfAbsent(finding.code(), code -> ruleIndex.size());
            worst.merge(finding.code(), finding.severity(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            finding.hint().ifPresent(h -> hints.putIfAbsent(finding.code(), h));
            String values = finding.facts().isEmpty() ? "" : " (" + finding.factsLine() + ")";
            String fix = finding.hint().map(h -> " Fix: " + h).orElse("");
            SourceLocation where = finding.location().filter(l -> !l.file().isBlank())
                    .orElse(SourceLocation.ofFile(fallbackFile));
            SarifLog.PhysicalLocation physical = new SarifLog.PhysicalLocation(
                    new SarifLog.ArtifactLocation(reference(uri.apply(where.file())), "%SRCROOT%"),
                    new SarifLog.Region(Math.max(1, where.line()), where.line() > 0 ? Math.max(1, where.column()) : 1));
            return new SarifLog.Result(finding.code(), index, level(finding.severity()),
                    new SarifLog.Text(finding.message() + values + fix), List.of(new SarifLog.Location(physical)),
                    new SarifLog.Fingerprints(fingerprint(finding.code(), where.file(), finding.taskId().orElse(""),
                            DIGITS.matcher(finding.message()).replaceAll("#"))),
                    new SarifLog.ResultProperties(source, finding.taskId(), finding.facts(), finding.hint()));
        }

        private static SarifLog.Rule rule(String code, Severity severity, String hint) {
            String description = RuleCatalog.describe(code);
            String fix = hint != null ? hint : RuleCatalog.remedy(code);
            SarifLog.Help help = new SarifLog.Help(description + " Fix: " + fix,
                    "**" + Printable.markdown(code) + "**: " + Printable.markdown(description) + "\n\n"
                            + Printable.markdown(RuleCatalog.explain(code)) + "\n\n**Fix:** " + Printable.markdown(fix));
            SarifLog.RuleProperties properties = new SarifLog.RuleProperties(switch (severity) {
                case ERROR -> SEVERITY_ERROR;
                case WARNING -> SEVERITY_WARNING;
                case INFO -> SEVERITY_INFO;
            }, switch (severity) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "recommendation";
            }, List.of("planning", code.substring(0, Math.max(0, code.indexOf('.'))).isEmpty() ? code
                    : code.substring(0, code.indexOf('.'))));
            return new SarifLog.Rule(code, code, new SarifLog.Text(description),
                    new SarifLog.Text(RuleCatalog.explain(code)), help, new SarifLog.Configuration(level(severity)),
                    properties);
        }

    }

    /**
     * A relative path as the URI reference that names it: percent-encoded where a URI may not hold the
     * character ({@link URI}'s constructors quote every such character and every {@code %}; the ASCII
     * form encodes the rest as UTF-8), and after {@code ./} when its first segment holds a {@code :}
     * (RFC 3986 §4.2).
     */
    static String reference(String path) {
        int slash = path.indexOf('/');
        String first = slash < 0 ? path : path.substring(0, slash);
        String relative = first.indexOf(':') >= 0 ? "./" + path : path;
        try {
            return new URI(null, null, relative, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("no URI reference names the path " + Printable.line(path), e);
        }
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    private static String fingerprint(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
