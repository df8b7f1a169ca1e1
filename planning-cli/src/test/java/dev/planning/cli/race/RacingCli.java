package dev.planning.cli.race;

import dev.planning.cli.PlanningCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Child process of {@link CycleRaceTest}: prints {@code READY}, waits for the start file, then runs
 * each CLI command (separated by {@code ;;}) and prints, per command, {@code ERR <standard error, its line
 * feeds and backslashes escaped>} then {@code EXIT <code>}.
 * Arguments: start file, then the commands' arguments.
 */
public final class RacingCli {

    private RacingCli() {
    }

    public static void main(String[] args) throws Exception {
        Path start = Path.of(args[0]);
        System.out.println("READY");
        System.out.flush();
        while (!Files.exists(start)) {
            Thread.onSpinWait();
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        for (String[] command : split(rest)) {
            StringWriter err = new StringWriter();
            int exit = run(command, err);
            // What the command said on standard error, on one line, for the racer's checks of the message.
            System.out.println("ERR " + err.toString().replace("\\", "\\\\").replace("\n", "\\n"));
            System.out.println("EXIT " + exit);
            System.out.flush();
        }
    }

    static int run(String[] command, StringWriter err) {
        StringWriter sink = new StringWriter();
        return PlanningCommand.execute(command, new PrintWriter(sink, true), new PrintWriter(err, true));
    }

    static int run(String[] command) {
        StringWriter sink = new StringWriter();
        PrintWriter writer = new PrintWriter(sink, true);
        return PlanningCommand.execute(command, writer, writer);
    }

    static List<String[]> split(List<String> args) {
        List<String[]> commands = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= args.size(); i++) {
            if (i == args.size() || args.get(i).equals(";;")) {
                commands.add(args.subList(from, i).toArray(String[]::new));
                from = i + 1;
            }
        }
        return commands;
    }
}
