package dev.planning.engine.internal.seal;

import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.engine.fixtures.Gates;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/** A UTC clock the test sets, read as often as the code under test likes (the clock16 tests). */
final class SettableClock extends Clock {

    private final AtomicReference<Instant> now;

    SettableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    void set(Instant instant) {
        now.set(instant);
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

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
