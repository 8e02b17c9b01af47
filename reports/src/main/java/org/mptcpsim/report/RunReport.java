package org.mptcpsim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.mptcpsim.core.Flavour;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.options.OptionDef;
import org.mptcpsim.scenario.options.OptionRegistry;
import org.mptcpsim.scenario.parse.ScenarioLoader;

/**
 * {@code mptcp-sim report RUN_DIR}: redraws every chart of a run from its files and writes
 * {@code RUN_DIR/report.html}, one page that opens from disk (relative links only, no scripts,
 * no network). Deterministic: no timestamps, no wall-clock values other than the run's own.
 *
 * <p>The page reads answer first: one sentence saying what ran (paths, algorithms, duration,
 * seed, link events), the result table (id {@value #RESULTS_ID}: per connection and subflow
 * goodput, share, srtt p50/p99, retransmits, loss events), then the charts, the links, and last
 * the kernel options folded, those that differ from the kernel's defaults highlighted.
 */
public final class RunReport {
    /** File name of the scenario copy a run may carry. */
    public static final String SCENARIO_FILE = "scenario.yaml";
    /** The id of the result table (the browser test looks for it). */
    public static final String RESULTS_ID = "results";

    private RunReport() {
    }

    /** Loads {@code runDir}, writes charts and report.html; returns the report's path. */
    public static Path generate(Path runDir) throws IOException {
        RunData run = RunData.load(runDir);
        List<Charts.ChartFile> charts = Charts.writeAll(run);
        Path out = runDir.resolve("report.html");
        Files.writeString(out, html(run, charts), StandardCharsets.UTF_8);
        return out;
    }

    /** The page for {@code run} showing {@code charts} (already written). */
    public static String html(RunData run, List<Charts.ChartFile> charts) throws IOException {
        Summary s = run.summary();
        Html h = new Html("mptcp-sim run: " + s.scenario());
        h.paragraph("scenario", "lead", sentence(run, scenario(run)));
        results(h, run);
        h.paragraph("Jain index " + Html.num(s.jain(), 4) + " · " + s.engine().events() + " events · "
                // no wall time: it differs between two runs of the same scenario and seed (engine.json has it)
                + s.engine().dataPackets() + " data packets" + (s.source().isEmpty() ? "" : " · source " + s.source())
                + ". Share: of all connections' goodput (connections), of the connection's bytes (subflows)."
                + " Loss events: ssthresh reductions. srtt p50/p99 over the 100 ms samples.");
        h.heading(2, "Charts");
        for (Charts.ChartFile c : charts) {
            h.figure(c.svg(), c.png(), c.caption());
        }
        h.heading(2, "Links");
        List<List<String>> rows = new ArrayList<>();
        for (Summary.Link l : s.links()) {
            rows.add(List.of(l.id(), Html.num(l.utilization(), 3), Long.toString(l.drops()),
                    Html.num(l.queueMeanPkts(), 2),
                    l.bufferPkts() == Summary.Link.NO_LIMIT ? "" : Long.toString(l.bufferPkts())));
        }
        h.table(List.of("link", "utilization", "drops (pkts)", "queue mean (pkts)", "buffer (pkts)"), rows);
        kernel(h, s);
        Path scenario = run.dir().resolve(SCENARIO_FILE);
        if (Files.isRegularFile(scenario)) {
            h.details(SCENARIO_FILE, Files.readString(scenario, StandardCharsets.UTF_8));
        }
        return h.finish();
    }

