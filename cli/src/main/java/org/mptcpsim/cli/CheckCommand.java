package org.mptcpsim.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.mptcpsim.scenario.model.ConnectionSpec;
import org.mptcpsim.scenario.model.LinkEvent;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.NodeSpec;
import org.mptcpsim.scenario.model.RouteSpec;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.options.KernelOptions;
import org.mptcpsim.scenario.options.OptionRegistry;
import org.mptcpsim.scenario.run.ScenarioRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mptcp-sim check SCENARIO...}: loads and validates each file as {@code run} would, and
 * prints what it became — nodes and links after the {@code paths:} short form, connections with
 * their algorithms, the kernel options that differ from the defaults (with where they were set),
 * and the subflows the path managers open in the first {@value #PREVIEW_S} s with the links each
 * crosses. Nothing is written. Every file is checked; the exit code is 2 if any has an error.
 */
@Command(name = "check",
        description = {"Load and validate scenarios without running them (nothing is written), and print each one expanded: "
                + "nodes and links (what the paths: short form became), connections, kernel options that differ from "
                + "the defaults, and the subflows opened in the first " + CheckCommand.PREVIEW_S + " s with the links "
                + "each takes.",
                "Every file is checked, and each error is reported with file, line, column and field: every one that does not "
                        + "follow from another (a connection is checked once the links and nodes it uses are good), up to "
                        + ScenarioException.MAX_REPORTED + " per file, in file order. Exit 0 all valid, 2 otherwise."})
final class CheckCommand implements Callable<Integer> {
    /** Seconds simulated to see which subflows the path managers open and their routes. */
    static final int PREVIEW_S = 2;
    /**
     * Events simulated at most for the preview: the first 2 s of a fabric are millions of events
     * (seconds of CPU); subflows open within the first round trips, long before this many.
     */
    static final long PREVIEW_EVENTS = 1_000_000;

    @Parameters(paramLabel = "SCENARIO", arity = "1..*", description = "scenario files (YAML or JSON)")
    List<Path> scenarios = new ArrayList<>();

    @Option(names = {"-s", "--seed"}, paramLabel = "N", description = "random seed (overrides the scenario's)")
    Long seed;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "override, as for run (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "print only errors (and nothing for valid files)")
    boolean quiet;

    @Override
    public Integer call() {
        int bad = 0;
        for (Path f : scenarios) {
            try {
                Scenario sc = Scenarios.load(f, sets, seed);
                ScenarioRunner runner = new ScenarioRunner(sc);
                List<ScenarioRunner.PlannedSubflow> subflows = runner.preview(PREVIEW_S * 1_000_000_000_000L, PREVIEW_EVENTS);
                if (!quiet) {
                    print(System.out, f, sc, subflows, runner.simulatedPs() / 1e12);
                }
            } catch (ScenarioException | Main.BadInput e) {
                Main.errorLines(e).forEach(System.err::println);
                bad++;
            }
        }
        if (bad > 0 && scenarios.size() > 1) {
            System.err.println("mptcp-sim: " + bad + " of " + scenarios.size() + " scenarios have errors");
        }
        return bad == 0 ? Main.OK : Main.BAD_INPUT;
    }

    static void print(PrintStream o, Path file, Scenario sc, List<ScenarioRunner.PlannedSubflow> subflows,
                      double previewS) {
        o.printf(Locale.ROOT, "%s: ok — scenario %s, %s s, seed %d, samples every %s ms, flavour %s%n", file, sc.name(),
                num(sc.durationPs() / 1e12), sc.seed(), num(sc.samplePs() / 1e9), sc.kernel().get(KernelOptions.FLAVOUR));
        List<String> hosts = new ArrayList<>();
        List<String> switches = new ArrayList<>();
        for (NodeSpec n : sc.nodes()) {
            (n.isHost() ? hosts : switches).add(n.id());
        }
        o.println("  nodes: hosts " + String.join(", ", hosts) + (switches.isEmpty() ? "" : "; switches "
                + String.join(", ", switches)));
        o.println("  links (forward = from -> to; reverse shown where it differs):");
        for (LinkSpec l : sc.links()) {
            o.printf(Locale.ROOT, "    %-10s %s -> %s  %s%n", l.id(), l.from(), l.to(), direction(l.forward()));
            if (!direction(l.reverse()).equals(direction(l.forward()))) {
                o.printf(Locale.ROOT, "    %-10s %s -> %s  %s%n", l.id() + ":rev", l.to(), l.from(), direction(l.reverse()));
            }
            for (LinkEvent e : l.schedule()) {
                o.printf(Locale.ROOT, "               at %s s: %s%n", num(e.atPs() / 1e12),
                        e.action().name().toLowerCase(Locale.ROOT)
                                + (e.action() == LinkEvent.Action.RATE ? " to " + rate(e.rateBps()) : ""));
            }
        }
        explicitRoutes(o, sc);
        o.println("  connections:");
        for (ConnectionSpec c : sc.connections()) {
            KernelOptions k = c.kernel();
            String algos = c.type() == ConnectionSpec.Type.MPTCP
                    ? "cc " + k.congestionControl() + ", pm " + k.pathManager() + ", scheduler " + k.scheduler()
                    : "cc " + k.congestionControl();
            o.printf(Locale.ROOT, "    %-10s %-5s %s -> %s, %s, from %s s, %s%n", c.id(),
                    c.type().name().toLowerCase(Locale.ROOT),
                    c.fromHost() + (c.fromInterface() == null ? "" : ":" + c.fromInterface()),
                    c.toHost() + (c.toInterface() == null ? "" : ":" + c.toInterface()),
                    c.app() != null ? "app " + c.app().kind() : c.isBulk() ? "bulk" : c.sizeBytes() + " B",
                    num(c.startPs() / 1e12), algos);
            kernelDiffs(o, k);
        }
        o.printf(Locale.ROOT, "  subflows open at %s s (path managers may open or close more later) and their routes:%n",
                num(previewS));
        if (subflows.isEmpty()) {
            o.println("    (none yet)");
        }
        for (ScenarioRunner.PlannedSubflow s : subflows) {
            o.printf(Locale.ROOT, "    %s sf%d  %s -> %s  via %s%n", s.connection(), s.subflow(), s.local(), s.remote(),
                    s.path().isEmpty() ? "(no data yet)" : String.join(" > ", s.path()));
        }
        if (!sc.overrides().isEmpty()) {
            o.println("  overrides (--set): " + sc.overrides());
        }
    }

    /** The scenario's explicit routes, when it has any (docs/scenario-format.md, "Explicit routes"). */
    private static void explicitRoutes(PrintStream o, Scenario sc) {
        if (sc.routes().isEmpty()) {
            return;
        }
        o.println("  explicit routes (for their address pair, both ways; replace shortest-path ECMP):");
        for (RouteSpec r : sc.routes()) {
            o.printf(Locale.ROOT, "    %s -> %s  via %s%n", r.fromHost() + (r.fromInterface() == null ? "" : ":" + r.fromInterface()),
                    r.toHost() + (r.toInterface() == null ? "" : ":" + r.toInterface()), String.join(" > ", r.via()));
        }
    }

    /** The options this connection runs with that differ from the kernel's defaults, with where they were set. */
    private static void kernelDiffs(PrintStream o, KernelOptions k) {
        KernelOptions defaults = OptionRegistry.standard().defaults(k.flavour());
        for (Map.Entry<String, String> e : k.effective().entrySet()) {
            String def = defaults.get(e.getKey());
            if (def != null && !def.equals(e.getValue())) {
                Loc at = k.locationOf(e.getKey());
                o.printf(Locale.ROOT, "               %s = %s (default %s%s)%n", e.getKey(), e.getValue(),
                        def.isEmpty() ? "empty" : def, at == null ? "" : ", set at " + at.where());
            }
        }
    }

    private static String direction(org.mptcpsim.scenario.model.DirectionSpec d) {
        org.mptcpsim.scenario.model.LinkModelSpec m = d.model();
        String s = (d.traced() ? "trace " + m.tracePath() + " (" + m.trace().opportunities() + " opportunities in "
                + m.trace().periodMs() + " ms, mean " + rate(d.rateBps()) + ")" : rate(d.rateBps())) + ", "
                + num(d.delayPs() / 1e9) + " ms, buffer " + d.buffer()
                + (d.loss() > 0 ? ", loss " + num(d.loss() * 100) + " %" : "");
        if (m != null && m.gilbert() != null) {
            s += ", Gilbert-Elliott loss p " + num(m.gilbert().p()) + " r " + num(m.gilbert().r()) + " h "
                    + num(m.gilbert().h()) + " k " + num(m.gilbert().k());
        }
        if (m != null && m.jitter() != null) {
            s += ", jitter " + m.jitter().dist().name().toLowerCase(java.util.Locale.ROOT)
                    + (m.reorder() ? " (reordering)" : " (FIFO)");
        }
        return s;
    }

    private static String rate(long bps) {
        return bps >= 1_000_000_000L ? num(bps / 1e9) + " Gbit/s" : num(bps / 1e6) + " Mbit/s";
    }

    private static String num(double v) {
        String t = String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
