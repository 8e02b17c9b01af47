package org.mptcpsim.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mptcpsim.report.ChartWriter;
import org.mptcpsim.report.CompareBarChart;
import org.mptcpsim.report.FctCharts;
import org.mptcpsim.report.Html;
import org.mptcpsim.report.RunData;
import org.mptcpsim.report.TransferSample;

/** Writes what {@link Compare} produces: CSVs, charts, report.html, and the console table. */
final class CompareOutputs {
    private CompareOutputs() {
    }

    static void write(CompareResult r, Path out, Path scenario, EventWindow window) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("compare.csv"), compareCsv(r), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("compare-runs.csv"), runsCsv(r), StandardCharsets.UTF_8);
        List<String[]> charts = new ArrayList<>();
        for (int m = 0; m < r.metrics().size(); m++) {
            Metric metric = r.metrics().get(m);
            List<String> names = new ArrayList<>();
            List<Double> means = new ArrayList<>();
            List<Double> halves = new ArrayList<>();
            for (AlternativeResult a : r.ranked()) {
                names.add(a.alternative().name());
                means.add(a.estimates().get(m).mean());
                halves.add(a.estimates().get(m).halfWidth());
            }
            String name = "compare-" + metric.column();
            String title = metric.title() + (metric.higherIsBetter() ? ", higher is better" : ", lower is better");
            String scenarioName = scenario == null ? "" : scenario.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            ChartWriter.write(CompareBarChart.chart(scenarioName.isEmpty() ? title : scenarioName + ": " + title,
                            metric.axisLabel(), names, means, halves),
                    out.resolve("charts"), name);
            charts.add(new String[] {name, title});
        }
        fctCdf(r, out, scenario, charts);
        Files.writeString(out.resolve("report.html"), html(r, scenario, window, charts), StandardCharsets.UTF_8);
    }

    /**
     * When the runs have transfers (flows.csv): the FCT CDF of every alternative, its seeds pooled,
     * one line each, in rank order.
     */
    private static void fctCdf(CompareResult r, Path out, Path scenario, List<String[]> charts) throws IOException {
        java.util.Map<String, List<TransferSample>> groups = new java.util.LinkedHashMap<>();
        for (AlternativeResult a : r.ranked()) {
            List<TransferSample> all = new ArrayList<>();
            for (long seed : a.seeds()) {
                Path dir = out.resolve("runs").resolve(Fmt.safe(a.alternative().name())).resolve("seed-" + seed);
                for (TransferSample t : RunData.transfersOf(dir)) {
                    if (t.completed()) {
                        all.add(t);
                    }
                }
            }
            if (!all.isEmpty()) {
                groups.put(a.alternative().name(), all);
            }
        }
        if (groups.isEmpty()) {
            return;
        }
        String scenarioName = scenario == null ? "" : scenario.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        String title = "flow completion time CDF, seeds pooled";
        ChartWriter.write(FctCharts.cdf(scenarioName.isEmpty() ? title : scenarioName + ": " + title, groups),
                out.resolve("charts"), "compare-fct-cdf");
        charts.add(new String[] {"compare-fct-cdf", "Flow completion time CDF per alternative (all seeds pooled)"});
    }

    /** rank,alternative,overrides,n,then mean and ci95 half-width per metric; best first. */
    static String compareCsv(CompareResult r) {
        StringBuilder b = new StringBuilder("rank,alternative,overrides,n");
        for (Metric m : r.metrics()) {
            b.append(',').append(m.column()).append("_mean,").append(m.column()).append("_ci95");
        }
        b.append('\n');
        for (AlternativeResult a : r.ranked()) {
            b.append(a.rank()).append(',').append(Fmt.cell(a.alternative().name())).append(',')
                    .append(Fmt.cell(String.join(" ", a.alternative().overrides()))).append(',')
                    .append(a.seeds().size());
            for (Estimate e : a.estimates()) {
                b.append(',').append(Fmt.num(e.mean())).append(',').append(Fmt.num(e.halfWidth()));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** alternative,seed,then each metric: one row per run, alternatives in rank order. */
    static String runsCsv(CompareResult r) {
        StringBuilder b = new StringBuilder("alternative,seed");
        for (Metric m : r.metrics()) {
            b.append(',').append(m.column());
        }
        b.append('\n');
        for (AlternativeResult a : r.ranked()) {
            for (int s = 0; s < a.seeds().size(); s++) {
                b.append(Fmt.cell(a.alternative().name())).append(',').append(a.seeds().get(s));
                for (double v : a.runValues().get(s)) {
                    b.append(',').append(Fmt.num(v));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** A fixed-width table, best first; cells "mean ± ci". */
    static String consoleTable(CompareResult r) {
        List<List<String>> rows = tableRows(r);
        List<String> header = new ArrayList<>(List.of("rank", "alternative", "n"));
        for (Metric m : r.metrics()) {
            header.add(m.column());
        }
        int[] w = new int[header.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = header.get(c).length();
            for (List<String> row : rows) {
                w[c] = Math.max(w[c], row.get(c).length());
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("ranked by ").append(r.rankBy().title())
                .append(r.rankBy().higherIsBetter() ? " (higher is better)" : " (lower is better)").append('\n');
        appendRow(b, header, w);
        for (List<String> row : rows) {
            appendRow(b, row, w);
        }
        return b.toString();
    }

    private static void appendRow(StringBuilder b, List<String> row, int[] w) {
        for (int c = 0; c < row.size(); c++) {
            String fmt = c < 2 ? "%-" + w[c] + "s" : "%" + w[c] + "s";
            b.append(String.format(Locale.ROOT, fmt, row.get(c))).append(c + 1 < row.size() ? "  " : "\n");
        }
    }

    private static List<String> header(CompareResult r) {
        List<String> h = new ArrayList<>(List.of("rank", "alternative", "n"));
        for (Metric m : r.metrics()) {
            h.add(m.axisLabel());
        }
        return h;
    }

    private static List<List<String>> tableRows(CompareResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (AlternativeResult a : r.ranked()) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(a.rank()), a.alternative().name(),
                    Integer.toString(a.seeds().size())));
            for (Estimate e : a.estimates()) {
                row.add(Double.isNaN(e.halfWidth()) ? Html.num(e.mean(), 3)
                        : Html.num(e.mean(), 3) + " ± " + Html.num(e.halfWidth(), 3));
            }
            rows.add(row);
        }
        return rows;
    }

    private static String html(CompareResult r, Path scenario, EventWindow window, List<String[]> charts) {
        Html h = new Html("mptcp-sim compare: " + (scenario == null ? "" : scenario.getFileName()));
        int seeds = r.ranked().isEmpty() ? 0 : r.ranked().get(0).seeds().size();
        h.paragraph(seeds + " seeds per alternative; mean ± 95% confidence interval (Student t); ranked by "
                + r.rankBy().title() + (r.rankBy().higherIsBetter() ? ", higher is better." : ", lower is better.")
                + (window == null ? "" : " Event window [" + Html.num(window.t1S(), 3) + " s, "
                + Html.num(window.t2S(), 3) + " s]."));
        h.heading(2, "Ranking");
        h.table(header(r), tableRows(r));
        h.heading(2, "Alternatives");
        List<List<String>> rows = new ArrayList<>();
        for (AlternativeResult a : r.ranked()) {
            rows.add(List.of(a.alternative().name(), String.join(" ", a.alternative().overrides())));
        }
        h.table(List.of("alternative", "overrides"), rows);
        h.heading(2, "Charts");
        for (String[] c : charts) {
            h.figure("charts/" + c[0] + ".svg", "charts/" + c[0] + ".png", c[1]);
        }
        h.link("compare.csv", "compare.csv (summary)");
        h.link("compare-runs.csv", "compare-runs.csv (every run)");
        return h.finish();
    }
}