    /** The run's scenario re-read from its copy with the run's overrides and seed, or null. */
    static Scenario scenario(RunData run) {
        Path file = run.dir().resolve(SCENARIO_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        List<String> sets = new ArrayList<>();
        run.summary().overrides().forEach((k, v) -> sets.add(k + "=" + v));
        try {
            return ScenarioLoader.loadFile(file, sets);
        } catch (RuntimeException e) {
            return null; // an old or hand-edited copy: describe the run from summary.json alone
        }
    }

    /**
     * One sentence: the connections with their algorithms, the links their subflows crossed
     * (with rate and delay when the scenario is known), duration, seed, and the link events.
     */
    static String sentence(RunData run, Scenario sc) {
        Summary s = run.summary();
        StringBuilder b = new StringBuilder(s.scenario()).append(": ");
        List<String> conns = new ArrayList<>();
        for (Summary.Connection c : s.connections()) {
            String algos = c.isMptcp() ? c.cc() + " / " + c.pm() + " / " + c.scheduler() : c.cc();
            conns.add(c.id() + " (" + (c.isMptcp() ? "MPTCP" : "TCP") + ", "
                    + (c.isMptcp() ? "CC / PM / scheduler " : "CC ") + algos + ", " + c.subflows().size()
                    + (c.subflows().size() == 1 ? " subflow" : " subflows") + ")");
        }
        b.append(list(conns));
        Set<String> links = new LinkedHashSet<>();
        for (Summary.Connection c : s.connections()) {
            for (Summary.Subflow sf : c.subflows()) {
                for (String l : sf.path()) {
                    links.add(l.endsWith(":rev") ? l.substring(0, l.length() - 4) : l);
                }
            }
        }
        if (links.isEmpty() && sc != null) {
            sc.links().forEach(l -> links.add(l.id()));
        }
        List<String> described = new ArrayList<>();
        for (String l : links) {
            LinkSpec spec = sc == null ? null : sc.link(l);
            described.add(spec == null ? l : l + " (" + rate(spec.forward().rateBps()) + ", "
                    + ms(spec.forward().delayPs()) + ")");
        }
        if (!described.isEmpty()) {
            b.append(" over ").append(list(described));
        }
        b.append("; ").append(Html.num(s.durationS(), s.durationS() == Math.rint(s.durationS()) ? 0 : 3))
                .append(" s, seed ").append(s.seed());
        List<String> events = new ArrayList<>();
        for (Timeline.Mark m : Timeline.marks(run)) {
            if (m.kind() == Timeline.Kind.LINK) {
                events.add(m.label() + " at " + trim(m.timeS()) + " s");
            }
        }
        if (!events.isEmpty()) {
            b.append("; ").append(list(events));
        }
        return b.append('.').toString();
    }

    private static void results(Html h, RunData run) {
        Summary s = run.summary();
        Map<SubflowKey, double[]> p50 = srttMedians(run);
        boolean active = s.connections().stream().flatMap(c -> c.subflows().stream())
                .anyMatch(sf -> !Double.isNaN(sf.startS()));
        double total = s.connections().stream().mapToDouble(Summary.Connection::goodputMbps).sum();
        List<List<String>> rows = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (Summary.Connection c : s.connections()) {
            long retrans = 0;
            long losses = 0;
            long bytes = 0;
            for (Summary.Subflow sf : c.subflows()) {
                retrans += sf.retransmits();
                losses += sf.ssthreshReductions();
                bytes += sfBytes(sf);
            }
            List<String> row = new ArrayList<>(List.of(c.id() + " (" + (c.isMptcp() ? "MPTCP" : "TCP") + ", "
                    + Timeline.algorithms(c) + ")", ""));
            if (active) {
                row.add("");
            }
            row.addAll(List.of(Html.num(c.goodputMbps(), 3), percent(total > 0 ? c.goodputMbps() / total : Double.NaN),
                    "", "", Long.toString(retrans), Long.toString(losses)));
            rows.add(row);
            classes.add("conn");
            for (Summary.Subflow sf : c.subflows()) {
                double[] m = p50.get(new SubflowKey(c.id(), sf.id()));
                List<String> r = new ArrayList<>(List.of("  sf" + sf.id(), String.join(" > ", sf.path())));
                if (active) {
                    r.add(Double.isNaN(sf.startS()) ? "" : trim(sf.startS()) + " – " + trim(sf.endS()));
                }
                r.addAll(List.of(Html.num(sf.goodputMbps(), 3),
                        percent(bytes > 0 ? (double) sfBytes(sf) / bytes : Double.NaN),
                        m == null ? "n/a" : Html.num(m[0], 1), Html.num(sf.srttP99Ms(), 1),
                        Long.toString(sf.retransmits()), Long.toString(sf.ssthreshReductions())));
                rows.add(r);
                classes.add(null);
            }
        }
        List<String> header = new ArrayList<>(List.of("connection / subflow", "path"));
        if (active) {
            header.add("active (s)");
        }
        header.addAll(List.of(active ? "goodput (Mbit/s, over active time)" : "goodput (Mbit/s)", "share",
                "srtt p50 (ms)", "srtt p99 (ms)", "retransmits", "loss events"));
        h.table(RESULTS_ID, header, rows, classes);
    }

    /** Bytes a subflow carried: bytesDelivered when summary.json gives it, else bytesAcked. */
    private static long sfBytes(Summary.Subflow sf) {
        return sf.bytesDelivered() >= 0 ? sf.bytesDelivered() : sf.bytesAcked();
    }

    /** Median srtt (ms) per subflow over the samples where it has an RTT estimate and is open. */
    static Map<SubflowKey, double[]> srttMedians(RunData run) {
        Map<SubflowKey, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<SubflowKey, List<SubflowSample>> e : SubflowKey.group(run.subflows()).entrySet()) {
            double[] v = e.getValue().stream().filter(x -> x.srttUs() > 0 && !x.isClosed())
                    .mapToDouble(x -> x.srttUs() / 1000.0).sorted().toArray();
            if (v.length > 0) {
                // the lower median, as summary.json's p99 is a sample too (nearest rank)
                out.put(e.getKey(), new double[] {v[(v.length - 1) / 2]});
            }
        }
        return out;
    }

