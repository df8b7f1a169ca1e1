package dev.planning.cli.crash;

import dev.planning.cli.PlanningCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Child process of {@link CycleCrashTest}: runs the cycle's steps from {@code first} on, prints
 * {@code STEP <index>} as each starts and {@code ACK <index>} once its command has returned 0, so the parent knows what was
 * acknowledged when it sends SIGKILL. Arguments: workspace, keys directory, first step index.
 */
public final class CrashingCycle {

    private CrashingCycle() {
    }

    public static void main(String[] args) {
        List<CycleSteps.Step> steps = CycleSteps.all(Path.of(args[0]), Path.of(args[1]));
        for (int i = Integer.parseInt(args[2]); i < steps.size(); i++) {
            System.out.println("STEP " + i);
            System.out.flush();
            StringWriter output = new StringWriter();
            PrintWriter writer = new PrintWriter(output, true);
            int code = PlanningCommand.execute(steps.get(i).args().toArray(String[]::new), writer, writer);
            if (code != 0) {
                System.out.println("FAIL " + i + " " + code + " " + output.toString().replace('\n', ' '));
                System.out.flush();
                System.exit(3);
            }
            System.out.println("ACK " + i);
            System.out.flush();
        }
        System.out.println("DONE");
        System.out.flush();
    }
}
