package org.mptcpsim.scenario.parse;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mptcpsim.net.DelayJitter;
import org.mptcpsim.net.DeliveryTrace;
import org.mptcpsim.net.Link;
import org.mptcpsim.scenario.model.BufferSpec;
import org.mptcpsim.scenario.model.DirectionSpec;
import org.mptcpsim.scenario.model.LinkEvent;
import org.mptcpsim.scenario.model.LinkModelSpec;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.ScenarioException;

/** Binds one entry of {@code links:} or {@code paths:} (a path is a link client to server). */
final class LinkBinder {

    private LinkBinder() {
    }

    /** A {@code links:} entry; endpoints are checked later against the nodes. */
    static LinkSpec link(Node node, String path) {
        Obj o = new Obj(node, path, "a link", Schema.LINK);
        String from = Val.id(o.req("from"), o.sub("from"));
        String to = Val.id(o.req("to"), o.sub("to"));
        if (from.equals(to)) {
            throw new ScenarioException(o.loc("to"), "a link joins two different nodes; both ends are \"" + from
                    + "\"");
        }
        return bind(o, from, to);
    }

    /** A {@code paths:} entry: a link from {@code client} to {@code server}. */
    static LinkSpec path(Node node, String path) {
        return bind(new Obj(node, path, "a path", Schema.PATH), TopologyBinder.CLIENT, TopologyBinder.SERVER);
    }

    /** The values of {@code qdisc:}, as written. */
    static final List<String> QDISCS = List.of("droptail", "tbf");

    /** The fields of a generated link given as an object ({@code dumbbell.bottleneck}): no id, from, to. */
    static final List<String> GENERATED = List.of("rate", "delay", "buffer", "loss", "rtt", "qdisc", "reverse",
            "schedule");

    /** A link whose id and endpoints a generator chose; {@code o} holds the {@link #GENERATED} fields. */
    static LinkSpec generated(Obj o, String id, String from, String to) {
        return bind(o, id, from, to);
    }

    private static LinkSpec bind(Obj o, String from, String to) {
        return bind(o, Val.id(o.req("id"), o.sub("id")), from, to);
    }

    private static LinkSpec bind(Obj o, String id, String from, String to) {
        Path base = scenarioFile(o);
        DirectionSpec fwd = direction(o, base, null);
        DirectionSpec rev = o.has("reverse") ? reverse(o.opt("reverse"), o.sub("reverse"), fwd, base) : fwd;
        Long rtt = null;
        if (o.has("rtt")) {
            rtt = Val.time(o.opt("rtt"), o.sub("rtt"));
            if (rtt <= 0) {
                throw new ScenarioException(o.loc("rtt"), "rtt must be above 0");
            }
        }
        List<LinkEvent> schedule = o.has("schedule") ? schedule(o.opt("schedule"), o.sub("schedule")) : List.of();
        if (fwd.traced() || rev.traced()) {
            for (LinkEvent e : schedule) {
                if (e.action() == LinkEvent.Action.RATE) {
                    throw new ScenarioException(e.loc(), "a rate event cannot change a direction driven by a"
                            + " delivery trace (this link's " + (fwd.traced() ? "forward" : "reverse") + " direction"
                            + " has one); use down/up events, or a trace that holds the change");
                }
            }
        }
        Link.Qdisc qdisc = Link.Qdisc.DROPTAIL;
        if (o.has("qdisc")) {
            String q = Val.choice(o.opt("qdisc"), o.sub("qdisc"), QDISCS);
            qdisc = Link.Qdisc.valueOf(q.toUpperCase(java.util.Locale.ROOT));
            if (qdisc == Link.Qdisc.TBF && (fwd.traced() || rev.traced())) {
                throw new ScenarioException(o.loc("qdisc"), "qdisc: tbf times departures by its token bucket, a"
                        + " traced direction by its trace; use droptail with a trace");
            }
        }
        return new LinkSpec(id, from, to, fwd, rev, rtt, schedule, qdisc, o.loc());
    }

