package org.mptcpsim.scenario.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mptcpsim.scenario.model.AppSpec;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.model.SizeDist;

/**
 * Binds {@code connections[].app} (docs/scenario-format.md, "Applications"): {@code bulk},
 * {@code {size: 64KB}}, {@code {flows: ...}}, {@code {request-response: ...}} or {@code {stream: ...}}.
 * A {@code cdf:} file is read here, relative to the scenario file, and every bad line is located
 * at its own file and line.
 */
final class AppBinder {
    static final List<String> KINDS = List.of("bulk", "size", "flows", "request-response", "stream");
    static final List<String> FLOWS = List.of("poisson", "every", "size", "count");
    static final List<String> RR = List.of("request", "response", "think", "count");
    static final List<String> STREAM = List.of("bitrate", "startup");
    static final List<String> DISTS = List.of("fixed", "exponential", "lognormal", "pareto", "cdf");
    /** Default cap of a continuous size distribution's samples: 1 GB. */
    static final long DEFAULT_MAX = 1_000_000_000L;
    /** The largest CDF file: 1 MiB, like a scenario file. */
    static final long MAX_CDF_BYTES = 1 << 20;

    private AppBinder() {
    }

    /** What {@code app:} says: null for bulk, {@code sizeOut[0]} set for {@code {size: ...}}, else the app. */
    static AppSpec bind(Node n, String path, long[] sizeOut) {
        if (n instanceof ScalarNode s && !s.isNull()) {
            String t = Val.choice(n, path, KINDS);
            if (!t.equals("bulk")) {
                throw new ScenarioException(n.loc().withPath(path), "app " + t + " needs its settings, e.g. app: {"
                        + t + ": " + example(t) + "}", KINDS);
            }
            sizeOut[0] = -1;
            return null;
        }
        Obj o = new Obj(n, path, "an application (one of " + String.join(", ", KINDS) + ")", KINDS);
        if (o.map.entries().size() != 1) {
            throw new ScenarioException(o.loc(), "an app has exactly one kind, found " + o.map.entries().size()
                    + " (" + String.join(", ", o.map.entries().keySet()) + ")", KINDS);
        }
        String kind = o.map.entries().keySet().iterator().next();
        Node v = o.map.get(kind);
        String p = o.sub(kind);
        switch (kind) {
            case "bulk":
                sizeOut[0] = -1;
                return null;
            case "size":
                sizeOut[0] = aboveZero(Val.size(v, p), v, p, "a transfer size");
                return null;
            case "flows":
                return flows(new Obj(v, p, "a flows app", FLOWS));
            case "request-response":
                return requestResponse(new Obj(v, p, "a request-response app", RR));
            default:
                return stream(new Obj(v, p, "a stream app", STREAM));
        }
    }

    private static String example(String kind) {
        return switch (kind) {
            case "size" -> "64KB";
            case "flows" -> "{poisson: {rate: 50/s}, size: 64KB}";
            case "request-response" -> "{request: 400B, response: 20KB, think: 100ms}";
            default -> "{bitrate: 5Mbit, startup: 2s}";
        };
    }

    private static AppSpec.Flows flows(Obj o) {
        AppSpec.Arrival a;
        if (o.has("poisson") == o.has("every")) {
            throw new ScenarioException(o.loc(), "a flows app needs one arrival process: poisson: {rate: 50/s}"
                    + " or every: 100ms", List.of("poisson", "every"));
        }
        if (o.has("poisson")) {
            Obj p = new Obj(o.opt("poisson"), o.sub("poisson"), "a Poisson arrival process", List.of("rate"));
            a = new AppSpec.Arrival(perSecond(p.req("rate"), p.sub("rate")), 0);
        } else {
            long every = aboveZero(Val.time(o.opt("every"), o.sub("every")), o.opt("every"), o.sub("every"),
                    "the interval between transfers");
            a = new AppSpec.Arrival(0, every);
        }
        SizeDist size = dist(o.req("size"), o.sub("size"));
        long count = o.has("count") ? Val.integer(o.opt("count"), o.sub("count"), 1, 10_000_000) : 0;
        return new AppSpec.Flows(a, size, count);
    }

    private static AppSpec.RequestResponse requestResponse(Obj o) {
        long req = aboveZero(Val.size(o.req("request"), o.sub("request")), o.req("request"), o.sub("request"),
                "a request size");
        SizeDist resp = dist(o.req("response"), o.sub("response"));
        long think = o.has("think") ? Val.time(o.opt("think"), o.sub("think")) : 0;
        if (think < 0) {
            throw new ScenarioException(o.loc("think"), "a think time must be 0 or more");
        }
        long count = o.has("count") ? Val.integer(o.opt("count"), o.sub("count"), 1, 10_000_000) : 0;
        return new AppSpec.RequestResponse(req, resp, think, count);
    }

