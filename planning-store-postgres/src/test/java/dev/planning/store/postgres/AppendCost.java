package dev.planning.store.postgres;

import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import dev.planning.engine.internal.hash.Sha256;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where one writer's append spends its CPU beside a bare commit: a breakdown of B6's one-writer
 * point (benchmark tool, not a test). Against the embedded server with {@code synchronous_commit}
 * on, or the server at {@code -Dcost.url=...}, with a store of one pooled connection, it warms up,
 * then runs rounds of each step interleaved (A B C ... A B C ...) and prints the median CPU per
 * operation of this thread and of the pool's backend ({@code /proc/<pid>/schedstat}):
 * <ul>
 * <li>{@code prepare}: the benchmark's event, its line, SHA-256, time and assigned state, no database;</li>
 * <li>{@code probe}: the benchmark's probe commit (one-row INSERT, pooled connection per commit);</li>
 * <li>{@code call}: the append's function call on a held connection and a held statement;</li>
 * <li>{@code call-odt}, {@code call-text}: as {@code call}, the time bound as an {@code OffsetDateTime}, or as
 *     ISO-8601 text the server casts, instead of a {@code Timestamp};</li>
 * <li>{@code call-pooled}: the same, with the connection borrowed and the statement prepared per call, as the store does;</li>
 * <li>{@code append}: {@link EventStore#append}, everything.</li>
 * </ul>
 * Run with {@code planning-store-postgres/test-main.sh AppendCost [-Dcost.rounds=9] [-Dcost.ops=2000]
 * [-Dcost.warm=20000] [-Dcost.only=append,probe]}.
 */
public final class AppendCost {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String CALL = "SELECT planning_append(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)";

    private AppendCost() {
    }

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("cost.url");
        if (url != null) {
            run(url);
        } else {
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on").start()) {
                run(postgres.getJdbcUrl("postgres", "postgres"));
            }
        }
        System.exit(0);
    }

    private static void run(String url) throws Exception {
        int rounds = Integer.getInteger("cost.rounds", 9);
        int ops = Integer.getInteger("cost.ops", 2000);
        String only = System.getProperty("cost.only", "");
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(url).repository("cost").poolSize(1).build()) {
            int backend;
            try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("CREATE TABLE IF NOT EXISTS bench_commit (id bigserial PRIMARY KEY, v text)");
                try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    backend = rs.getInt(1);
                }
            }
            System.err.println("backend pid " + backend);
            EventStore events = store.eventStore();
            CycleRef cycle = new CycleRef("fe", "cost-" + UUID.randomUUID().toString().substring(0, 8));
            String[] head = {events.append(cycle, Events.created(cycle), RecordedEvent.GENESIS).hash()};
            Raw raw = new Raw(store, new CycleRef("fe", "raw-" + UUID.randomUUID().toString().substring(0, 8)));
            Map<String, Step> steps = new LinkedHashMap<>();
            EventLineCodec codec = new EventLineCodec();
            String[] sink = {""};
            steps.put("prepare", () -> {
                PlanningEvent event = Events.moved(cycle, CycleState.PLANNED, CycleState.PLANNED);
                byte[] line = codec.encode(event, head[0]);
                sink[0] = Sha256.hex(line) + Timestamp.from(event.timestamp()).getNanos()
                        + ProjectedState.assigned(event).isPresent();
            });
            steps.put("probe", () -> probe(store));
            steps.put("call", raw::held);
            // The held steps keep the pool's one connection: call-pooled, after them, gives it back.
            steps.put("call-odt", raw::heldOffsetDateTime);
            steps.put("call-text", raw::heldText);
            steps.put("call-pooled", raw::pooled);
            steps.put("append", () -> head[0] = events.append(cycle,
                    Events.moved(cycle, CycleState.PLANNED, CycleState.PLANNED), head[0]).hash());
            if (!only.isEmpty()) {
                steps.keySet().retainAll(Arrays.asList(only.split(",")));
            }
            // Warm-up until the JIT is done (as StoreBenchmark): 20,000 of each.
            int warm = Integer.getInteger("cost.warm", 20_000);
            for (int i = 0; i < 10; i++) {
                for (Step step : steps.values()) {
                    for (int k = 0; k < warm / 10; k++) {
                        step.run();
                    }
                }
            }
            Map<String, List<double[]>> figures = new LinkedHashMap<>();
            for (int r = 0; r < rounds; r++) {
                for (Map.Entry<String, Step> step : steps.entrySet()) {
                    long t0 = THREADS.getCurrentThreadCpuTime();
                    long b0 = backendNanos(backend);
                    long w0 = System.nanoTime();
                    for (int k = 0; k < ops; k++) {
                        step.getValue().run();
                    }
                    long w1 = System.nanoTime();
                    long b1 = backendNanos(backend);
                    long t1 = THREADS.getCurrentThreadCpuTime();
                    figures.computeIfAbsent(step.getKey(), key -> new ArrayList<>())
                            .add(new double[] {(t1 - t0) / 1e3 / ops, (b1 - b0) / 1e3 / ops, (w1 - w0) / 1e3 / ops});
                }
            }
            System.out.printf("%-12s %26s %26s %26s%n", "step", "thread CPU µs (min–max)", "backend CPU µs",
                    "wall µs");
            for (Map.Entry<String, List<double[]>> e : figures.entrySet()) {
                System.out.printf("%-12s %26s %26s %26s%n", e.getKey(), stat(e.getValue(), 0), stat(e.getValue(), 1),
                        stat(e.getValue(), 2));
            }
            if (steps.containsKey("prepare") && sink[0].isEmpty()) {
                throw new IllegalStateException();
            }
            if (Boolean.getBoolean("cost.hold")) {
                System.err.println("holding; appending until killed");
                Step step = steps.get(System.getProperty("cost.hold.step", "append"));
                while (true) {
                    step.run();
                }
            }
        }
    }

    private static String stat(List<double[]> values, int column) {
        double[] v = values.stream().mapToDouble(a -> a[column]).sorted().toArray();
        return String.format("%.1f (%.1f–%.1f)", v[v.length / 2], v[0], v[v.length - 1]);
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static void probe(PostgresStore store) throws Exception {
        try (Connection connection = store.dataSource().getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_commit (v) VALUES (?)")) {
                insert.setString(1, "x");
                if (insert.executeUpdate() != 1) {
                    throw new IllegalStateException("the probe's INSERT wrote no row");
                }
            }
        }
    }

    /** The append's call with fabricated lines of the benchmark's size, on its own cycle. */
    private static final class Raw {
        private final PostgresStore store;
        private final CycleRef cycle;
        private final byte[] template;
        private String head = RecordedEvent.GENESIS;
        private long n;
        private Connection held;
        private PreparedStatement statement;

        Raw(PostgresStore store, CycleRef cycle) {
            this.store = store;
            this.cycle = cycle;
            this.template = new EventLineCodec().encode(Events.moved(cycle, CycleState.PLANNED, CycleState.PLANNED),
                    RecordedEvent.GENESIS);
        }

        void held() throws Exception {
            hold();
            bindAndRun(statement);
        }

        private void hold() throws Exception {
            if (held == null) {
                held = store.dataSource().getConnection();
                held.setAutoCommit(true);
                statement = held.prepareStatement(CALL);
            }
        }

        private PreparedStatement textStatement;

        /** As {@link #held}, the time bound as an {@code OffsetDateTime} ({@code setObject}). */
        void heldOffsetDateTime() throws Exception {
            hold();
            bind(statement, 2);
        }

        /** As {@link #held}, the time bound as ISO-8601 text cast by the server. */
        void heldText() throws Exception {
            hold();
            if (textStatement == null) {
                textStatement = held.prepareStatement(CALL.replace("?, ?, ?, ?::jsonb", "?::timestamptz, ?, ?, ?::jsonb"));
            }
            bind(textStatement, 3);
        }

        void pooled() throws Exception {
            if (held != null) {
                if (textStatement != null) {
                    textStatement.close();
                    textStatement = null;
                }
                statement.close();
                held.close();
                held = null;
            }
            try (Connection connection = store.dataSource().getConnection()) {
                connection.setAutoCommit(true);
                try (PreparedStatement call = connection.prepareStatement(CALL)) {
                    bindAndRun(call);
                }
            }
        }

        private void bindAndRun(PreparedStatement call) throws Exception {
            bind(call, 1);
        }

        private static final Instant AT = Instant.parse("2026-01-01T00:01:00Z");

        /** Binds and runs the call; the time as a {@code Timestamp} (1), an {@code OffsetDateTime} (2) or text (3). */
        private void bind(PreparedStatement call, int time) throws Exception {
            byte[] line = template.clone();
            String id = Long.toString(++n);
            System.arraycopy(id.getBytes(StandardCharsets.US_ASCII), 0, line, 10, id.length());
            String sha = Sha256.hex(line);
            call.setString(1, "cost");
            call.setString(2, cycle.stream());
            call.setString(3, cycle.cycleId());
            call.setString(4, head);
            call.setString(5, "raw_" + n);
            call.setString(6, "STATE_TRANSITION");
            call.setString(7, "PLANNED");
            call.setString(8, "PLANNED");
            switch (time) {
                case 1 -> call.setTimestamp(9, Timestamp.from(AT));
                case 2 -> call.setObject(9, AT.atOffset(ZoneOffset.UTC));
                default -> call.setString(9, AT.toString());
            }
            call.setString(10, sha);
            call.setBytes(11, line);
            call.setString(12, "{}");
            call.setString(13, null);
            call.setBoolean(14, false);
            try (ResultSet rs = call.executeQuery()) {
                rs.next();
                rs.getInt(1);
                if (rs.wasNull()) {
                    throw new IllegalStateException("raw append lost its head");
                }
            }
            head = sha;
        }
    }

    private static long backendNanos(int pid) {
        try {
            return Long.parseLong(Files.readString(Path.of("/proc", Integer.toString(pid), "schedstat")).trim()
                    .split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