    /** The scenario file the link was written in: a relative trace path is resolved against its directory. */
    private static Path scenarioFile(Obj o) {
        try {
            return Path.of(o.map.loc().file());
        } catch (InvalidPathException e) {
            return Path.of(".");
        }
    }

    /**
     * The forward direction ({@code base == null}) or the reverse one overriding {@code inherit}: rate or
     * trace, delay, buffer, loss (a probability or a Gilbert–Elliott object), jitter, reorder.
     */
    private static DirectionSpec direction(Obj o, Path file, DirectionSpec inherit) {
        LinkModelSpec im = inherit == null ? null : inherit.model();
        Drive drive = drive(o, file, inherit);
        Path tracePath = drive.tracePath();
        DeliveryTrace trace = drive.trace();
        long rate = drive.rateBps();
        long delay = o.has("delay") || inherit == null ? Val.time(o.req("delay"), o.sub("delay")) : inherit.delayPs();
        BufferSpec buffer = o.has("buffer") || inherit == null ? Val.buffer(o.req("buffer"), o.sub("buffer"))
                : inherit.buffer();
        double loss = inherit == null ? 0.0 : inherit.loss();
        LinkModelSpec.Gilbert gilbert = im == null ? null : im.gilbert();
        if (o.has("loss")) {
            if (o.opt("loss") instanceof MapNode) {
                gilbert = gilbert(o.opt("loss"), o.sub("loss"));
                loss = 0.0;
            } else {
                loss = Val.loss(o.opt("loss"), o.sub("loss"));
                gilbert = null;
            }
        }
        DelayJitter jitter = im == null ? null : im.jitter();
        if (o.has("jitter")) {
            jitter = jitter(o.opt("jitter"), o.sub("jitter"));
        }
        boolean reorder = im != null && im.reorder() && jitter != null;
        if (o.has("reorder")) {
            reorder = Val.bool(o.opt("reorder"), o.sub("reorder"));
            if (reorder && jitter == null) {
                throw new ScenarioException(o.loc("reorder"), "reorder: true needs jitter: without it packets"
                        + " leave in FIFO order and cannot overtake each other");
            }
        }
        LinkModelSpec model = trace == null && gilbert == null && jitter == null ? null
                : new LinkModelSpec(tracePath, trace, gilbert, jitter, reorder);
        return new DirectionSpec(rate, delay, buffer, loss, o.loc(), model);
    }

    /** What drives a direction: a delivery trace (its mean rate) or a rate. */
    private record Drive(Path tracePath, DeliveryTrace trace, long rateBps) {
    }

    /**
     * The direction's trace or rate; a reverse direction inherits the forward one's unless it sets
     * one of them. Both in the file is an error; a --set of one replaces the other.
     */
    private static Drive drive(Obj o, Path file, DirectionSpec inherit) {
        boolean useTrace = o.has("trace");
        boolean useRate = o.has("rate");
        if (useRate && useTrace) {
            // a --set (no file position) of one replaces the other written in the file
            boolean traceSet = !o.loc("trace").hasPosition();
            boolean rateSet = !o.loc("rate").hasPosition();
            if (traceSet == rateSet) {
                throw new ScenarioException(o.loc("trace"), "a direction is driven either by a rate or by a delivery"
                        + " trace, not both; remove rate (a traced direction's rate is the trace's mean)");
            }
            useTrace = traceSet;
            useRate = rateSet;
        }
        if (useTrace) {
            String written = Val.text(o.opt("trace"), o.sub("trace"), "a trace file name").trim();
            Path tracePath;
            try {
                tracePath = file.resolveSibling(written).normalize();
            } catch (InvalidPathException e) {
                throw new ScenarioException(o.loc("trace"), "\"" + written + "\" is not a file name: " + e.getReason());
            }
            DeliveryTrace trace = TraceFiles.read(tracePath, o.loc("trace"), o.sub("trace"));
            return new Drive(tracePath, trace, trace.meanRateBps());
        }
        if (useRate || inherit == null) {
            if (!useRate) {
                throw new ScenarioException(o.loc(), "missing required field \"rate\" (or \"trace\", a delivery"
                        + " trace file)");
            }
            return new Drive(null, null, Val.rate(o.opt("rate"), o.sub("rate")));
        }
        LinkModelSpec im = inherit.model();
        return new Drive(im == null ? null : im.tracePath(), im == null ? null : im.trace(), inherit.rateBps());
    }

