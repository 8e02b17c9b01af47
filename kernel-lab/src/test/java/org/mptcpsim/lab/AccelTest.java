package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The accelerator decision with fake probes: nothing boots here. */
class AccelTest {
    static final String HOST = "testhost/6.18/qemu 1@1";

    static final class FakeProber implements Accel.Prober {
        final AtomicInteger calls = new AtomicInteger();
        final boolean boots;

        FakeProber(boolean boots) {
            this.boots = boots;
        }

        @Override
        public Accel.ProbeResult probe(Path kernel) {
            calls.incrementAndGet();
            return boots ? new Accel.ProbeResult(true, 0.8, "guest printed 'Linux version'")
                    : new Accel.ProbeResult(false, 12.0, "no 'Linux version' on the serial console within 12 s");
        }
    }

    static Path kernel(Path dir) throws IOException {
        Path k = dir.resolve("vmlinuz-test");
        Files.write(k, new byte[] {1, 2, 3});
        return k;
    }

    @Test
    void overrideWinsWithoutProbing(@TempDir Path dir) throws Exception {
        FakeProber p = new FakeProber(false);
        Accel.Choice c = Accel.choose("kvm", true, true, kernel(dir), dir, HOST, p);
        assertEquals("kvm", c.accel());
        assertEquals("skipped", c.probe());
        assertEquals(0, p.calls.get());
        assertEquals("tcg", Accel.choose(" tcg ", true, true, kernel(dir), dir, HOST, new FakeProber(true)).accel());
    }

    @Test
    void noUsableDevKvmMeansTcgAtOnce(@TempDir Path dir) throws Exception {
        FakeProber p = new FakeProber(true);
        Accel.Choice absent = Accel.choose(null, false, false, kernel(dir), dir, HOST, p);
        Accel.Choice denied = Accel.choose("", true, false, kernel(dir), dir, HOST, p);
        assertEquals(Accel.TCG, absent.accel());
        assertEquals(Accel.TCG, denied.accel());
        assertTrue(absent.reason().contains("absent"), absent.reason());
        assertTrue(denied.reason().contains("not accessible"), denied.reason());
        assertEquals(0, p.calls.get());
    }

    @Test
    void aFailedProbeChoosesTcgAndIsCached(@TempDir Path dir) throws Exception {
        Path k = kernel(dir);
        FakeProber p = new FakeProber(false);
        Accel.Choice first = Accel.choose(null, true, true, k, dir.resolve("cache"), HOST, p);
        assertEquals(Accel.TCG, first.accel());
        assertEquals("failed", first.probe());
        assertFalse(first.cached());
        Accel.Choice second = Accel.choose(null, true, true, k, dir.resolve("cache"), HOST, p);
        assertEquals(Accel.TCG, second.accel());
        assertTrue(second.cached());
        assertEquals(12.0, second.probeSeconds(), 1e-9);
        assertEquals(1, p.calls.get(), "the probe is paid once per kernel image and host");
        JsonNode j = second.toJson();
        assertEquals("tcg", j.path("chosen").asText());
        assertEquals("failed", j.path("probe").asText());
        assertTrue(j.path("probeCached").asBoolean());
    }

    @Test
    void aPassedProbeChoosesKvm(@TempDir Path dir) throws Exception {
        FakeProber p = new FakeProber(true);
        Accel.Choice c = Accel.choose(null, true, true, kernel(dir), dir, HOST, p);
        assertEquals(Accel.KVM, c.accel());
        assertEquals("passed", c.probe());
        assertEquals("kvm", c.toJson().path("chosen").asText());
    }

    @Test
    void anotherImageOrHostOrAChangedImageIsACacheMiss(@TempDir Path dir) throws Exception {
        Path k = kernel(dir);
        FakeProber p = new FakeProber(false);
        Accel.choose(null, true, true, k, dir, HOST, p);
        Accel.choose(null, true, true, k, dir, "otherhost/6.1/qemu 1@1", p);
        assertEquals(2, p.calls.get());
        Files.setLastModifiedTime(k, FileTime.fromMillis(Files.getLastModifiedTime(k).toMillis() + 60_000));
        Accel.choose(null, true, true, k, dir, HOST, p);
        assertEquals(3, p.calls.get());
        Path other = dir.resolve("vmlinuz-other");
        Files.write(other, new byte[] {1, 2, 3, 4});
        Accel.choose(null, true, true, other, dir, HOST, p);
        assertEquals(4, p.calls.get());
        Accel.choose(null, true, true, other, dir, HOST, p);
        assertEquals(4, p.calls.get());
    }

    @Test
    void aCorruptCacheEntryIsProbedAgain(@TempDir Path dir) throws Exception {
        Path k = kernel(dir);
        Files.writeString(dir.resolve("kvm-probe-" + Accel.cacheKey(k, HOST) + ".txt"), "garbage\n");
        FakeProber p = new FakeProber(true);
        assertEquals(Accel.KVM, Accel.choose(null, true, true, k, dir, HOST, p).accel());
        assertEquals(1, p.calls.get());
    }

    @Test
    void theProbeReportsTheLastMeaningfulConsoleLine() {
        // what a kvm-pvm guest prints before it stalls in the decompressor (qemu -nographic output)
        String out = "\u001bc\u001b[?7l\u001b[2J\u001b[0mSeaBIOS (version 1.16.2-debian-1.16.2-1)\r\nBooting from ROM...\r\n"
                + "PPrroobbiinngg  EEDDDD  ((eedddd==ooffff  ttoo  ddiissaabbllee))......  ook\r\nk\r\n\u001bc\u001b[?7l\u001b[2J";
        assertEquals("PPrroobbiinngg  EEDDDD  ((eedddd==ooffff  ttoo  ddiissaabbllee))......  ook", Accel.lastLine(out));
        assertEquals("", Accel.lastLine("\u001bc k\r\n"));
    }

    @Test
    void theChoiceLandsInSummaryChecks(@TempDir Path dir) throws Exception {
        Path raw = RunDirWriterTest.sampleRaw(dir);
        Accel.Choice c = Accel.choose(null, true, true, kernel(dir), dir.resolve("cache"), HOST, new FakeProber(false));
        Files.writeString(raw.resolve("accel.json"), c.toJson().toString());
        JsonNode s = RunDirWriter.write(RunDirWriterTest.spec(), Backend.VM, raw, dir.resolve("out"), 1);
        JsonNode a = s.path("checks").path("accel");
        assertEquals("tcg", a.path("chosen").asText());
        assertEquals("failed", a.path("probe").asText());
        assertEquals(12.0, a.path("probeSeconds").asDouble(), 1e-9);
    }
}
