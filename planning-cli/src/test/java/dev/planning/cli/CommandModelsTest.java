package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command models built in code ({@link CommandModels}) are the models picocli reflects from the
 * commands' annotations: the same options with the same attributes, the same help, the same parse
 * results and the same error messages.
 */
class CommandModelsTest {

    /** The command line as it was before the models were built in code: everything reflected. */
    private static CommandLine reflected() {
        CommandLine cli = new CommandLine(new PlanningCommand());
        for (String name : PlanningCommand.commandsFor(new String[0])) {
            cli.addSubcommand(name, PlanningCommand.commandClass(name));
        }
        return configured(cli);
    }

    /** The command line {@link PlanningCommand#execute} builds when it registers every command. */
    private static CommandLine built() {
        CommandLine cli = new CommandLine(CommandModels.planning(new PlanningCommand()));
        for (String name : PlanningCommand.commandsFor(new String[0])) {
            cli.addSubcommand(name, CommandModels.subcommand(name).<Object>map(CommandLine::new)
                    .orElseGet(() -> PlanningCommand.commandClass(name)));
        }
        return configured(cli);
    }

    private static CommandLine configured(CommandLine cli) {
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    @Test
    void theHotCommandsAndTheTopLevelAreBuiltInCodeNotReflected() {
        CommandLine built = built();
        assertThat(builtInCode(built.getCommandSpec())).isTrue();
        for (String name : CommandModels.BUILT) {
            assertThat(builtInCode(built.getSubcommands().get(name).getCommandSpec())).as(name).isTrue();
        }
        assertThat(builtInCode(reflected().getCommandSpec())).isFalse();
    }

    /** A reflected option's user object is the field it was read from; one built in code has none. */
    private static boolean builtInCode(CommandSpec spec) {
        return spec.options().stream().noneMatch(o -> o.userObject() instanceof java.lang.reflect.Field);
    }

    @Test
    void everyCommandHasTheSameModelAttributeByAttribute() {
        CommandLine reflected = reflected();
        CommandLine built = built();
        assertThat(describe(built.getCommandSpec())).isEqualTo(describe(reflected.getCommandSpec()));
        assertThat(built.getSubcommands().keySet()).containsExactlyElementsOf(reflected.getSubcommands().keySet());
        for (String name : reflected.getSubcommands().keySet()) {
            assertThat(describe(built.getSubcommands().get(name).getCommandSpec())).as(name)
                    .isEqualTo(describe(reflected.getSubcommands().get(name).getCommandSpec()));
        }
    }

    @Test
    void everyCommandPrintsTheSameHelp() {
        CommandLine reflected = reflected();
        CommandLine built = built();
        assertThat(built.getUsageMessage(Help.Ansi.OFF)).isEqualTo(reflected.getUsageMessage(Help.Ansi.OFF));
        for (String name : reflected.getSubcommands().keySet()) {
            assertThat(built.getSubcommands().get(name).getUsageMessage(Help.Ansi.OFF)).as(name)
                    .isEqualTo(reflected.getSubcommands().get(name).getUsageMessage(Help.Ansi.OFF));
            assertThat(built.getSubcommands().get(name).getUsageMessage(Help.Ansi.ON)).as(name)
                    .isEqualTo(reflected.getSubcommands().get(name).getUsageMessage(Help.Ansi.ON));
        }
    }

    @Test
    void theSameArgumentsParseToTheSameValuesOrFailWithTheSameMessage() {
        List<String[]> lines = List.of(
                args("status"), args("status", "-w", "ws", "--trust", "t.yaml", "--format", "JSON"),
                args("status", "--stream", "fe", "--cycle", "c1", "--format", "xml"), args("status", "--nope"),
                args("status", "--stream"), args("lint", "-w", "ws", "--rulebook", "rb", "--store", "s.conf"),
                args("lint", "--format", "sarif", "--cycle", "c"), args("lint", "x"),
                args("gate", "--stream", "fe", "--cycle", "c", "--to", "ready-for-handoff"),
                args("gate", "--stream", "fe", "--cycle", "c"), args("gate", "--to", "READY_FOR_HANDOFF"),
                args("gate", "--stream", "fe", "--cycle", "c", "--to", "NOWHERE"),
                args("advance", "--stream", "fe", "--cycle", "c", "--to", "VALIDATED", "--summary-key", "a.pem",
                        "--summary-key", "b.pem", "--allow-dirty"),
                args("advance", "--stream", "fe", "--cycle", "c", "--to", "PACKAGED", "--allow-dirty=false"),
                args("advance", "--stream=fe", "--cycle=c", "--to=PACKAGED", "--format=markdown"),
                args("verify", "m.yaml", "--trust", "t.yaml", "--checksums-only"),
                args("verify", "--stream", "fe", "--cycle", "c", "-w", "ws", "--rulebook", "rb", "--format", "json"),
                args("verify", "a.yaml", "b.yaml"), args("verify", "-h"), args("status", "--help"), args("-V"),
                args("lint", "--version"), args("gate", "-wws", "--stream", "fe", "--cycle", "c", "--to", "gated"),
                args("stat"), args());
        for (String[] line : lines) {
            assertThat(parse(built(), line)).as(String.join(" ", line)).isEqualTo(parse(reflected(), line));
        }
    }

    private static String[] args(String... args) {
        return args;
    }

    /** What parsing gives: each matched option and positional with its typed value, or the error. */
    private static String parse(CommandLine cli, String[] args) {
        try {
            ParseResult result = cli.parseArgs(args);
            StringBuilder text = new StringBuilder();
            for (ParseResult r = result; r != null; r = r.subcommand()) {
                text.append(r.commandSpec().qualifiedName()).append(": help=").append(r.isUsageHelpRequested())
                        .append(" version=").append(r.isVersionHelpRequested()).append('\n');
                for (ArgSpec arg : r.commandSpec().args()) {
                    text.append("  ").append(label(arg)).append(" = ").append(value(arg.getValue()))
                            .append(" matched=").append(r.hasMatchedOption(arg instanceof OptionSpec o ? o.longestName()
                                    : "-\u0000")).append('\n');
                }
                if (!r.hasSubcommand()) {
                    break;
                }
            }
            return text.toString();
        } catch (CommandLine.ParameterException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static String value(Object value) {
        return value == null ? "null" : value.getClass().getName() + ":" + value;
    }

    private static String label(ArgSpec arg) {
        return arg instanceof OptionSpec o ? o.longestName() : ((PositionalParamSpec) arg).paramLabel();
    }

    /** Every attribute of a command model that reaches parsing, help or completion, in order. */
    private static String describe(CommandSpec spec) {
        Map<String, Object> command = new TreeMap<>();
        command.put("name", spec.name());
        command.put("qualifiedName", spec.qualifiedName());
        command.put("aliases", List.of(spec.aliases()));
        command.put("version", List.of(spec.version()));
        command.put("versionProvider", spec.versionProvider() == null ? null : spec.versionProvider().getClass());
        command.put("mixinStandardHelpOptions", spec.mixinStandardHelpOptions());
        command.put("mixins", new ArrayList<>(spec.mixins().keySet()));
        command.put("helpCommand", spec.helpCommand());
        command.put("defaultValueProvider", spec.defaultValueProvider());
        command.put("exitCodes", List.of(spec.exitCodeOnSuccess(), spec.exitCodeOnUsageHelp(),
                spec.exitCodeOnVersionHelp(), spec.exitCodeOnInvalidInput(), spec.exitCodeOnExecutionException()));
        command.put("interpolateVariables", spec.interpolateVariables());
        command.put("inherited", spec.inherited());
        command.put("scopeType", spec.scopeType());
        command.put("subcommandsRepeatable", spec.subcommandsRepeatable());
        command.put("userObjectClass", spec.userObject() == null ? null : spec.userObject().getClass());
        command.put("parser", spec.parser().toString());
        var usage = spec.usageMessage();
        command.put("usage", Arrays.asList(usage.abbreviateSynopsis(), usage.sortOptions(), usage.sortSynopsis(),
                usage.showDefaultValues(), usage.showAtFileInUsageHelp(), usage.showEndOfOptionsDelimiterInUsageHelp(),
                usage.hidden(), usage.requiredOptionMarker(), usage.width(), usage.autoWidth(), usage.longOptionsMaxWidth(),
                usage.adjustLineBreaksForWideCJKCharacters(), List.of(usage.description()),
                List.of(usage.customSynopsis()), List.of(usage.header()), List.of(usage.footer()),
                usage.synopsisHeading(), usage.descriptionHeading(), usage.optionListHeading(),
                usage.parameterListHeading(), usage.commandListHeading(), usage.headerHeading(),
                usage.footerHeading(), usage.exitCodeListHeading(), usage.exitCodeList(),
                usage.synopsisSubcommandLabel(), usage.sectionKeys(), usage.sectionMap().keySet()));
        StringBuilder text = new StringBuilder(command.toString()).append('\n');
        for (OptionSpec option : spec.options()) {
            text.append(describe(option)).append(" names=").append(List.of(option.names()))
                    .append(" negatable=").append(option.negatable()).append(" usageHelp=").append(option.usageHelp())
                    .append(" versionHelp=").append(option.versionHelp())
                    .append(" fallback=").append(option.fallbackValue()).append(" order=").append(option.order())
                    .append('\n');
        }
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            text.append(describe(positional)).append(" index=").append(positional.index()).append('\n');
        }
        return text.toString();
    }

    private static String describe(ArgSpec arg) {
        List<Object> attributes = Arrays.asList(arg.paramLabel(), List.of(arg.description()), arg.descriptionKey(),
                arg.arity(), arg.arity().isUnspecified(), arg.required(), arg.originallyRequired(), arg.type(),
                List.of(arg.auxiliaryTypes()), arg.typeInfo().isMultiValue(), arg.typeInfo().isBoolean(),
                arg.typeInfo().isEnum(), arg.typeInfo().isOptional(), arg.defaultValue(), arg.defaultValueString(),
                arg.initialValue(), arg.hasInitialValue(), arg.hidden(), arg.hideParamSyntax(), arg.interactive(),
                arg.echo(), arg.prompt(), arg.splitRegex(), arg.splitRegexSynopsisLabel(), arg.showDefaultValue(),
                arg.completionCandidates() == null ? null : iterate(arg.completionCandidates()),
                Arrays.stream(arg.converters()).map(c -> c.getClass().getName()).collect(Collectors.toList()),
                arg.parameterConsumer(), arg.mapFallbackValue(), arg.inherited(), arg.scopeType(), arg.isMultiValue(),
                arg.group());
        return attributes.toString();
    }

    private static List<String> iterate(Iterable<String> values) {
        List<String> list = new ArrayList<>();
        values.forEach(list::add);
        return list;
    }
}
