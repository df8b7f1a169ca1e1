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
 * each CLI command (separated by {@code ;;}) and prints {@code EXIT <code>} per command.
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
            System.out.println("EXIT " + run(command));
            System.out.flush();
        }
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
