package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.examples.DemoScenario;
import java.io.PrintWriter;
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

    @Option(names = "--store", paramLabel = "FILE",
            description = "Record the demo's events in the PostgreSQL store this configuration file names (url, user,"
                    + " password, repository, kafka.bootstrap.servers, kafka.topic, kafka.security.protocol,"
                    + " kafka.ssl.*, kafka.sasl.*); default: $PLANNING_STORE_CONFIG or $PLANNING_STORE_URL, else the workspace's files. With Kafka configured, the events are"
                    + " published to the topic when the demo ends. Never a URL or password here.")
    Path store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        DemoScenario.Builder demo = DemoScenario.builder().directory(out).output(o);
        // Opened before anything is written: a store that cannot be reached refuses the demo at once.
        StoreSelection.open(store).ifPresent(opened -> demo.configure(builder -> {
            for (CycleRef cycle : DemoScenario.CYCLES) {
                if (!opened.store().eventStore().read(cycle).isEmpty()) {
                    throw new InvalidInputException("the store's repository '" + opened.config().repository()
                            + "' already holds cycle " + cycle + ": run the demo against a repository of its own"
                            + " (repository= in the store file, or $PLANNING_STORE_REPOSITORY)");
                }
            }
            o.println("events go to the PostgreSQL store, repository " + opened.config().repository()
                    + opened.config().kafkaBootstrap().map(servers -> ", then to Kafka topic "
                            + opened.config().kafkaTopic() + " at " + servers).orElse(""));
            return builder.eventStore(opened.store().eventStore());
        }).statusOptions(store != null ? " --store " + DemoScenario.shellWord(store.toString()) : ""));
        DemoScenario.Result result = demo.build().run();
        return result.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
