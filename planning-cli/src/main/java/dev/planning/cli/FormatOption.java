package dev.planning.cli;

import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --format} option of a command that prints text or JSON; the nested classes are the
 * option of the commands that print more formats. One class per set of formats, so that each
 * command's help names the formats it prints and no other, and a format it does not print is
 * refused when the command line is read, naming the ones it does.
 *
 * <p>For the commands {@link CommandModels} builds, picocli's model of these options is built there in
 * code: an option added here must be added there too ({@code CommandModelsTest} fails until it is).
 */
final class FormatOption {

    /** The help text of text and JSON, shared with the model {@link CommandModels} builds in code. */
    static final String DESCRIPTION = "Output format: text or json (default: ${DEFAULT-VALUE}).";

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = TextOrJson.class,
            description = DESCRIPTION)
    OutputFormat format;

    /** {@code --format} of {@code verify} and {@code rules diff}: text, JSON or Markdown. */
    static final class WithMarkdown {

        /** The help text, shared with the model {@link CommandModels} builds in code. */
        static final String DESCRIPTION = "Output format: text, json or markdown (default: ${DEFAULT-VALUE}).";

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = OrMarkdown.class,
                description = DESCRIPTION)
        OutputFormat format;
    }

    /** {@code --format} of {@code rules test}: text, JSON, JUnit XML or Markdown. */
    static final class WithJunitAndMarkdown {

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = OrJunitOrMarkdown.class,
                description = "Output format: text, json, junit or markdown (default: ${DEFAULT-VALUE}).")
        OutputFormat format;
    }

    /** {@code --format} of {@code lint}, {@code gate} and {@code advance}: every format. */
    static final class Every {

        /** The help text, shared with the model {@link CommandModels} builds in code. */
        static final String DESCRIPTION = "Output format: text, json, junit, sarif or markdown"
                + " (default: ${DEFAULT-VALUE}).";

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = Any.class,
                description = DESCRIPTION)
        OutputFormat format;
    }

    /**
     * The format named by {@code value} in any case, if it is one of {@code formats}; refused otherwise,
     * naming them as the help does.
     */
    static OutputFormat convert(String value, List<OutputFormat> formats) {
        for (OutputFormat format : formats) {
            if (format.name().equalsIgnoreCase(value)) {
                return format;
            }
        }
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < formats.size(); i++) {
            names.append(i == 0 ? "" : i == formats.size() - 1 ? " or " : ", ").append(formats.get(i).name());
        }
        throw new TypeConversionException("'" + value + "' is not available for this command; use " + names);
    }

    /** text or json. */
    static final class TextOrJson implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return FormatOption.convert(value, List.of(OutputFormat.text, OutputFormat.json));
        }
    }

    /** text, json or markdown. */
    static final class OrMarkdown implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return FormatOption.convert(value, List.of(OutputFormat.text, OutputFormat.json, OutputFormat.markdown));
        }
    }

    /** text, json, junit or markdown. */
    static final class OrJunitOrMarkdown implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return FormatOption.convert(value,
                    List.of(OutputFormat.text, OutputFormat.json, OutputFormat.junit, OutputFormat.markdown));
        }
    }

    /** Every format. */
    static final class Any implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return FormatOption.convert(value, List.of(OutputFormat.values()));
        }
    }
}
