package org.mptcpsim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mptcp-sim} command. Exit codes: 0 success, 1 internal error, 2 bad input
 * (scenario file, flag or kernel image), 3 a validation outside tolerance.
 */
@Command(name = "mptcp-sim", mixinStandardHelpOptions = true, version = "mptcp-sim 0.1.0",
        scope = CommandLine.ScopeType.INHERIT, usageHelpWidth = Main.USAGE_WIDTH,
        description = "Discrete-event simulator of Multipath TCP, faithful to the Linux kernel.",
        subcommands = {RunCommand.class, CheckCommand.class, ReportCommand.class, CompareCommand.class,
            SweepCommand.class, KernelCommand.class, ValidateCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int BAD_INPUT = 2;
    /**
     * Help text width: wide enough that no option description breaks inside a dotted name such
     * as {@code net.ipv4.tcp_congestion_control} (picocli wraps after a dot); CliTest checks it.
     */
    static final int USAGE_WIDTH = 120;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (used by tests). */
    public static int execute(String... args) {
        Choices.publish();
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof BadInput || ex instanceof org.mptcpsim.scenario.model.ScenarioException) {
                cmd.getErr().println("mptcp-sim: " + ex.getMessage());
                return BAD_INPUT;
            }
            cmd.getErr().println("mptcp-sim: internal error: " + ex);
            ex.printStackTrace(cmd.getErr());
            return INTERNAL;
        });
        return cl.execute(args);
    }

    /** Bad input from the user: reported without a stack trace, exit code 2. */
    public static final class BadInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadInput(String message) {
            super(message);
        }
    }
}
