package org.mptcpsim.scenario.parse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.mptcpsim.net.DelayJitter;
import org.mptcpsim.net.Link;
import org.mptcpsim.scenario.model.BufferSpec;
import org.mptcpsim.scenario.model.AppSpec;
import org.mptcpsim.scenario.model.ConnectionSpec;
import org.mptcpsim.scenario.model.DirectionSpec;
import org.mptcpsim.scenario.model.HostSpec;
import org.mptcpsim.scenario.model.InterfaceSpec;
import org.mptcpsim.scenario.model.LinkEvent;
import org.mptcpsim.scenario.model.LinkModelSpec;
import org.mptcpsim.scenario.model.LinkSpec;
import org.mptcpsim.scenario.model.NodeSpec;
import org.mptcpsim.scenario.model.RouteSpec;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.model.SubflowSpec;

/**
 * Renders a loaded {@link Scenario} as a scenario file in the general form, with every generated
 * part expanded: the nodes and links of {@code topology:}, the connections of {@code traffic:},
 * the {@code --set} overrides applied (what {@code mptcp-sim check} prints). Loading the text again
 * gives the same nodes, links, hosts, routes and connections, with one exception: a short-form
 * ({@code paths:}) server's single interface {@code any} has no general-form spelling, so it comes
 * back with one interface per path. Values are written in the largest unit that keeps them exact
 * ({@code 10Gbit}, {@code 1us}); a connection's {@code kernel:} lists only the options that differ
 * from the scenario-wide ones. The {@code sweep:} grid is left out (this is one point of it).
 */
