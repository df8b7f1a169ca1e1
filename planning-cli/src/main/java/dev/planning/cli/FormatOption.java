package dev.planning.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --format} option of commands that report findings.
 *
 * <p>For the commands {@link CommandModels} builds, picocli's model of these options is built there in
 * code: an option added here must be added there too ({@code CommandModelsTest} fails until it is).
 */
final class FormatOption {

    /** The option's help text, shared with the model {@link CommandModels} builds in code. */
    static final String DESCRIPTION = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); junit"
            + " for lint, gate, advance and rules test; sarif for lint, gate and advance; markdown for lint, gate,"
            + " advance, verify, rules test and rules diff.";

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = DESCRIPTION)
    OutputFormat format;
}
