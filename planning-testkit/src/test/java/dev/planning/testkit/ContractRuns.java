package dev.planning.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs a contract class (an implementation's subclass of one of the kit's contracts) with JUnit's
 * {@link EngineTestKit}, for the tests that show a contract passes sound implementations and fails
 * broken ones ({@code SignerContractTest}, {@code EventStoreContractTest}).
 */
public final class ContractRuns {

    private ContractRuns() {
    }

    /**
     * The test events of running {@code contract} on the Jupiter engine.
     *
     * @param contract a concrete contract class (nested classes are not picked up by Surefire, so each
     *                 is selected here explicitly)
     * @return its test events
     */
    public static Events run(Class<?> contract) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents();
    }

    /**
     * The names of the failed test methods, without their parameter lists, sorted.
     *
     * @param tests the events of a run
     * @return the names of the methods that failed
     */
    public static Set<String> failures(Events tests) {
        Set<String> names = new TreeSet<>();
        tests.failed().stream().forEach(e -> names.add(e.getTestDescriptor().getLegacyReportingName()
                .replaceAll("\\(.*", "")));
        return names;
    }
}