    private static void kernel(Html h, Summary s) {
        Map<String, String> defaults = defaults(s.kernel().get("flavour"));
        List<List<String>> rows = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        List<String> differ = new ArrayList<>();
        for (Map.Entry<String, String> e : s.kernel().entrySet()) {
            String def = defaults.get(e.getKey());
            boolean diff = def != null && !def.equals(e.getValue());
            rows.add(List.of(e.getKey(), e.getValue(), def == null ? "" : def));
            classes.add(diff ? "diff" : null);
            if (diff) {
                differ.add(e.getKey() + "=" + e.getValue());
            }
        }
        h.beginDetails("kernel", "Kernel options (" + rows.size() + "; " + differ.size()
                + " differ from the kernel defaults" + (differ.isEmpty() ? "" : ": " + String.join(", ", differ))
                + ")");
        h.table("kernel-options", List.of("option", "value", "kernel default"), rows, classes);
        h.endDetails();
    }

    /** Every known option's default for {@code flavour}, as summary.json's text shows it. */
    static Map<String, String> defaults(String flavour) {
        Map<String, String> out = new LinkedHashMap<>();
        Flavour f;
        try {
            f = flavour == null ? Flavour.MPTCP_V095 : Flavour.of(flavour);
        } catch (RuntimeException e) {
            return out;
        }
        OptionRegistry reg = OptionRegistry.standard();
        reg.defaults(f).effective().forEach((k, v) -> {
            OptionDef d = reg.option(k);
            out.put(k, d == null ? v : text(d.type().typed(v)));
        });
        return out;
    }

    private static String text(Object typed) {
        if (typed instanceof long[] a) {
            StringBuilder b = new StringBuilder();
            for (long x : a) {
                b.append(b.length() == 0 ? "" : " ").append(x);
            }
            return b.toString();
        }
        return String.valueOf(typed);
    }

    private static String list(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String percent(double f) {
        return Double.isNaN(f) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * f);
    }

    private static String trim(double v) {
        String t = String.format(Locale.ROOT, "%.3f", v);
        t = t.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    /** A rate as iperf3 prints it: {@code 20 Mbit/s}, {@code 1 Gbit/s}, {@code 1.5 Mbit/s}. */
    static String rate(long bps) {
        if (bps >= 1_000_000_000L) {
            return trim(bps / 1e9) + " Gbit/s";
        }
        if (bps >= 1_000_000L) {
            return trim(bps / 1e6) + " Mbit/s";
        }
        return trim(bps / 1e3) + " kbit/s";
    }

    private static String ms(long ps) {
        return trim(ps / 1e9) + " ms";
    }
}