public final class ScenarioPrinter {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]*");
    private static final List<String> RESERVED = List.of("null", "true", "false", "yes", "no", "on", "off", "y", "n");

    private final StringBuilder out = new StringBuilder();

    private ScenarioPrinter() {
    }

    /** The expanded scenario as YAML. */
    public static String yaml(Scenario sc) {
        return new ScenarioPrinter().render(sc);
    }

    private String render(Scenario sc) {
        line("name: " + q(sc.name()));
        line("duration: " + time(sc.durationPs()));
        line("seed: " + sc.seed());
        line("sample: " + time(sc.samplePs()));
        Map<String, String> kernel = sc.kernel().explicit();
        if (!kernel.isEmpty()) {
            line("kernel:");
            kernel.forEach((k, v) -> line("  " + k + ": " + str(v)));
        }
        line("nodes:");
        for (NodeSpec n : sc.nodes()) {
            line("  - {id: " + q(n.id()) + ", type: " + (n.isHost() ? "host" : "switch") + "}");
        }
        line("links:");
        for (LinkSpec l : sc.links()) {
            line("  - " + link(l));
        }
        List<String> backups = new ArrayList<>();
        for (HostSpec h : sc.hosts().values()) {
            for (InterfaceSpec i : h.interfaces()) {
                if (i.backup() && !HostSpec.ANY.equals(i.name())) {
                    backups.add("  " + q(h.id()) + ": {interfaces: {" + q(i.name()) + ": {backup: true}}}");
                }
            }
        }
        if (!backups.isEmpty()) {
            line("hosts:");
            backups.forEach(this::line);
        }
        if (!sc.routes().isEmpty()) {
            line("routes:");
            for (RouteSpec r : sc.routes()) {
                line("  - {from: " + end(r.fromHost(), r.fromInterface()) + ", to: " + end(r.toHost(), r.toInterface())
                        + ", via: [" + String.join(", ", r.via().stream().map(ScenarioPrinter::q).toList()) + "]}");
            }
        }
        line("connections:");
        for (ConnectionSpec c : sc.connections()) {
            line("  - " + connection(c, sc));
        }
        return out.toString();
    }

    private static String link(LinkSpec l) {
        StringBuilder b = new StringBuilder("{id: " + q(l.id()) + ", from: " + q(l.from()) + ", to: " + q(l.to()));
        b.append(direction(l.forward(), null));
        if (l.rttPs() != null) {
            b.append(", rtt: ").append(time(l.rttPs()));
        }
        if (l.qdisc() != Link.Qdisc.DROPTAIL) {
            b.append(", qdisc: ").append(l.qdisc().name().toLowerCase(Locale.ROOT));
        }
        String rev = direction(l.reverse(), l.forward());
        if (!rev.isEmpty()) {
            b.append(", reverse: {").append(rev.substring(2)).append('}');
        }
        if (!l.schedule().isEmpty()) {
            List<String> ev = new ArrayList<>();
            for (LinkEvent e : l.schedule()) {
                ev.add("{at: " + time(e.atPs()) + ", action: " + e.action().name().toLowerCase(Locale.ROOT)
                        + (e.action() == LinkEvent.Action.RATE ? ", rate: " + rate(e.rateBps()) : "") + "}");
            }
            b.append(", schedule: [").append(String.join(", ", ev)).append(']');
        }
        return b.append('}').toString();
    }

    /**
     * ", rate: .., delay: .., buffer: .., loss: .." — with a base, only the fields that differ. A traced
     * direction prints its trace (an absolute path, so the text loads from anywhere) instead of its rate.
     */
    private static String direction(DirectionSpec d, DirectionSpec base) {
        StringBuilder b = new StringBuilder();
        LinkModelSpec m = d.model();
        LinkModelSpec bm = base == null ? null : base.model();
        if (d.traced()) {
            if (base == null || !base.traced() || !m.tracePath().equals(bm.tracePath())) {
                b.append(", trace: ").append(str(m.tracePath().toAbsolutePath().toString()));
            }
        } else if (base == null || base.traced() || d.rateBps() != base.rateBps()) {
            b.append(", rate: ").append(rate(d.rateBps()));
        }
        if (base == null || d.delayPs() != base.delayPs()) {
            b.append(", delay: ").append(time(d.delayPs()));
        }
        if (base == null || !buffer(d.buffer()).equals(buffer(base.buffer()))) {
            b.append(", buffer: ").append(buffer(d.buffer()));
        }
        LinkModelSpec.Gilbert g = m == null ? null : m.gilbert();
        LinkModelSpec.Gilbert bg = bm == null ? null : bm.gilbert();
        if (g != null) {
            if (!g.equals(bg)) {
                b.append(", loss: {model: gilbert, p: ").append(num(g.p())).append(", r: ").append(num(g.r()))
                        .append(", h: ").append(num(g.h())).append(", k: ").append(num(g.k())).append('}');
            }
        } else if (base == null ? d.loss() != 0 : d.loss() != base.loss() || bg != null) {
            b.append(", loss: ").append(BigDecimal.valueOf(d.loss()).stripTrailingZeros().toPlainString());
        }
        DelayJitter j = m == null ? null : m.jitter();
        DelayJitter bj = bm == null ? null : bm.jitter();
        if (j != null && !jitter(j).equals(bj == null ? "" : jitter(bj))) {
            b.append(", jitter: ").append(jitter(j));
        } else if (j == null && bj != null) {
            b.append(", jitter: 0");
        }
        boolean reorder = m != null && m.reorder();
        if (reorder != (bm != null && bm.reorder()) && (reorder || j != null)) {
            b.append(", reorder: ").append(reorder);
        }
        return b.toString();
    }

    private static String num(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String jitter(DelayJitter j) {
        String cap = j.maxPs() < DelayJitter.HARD_CAP_PS ? ", max: " + time(j.maxPs()) : "";
        return switch (j.dist()) {
            case UNIFORM -> "{dist: uniform, min: " + time(j.a()) + ", max: " + time(j.maxPs()) + "}";
            case EXPONENTIAL -> "{dist: exponential, mean: " + time(j.a()) + cap + "}";
            case NORMAL -> "{dist: normal, mean: " + time(j.a()) + ", sd: " + time(j.b()) + cap + "}";
            case PARETO -> "{dist: pareto, mean: " + time(j.a()) + ", shape: " + num(j.alpha()) + cap + "}";
        };
    }

    private static String connection(ConnectionSpec c, Scenario sc) {
        StringBuilder b = new StringBuilder("{id: " + q(c.id()) + ", type: "
                + c.type().name().toLowerCase(Locale.ROOT) + ", from: " + end(c.fromHost(), c.fromInterface())
                + ", to: " + end(c.toHost(), c.toInterface()));
        if (c.startPs() != 0) {
            b.append(", start: ").append(time(c.startPs()));
        }
        if (c.app() != null) {
            b.append(", app: ").append(app(c.app()));
        } else if (!c.isBulk()) {
            b.append(", size: ").append(c.sizeBytes()).append('B');
        }
        List<String> k = new ArrayList<>();
        Map<String, String> base = sc.kernel().effective();
        c.kernel().effective().forEach((name, v) -> {
            if (!v.equals(base.get(name))) {
                k.add(name + ": " + str(v));
            }
        });
        if (!k.isEmpty()) {
            b.append(", kernel: {").append(String.join(", ", k)).append('}');
        }
        if (!c.subflows().isEmpty()) {
            List<String> s = new ArrayList<>();
            for (SubflowSpec f : c.subflows()) {
                s.add("{from: " + end(f.fromHost(), f.fromInterface()) + ", to: " + end(f.toHost(), f.toInterface())
                        + "}");
            }
            b.append(", subflows: [").append(String.join(", ", s)).append(']');
        }
        return b.append('}').toString();
    }

    /** An app in the scenario format (flow form). */
    static String app(AppSpec a) {
        if (a instanceof AppSpec.Flows f) {
            String arrival = f.arrival().poisson() ? "poisson: {rate: " + f.arrival().ratePerS() + "/s}"
                    : "every: " + time(f.arrival().everyPs());
            return "{flows: {" + arrival + ", size: " + f.size().yaml() + (f.count() > 0 ? ", count: " + f.count() : "")
                    + "}}";
        }
        if (a instanceof AppSpec.RequestResponse r) {
            return "{request-response: {request: " + r.requestBytes() + "B, response: " + r.response().yaml()
                    + ", think: " + time(r.thinkPs()) + (r.count() > 0 ? ", count: " + r.count() : "") + "}}";
        }
        AppSpec.Stream s = (AppSpec.Stream) a;
        List<String> steps = new ArrayList<>();
        for (AppSpec.Step st : s.steps()) {
            steps.add("{at: " + time(st.atPs()) + ", rate: " + rate(st.rateBps()) + "}");
        }
        return "{stream: {bitrate: [" + String.join(", ", steps) + "], startup: " + time(s.startupPs()) + "}}";
    }

    private static String end(String host, String iface) {
        return q(iface == null ? host : host + ":" + iface);
    }

    /** A rate in the largest of Tbit, Gbit, Mbit, kbit that keeps it whole. */
    static String rate(long bps) {
        String[] units = {"Tbit", "Gbit", "Mbit", "kbit"};
        long[] mult = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
        for (int i = 0; i < units.length; i++) {
            if (bps % mult[i] == 0) {
                return bps / mult[i] + units[i];
            }
        }
        return bps + "bit";
    }

    /** A time in the largest of s, ms, us, ns that keeps it whole; {@code 0} for zero. */
    static String time(long ps) {
        if (ps == 0) {
            return "0";
        }
        String[] units = {"s", "ms", "us", "ns"};
        long[] mult = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
        for (int i = 0; i < units.length; i++) {
            if (ps % mult[i] == 0) {
                return ps / mult[i] + units[i];
            }
        }
        return ps + "ps";
    }

    static String buffer(BufferSpec b) {
        return switch (b.kind()) {
            case PACKETS -> b.count() + "pkt";
            case BYTES -> b.count() + "B";
            case BDP -> BigDecimal.valueOf(b.value()).stripTrailingZeros().toPlainString() + "BDP";
        };
    }

    /** An id or name, quoted when YAML would read it as something else. */
    private static String q(String s) {
        boolean plain = PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(Locale.ROOT))
                && !s.contains(": ");
        return plain ? s : str(s);
    }

    /** A double-quoted YAML string. */
    private static String str(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
