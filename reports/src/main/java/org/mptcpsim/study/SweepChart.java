package org.mptcpsim.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mptcpsim.report.ChartWriter;
import org.mptcpsim.report.CompareBarChart;
import org.mptcpsim.report.MetricLineChart;

/**
 * Draws a metric of sweep.csv against one swept override, one line per congestion control when
 * {@value #CC_KEY} is swept (one line otherwise). Points sharing (CC, x) but differing in other
 * overrides (e.g. seeds) are averaged. Values such as {@code 5Mbit} or {@code 20ms} are plotted
 * by their number; the unit goes into the axis label. Writes
 * {@code OUT/charts/sweep-<metric>-vs-<key>.{png,svg}}.
 */
public final class SweepChart {
    /** The kernel option naming the congestion control. */
    public static final String CC_KEY = "net.ipv4.tcp_congestion_control";
    private static final Pattern NUMBER = Pattern.compile("\\s*(-?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(\\S*)\\s*");

    private SweepChart() {
    }

    /**
     * The lines: name to (x, mean y, 95 % CI half-width) points in x order; the half-width is NaN
     * where a point has one run (several runs per point come from sweeping {@code seed}).
     */
    public static Map<String, List<double[]>> lines(Path sweepCsv, String key, Metric metric) throws IOException {
        List<String> text = Files.readAllLines(sweepCsv, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            throw new IOException(sweepCsv + ":1: empty file");
        }
        List<String> header = SweepCsv.split(text.get(0));
        int x = column(header, key, sweepCsv);
        int y = column(header, metric.column(), sweepCsv);
        int cc = key.equals(CC_KEY) ? -1 : header.indexOf(CC_KEY);
        Map<String, TreeMap<Double, List<Double>>> acc = new LinkedHashMap<>();
        for (int i = 1; i < text.size(); i++) {
            List<String> row = SweepCsv.split(text.get(i));
            if (row.size() != header.size()) {
                throw new IOException(sweepCsv + ":" + (i + 1) + ": expected " + header.size() + " fields");
            }
            double xv = number(row.get(x), sweepCsv, i + 1);
            double yv = Double.parseDouble(row.get(y));
            if (Double.isNaN(yv)) {
                continue;
            }
            String line = cc < 0 || row.get(cc).isEmpty() ? metric.title() : row.get(cc);
            acc.computeIfAbsent(line, k -> new TreeMap<>()).computeIfAbsent(xv, k -> new ArrayList<>()).add(yv);
        }
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        for (Map.Entry<String, TreeMap<Double, List<Double>>> e : acc.entrySet()) {
            List<double[]> pts = new ArrayList<>();
            for (Map.Entry<Double, List<Double>> p : e.getValue().entrySet()) {
                Estimate est = Estimate.of(p.getValue().stream().mapToDouble(Double::doubleValue).toArray());
                pts.add(new double[] {p.getKey(), est.mean(), est.halfWidth()});
            }
            out.put(e.getKey(), pts);
        }
        return out;
    }

    /** Writes the chart for {@code outDir/sweep.csv}; returns the chart's base name. */
    public static String write(Path outDir, String key, Metric metric) throws IOException {
        Path csv = outDir.resolve(SweepRunner.CSV);
        String name = "sweep-" + metric.column() + "-vs-" + Fmt.safe(key);
        if (!numeric(csv, key)) {
            // names (schedulers, path managers): one bar per swept value, in sweep order
            Map<String, List<Double>> bars = categories(csv, key, metric);
            List<String> names = new ArrayList<>(bars.keySet());
            List<Double> means = new ArrayList<>();
            List<Double> halves = new ArrayList<>();
            for (List<Double> v : bars.values()) {
                Estimate est = Estimate.of(v.stream().mapToDouble(Double::doubleValue).toArray());
                means.add(est.mean());
                halves.add(est.halfWidth());
            }
            ChartWriter.write(CompareBarChart.chart(metric.title() + " vs " + SweepLabels.human(key), metric.axisLabel(),
                    names, means, halves), outDir.resolve("charts"), name);
            return name;
        }
        String unit = unit(csv, key);
        Map<String, List<double[]>> lines = lines(csv, key, metric);
        boolean ci = lines.values().stream().flatMap(List::stream).anyMatch(p -> !Double.isNaN(p[2]));
        ChartWriter.write(MetricLineChart.chart(metric.title() + " vs " + SweepLabels.human(key)
                        + (ci ? " (mean, 95% CI over seeds)" : ""), SweepLabels.label(key, unit), metric.axisLabel(), lines),
                outDir.resolve("charts"), name);
        return name;
    }

    /** Whether every swept value of {@code key} is a number (with a unit). */
    static boolean numeric(Path csv, String key) throws IOException {
        List<String> text = Files.readAllLines(csv, StandardCharsets.UTF_8);
        int x = column(SweepCsv.split(text.get(0)), key, csv);
        for (int i = 1; i < text.size(); i++) {
            if (!NUMBER.matcher(SweepCsv.split(text.get(i)).get(x)).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A non-numeric axis: the metric's values per swept value (with the CC when that is swept
     * too), in order of first appearance; NaN values are left out.
     */
    static Map<String, List<Double>> categories(Path csv, String key, Metric metric) throws IOException {
        List<String> text = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> header = SweepCsv.split(text.get(0));
        int x = column(header, key, csv);
        int y = column(header, metric.column(), csv);
        int cc = key.equals(CC_KEY) ? -1 : header.indexOf(CC_KEY);
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (int i = 1; i < text.size(); i++) {
            List<String> row = SweepCsv.split(text.get(i));
            if (row.size() != header.size()) {
                throw new IOException(csv + ":" + (i + 1) + ": expected " + header.size() + " fields");
            }
            String name = row.get(x) + (cc < 0 || row.get(cc).isEmpty() ? "" : " / " + row.get(cc));
            List<Double> v = out.computeIfAbsent(name, k -> new ArrayList<>());
            double yv = Double.parseDouble(row.get(y));
            if (!Double.isNaN(yv)) {
                v.add(yv);
            }
        }
        return out;
    }

    private static String unit(Path csv, String key) throws IOException {
        List<String> text = Files.readAllLines(csv, StandardCharsets.UTF_8);
        int x = column(SweepCsv.split(text.get(0)), key, csv);
        for (int i = 1; i < text.size(); i++) {
            Matcher m = NUMBER.matcher(SweepCsv.split(text.get(i)).get(x));
            if (m.matches()) {
                return m.group(2);
            }
        }
        return "";
    }

    private static int column(List<String> header, String name, Path file) throws IOException {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IOException(file + ":1: no column '" + name + "' (columns: " + header + ")");
        }
        return i;
    }

    private static double number(String cell, Path file, int line) throws IOException {
        Matcher m = NUMBER.matcher(cell);
        if (!m.matches()) {
            throw new IOException(file + ":" + line + ": swept value '" + cell + "' is not a number (with unit)");
        }
        return Double.parseDouble(m.group(1));
    }
}
