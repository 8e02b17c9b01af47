package org.mptcpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.TestPlugins;
import org.mptcpsim.scenario.model.ScenarioException;

/** One test per kind of error: file, line, column and field path are asserted. */
class ErrorsTest {

    static final ScenarioLoader LOADER = new ScenarioLoader(TestPlugins.REGISTRY);

    /** A valid general-form scenario; tests replace one line. */
    static final String BASE = """
            duration: 10s
            kernel:
              net.ipv4.tcp_congestion_control: lia
            nodes:
              - {id: a, type: host}
              - {id: b, type: host}
            links:
              - id: l1
                from: a
                to: b
                rate: 10Mbit
                delay: 5ms
                buffer: 100pkt
            connections:
              - {id: m1, type: mptcp, from: a, to: b}
            """;

    static ScenarioException fail(String file, String text, String... sets) {
        return assertThrows(ScenarioException.class, () -> LOADER.parse(file, text, List.of(sets)));
    }

    static ScenarioException failBase(String from, String to) {
        assertTrue(BASE.contains(from), from);
        return fail("t.yaml", BASE.replace(from, to));
    }

    static void at(ScenarioException e, String file, int line, int col, String path) {
        assertEquals(file, e.file(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(col, e.col(), e.getMessage());
        assertEquals(path, e.path(), e.getMessage());
    }

    @Test
    void baseIsValid() {
        assertEquals(1, LOADER.parse("t.yaml", BASE, List.of()).connections().size());
    }

    @Test
    void yamlSyntax() {
        ScenarioException e = failBase("    rate: 10Mbit", "    rate: [10Mbit");
        assertEquals("t.yaml", e.file());
        assertTrue(e.line() >= 11, e.getMessage());
        assertTrue(e.problem().startsWith("syntax error"), e.getMessage());
    }

    @Test
    void yamlBadIndentation() {
        ScenarioException e = failBase("    delay: 5ms", "  delay: 5ms");
        assertEquals("t.yaml", e.file());
        assertEquals(12, e.line(), e.getMessage());
        assertTrue(e.problem().startsWith("syntax error"), e.getMessage());
    }

    @Test
    void yamlTabIsLocatedAtTheTab() {
        ScenarioException e = failBase("    delay: 5ms", "\tdelay: 5ms");
        at(e, "t.yaml", 12, 1, "");
        assertTrue(e.problem().contains("TAB"), e.getMessage());
    }

    @Test
    void forwardingOnASwitch() {
        ScenarioException e = failBase("  - {id: b, type: host}\n", "  - {id: b, type: host}\n  - {id: r, type: switch, forwarding: true}\n");
        at(e, "t.yaml", 7, 39, "nodes[r].forwarding");
        assertTrue(e.problem().contains("forwarding applies to hosts"), e.getMessage());
    }

    @Test
    void forwardingNotABoolean() {
        ScenarioException e = failBase("  - {id: b, type: host}", "  - {id: b, type: host, forwarding: maybe}");
        at(e, "t.yaml", 6, 37, "nodes[b].forwarding");
    }

    @Test
    void unknownHostInHostsBlock() {
        ScenarioException e = fail("t.yaml", BASE + "hosts:\n  c: {interfaces: {l1: {backup: true}}}\n");
        at(e, "t.yaml", 17, 3, "hosts.c");
        assertEquals(List.of("a", "b"), e.allowed());
    }

    @Test
    void unknownRouteLink() {
        String text = BASE.replace("connections:", "routes:\n  - {from: a, to: b, via: [l2]}\nconnections:");
        ScenarioException e = fail("t.yaml", text);
        at(e, "t.yaml", 15, 28, "routes[0].via[0]");
        assertTrue(e.problem().contains("unknown link \"l2\"; did you mean l1?"), e.getMessage());
    }

    @Test
    void badScheduleAction() {
        ScenarioException e = failBase("    buffer: 100pkt",
                "    buffer: 100pkt\n    schedule:\n      - {at: 1s, action: flap}");
        at(e, "t.yaml", 15, 26, "links[l1].schedule[0].action");
        assertEquals(List.of("down", "up", "rate"), e.allowed());
    }

    @Test
    void jsonSyntax() {
        ScenarioException e = fail("t.json", "{\n  \"duration\": \"10s\",\n  \"seed\": 1,,\n}\n");
        at(e, "t.json", 3, 13, "");
        assertTrue(e.problem().startsWith("syntax error"), e.getMessage());
    }

    /** Jackson's feature names (ALLOW_COMMENTS, JsonReadFeature...) and [Source: ...] no longer reach the user. */
    @Test
    void jsonSyntaxInPlainWords() {
        ScenarioException c = fail("t.json", "{\n  // two paths\n  \"duration\": \"10s\"\n}\n");
        at(c, "t.json", 2, 3, "");
        assertTrue(c.problem().startsWith("syntax error: comments are not allowed in JSON scenario files"),
                c.getMessage());
        // "  \"loss\": " is 10 characters: NaN at column 11 of line 3
        ScenarioException n = fail("t.json", "{\n  \"duration\": \"10s\",\n  \"loss\": NaN\n}\n");
        at(n, "t.json", 3, 11, "");
        assertTrue(n.problem().startsWith("syntax error: NaN is not a number here"), n.getMessage());
        ScenarioException t = fail("t.json", "{\n  \"duration\": \"10s\",\n  \"paths\": [");
        // the list opens at column 12 of line 3 ("  \"paths\": " is 11 characters)
        assertTrue(t.problem().equals("syntax error: the file ends in the middle of a value (the list opened at"
                + " line 3, column 12 is not closed by ])"), t.getMessage());
        ScenarioException q = fail("t.json", "{\n  \"duration\": \"10");
        assertTrue(q.problem().equals("syntax error: the file ends in the middle of a value (a string is not"
                + " closed by \")"), q.getMessage());
        for (ScenarioException e : List.of(c, n, t, q)) {
            assertTrue(!e.getMessage().contains("Feature") && !e.getMessage().contains("Source")
                    && !e.getMessage().contains("code "), e.getMessage());
        }
    }

    @Test
    void emptyFile() {
        at(fail("t.yaml", "# nothing\n"), "t.yaml", 1, 1, "");
    }

    @Test
    void duplicateKey() {
        ScenarioException e = failBase("    delay: 5ms", "    delay: 5ms\n    delay: 6ms");
        at(e, "t.yaml", 13, 5, "");
        assertTrue(e.problem().contains("duplicate key \"delay\""), e.getMessage());
    }

    @Test
    void unknownFieldWithSuggestion() {
        ScenarioException e = failBase("    rate: 10Mbit", "    rat: 10Mbit");
        at(e, "t.yaml", 11, 5, "links[l1].rat");
        assertTrue(e.problem().contains("did you mean rate"), e.getMessage());
        assertTrue(e.allowed().contains("buffer"));
    }

    @Test
    void unknownTopLevelField() {
        ScenarioException e = failBase("duration: 10s", "duraton: 10s");
        at(e, "t.yaml", 1, 1, "duraton");
        assertTrue(e.problem().contains("did you mean duration?"), e.getMessage());
    }

    @Test
    void wrongType() {
        ScenarioException e = failBase("    rate: 10Mbit", "    rate: {x: 1}");
        at(e, "t.yaml", 11, 11, "links[l1].rate");
        assertTrue(e.problem().contains("expected a rate"), e.getMessage());
        assertTrue(e.problem().contains("found a map"), e.getMessage());
    }

    @Test
    void listExpected() {
        ScenarioException e = failBase("    buffer: 100pkt", "    buffer: 100pkt\n    schedule: 3");
        at(e, "t.yaml", 14, 15, "links[l1].schedule");
        assertTrue(e.problem().contains("expected a list of link events"), e.getMessage());
    }

    @Test
    void badUnit() {
        ScenarioException e = failBase("    rate: 10Mbit", "    rate: 10Mbt");
        at(e, "t.yaml", 11, 11, "links[l1].rate");
        assertEquals("t.yaml:11:11: links[l1].rate: \"10Mbt\" is not a rate; use a number with bit, kbit, Mbit"
                + " or Gbit (e.g. 10Mbit)", e.getMessage());
    }

    @Test
    void byteRateIsRefusedAtTheField() {
        // 10MBps read as 10 Mbit/s was 8x too slow for a byte rate: refused where it is written
        ScenarioException e = failBase("    rate: 10Mbit", "    rate: 10MBps");
        at(e, "t.yaml", 11, 11, "links[l1].rate");
        assertTrue(e.problem().contains("use Mbit or Gbit (bits per second); tc's mbps means megabytes per second"),
                e.getMessage());
    }

    @Test
    void zeroReceiveBufferIsLocatedAtTheOption() {
        // "  net.ipv4.tcp_rmem: 0 0 0" is line 4; the value starts after 2 + 17 (the name) + 2 (": ") = 21 characters
        ScenarioException e = failBase("  net.ipv4.tcp_congestion_control: lia",
                "  net.ipv4.tcp_congestion_control: lia\n  net.ipv4.tcp_rmem: 0 0 0");
        at(e, "t.yaml", 4, 22, "kernel.net.ipv4.tcp_rmem");
        assertTrue(e.problem().contains("each value is 1..2147483647"), e.getMessage());
    }

    /**
     * An MPTCP packet's payload is sim.mtu - sim.header_bytes (52) - sim.dss_bytes (20 out-of-tree): sim.mtu 72
     * left 0 bytes (a division by zero in the receive buffer), 68 left -4; the smallest that works is 52 + 20 + 1 = 73.
     */
    @Test
    void mtuWithoutRoomForPayloadIsLocatedAtTheOption() {
        ScenarioException e = failBase("  net.ipv4.tcp_congestion_control: lia",
                "  net.ipv4.tcp_congestion_control: lia\n  sim.mtu: 72");
        // "  sim.mtu: " is 11 characters: the value is at column 12 of line 4
        at(e, "t.yaml", 4, 12, "kernel.sim.mtu");
        assertTrue(e.problem().contains("sim.mtu 72 - sim.header_bytes 52 - sim.dss_bytes 20 leaves 0 payload bytes"
                + " per packet of connection m1; at least 1 is needed: sim.mtu must be at least 73"), e.getMessage());
        ScenarioException neg = fail("t.yaml", BASE, "sim.mtu=68");
        assertEquals("--set sim.mtu=68", neg.file());
        assertTrue(neg.problem().contains("leaves -4 payload bytes"), neg.getMessage());
        // header_bytes 120 (its largest) + dss 20 exceed an MTU of 100 by 40; at least 120 + 20 + 1 = 141
        ScenarioException hdr = fail("t.yaml", BASE, "sim.mtu=100", "sim.header_bytes=120");
        assertTrue(hdr.problem().contains("leaves -40 payload bytes per packet of connection m1; at least 1 is"
                + " needed: sim.mtu must be at least 141"), hdr.getMessage());
        // a plain TCP connection carries no DSS: 72 - 52 = 20 bytes of payload is allowed
        LOADER.parse("t.yaml", BASE.replace("type: mptcp", "type: tcp"), List.of("sim.mtu=72"));
    }

    @Test
    void outOfRange() {
        ScenarioException e = failBase("    buffer: 100pkt", "    buffer: 100pkt\n    loss: 120%");
        at(e, "t.yaml", 14, 11, "links[l1].loss");
        assertTrue(e.problem().contains("out of range"), e.getMessage());
    }

    @Test
    void missingRequiredField() {
        ScenarioException e = failBase("    delay: 5ms\n", "");
        at(e, "t.yaml", 8, 5, "links[l1]");
        assertTrue(e.problem().contains("missing required field \"delay\""), e.getMessage());
    }

    @Test
    void missingDuration() {
        ScenarioException e = failBase("duration: 10s\n", "");
        at(e, "t.yaml", 1, 1, "");
        assertTrue(e.problem().contains("\"duration\""), e.getMessage());
    }

    @Test
    void duplicateId() {
        ScenarioException e = failBase("  - {id: b, type: host}", "  - {id: a, type: host}");
        at(e, "t.yaml", 6, 10, "nodes[a].id");
        assertTrue(e.problem().contains("duplicate node id \"a\""), e.getMessage());
    }

    @Test
    void unknownLinkEndpoint() {
        ScenarioException e = failBase("    to: b", "    to: c");
        at(e, "t.yaml", 10, 9, "links[l1].to");
        assertTrue(e.problem().contains("unknown node \"c\""), e.getMessage());
        assertEquals(List.of("a", "b"), e.allowed());
    }

    @Test
    void unknownConnectionHost() {
        ScenarioException e = failBase("from: a, to: b}", "from: a, to: bb}");
        at(e, "t.yaml", 15, 40, "connections[m1].to");
        assertTrue(e.problem().contains("unknown host \"bb\"; did you mean b?"), e.getMessage());
    }

    @Test
    void unknownInterface() {
        ScenarioException e = failBase("from: a, to: b}", "from: a:l2, to: b}");
        at(e, "t.yaml", 15, 33, "connections[m1].from");
        assertTrue(e.problem().contains("no interface \"l2\""), e.getMessage());
        assertEquals(List.of("l1"), e.allowed());
    }

    @Test
    void unknownKernelOptionWithSuggestion() {
        ScenarioException e = failBase("  net.ipv4.tcp_congestion_control: lia", "  net.ipv4.tcp_congestion_contrl: lia");
        at(e, "t.yaml", 3, 3, "kernel.net.ipv4.tcp_congestion_contrl");
        assertTrue(e.problem().contains("did you mean net.ipv4.tcp_congestion_control?"), e.getMessage());
    }

    @Test
    void badOptionValue() {
        ScenarioException e = failBase("  net.ipv4.tcp_congestion_control: lia",
                "  net.ipv4.tcp_congestion_control: lia\n  tcp_cubic.beta: 2000");
        at(e, "t.yaml", 4, 19, "kernel.tcp_cubic.beta");
        assertTrue(e.problem().contains("out of range; expected an integer 1..1024"), e.getMessage());
    }

    @Test
    void badEnumOptionValue() {
        ScenarioException e = failBase("  net.ipv4.tcp_congestion_control: lia",
                "  net.ipv4.tcp_congestion_control: lia\n  flavour: upstrem");
        at(e, "t.yaml", 4, 12, "kernel.flavour");
        assertEquals(List.of("mptcp-v0.95", "upstream"), e.allowed());
    }

    @Test
    void unknownCcListsKnown() {
        ScenarioException e = failBase("lia", "bbr");
        at(e, "t.yaml", 3, 36, "kernel.net.ipv4.tcp_congestion_control");
        assertTrue(e.problem().contains("\"bbr\" is not a known congestion control"), e.getMessage());
        assertEquals(List.of("balia", "cubic", "lia", "olia", "reno", "testcc", "wvegas"), e.allowed());
    }

    @Test
    void perConnectionOptionLocated() {
        ScenarioException e = failBase("to: b}", "to: b, kernel: {net.ipv4.tcp_congestion_control: foo}}");
        assertEquals("connections[m1].kernel.net.ipv4.tcp_congestion_control", e.path());
        assertEquals(15, e.line());
    }

    @Test
    void badSetKey() {
        ScenarioException e = fail("t.yaml", BASE, "links.l1.rat=5Mbit");
        at(e, "--set links.l1.rat=5Mbit", 0, 0, "links.l1.rat");
        assertTrue(e.problem().contains("did you mean rate"), e.getMessage());
        ScenarioException e2 = fail("t.yaml", BASE, "duratin=5s");
        assertTrue(e2.problem().contains("unknown --set key \"duratin\"; did you mean duration?"), e2.getMessage());
        assertTrue(e2.allowed().contains("links.<id>.<field>"));
        ScenarioException e3 = fail("t.yaml", BASE, "links.l9.rate=5Mbit");
        assertEquals(List.of("l1"), e3.allowed());
        ScenarioException e4 = fail("t.yaml", BASE, "noequals");
        assertTrue(e4.problem().contains("KEY=VALUE"), e4.getMessage());
    }

    @Test
    void badSetValue() {
        ScenarioException e = fail("t.yaml", BASE, "net.ipv4.tcp_congestion_control=foo");
        assertEquals("--set net.ipv4.tcp_congestion_control=foo", e.file());
        assertEquals(0, e.line());
        assertEquals("kernel.net.ipv4.tcp_congestion_control", e.path());
        assertTrue(e.getMessage().startsWith("--set net.ipv4.tcp_congestion_control=foo: kernel.net.ipv4."
                + "tcp_congestion_control: \"foo\" is not a known congestion control"), e.getMessage());
        ScenarioException e2 = fail("t.yaml", BASE, "links.l1.rate=fast");
        assertEquals("--set links.l1.rate=fast: links[l1].rate: \"fast\" is not a rate; use a number with bit,"
                + " kbit, Mbit or Gbit (e.g. 10Mbit)", e2.getMessage());
    }

    @Test
    void connectionStartsAfterEnd() {
        ScenarioException e = failBase("to: b}", "to: b, start: 20s}");
        assertEquals("connections[m1].start", e.path());
    }

    /** BASE runs 10 s: an event at 10 s or later never happens, and is refused like a connection start then. */
    @Test
    void scheduleEventAfterTheEnd() {
        ScenarioException e = failBase("    buffer: 100pkt",
                "    buffer: 100pkt\n    schedule:\n      - {at: 1s, action: down}\n      - {at: 15s, action: up}");
        // the second event's map starts at column 9 of line 16 ("      - " is 8 characters)
        at(e, "t.yaml", 16, 9, "links[l1].schedule[1].at");
        assertTrue(e.problem().contains("the link event is at or after the end of the run (duration 10s)"),
                e.getMessage());
        ScenarioException set = fail("t.yaml", BASE, "links.l1.schedule=[{at: 10s, action: down}]");
        assertEquals("--set links.l1.schedule=[{at: 10s, action: down}]", set.file());
        assertEquals("links[l1].schedule[0].at", set.path());
        // 9.999 s is before the end: allowed
        LOADER.parse("t.yaml", BASE, List.of("links.l1.schedule=[{at: 9999ms, action: down}]"));
    }

    @Test
    void tcpWithSubflows() {
        ScenarioException e = failBase("type: mptcp, from: a, to: b}", "type: tcp, from: a, to: b, subflows: []}");
        assertEquals("connections[m1].subflows", e.path());
    }

    @Test
    void routeMustBeConnected() {
        String text = BASE.replace("connections:", """
                routes:
                  - {from: a, to: b, via: [l1, l1]}
                connections:""");
        ScenarioException e = fail("t.yaml", text);
        at(e, "t.yaml", 15, 28, "routes[0].via[0]");
        assertTrue(e.problem().contains("passes through host b"), e.getMessage());
    }

    /**
     * Two ways from a to b: through switch s (as, sb) and through host h (ah, hb); line 13 is the
     * route under test, the first route when there are two.
     */
    static final String ROUTES = """
            duration: 10s
            nodes:
              - {id: a, type: host}
              - {id: b, type: host}
              - {id: h, type: host}
              - {id: s, type: switch}
            links:
              - {id: as, from: a, to: s, rate: 10Mbit, delay: 5ms, buffer: 100pkt}
              - {id: sb, from: s, to: b, rate: 10Mbit, delay: 5ms, buffer: 100pkt}
              - {id: ah, from: a, to: h, rate: 10Mbit, delay: 5ms, buffer: 100pkt}
              - {id: hb, from: h, to: b, rate: 10Mbit, delay: 5ms, buffer: 100pkt}
            routes:
              - ROUTE
            connections:
              - {id: m1, type: mptcp, from: a, to: b}
            """;

    private static ScenarioException failRoute(String route) {
        return fail("t.yaml", ROUTES.replace("- ROUTE", route));
    }

    @Test
    void routeLinksMustFollowEachOther() {
        // as ends at s; hb (h - b) does not touch s
        ScenarioException e = failRoute("- {from: a, to: b, via: [as, hb]}");
        at(e, "t.yaml", 13, 32, "routes[0].via[1]");
        assertTrue(e.problem().contains("link hb (h - b) does not continue the route at node s"), e.getMessage());
    }

    @Test
    void routeThroughANonForwardingHostIsRefused() {
        // ah reaches host h, which does not forward (ip_forward=0): Linux would drop the packet there
        ScenarioException e = failRoute("- {from: a, to: b, via: [ah, hb]}");
        at(e, "t.yaml", 13, 28, "routes[0].via[0]");
        assertTrue(e.problem().contains("passes through host h"), e.getMessage());
        assertTrue(e.problem().contains("forwarding: true"), e.getMessage());
    }

    @Test
    void routeThroughAForwardingHostIsAccepted() {
        String text = ROUTES.replace("{id: h, type: host}", "{id: h, type: host, forwarding: true}")
                .replace("- ROUTE", "- {from: a, to: b, via: [ah, hb]}");
        assertEquals(List.of("ah", "hb"), LOADER.parse("t.yaml", text, List.of()).routes().get(0).via());
    }

    @Test
    void routeMustReachItsDestinationInterface() {
        // b's interface sb is link sb; the route arrives over hb
        String text = ROUTES.replace("{id: h, type: host}", "{id: h, type: host, forwarding: true}")
                .replace("- ROUTE", "- {from: a, to: b:sb, via: [ah, hb]}");
        ScenarioException e = fail("t.yaml", text);
        at(e, "t.yaml", 13, 35, "routes[0].via[1]");
        assertTrue(e.problem().contains("reaches b:sb, which is not attached to link hb"), e.getMessage());
    }

    @Test
    void routeMustEndAtItsDestination() {
        ScenarioException e = failRoute("- {from: a, to: b, via: [as]}");
        at(e, "t.yaml", 13, 28, "routes[0].via[0]");
        assertTrue(e.problem().contains("ends at s, not at b"), e.getMessage());
    }

    @Test
    void oneRoutePerAddressPairEitherWayRound() {
        // a route also carries its reverse direction, so b -> a after a -> b would never apply
        ScenarioException e = failRoute("- {from: a, to: b, via: [as, sb]}\n  - {from: b, to: a, via: [sb, as]}");
        at(e, "t.yaml", 14, 12, "routes[1].from");
        assertTrue(e.problem().contains("a route between b and a is already given at t.yaml:13:"), e.getMessage());
    }

    @Test
    void routeJoinsTwoHosts() {
        ScenarioException e = failRoute("- {from: a, to: a, via: [as, as]}");
        at(e, "t.yaml", 13, 19, "routes[0].to");
    }

    @Test
    void jsonErrorsLocated() {
        String json = """
                {"duration": "10s",
                 "paths": [{"id": "p1", "rate": "10Mbit", "delay": "5ms", "buffer": "1BDP"},
                           {"id": "p2", "rate": "10Mbit", "delay": "5 parsecs", "buffer": "1BDP"}]}
                """;
        ScenarioException e = fail("t.json", json);
        at(e, "t.json", 3, 52, "paths[p2].delay");
    }

    // ---------------------------------------------------------------- issue 9: no stack trace for any input

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    /** Loads bytes written to a file (the loader decodes files itself). */
    ScenarioException failBytes(byte[] bytes) throws java.io.IOException {
        java.nio.file.Path f = tmp.resolve("t.yaml");
        java.nio.file.Files.write(f, bytes);
        return assertThrows(ScenarioException.class, () -> LOADER.load(f, List.of()));
    }

    static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void latin1ByteIsLocatedByOffsetLineAndColumn() throws java.io.IOException {
        // repro crash-non-utf8.yaml: "name: bad" with a Latin-1 e-acute (0xE9) after "name: ba"
        byte[] b = utf8("duration: 10s\nname: ba?\n");
        b[22] = (byte) 0xe9;
        ScenarioException e = failBytes(b);
        // offset 22 = 14 bytes of line 1 + "name: ba" (8); column 9 on line 2
        at(e, tmp.resolve("t.yaml").toString(), 2, 9, "");
        assertTrue(e.problem().contains("0xE9") && e.problem().contains("offset 22")
                && e.problem().contains("must be UTF-8"), e.getMessage());
    }

    @Test
    void utf16WithAndWithoutByteOrderMarkIsRefused() throws java.io.IOException {
        // repro crash-utf16.yaml: FF FE then UTF-16LE
        byte[] bom = BASE.getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[bom.length + 2];
        withBom[0] = (byte) 0xff;
        withBom[1] = (byte) 0xfe;
        System.arraycopy(bom, 0, withBom, 2, bom.length);
        ScenarioException e = failBytes(withBom);
        assertEquals(1, e.line(), e.getMessage());
        assertTrue(e.problem().contains("UTF-16") && e.problem().contains("must be UTF-8"), e.getMessage());
        // without a mark: "d\0u\0..." - the first NUL is byte 1, line 1 column 2
        e = failBytes(bom);
        at(e, tmp.resolve("t.yaml").toString(), 1, 2, "");
        assertTrue(e.problem().contains("NUL") && e.problem().contains("UTF-16"), e.getMessage());
    }

    @Test
    void truncatedMultiByteSequenceAndUtf8BomAreHandled() throws java.io.IOException {
        // fuzz-0010: a 4-byte lead (0xF0) followed by ASCII
        ScenarioException e = failBytes(new byte[] {'a', ':', ' ', (byte) 0xf0, 'x', '\n'});
        at(e, tmp.resolve("t.yaml").toString(), 1, 4, "");
        // a UTF-8 byte-order mark is allowed and dropped
        byte[] b = utf8("\ufeff" + BASE);
        java.nio.file.Path f = tmp.resolve("bom.yaml");
        java.nio.file.Files.write(f, b);
        assertEquals(1, LOADER.load(f, List.of()).connections().size());
    }

    @Test
    void hostWithoutLinksAsAnEndpointIsLocated() {
        // repro npe-host-without-links.yaml / fuzz-0300 / fuzz-1102 / fuzz2-1453 (NullPointerException in the runner)
        assertEquals(1, LOADER.parse("t.yaml", BASE.replace("  - {id: b, type: host}\n",
                "  - {id: b, type: host}\n  - {id: c, type: host}\n"), List.of()).connections().size(),
                "an unused host without links is fine");
        ScenarioException e = fail("t.yaml", BASE.replace("  - {id: b, type: host}\n", "  - {id: b, type: host}\n  - {id: c, type: host}\n")
                .replace("from: a, to: b}", "from: a, to: c}"));
        at(e, "t.yaml", 16, 40, "connections[m1].to"); // "  - {id: m1, type: mptcp, from: a, to: " is 39 characters
        assertTrue(e.problem().contains("host c has no links"), e.getMessage());
        assertEquals(List.of("a", "b"), e.allowed());
    }

    @Test
    void unknownEndpointFlagIsFoundAtLoadTime() {
        // repro endpoints-typo.yaml: the flag was found only when the path manager started
        ScenarioLoader real = new ScenarioLoader();
        String text = "duration: 5s\nkernel:\n  flavour: upstream\n  net.ipv4.tcp_congestion_control: cubic\n"
                + "  net.mptcp.mptcp_path_manager: kernel\n  mptcp.endpoints: \"p2 subflw\"\n"
                + "paths:\n  - {id: p1, rate: 8Mbit, delay: 10ms, buffer: 50pkt}\n"
                + "  - {id: p2, rate: 8Mbit, delay: 10ms, buffer: 50pkt}\n";
        ScenarioException e = assertThrows(ScenarioException.class, () -> real.parse("t.yaml", text, List.of()));
        at(e, "t.yaml", 6, 20, "kernel.mptcp.endpoints");
        assertTrue(e.problem().contains("unknown flag \"subflw\"") && e.problem().contains("signal, subflow, backup"),
                e.getMessage());
        e = assertThrows(ScenarioException.class, () -> real.parse("t.yaml", text.replace("p2 subflw", "p2 subflow"),
                List.of("mptcp.limits=subflows 9")));
        assertTrue(e.problem().contains("0..8"), e.getMessage());
        assertEquals(1, real.parse("t.yaml", text.replace("p2 subflw", "p2 subflow"), List.of()).connections().size());
    }

    @Test
    void yamlAliasIsRefusedAtTheAlias() {
        // repro msg-yaml-alias-read-as-name.yaml: "*r" was read as the rate "r"
        ScenarioException e = failBase("    rate: 10Mbit\n    delay: 5ms", "    rate: &r 10Mbit\n    delay: *r");
        at(e, "t.yaml", 12, 12, "");
        assertTrue(e.problem().contains("aliases are not supported") && e.problem().contains("*r"), e.getMessage());
    }

    @Test
    void yamlMergeKeyIsRefusedAtTheKey() {
        ScenarioException e = failBase("    rate: 10Mbit", "    <<: {rate: 10Mbit}");
        at(e, "t.yaml", 11, 5, "");
        assertTrue(e.problem().contains("merge keys (<<) are not supported"), e.getMessage());
    }

    @Test
    void deepNestingIsLocatedAtTheDeepestNode() {
        // 2000 nested lists: Jackson's own limit said "StreamReadConstraints.getMaxNestingDepth()" at 1:1
        String deep = "[".repeat(2000) + "]".repeat(2000);
        ScenarioException e = failBase("    buffer: 100pkt", "    buffer: " + deep);
        // the root map is depth 1, "links" 2, the link map 3, so the n-th "[" is at depth n + 3:
        // depth 33 (the first beyond MAX_DEPTH) is the 30th, column 13 + 29
        at(e, "t.yaml", 13, 42, "");
        assertTrue(e.problem().contains("nested more than " + TreeReader.MAX_DEPTH + " levels"), e.getMessage());
        assertTrue(!e.getMessage().contains("StreamReadConstraints"), e.getMessage());
    }
}
