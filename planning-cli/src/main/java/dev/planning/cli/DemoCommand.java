package dev.planning.cli;

import dev.planning.examples.DemoScenario;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code planning demo}: runs the example scenario ({@link DemoScenario} in planning-examples, which
 * goes through the public API only) and turns its verdict into the exit code.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the example frontend planning cycles end to end in a fresh workspace copy.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "planning-demo",
            description = "Where to create the demo (default: ./${DEFAULT-VALUE}): DIR/workspace is the "
                    + "repository, DIR/keys the signing keys. The files an earlier demo wrote there are removed, and nothing else; any other "
                    + "non-empty directory is refused.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        DemoScenario.Result result = DemoScenario.builder().directory(out).output(spec.commandLine().getOut())
                .build().run();
        return result.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
