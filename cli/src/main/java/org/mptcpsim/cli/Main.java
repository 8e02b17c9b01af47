package org.mptcpsim.cli;

import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mptcpsim.core.SimulationStalledException;
import org.mptcpsim.scenario.output.OutputDir;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code mptcp-sim} command. Exit codes: 0 success, 1 internal error, 2 bad input
 * (scenario file, flag or kernel image), 3 a validation outside tolerance. Nothing escaping a
 * command prints a stack trace: bad input is one located paragraph (exit 2), anything else one
 * "internal error" paragraph (exit 1), with the trace only under {@code --debug} or
 * {@code MPTCP_SIM_DEBUG=1}.
 */
@Command(name = "mptcp-sim", mixinStandardHelpOptions = true, version = "mptcp-sim " + OutputDir.VERSION,
        scope = CommandLine.ScopeType.INHERIT, usageHelpWidth = Main.USAGE_WIDTH,
        description = "Discrete-event simulator of Multipath TCP, faithful to the Linux kernel.")
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int BAD_INPUT = 2;
    /**
     * Help text width: wide enough that no option description breaks inside a dotted name such
     * as {@code net.ipv4.tcp_congestion_control} (picocli wraps after a dot); CliTest checks it.
     */
    static final int USAGE_WIDTH = 120;

    /** The working directory relative paths resolve against; null = the JVM's. */
    private final Path cwd;

    private Main(Path cwd) {
        this.cwd = cwd;
    }

    /** The JVM's working directory, or the one a test gave {@link #executeIn}. */
    Path cwd() {
        return cwd != null ? cwd : Path.of("").toAbsolutePath();
    }

    /** {@code p} as the user meant it: relative to {@link #cwd()} when a test gave one, else unchanged. */
    Path resolve(Path p) {
        return cwd == null || p.isAbsolute() || p.toString().isEmpty() ? p : cwd.resolve(p);
    }

    /**
     * Checks an output directory before anything runs ({@link OutputDir}): {@code out} when given
     * (named {@code --out}), else the default {@code runs/...}.
     */
    OutputDir outputDir(Path out, Path dflt) {
        return out != null ? OutputDir.check(cwd(), out, "--out")
                : OutputDir.check(cwd(), dflt, "the default output directory (from the scenario's name; give --out to choose)");
    }

    /** One line on stderr when a write replaced an earlier run. */
    static void noteReplaced(OutputDir d) {
        if (d.replacesEarlierRun()) {
            System.err.println("mptcp-sim: replaced the earlier " + d.earlierCommand().orElse("run") + " output in " + d.path()
                    + " (give --out DIR to keep runs side by side)");
        }
    }

    /**
     * What an out-of-memory error means while it is set (a command sets it around a step whose size is not one run's,
     * e.g. binding a sweep grid), up to "or": the message adds the heap advice; null = one run's size.
     */
    static volatile String outOfMemoryHint;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "print the Java stack trace of an internal error (also MPTCP_SIM_DEBUG=1)")
    boolean debug;

    @Override
    public void run() {
        commandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (used by tests). */
    public static int execute(String... args) {
        return run(new Main(null), args);
    }

    /** As {@link #execute}, with relative paths resolved against {@code cwd} (tests: a temporary directory). */
    public static int executeIn(Path cwd, String... args) {
        return run(new Main(cwd.toAbsolutePath()), args);
    }

    /**
     * The subcommands in the order the usage help lists them, by name (each class's {@code @Command} name;
     * CommandLineHabitsTest checks they agree) so a start can pick one without reading the classes' annotations. Classes, not method
     * references: a lambda naming picocli's HelpCommand (pre-Java-6 bytecode, which the JVM's AOT cache cannot hold)
     * crashed Temurin 25.0.3's cache writer (archiveHeapWriter.cpp:757); picocli instantiates a class it is given.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("run", RunCommand.class);
        m.put("check", CheckCommand.class);
        m.put("report", ReportCommand.class);
        m.put("compare", CompareCommand.class);
        m.put("sweep", SweepCommand.class);
        m.put("kernel", KernelCommand.class);
        m.put("validate", ValidateCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(m);
    }

    /**
     * The command line for {@code args}: when they name a command, only that one is registered, since picocli builds
     * each registered command's model by reflection (its options, annotation proxies) on every start; the usage help,
     * {@code help} and a mistyped command (picocli's suggestions) get all of them.
     */
    static CommandLine commandLineFor(String... args) {
        return commandLine(new Main(null), args);
    }

    private static CommandLine commandLine(Main main, String... args) {
        CommandLine cl = new CommandLine(main);
        String named = null;
        for (String a : args) {
            if (!a.startsWith("-")) {
                named = a;
                break;
            }
        }
        boolean one = named != null && !named.equals("help") && COMMANDS.containsKey(named);
        for (Map.Entry<String, Class<?>> c : COMMANDS.entrySet()) {
            if (!one || c.getKey().equals(named)) {
                cl.addSubcommand(c.getKey(), c.getValue());
            }
        }
        return cl;
    }

    private static int run(Main main, String... args) {
        Choices.publish();
        CommandLine cl = commandLine(main, args);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> report(ex, cmd.getErr(), main.debug));
        try {
            return cl.execute(args);
        } catch (RuntimeException | Error e) {
            // picocli hands only Exceptions to the handler; an Error (e.g. StackOverflowError) lands here
            PrintWriter err = cl.getErr();
            int code = report(e, err, main.debug);
            err.flush();
            return code;
        }
    }

    /**
     * The lines of a bad-input message, each with the program's name in front: a scenario's errors are a line each
     * (ScenarioException's messages are one line per error), as a compiler prints its errors.
     */
    static List<String> errorLines(Throwable e) {
        return String.valueOf(e.getMessage()).lines().map(l -> "mptcp-sim: " + l).toList();
    }

    /** One paragraph on {@code err} for {@code ex}; the exit code. */
    static int report(Throwable ex, PrintWriter err, boolean debug) {
        if (ex instanceof BadInput || ex instanceof org.mptcpsim.scenario.model.ScenarioException
                || ex instanceof OutputDir.Refused) {
            errorLines(ex).forEach(err::println);
            return BAD_INPUT;
        }
        for (Throwable c = ex.getCause(); c != null; c = c.getCause()) {
            // a located scenario error met by one run of compare or sweep: bad input, with the run it stopped;
            // a kernel image that cannot run on this machine or does not boot: the user's choice of image or backend, not our bug
            if (c instanceof org.mptcpsim.scenario.model.ScenarioException
                    || c instanceof org.mptcpsim.lab.UmlLab.UnsupportedHostException
                    || c instanceof org.mptcpsim.lab.VmLab.DidNotBootException) {
                errorLines(ex).forEach(err::println);
                return BAD_INPUT;
            }
        }
        if (ex instanceof SimulationStalledException) {
            // located (file, simulated time, component): the stack trace would add nothing
            err.println("mptcp-sim: internal error: " + ex.getMessage());
            return INTERNAL;
        }
        if (ex instanceof FileSystemException f) {
            // a path given on the command line that cannot be written or read (a file where a
            // directory is needed, no permission, ...): the user's input, not our bug
            err.println("mptcp-sim: " + describe(f) + "; choose another path (e.g. --out runs/new)");
            return BAD_INPUT;
        }
        if (ex instanceof OutOfMemoryError) {
            String hint = outOfMemoryHint;
            err.println("mptcp-sim: out of memory: " + (hint != null ? hint : "the scenario needs more than this JVM's"
                    + " heap; shorten duration, raise sample, or") + " give java more memory (" + Runtime.getRuntime()
                    .maxMemory() / (1 << 20) + " MB now) with -Xmx (MPTCP_SIM_JAVA_OPTS for the launcher)");
            return INTERNAL;
        }
        err.println("mptcp-sim: internal error: " + ex + (ex.getStackTrace().length > 0 ? " at "
                + ex.getStackTrace()[0] : "") + ". This is a bug in mptcp-sim: please report it, with the scenario"
                + " file and the command line" + (debug(debug) ? "" : " (--debug or MPTCP_SIM_DEBUG=1 prints the stack"
                + " trace)") + ".");
        if (debug(debug)) {
            ex.printStackTrace(err);
        }
        return INTERNAL;
    }

    /** "FILE: why (OTHER)" for a file-system error, in words. */
    static String describe(FileSystemException f) {
        return (f.getFile() == null ? "" : f.getFile() + ": ") + OutputDir.reason(f) + (f.getOtherFile() != null ? " (" + f.getOtherFile()
                + ")" : "");
    }

    private static boolean debug(boolean flag) {
        return flag || "1".equals(System.getenv("MPTCP_SIM_DEBUG"));
    }

    /** Bad input from the user: reported without a stack trace, exit code 2. */
    public static final class BadInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadInput(String message) {
            super(message);
        }
    }
}