    private static DirectionSpec reverse(Node node, String path, DirectionSpec fwd, Path file) {
        Obj o = new Obj(node, path, "a direction override", Schema.DIRECTION);
        return direction(o, file, fwd);
    }

    /** The values of {@code loss.model}. */
    static final List<String> LOSS_MODELS = List.of("gilbert");
    static final List<String> GILBERT = List.of("model", "p", "r", "h", "k");

    /**
     * {@code {model: gilbert, p, r, h, k}}: p required; defaults as tc-netem(8) gives them for its
     * {@code gemodel}: r = 1 - p, h = 0 (1-h = 1: every bad-state packet lost), k = 1 (1-k = 0: no
     * good-state loss), so {p, r} alone is the Simple Gilbert model.
     */
    private static LinkModelSpec.Gilbert gilbert(Node node, String path) {
        Obj o = new Obj(node, path, "a loss model", GILBERT);
        Val.choice(o.req("model"), o.sub("model"), LOSS_MODELS);
        double p = probability(o.req("p"), o.sub("p"));
        double r = o.has("r") ? probability(o.opt("r"), o.sub("r")) : 1 - p;
        double h = o.has("h") ? probability(o.opt("h"), o.sub("h")) : 0;
        double k = o.has("k") ? probability(o.opt("k"), o.sub("k")) : 1;
        if (p > 0 && r == 0 && h == 0) {
            throw new ScenarioException(o.loc("r"), "r = 0 with h = 0 makes the bad state permanent and loses every"
                    + " packet after the first transition; use r above 0");
        }
        return new LinkModelSpec.Gilbert(p, r, h, k);
    }

    /** A probability in [0, 1]: {@code 0.25} or {@code 25%}. */
    private static double probability(Node n, String path) {
        String t = Val.text(n, path, "a probability (e.g. 0.25 or 25%)").trim();
        String use = "use a probability from 0 to 1 (0.25) or a percentage (25%)";
        BigDecimal v;
        try {
            v = t.endsWith("%") ? new BigDecimal(t.substring(0, t.length() - 1).trim()).movePointLeft(2)
                    : new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new ScenarioException(n.loc().withPath(path), "\"" + t + "\" is not a probability; " + use);
        }
        if (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0) {
            throw new ScenarioException(n.loc().withPath(path), "\"" + t + "\" is out of range; " + use);
        }
        return v.doubleValue();
    }

    /** The values of {@code jitter.dist}. */
    static final List<String> JITTER_DISTS = List.of("uniform", "exponential", "normal", "pareto");
    static final List<String> JITTER = List.of("dist", "min", "max", "mean", "sd", "shape");

