package dev.planning.cli.race;

import dev.planning.cli.PlanningCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Child process of {@link RacingChildren}: loads the CLI, prints {@code READY}, then blocks reading one
 * line from standard input: the CLI commands to run, their arguments separated by tabs and the commands
 * by {@code ;;}. It runs them in order and prints, per command, {@code ERR <standard error, its line
 * feeds and backslashes escaped>} then {@code EXIT <code>}.
 *
 * <p>The blocking read, rather than a spin on a start file, lets the children start (their JVMs, the
 * CLI's classes) while the test still prepares the workspace they race on, without burning the CPU the
 * preparation needs; the test writes every child's line back to back, so the commands start together.
 */
public final class RacingCli {

    /** What separates the arguments in the line a child reads. */
    static final String ARGUMENT_SEPARATOR = "\t";

    private RacingCli() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("READY");
        System.out.flush();
        String line = in.readLine();
        if (line == null) {
            return; // the test gave up before releasing us
        }
        for (String[] command : split(Arrays.asList(line.split(ARGUMENT_SEPARATOR, -1)))) {
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
