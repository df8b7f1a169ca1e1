package dev.planning.engine.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The configured Jackson mappers, one factory method per role: every {@code ObjectMapper} of the
 * library is made here.
 *
 * <p>Each call returns a new mapper (a mapper is mutable; callers keep theirs in a
 * {@code static final} field and never reconfigure it). The configurations fix bytes that tests,
 * schemas and sealed hashes depend on: change one only together with the outputs it writes
 * (the golden files under {@code src/test/resources/golden/} of the engine and the CLI pin them).
 *
 * <p>Writers describe a document's shape as records annotated for Jackson
 * ({@code @JsonPropertyOrder} for the field order, {@code @JsonProperty} or a record-wide
 * {@code @JsonNaming(SnakeCaseStrategy)} for snake_case names, {@code @JsonInclude(NON_ABSENT)} or
 * {@code NON_EMPTY} for fields left out when absent or empty) and let one of these mappers write
 * them; every mapper registers {@link Jdk8Module}, so an {@code Optional} component is written as
 * its value ({@code null} when empty, or left out under {@code NON_ABSENT}). Code outside the
 * engine (the CLI, embedders) writes through {@link dev.planning.engine.PlanningJson}, which uses
 * {@link #prettyJson()}.
 */
public final class JsonMappers {

    /** Nesting limit for JSON read from tools' report files. */
    public static final int MAX_REPORT_DEPTH = 64;

    private JsonMappers() {
    }

    /** Compact JSON with Jackson's defaults: hashing inputs, JSON read from trusted files, canonical forms. */
    public static ObjectMapper json() {
        return modules(new ObjectMapper());
    }

    /** Indented JSON: command output ({@code --format json}), evidence files, SARIF. */
    public static ObjectMapper prettyJson() {
        return modules(new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** JSON that must be exactly one value with unique keys: lines of the append-only event log. */
    public static ObjectMapper strictJson() {
        return modules(new ObjectMapper())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * JSON written by other tools and imported (accessibility reports): unique keys, at most
     * {@value #MAX_REPORT_DEPTH} levels deep, one value (nothing after it), locations that quote
     * none of the source.
     */
    public static ObjectMapper toolReportJson() {
        return modules(new ObjectMapper(JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // No source in a location: an error's location would quote up to 500 characters of a file
                // that may be no report at all (outcome27).
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_REPORT_DEPTH).build())
                .build())).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * The canonical JSON of the governance inputs a decision judged, which their SHA-256 digests
     * are taken of (the rules module's {@code InputDigests}): compact, properties and map keys
     * sorted, absent values as {@code null}, dates in ISO-8601. Changing it changes every recorded
     * input digest. The rules module writes these bytes without the mapper ({@code CanonicalInputs},
     * for a cold command's start) and its test holds that writer to this mapper's output.
     */
    public static ObjectMapper canonicalJson() {
        return JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    /**
     * YAML planning files read as trees with source locations (the engine's {@code YamlDocuments}):
     * duplicate keys refused, at most {@code maxDepth} levels of nesting, an empty value read as
     * {@code null}, and SnakeYAML's own limits set as well (aliases, depth, duplicate keys,
     * {@code maxCodePoints}). Its factory ({@code getFactory()}, a {@link YAMLFactory}) makes the
     * parsers the located reader walks.
     */
    public static ObjectMapper locatedYaml(int maxDepth, int maxCodePoints) {
        LoaderOptions options = new LoaderOptions();
        // Belt and braces: Jackson reads events, not SnakeYAML's composed nodes, but if a future
        // version composed nodes these limits would still hold.
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(maxDepth);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(maxCodePoints);
        return modules(new ObjectMapper(YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                // YAML 1.1 read yes/no/on/off as booleans: a planning file means the word it wrote.
                .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
                .build()));
    }

    /** YAML artifacts the engine writes for people to read and edit (no document marker, plain scalars where safe). */
    public static ObjectMapper yaml() {
        return modules(new ObjectMapper(yamlWriter().build()));
    }

    /** {@link #yaml()} with multi-line strings as literal blocks: trust files, whose PEM keys span lines. */
    public static ObjectMapper yamlWithLiteralBlocks() {
        return modules(new ObjectMapper(yamlWriter().enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE).build()));
    }

    /**
     * The handoff manifest's YAML: every string quoted and no line split, so the sealed bytes do
     * not depend on a value's content or length.
     */
    public static ObjectMapper manifestYaml() {
        return modules(new ObjectMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build()));
    }

    /** The modules every mapper has: {@code Optional} components of written records. */
    private static ObjectMapper modules(ObjectMapper mapper) {
        return mapper.registerModule(new Jdk8Module());
    }

    private static com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder yamlWriter() {
        return YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR);
    }
}