    private static AppSpec.Stream stream(Obj o) {
        List<AppSpec.Step> steps = new ArrayList<>();
        Node b = o.req("bitrate");
        if (b instanceof ListNode) {
            List<Node> items = Val.list(b, o.sub("bitrate"), "bitrate steps ({at: 10s, rate: 2Mbit})");
            for (int i = 0; i < items.size(); i++) {
                String ip = o.sub("bitrate") + "[" + i + "]";
                Obj s = new Obj(items.get(i), ip, "a bitrate step", List.of("at", "rate"));
                long at = Val.time(s.req("at"), s.sub("at"));
                long rate = positiveRate(s.req("rate"), s.sub("rate"));
                if (i == 0 && at != 0) {
                    throw new ScenarioException(s.loc("at"), "the first bitrate step starts at 0s (the stream's start)");
                }
                if (i > 0 && at <= steps.get(i - 1).atPs()) {
                    throw new ScenarioException(s.loc("at"), "bitrate steps must be in increasing time order");
                }
                steps.add(new AppSpec.Step(at, rate));
            }
            if (steps.isEmpty()) {
                throw new ScenarioException(b.loc().withPath(o.sub("bitrate")), "a stream needs at least one bitrate");
            }
        } else {
            steps.add(new AppSpec.Step(0, positiveRate(b, o.sub("bitrate"))));
        }
        long startup = o.has("startup") ? Val.time(o.opt("startup"), o.sub("startup")) : 2_000_000_000_000L;
        if (startup <= 0) {
            throw new ScenarioException(o.loc("startup"), "the startup buffer must be above 0 (e.g. 2s)");
        }
        return new AppSpec.Stream(steps, startup);
    }

    private static long positiveRate(Node n, String path) {
        return aboveZero(Val.rate(n, path), n, path, "a bitrate");
    }

    /** {@code v}, or a located error "WHAT must be above 0" at {@code path}. */
    private static long aboveZero(long v, Node n, String path, String what) {
        if (v <= 0) {
            throw new ScenarioException(n.loc().withPath(path), what + " must be above 0");
        }
        return v;
    }

    /** A rate per second: {@code 50/s}, {@code 50} or {@code 0.5/s}; above 0. */
    static double perSecond(Node n, String path) {
        String t = Val.text(n, path, "a rate per second (e.g. 50/s)").trim();
        String num = t.endsWith("/s") ? t.substring(0, t.length() - 2).trim() : t;
        double v;
        try {
            v = Double.parseDouble(num);
        } catch (NumberFormatException e) {
            throw new ScenarioException(n.loc().withPath(path), "\"" + t + "\" is not a rate per second; use e.g."
                    + " 50/s");
        }
        if (!(v > 0) || Double.isInfinite(v) || v > 1e9) {
            throw new ScenarioException(n.loc().withPath(path), "an arrival rate must be above 0 and at most"
                    + " 1e9/s, found " + t);
        }
        return v;
    }

