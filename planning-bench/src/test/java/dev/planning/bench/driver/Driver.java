package dev.planning.bench.driver;

// The driver of docs/benchmarks/b2-b3-b4.md (B3's system call counts and tmpfs CPU figures), as the document shows
// it; DriverTest runs it, so that it still compiles and runs against the engine it measured.
// tag::driver[]
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.bench.lifecycle.Machines;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.lifecycle.LifecycleMachine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

public class Driver {
    public static void main(String[] a) throws Exception {
        Path ws = Files.createTempDirectory(Files.createDirectories(Path.of(a[0])), "drv");
        int warm = Integer.parseInt(a[1]), rounds = Integer.parseInt(a[2]), per = Integer.parseInt(a[3]);
        boolean timed = System.getProperty("count") == null; // reading thread CPU makes system calls of its own
        LifecycleMachine m = Machines.withoutGates(new FileEventStore(ws));
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        long n = 0;
        for (int i = 0; i < warm; i++) { CycleRef c = new CycleRef("fe", "C-" + n++); m.create(c); Machines.advanceToCompleted(m, c); }
        Files.exists(Path.of("/MARK-start"));
        for (int r = 0; r < rounds; r++) {
            long cpu = 0;
            for (int i = 0; i < per; i++) {
                CycleRef c = new CycleRef("fe", "C-" + n++);
                Files.exists(Path.of("/MARK-create"));
                m.create(c);
                Files.exists(Path.of("/MARK-advance"));
                long c0 = timed ? t.getCurrentThreadCpuTime() : 0;
                Machines.advanceToCompleted(m, c);
                if (timed) { cpu += t.getCurrentThreadCpuTime() - c0; }
            }
            System.out.printf("round %d: cpu %.1f us/transition%n", r, cpu / 1e3 / per / 6);
        }
        Files.exists(Path.of("/MARK-end"));
    }
}
// end::driver[]
