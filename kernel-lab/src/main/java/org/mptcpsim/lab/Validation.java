package org.mptcpsim.lab;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.report.ChartStyle;
import org.mptcpsim.report.ChartWriter;
import org.mptcpsim.report.Html;
import org.mptcpsim.report.RunReport;
import org.mptcpsim.scenario.model.ConnectionSpec;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.output.OutputDir;
import org.mptcpsim.scenario.run.ScenarioRunner;
import org.mptcpsim.scenario.run.UnmodelledOptions;

/**
 * Runs one scenario on the kernel (N times) and in the simulator (M seeds: seed, seed+1, ...; they differ only when the
 * scenario has random elements such as {@code sim.tx_jitter_us}) and compares them per subflow with {@link KernelCompare}
 * (simulator value = mean over its runs). Layout of {@code out}: {@code kernel-1 .. kernel-N/} and {@code sim/},
 * {@code sim-2 .. sim-M/} (run directories with their own report.html), {@code verdict.txt}, {@code verdict.csv}, {@code overlay.csv},
 * {@code overlay-cwnd.png}, {@code overlay-srtt.png}, {@code overlay-goodput.png} (kernel solid, simulator dashed,
 * one colour per subflow), {@code report.html}.
 */
public final class Validation {
    private Validation() {
    }

    /** Where the kernel runs: backend and (VM, UML) an optional kernel image and modules directory. */
    public record KernelTarget(Backend backend, Path kernel, Path modules, boolean pcap) {
        /** Without packet captures. */
        public KernelTarget(Backend backend, Path kernel, Path modules) {
            this(backend, kernel, modules, false);
        }

        /** Runs {@code spec} once into {@code dir}; returns summary.json. */
        public Path run(LabSpec spec, Path dir) throws LabRefusedException, IOException, InterruptedException {
            return run(spec, null, dir);
        }

        /** As {@link #run(LabSpec, Path)}; {@code oot} = the out-of-tree client path (UML only), or null. */
        public Path run(LabSpec spec, OotClient oot, Path dir) throws LabRefusedException, IOException, InterruptedException {
            return switch (backend) {
                case HOST -> new HostLab(pcap).run(spec, dir);
                case VM -> new VmLab(kernel, modules).run(spec, dir);
                case UML -> new UmlLab(kernel, modules, oot).run(spec, dir);
            };
        }
    }

    /** Maps the scenario (refusing before anything starts), runs it on the kernel into {@code dir}, writes report.html. */
    public static Path kernelRun(Scenario sc, KernelTarget target, Path dir, Appendable console)
            throws LabRefusedException, IOException, InterruptedException {
        ScenarioToLab.Result m = ScenarioToLab.map(sc, target.backend(), target.kernel() != null);
        LabSpec spec = m.orThrow();
        for (String n : m.notes()) console.append("note: ").append(n).append('\n');
        Path summary = target.run(spec, m.oot(), dir);
        RunReport.generate(dir);
        return summary;
    }

    /** Runs the simulator on {@code sc} into {@code dir} and writes its report. */
    public static void simRun(Scenario sc, Path dir) throws IOException {
        new ScenarioRunner(sc).run(dir, ScenarioRunner.Progress.NONE);
        RunReport.generate(dir);
    }

    /** {@code sc} with another seed. */
    public static Scenario withSeed(Scenario sc, long seed) {
        return new Scenario(sc.name(), sc.sourceFile(), sc.durationPs(), seed, sc.samplePs(), sc.kernel(), sc.nodes(), sc.links(),
                sc.hosts(), sc.routes(), sc.connections(), sc.sweep(), sc.overrides(), sc.loc());
    }