    /**
     * {@code jitter: 5ms} (uniform in [0, 5ms); 0 = none) or {@code {dist: uniform, max[, min]}},
     * {@code {dist: exponential, mean[, max]}}, {@code {dist: normal, mean, sd[, max]}},
     * {@code {dist: pareto, mean, shape[, max]}}; {@code max} caps the other distributions.
     */
    private static DelayJitter jitter(Node node, String path) {
        if (!(node instanceof MapNode)) {
            long t = Val.time(node, path);
            return t == 0 ? null : DelayJitter.uniform(t);
        }
        Obj o = new Obj(node, path, "a jitter distribution", JITTER);
        String dist = Val.choice(o.req("dist"), o.sub("dist"), JITTER_DISTS);
        List<String> fields = switch (dist) {
            case "uniform" -> List.of("dist", "min", "max");
            case "exponential" -> List.of("dist", "mean", "max");
            case "normal" -> List.of("dist", "mean", "sd", "max");
            default -> List.of("dist", "mean", "shape", "max");
        };
        for (String key : o.map.entries().keySet()) {
            if (!fields.contains(key)) {
                throw new ScenarioException(o.map.keyLoc(key).withPath(o.sub(key)), "\"" + key + "\" does not apply"
                        + " to " + dist + " jitter", fields);
            }
        }
        long cap = o.has("max") ? Val.time(o.opt("max"), o.sub("max")) : DelayJitter.HARD_CAP_PS;
        if (cap > DelayJitter.HARD_CAP_PS) {
            throw new ScenarioException(o.loc("max"), "max is above the largest jitter, "
                    + DelayJitter.HARD_CAP_PS / 1_000_000_000_000L + "s");
        }
        switch (dist) {
            case "uniform" -> {
                long max = Val.time(o.req("max"), o.sub("max"));
                long min = o.has("min") ? Val.time(o.opt("min"), o.sub("min")) : 0;
                if (max <= min) {
                    throw new ScenarioException(o.loc("max"), "max must be above min (" + min / 1e9 + " ms)");
                }
                return new DelayJitter(DelayJitter.Dist.UNIFORM, min, 0, 0, max);
            }
            case "exponential" -> {
                return new DelayJitter(DelayJitter.Dist.EXPONENTIAL, positive(o, "mean"), 0, 0, cap);
            }
            case "normal" -> {
                long sd = Val.time(o.req("sd"), o.sub("sd"));
                return new DelayJitter(DelayJitter.Dist.NORMAL, Val.time(o.req("mean"), o.sub("mean")), sd, 0, cap);
            }
            default -> {
                String t = Val.text(o.req("shape"), o.sub("shape"), "a number above 1 (e.g. 1.5)").trim();
                double shape;
                try {
                    shape = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    shape = Double.NaN;
                }
                if (!(shape > 1) || Double.isInfinite(shape)) {
                    throw new ScenarioException(o.loc("shape"), "\"" + t + "\" is not a Pareto shape; use a number"
                            + " above 1 (the mean is finite only then), e.g. 1.5");
                }
                return new DelayJitter(DelayJitter.Dist.PARETO, positive(o, "mean"), 0, shape, cap);
            }
        }
    }

    private static long positive(Obj o, String field) {
        long v = Val.time(o.req(field), o.sub(field));
        if (v <= 0) {
            throw new ScenarioException(o.loc(field), field + " must be above 0");
        }
        return v;
    }

    private static List<LinkEvent> schedule(Node node, String path) {
        List<LinkEvent> out = new ArrayList<>();
        List<Node> items = Val.list(node, path, "link events ({at: 10s, action: down})");
        for (int i = 0; i < items.size(); i++) {
            Obj o = new Obj(items.get(i), path + "[" + i + "]", "a link event", Schema.EVENT);
            long at = Val.time(o.req("at"), o.sub("at"));
            String a = Val.choice(o.req("action"), o.sub("action"), List.of("down", "up", "rate"));
            LinkEvent.Action action = LinkEvent.Action.valueOf(a.toUpperCase(java.util.Locale.ROOT));
            long rate = -1;
            if (action == LinkEvent.Action.RATE) {
                rate = Val.rate(o.req("rate"), o.sub("rate"));
            } else if (o.has("rate")) {
                throw new ScenarioException(o.loc("rate"), "only a \"rate\" event takes a rate");
            }
            out.add(new LinkEvent(at, action, rate, o.loc()));
        }
        out.sort(Comparator.comparingLong(LinkEvent::atPs));
        return out;
    }
}
