package org.mptcpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.ModelText;
import org.mptcpsim.scenario.TestPlugins;
import org.mptcpsim.scenario.model.Scenario;

class JsonYamlTest {

    static final ScenarioLoader LOADER = new ScenarioLoader(TestPlugins.REGISTRY);

    static final String YAML = """
            name: same
            duration: 30s
            seed: 3
            kernel:
              net.ipv4.tcp_congestion_control: olia
              net.ipv4.tcp_rmem: [4096, 87380, 6291456]
              mptcp_rr: {num_segments: 2, cwnd_limited: no}
            nodes:
              - {id: c, type: host}
              - {id: s, type: host}
              - {id: r, type: switch}
            links:
              - {id: a, from: c, to: r, rate: 1Gbit, delay: 1ms, buffer: 100pkt}
              - {id: b, from: c, to: r, rate: 100Mbit, delay: 2ms, buffer: 0.5BDP, loss: 1%}
              - id: bn
                from: r
                to: s
                rate: 12.5Mbit
                delay: 10ms
                buffer: 150KB
                rtt: 40ms
                reverse: {rate: 1Gbit}
                schedule: [{at: 10s, action: down}, {at: 20s, action: up}]
            hosts:
              c: {interfaces: {b: {backup: true}}}
            routes:
              - {from: c:a, to: s, via: [a, bn]}
            connections:
              - id: m
                type: mptcp
                from: c:a
                to: s
                start: 100ms
                size: 1MiB
                kernel: {net.mptcp.mptcp_scheduler: roundrobin}
                subflows: [{from: c:b, to: s}]
            sweep:
              seed: [1, 2]
            """;

    static final String JSON = """
            {"name": "same", "duration": "30s", "seed": 3,
             "kernel": {"net.ipv4.tcp_congestion_control": "olia", "net.ipv4.tcp_rmem": "4096 87380 6291456",
                        "mptcp_rr.num_segments": 2, "mptcp_rr.cwnd_limited": false},
             "nodes": [{"id": "c", "type": "host"}, {"id": "s", "type": "host"}, {"id": "r", "type": "switch"}],
             "links": [
               {"id": "a", "from": "c", "to": "r", "rate": "1Gbit", "delay": "1ms", "buffer": "100pkt"},
               {"id": "b", "from": "c", "to": "r", "rate": "100Mbit", "delay": "2ms", "buffer": "0.5BDP",
                "loss": "1%"},
               {"id": "bn", "from": "r", "to": "s", "rate": "12.5Mbit", "delay": "10ms", "buffer": "150KB",
                "rtt": "40ms", "reverse": {"rate": "1Gbit"},
                "schedule": [{"at": "10s", "action": "down"}, {"at": "20s", "action": "up"}]}],
             "hosts": {"c": {"interfaces": {"b": {"backup": true}}}},
             "routes": [{"from": "c:a", "to": "s", "via": ["a", "bn"]}],
             "connections": [{"id": "m", "type": "mptcp", "from": "c:a", "to": "s", "start": "100ms",
                              "size": "1MiB", "kernel": {"net.mptcp.mptcp_scheduler": "roundrobin"},
                              "subflows": [{"from": "c:b", "to": "s"}]}],
             "sweep": {"seed": [1, 2]}}
            """;

    @Test
    void sameModel() {
        Scenario y = LOADER.parse("same.yaml", YAML, List.of());
        Scenario j = LOADER.parse("same.json", JSON, List.of());
        assertEquals(ModelText.render(y), ModelText.render(j));
        assertEquals(y.kernel(), j.kernel());
        assertEquals("N", y.kernel().get("mptcp_rr.cwnd_limited"));
        assertEquals(1_048_576L, y.connection("m").sizeBytes());
        assertEquals(12_500_000L, y.link("bn").forward().rateBps());
        assertEquals(List.of("a", "bn"), y.routes().get(0).via());
        assertEquals("roundrobin", y.connection("m").kernel().scheduler());
        assertEquals("olia", y.connection("m").kernel().congestionControl());
        assertEquals(2, y.sweep().points().size());
    }
}
