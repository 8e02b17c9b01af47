package org.mptcpsim.scenario.parse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mptcpsim.net.Link;
import org.mptcpsim.scenario.model.BufferSpec;
import org.mptcpsim.scenario.model.DirectionSpec;
import org.mptcpsim.scenario.model.LinkEvent;
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
        DirectionSpec fwd = new DirectionSpec(Val.rate(o.req("rate"), o.sub("rate")),
                Val.time(o.req("delay"), o.sub("delay")), Val.buffer(o.req("buffer"), o.sub("buffer")),
                o.has("loss") ? Val.loss(o.opt("loss"), o.sub("loss")) : 0.0, o.loc());
        DirectionSpec rev = o.has("reverse") ? reverse(o.opt("reverse"), o.sub("reverse"), fwd) : fwd;
        Long rtt = null;
        if (o.has("rtt")) {
            rtt = Val.time(o.opt("rtt"), o.sub("rtt"));
            if (rtt <= 0) {
                throw new ScenarioException(o.loc("rtt"), "rtt must be above 0");
            }
        }
        List<LinkEvent> schedule = o.has("schedule") ? schedule(o.opt("schedule"), o.sub("schedule")) : List.of();
        Link.Qdisc qdisc = Link.Qdisc.DROPTAIL;
        if (o.has("qdisc")) {
            String q = Val.choice(o.opt("qdisc"), o.sub("qdisc"), QDISCS);
            qdisc = Link.Qdisc.valueOf(q.toUpperCase(java.util.Locale.ROOT));
        }
        return new LinkSpec(id, from, to, fwd, rev, rtt, schedule, qdisc, o.loc());
    }

    private static DirectionSpec reverse(Node node, String path, DirectionSpec fwd) {
        Obj o = new Obj(node, path, "a direction override", Schema.DIRECTION);
        long rate = o.has("rate") ? Val.rate(o.opt("rate"), o.sub("rate")) : fwd.rateBps();
        long delay = o.has("delay") ? Val.time(o.opt("delay"), o.sub("delay")) : fwd.delayPs();
        BufferSpec buffer = o.has("buffer") ? Val.buffer(o.opt("buffer"), o.sub("buffer")) : fwd.buffer();
        double loss = o.has("loss") ? Val.loss(o.opt("loss"), o.sub("loss")) : fwd.loss();
        return new DirectionSpec(rate, delay, buffer, loss, o.loc());
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
