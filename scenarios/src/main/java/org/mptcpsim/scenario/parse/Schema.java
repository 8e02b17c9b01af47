package org.mptcpsim.scenario.parse;

import java.util.List;

/** The fields each kind of object accepts, in documentation order. */
final class Schema {

    static final List<String> TOP = List.of("name", "duration", "seed", "sample", "kernel", "paths", "topology",
            "nodes", "links", "hosts", "routes", "connections", "traffic", "sweep");
    static final List<String> TOP_SCALARS = List.of("name", "duration", "seed", "sample");
    static final List<String> PATH = List.of("id", "rate", "trace", "delay", "buffer", "loss", "jitter", "reorder",
            "rtt", "qdisc", "reverse", "schedule");
    static final List<String> LINK = List.of("id", "from", "to", "rate", "trace", "delay", "buffer", "loss", "jitter",
            "reorder", "rtt", "qdisc", "reverse", "schedule");
    static final List<String> DIRECTION = List.of("rate", "trace", "delay", "buffer", "loss", "jitter", "reorder");
    static final List<String> EVENT = List.of("at", "action", "rate");
    static final List<String> NODE = List.of("id", "type", "forwarding");
    static final List<String> HOST = List.of("interfaces");
    static final List<String> INTERFACE = List.of("backup");
    static final List<String> ROUTE = List.of("from", "to", "via");
    static final List<String> CONNECTION = List.of("id", "type", "from", "to", "start", "size", "app", "kernel", "subflows");
    static final List<String> SUBFLOW = List.of("from", "to");
    static final List<String> TRAFFIC = List.of("pattern", "type", "hosts", "start", "size", "kernel", "seed");

    private Schema() {
    }
}
