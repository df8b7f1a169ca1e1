package dev.planning.bench.governance;

import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import dev.planning.rules.internal.defaults.DefaultRulebook;
import dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the policy-language check costs when a rulebook is loaded: compiles the default rulebook
 * with a fresh (uncached) factory, alternating the check on and off
 * ({@code -Dplanning.rules.mode=trusted}), and prints the median and spread of each.
 *
 * <pre class="language-shell">
 * java -cp planning-bench/target/benchmarks.jar dev.planning.bench.governance.PolicyCheckCost [warm-up] [runs]
 * </pre>
 *
 * <p>A timed harness rather than JMH: one load is hundreds of milliseconds and allocates a whole
 * knowledge base, so iterations alternate the two modes in the same JVM after a warm-up, which
 * cancels drift in the machine's load.
 */
public final class PolicyCheckCost {

    private PolicyCheckCost() {
    }

    /** Runs the measurement; arguments: warm-up loads per mode (default 10), measured loads per mode (default 30). */
    public static void main(String[] args) throws IOException {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path dir = Files.createTempDirectory("policy-check-cost");
        try {
            DefaultRulebook.copyTo(dir.resolve("rulebook"));
            Rulebook rulebook = RulebookLoader.load(dir.resolve("rulebook"));
            long[] checked = new long[runs];
            long[] trusted = new long[runs];
            for (int i = 0; i < warmup; i++) {
                load(rulebook, true);
                load(rulebook, false);
            }
            for (int i = 0; i < runs; i++) {
                checked[i] = load(rulebook, true);
                trusted[i] = load(rulebook, false);
            }
            System.out.printf("default rulebook load, %d runs per mode after %d warm-up runs%n", runs, warmup);
            System.out.println("  with the policy-language check:    " + summary(checked));
            System.out.println("  without it (planning.rules.mode=trusted): " + summary(trusted));
            double cost = (median(checked) - median(trusted)) / (double) median(trusted) * 100;
            System.out.printf("  difference of the medians: %+.1f %% of the load time%n", cost);
            // The check alone, on the same files: far less noisy than the difference of two loads.
            long[] alone = checkAlone(rulebook, warmup * 5, runs * 5);
            System.out.println("  the check alone, all rule files:   " + summary(alone));
            System.out.printf("  the check alone / load without it: %.1f %% (medians)%n",
                    median(alone) * 100.0 / median(trusted));
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long load(Rulebook rulebook, boolean checked) {
        if (checked) {
            System.clearProperty("planning.rules.mode");
        } else {
            System.setProperty("planning.rules.mode", "trusted");
        }
        long start = System.nanoTime();
        new DroolsGovernanceEngineFactory(1, PolicyCheckCost.class.getClassLoader()).create(rulebook);
        long elapsed = System.nanoTime() - start;
        System.clearProperty("planning.rules.mode");
        return elapsed;
    }

    /** Times the package-private {@code PolicyLanguage.check} over the rulebook's DRL files. */
    private static long[] checkAlone(Rulebook rulebook, int warmup, int runs) {
        try {
            Method check = Class.forName("dev.planning.rules.internal.drools.PolicyLanguage")
                    .getDeclaredMethod("check", String.class, byte[].class);
            check.setAccessible(true);
            List<byte[]> files = new ArrayList<>();
            for (String file : rulebook.ruleFiles()) {
                files.add(Files.readAllBytes(rulebook.directory().resolve(file)));
            }
            long[] times = new long[runs];
            for (int i = -warmup; i < runs; i++) {
                long start = System.nanoTime();
                for (byte[] content : files) {
                    check.invoke(null, "rules/x.drl", content);
                }
                if (i >= 0) {
                    times[i] = System.nanoTime() - start;
                }
            }
            return times;
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("cannot time the policy-language check: " + e, e);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String summary(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format("median %.1f ms (min %.1f, max %.1f)", median(values) / 1e6, sorted[0] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }
}