    private static double positive(Node n, String path, String what) {
        String t = Val.text(n, path, what).trim();
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new ScenarioException(n.loc().withPath(path), "\"" + t + "\" is not a number; expected " + what);
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new ScenarioException(n.loc().withPath(path), what + " must be above 0, found " + t);
        }
        return v;
    }

    private static long positiveSize(Node n, String path) {
        return aboveZero(Val.size(n, path), n, path, "a size");
    }

    /** A size distribution: a size (fixed), or one of {@link #DISTS}. */
    static SizeDist dist(Node n, String path) {
        if (n instanceof ScalarNode) {
            return SizeDist.fixed(positiveSize(n, path));
        }
        Obj o = new Obj(n, path, "a size distribution (a size, or one of " + String.join(", ", DISTS) + ")", DISTS);
        if (o.map.entries().size() != 1) {
            throw new ScenarioException(o.loc(), "a size distribution has exactly one kind", DISTS);
        }
        String kind = o.map.entries().keySet().iterator().next();
        Node v = o.map.get(kind);
        String p = o.sub(kind);
        switch (kind) {
            case "fixed":
                return SizeDist.fixed(positiveSize(v, p));
            case "exponential": {
                Obj d = new Obj(v, p, "an exponential distribution", List.of("mean", "max"));
                long mean = positiveSize(d.req("mean"), d.sub("mean"));
                return SizeDist.exponential(mean, max(d, mean, "mean"));
            }
            case "lognormal": {
                Obj d = new Obj(v, p, "a lognormal distribution", List.of("median", "sigma", "max"));
                long median = positiveSize(d.req("median"), d.sub("median"));
                return SizeDist.lognormal(median, positive(d.req("sigma"), d.sub("sigma"), "sigma (the shape, e.g. 1.5)"),
                        max(d, median, "median"));
            }
            case "pareto": {
                Obj d = new Obj(v, p, "a Pareto distribution", List.of("scale", "shape", "max"));
                long scale = positiveSize(d.req("scale"), d.sub("scale"));
                return SizeDist.pareto(scale, positive(d.req("shape"), d.sub("shape"), "shape (alpha, e.g. 1.2)"),
                        max(d, scale, "scale"));
            }
            default:
                return cdfFile(v, p);
        }
    }

    /**
     * The distribution's {@code max}: not below its {@code what} ({@code least} bytes), which would cut most samples
     * (all of a Pareto's, whose samples are at least its scale) to max.
     */
    private static long max(Obj d, long least, String what) {
        long max = d.has("max") ? positiveSize(d.opt("max"), d.sub("max")) : DEFAULT_MAX;
        if (max < least) {
            String written = d.has("max") ? Val.text(d.opt("max"), d.sub("max"), "a size").trim() : "1GB (the default)";
            throw new ScenarioException(d.loc("max"), "max " + written
                    + " (" + max + " B) is below the " + what + " (" + least + " B): most samples would be cut to max;"
                    + " max must be at least the " + what);
        }
        return max;
    }

    /** Reads a two-column "size cumulative-probability" file, relative to the scenario file. */
    private static SizeDist cdfFile(Node n, String path) {
        String name = Val.text(n, path, "a CDF file (e.g. cdf/web-search.txt)").trim();
        Loc at = n.loc().withPath(path);
        Path file = Path.of(name);
        if (!file.isAbsolute() && at.file() != null) {
            Path dir = Path.of(at.file()).toAbsolutePath().getParent();
            if (dir != null) {
                file = dir.resolve(name);
            }
        }
        String text;
        try {
            text = new String(DataFiles.read(file, "CDF file " + name, "CDF file", at, MAX_CDF_BYTES, "1 MiB"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(at, "no such CDF file: " + name + " (paths are relative to the scenario file)");
        } catch (IOException e) {
            throw new ScenarioException(at, "cannot read the CDF file " + name + ": " + e.getMessage());
        }
        try {
            return parseCdf(file.toString(), text, at);
        } catch (ScenarioException e) {
            throw e.anchoredAt(at);   // a line of the CDF file: listed where the scenario names the file
        }
    }

    /** Parses CDF text; errors are located at {@code file}'s line. {@code at} locates an empty file. */
    static SizeDist parseCdf(String file, String text, Loc at) {
        List<double[]> pts = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            Loc l = new Loc(file, i + 1, 1, at.path());
            String[] f = line.split("[\\s,]+");
            if (f.length != 2) {
                throw new ScenarioException(l, "a CDF line has two columns, \"size cumulative-probability\" (size in"
                        + " bytes), found \"" + line + "\"");
            }
            double size;
            double prob;
            try {
                size = Double.parseDouble(f[0]);
                prob = Double.parseDouble(f[1]);
            } catch (NumberFormatException e) {
                throw new ScenarioException(l, "not two numbers: \"" + line + "\" (size in bytes, then a cumulative"
                        + " probability in [0, 1])");
            }
            if (!(size >= 1) || Double.isInfinite(size) || size > 1e12) {
                throw new ScenarioException(l, "a size must be at least 1 byte and at most 1e12, found " + f[0]);
            }
            if (!(prob >= 0 && prob <= 1)) {
                throw new ScenarioException(l, "a cumulative probability is in [0, 1], found " + f[1]);
            }
            if (!pts.isEmpty()) {
                double[] prev = pts.get(pts.size() - 1);
                if (size < prev[0] || prob < prev[1]) {
                    throw new ScenarioException(l, String.format(Locale.ROOT, "the CDF is not monotone: %s %s follows"
                            + " %s %s (sizes and probabilities must both be non-decreasing)", f[0], f[1],
                            num(prev[0]), num(prev[1])));
                }
            }
            pts.add(new double[] {size, prob, i + 1});
        }
        if (pts.isEmpty()) {
            throw new ScenarioException(at, "the CDF file " + file + " has no points");
        }
        double[] last = pts.get(pts.size() - 1);
        if (last[1] != 1.0) {
            throw new ScenarioException(new Loc(file, (int) last[2], 1, at.path()),
                    "a CDF ends at cumulative probability 1, this one at " + num(last[1]));
        }
        double[] s = new double[pts.size()];
        double[] p = new double[pts.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = pts.get(i)[0];
            p[i] = pts.get(i)[1];
        }
        return SizeDist.cdf(s, p, file);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
