package dev.planning.engine.internal.seal;

import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.engine.fixtures.Gates;
import dev.planning.engine.fixtures.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A UTC clock the test sets, read as often as the code under test likes (the clock16 tests): the tests' one clock
 * ({@link TestClock}) standing still, with gates that move it.
 */
final class SettableClock extends TestClock {

    SettableClock(Instant start) {
        super(start, Duration.ZERO);
    }

    /**
     * {@code gate}, which once it has judged sets this clock to what {@code then} gives, when that is
     * not {@code null}: time passing between the gates' reading of the clock and the append.
     */
    Gate movingAfter(Gate gate, Supplier<Instant> then) {
        return Gates.of(gate.name(), context -> {
            GateResult result = gate.evaluate(context);
            Optional.ofNullable(then.get()).ifPresent(this::set);
            return result;
        });
    }

    /**
     * A governance stand-in that passes through {@code lastDay} (the context's today) and fails after,
     * its evidence what {@code evidence} gives for whether it passed; {@linkplain #movingAfter moving
     * this clock} to {@code then} once it has judged.
     */
    Gate governanceThrough(LocalDate lastDay, Supplier<Instant> then, Function<Boolean, Map<String, Object>> evidence) {
        return movingAfter(Gates.of("governance", context -> {
            boolean holds = !context.today().isAfter(lastDay);
            return new GateResult("governance", holds ? GateStatus.PASS : GateStatus.FAIL, List.of(),
                    evidence.apply(holds));
        }), then);
    }
}