    /** The simulator run directories of M seeds: {@code out/sim}, {@code out/sim-2}, ... */
    public static List<Path> simRuns(Scenario sc, int m, Path out) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            Path d = out.resolve(i == 0 ? "sim" : "sim-" + (i + 1));
            simRun(withSeed(sc, sc.seed() + i), d);
            dirs.add(d);
        }
        return dirs;
    }

    /** The whole validation; returns 0 when every metric is within tolerance, 3 when not. */
    public static int validate(Scenario sc, KernelTarget target, int runs, Path out, Appendable console)
            throws LabRefusedException, IOException, InterruptedException {
        return validate(sc, target, runs, 1, out, console);
    }

    /** The whole validation with {@code simRuns} simulator seeds; returns 0 when every metric is within tolerance, 3 when not. */
    public static int validate(Scenario sc, KernelTarget target, int runs, int simRuns, Path out, Appendable console)
            throws LabRefusedException, IOException, InterruptedException {
        LabSpec spec = ScenarioToLab.map(sc, target.backend(), target.kernel() != null).orThrow();   // refuse before anything runs
        if (spec.durationS() * 1e12 != sc.durationPs()) {
            throw new LabRefusedException(List.of(sc.sourceFile() + ": duration must be whole seconds for validate (iperf3 -t)"));
        }
        UnmodelledOptions.check(sc);   // the simulator side refuses what it does not model before a kernel run
        OutputDir.check(out);   // refuses a foreign directory before anything runs
        Files.createDirectories(out);
        List<Path> kernels = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Path d = out.resolve("kernel-" + i);
            console.append(String.format(Locale.ROOT, "kernel run %d/%d (%s) ...%n", i, runs, target.backend().source()));
            kernelRun(sc, target, d, console);
            kernels.add(d);
        }
        console.append(String.format(Locale.ROOT, "simulator: %d run(s) ...%n", simRuns));
        return compareAndReport(sc.name(), simRuns(sc, simRuns, out), kernels, window(sc, console), out, console);
    }

    /**
     * The measurement window of a comparison of {@code sc}: an out-of-tree scenario (the main connection's flavour
     * mptcp-v0.95) long enough for it is measured over the out-of-tree references' window
     * ({@link KernelCompare.Window#OOT_REFERENCES}, [5,30] s) on both sides, as {@code OotRegressionTest} measures it against
     * the references: the first 5 s are slow start and the lab's competing iperf3 starts 0.1–1.2 s after the MPTCP flow
     * (README, LAB-UML-2). Otherwise null (whole run, or the reference runs' own window).
     */
    public static KernelCompare.Window window(Scenario sc, Appendable console) throws IOException {
        if (sc.connections().isEmpty()) return null;
        ConnectionSpec main = sc.connections().stream().filter(c -> c.type() == ConnectionSpec.Type.MPTCP).findFirst().orElse(sc.connections().get(0));
        if (main.kernel().flavour() != Flavour.MPTCP_V095) return null;
        KernelCompare.Window w = KernelCompare.Window.OOT_REFERENCES;
        if (sc.durationPs() < w.toS() * 1e12) {
            console.append(String.format(Locale.ROOT, "note: out-of-tree scenario shorter than the references' window [%.0f,%.0f] s: compared over the whole run%n",
                    w.fromS(), w.toS()));
            return null;
        }
        return w;
    }

    /** KernelCompare + overlay charts + report.html over existing run directories. */
    public static int compareAndReport(String name, Path sim, List<Path> kernels, Path out, Appendable console) throws IOException {
        return compareAndReport(name, List.of(sim), kernels, out, console);
    }

    /** As above with several simulator runs (value = their mean; the overlays show the first). */
    public static int compareAndReport(String name, List<Path> sims, List<Path> kernels, Path out, Appendable console) throws IOException {
        return compareAndReport(name, sims, kernels, null, out, console);
    }

    /** As above measured over {@code window} (null: the first kernel run's own, if it declares one; see {@link #window}). */
    public static int compareAndReport(String name, List<Path> sims, List<Path> kernels, KernelCompare.Window window, Path out, Appendable console)
            throws IOException {
        Path sim = sims.get(0);
        int rc = KernelCompare.run(sims, kernels, window, out, console);
        List<KernelCompare.Row> rows = KernelCompare.compare(sims, kernels, window);
        writeOverlayCharts(sim, kernels, out, name);
        Html h = new Html("mptcp-sim validate: " + name);
        h.paragraph(sims.size() + " simulator run(s) (mean) vs " + kernels.size() + " kernel run(s); verdict: " + (rc == 0 ? "within tolerance" : "OUTSIDE tolerance")
                + ". Tolerance = max(rel·|kernel mean|, abs, " + KernelCompare.K + "·kernel sd)."
                + (window != null ? " Both sides measured over [" + window.fromS() + ", " + window.toS() + "] s." : ""));
        h.heading(2, "Verdict per subflow (connection index / subflow id)");
        List<List<String>> table = new ArrayList<>();
        for (KernelCompare.Row r : rows) {
            table.add(List.of(r.subflow(), r.metric(), Html.num(r.sim(), 3), Html.num(r.kernel(), 3), Html.num(r.spread(), 3),
                    Html.num(r.tolerance(), 3), r.pass() ? "ok" : "FAIL"));
        }
        h.table(List.of("subflow", "metric", "sim", "kernel mean", "kernel sd", "tolerance", "verdict"), table);
        h.heading(2, "Overlays (kernel solid, simulator dashed)");
        for (String c : List.of("overlay-cwnd", "overlay-srtt", "overlay-goodput")) h.figure(c + ".svg", c + ".png", c);
        h.heading(2, "Runs");
        for (Path p : sims) h.link(rel(out, p) + "/report.html", "simulator run " + p.getFileName());
        for (Path k : kernels) h.link(rel(out, k) + "/report.html", "kernel run " + k.getFileName());
        Files.writeString(out.resolve("report.html"), h.finish(), StandardCharsets.UTF_8);
        return rc;
    }

    private static String rel(Path base, Path p) {
        Path b = base.toAbsolutePath().normalize();
        Path a = p.toAbsolutePath().normalize();
        return a.startsWith(b) ? b.relativize(a).toString() : a.toString();
    }

    /** overlay-{cwnd,srtt,goodput}.png/.svg: one line per (source, subflow), kernel runs solid, simulator dashed. */
    public static void writeOverlayCharts(Path sim, List<Path> kernels, Path out, String name) throws IOException {
        List<Path> all = new ArrayList<>();
        all.add(sim);
        all.addAll(kernels);
        String[] metric = {"cwnd", "srtt", "goodput"};
        String[] label = {"cwnd (packets)", "srtt (ms)", "goodput (Mbit/s, per sample interval)"};
        for (int m = 0; m < 3; m++) {
            XYSeriesCollection data = new XYSeriesCollection();
            List<Boolean> isSim = new ArrayList<>();
            List<Integer> colour = new ArrayList<>();
            Map<String, Integer> colours = new LinkedHashMap<>();
            for (int i = 0; i < all.size(); i++) {
                for (Map.Entry<String, List<double[]>> e : Series.of(all.get(i)).entrySet()) {
                    String key = e.getKey();
                    XYSeries s = new XYSeries((i == 0 ? "sim " : "kernel#" + i + " ") + key, false, true);
                    double[] prev = null;
                    for (double[] r : e.getValue()) {   // {t, cwnd, srtt_us, bytes_acked}
                        double y = switch (m) {
                            case 0 -> r[1];
                            case 1 -> r[2] / 1000;
                            default -> prev == null || r[0] <= prev[0] ? Double.NaN : (r[3] - prev[3]) * 8 / (r[0] - prev[0]) / 1e6;
                        };
                        if (!Double.isNaN(y)) s.add(r[0], y);
                        prev = r;
                    }
                    data.addSeries(s);
                    isSim.add(i == 0);
                    colour.add(colours.computeIfAbsent(key, k -> colours.size()));
                }
            }
            JFreeChart chart = ChartFactory.createXYLineChart(name + ": " + metric[m] + " — kernel (solid) vs simulator (dashed)",
                    "time (s)", label[m], data, PlotOrientation.VERTICAL, true, false, false);
            ChartStyle.apply(chart);
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            for (int i = 0; i < data.getSeriesCount(); i++) {
                r.setSeriesPaint(i, ChartStyle.color(colour.get(i)));
                r.setSeriesStroke(i, isSim.get(i) ? new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {8f, 5f}, 0f)
                        : new BasicStroke(kernels.size() > 1 ? 1.0f : 1.5f));
            }
            chart.getXYPlot().setRenderer(r);
            ChartWriter.write(chart, out, "overlay-" + metric[m]);
        }
    }

    /** Per-subflow series of a run directory's subflows.csv. */
    static final class Series {
        private Series() {
        }

        /** "connection/subflow" → rows {time_s, cwnd, srtt_us, bytes_acked}. */
        static Map<String, List<double[]>> of(Path dir) throws IOException {
            Map<String, List<double[]>> m = new LinkedHashMap<>();
            List<String> lines = RunDirWriter.readLines(dir.resolve("subflows.csv"));
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",");
                if (f.length < 7) continue;
                m.computeIfAbsent(f[1] + "/" + f[2], k -> new ArrayList<>())
                        .add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[3]), Double.parseDouble(f[5]), Double.parseDouble(f[6])});
            }
            return m;
        }
    }
}
