package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Locks {@link RunDirWriter}'s output byte for byte: each case converts a committed raw capture (the host run of
 * {@link RunDirWriterTest}, the synthetic tcp_info capture of {@link UmlLabTest}) and compares summary.json,
 * subflows.csv, connections.csv and queues.csv with the files in {@code rundir-golden/<case>/}. The cases cover both
 * topologies, MPTCP and plain TCP, competing flows without a capture of theirs (the fallbacks), the MPTCP-token
 * fallback, the UML stall check and the VM accelerator record. Regenerate (only for an intended change, in its own
 * commit) with {@code -Drundir.update=true}.
 */
class RunDirGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/org/mptcpsim/lab/rundir-golden");
    static final List<String> FILES = List.of("summary.json", "subflows.csv", "connections.csv", "queues.csv");

    @ParameterizedTest
    @ValueSource(strings = {"host-separate", "uml-separate", "vm-accel", "host-shared-competing", "host-no-token", "host-tcp", "uml-tcpinfo"})
    void sameRawSameRunDirectory(String name, @TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        write(name, dir, out);
        Path want = GOLDEN.resolve(name);
        if (Boolean.getBoolean("rundir.update")) {
            Files.createDirectories(want);
            for (String f : FILES) Files.copy(out.resolve(f), want.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        for (String f : FILES) {
            assertEquals(Files.readString(want.resolve(f), StandardCharsets.ISO_8859_1), Files.readString(out.resolve(f), StandardCharsets.ISO_8859_1),
                    name + "/" + f);
        }
    }

    private static void write(String name, Path dir, Path out) throws IOException {
        LabSpec.Link shared = new LabSpec.Link("wifi", 10_000_000, 150_000);
        switch (name) {
            case "host-separate" -> RunDirWriter.write(RunDirWriterTest.spec(), Backend.HOST, RunDirWriterTest.sampleRaw(dir), out, 2.5);
            case "uml-separate" -> RunDirWriter.write(RunDirWriterTest.spec(), Backend.UML, RunDirWriterTest.sampleRaw(dir), out, 3);
            case "vm-accel" -> {
                Path raw = RunDirWriterTest.sampleRaw(dir);
                Files.writeString(raw.resolve("accel.json"), "{\"chosen\":\"tcg\",\"probe\":\"failed\"}");
                RunDirWriter.write(RunDirWriterTest.spec(), Backend.VM, raw, out, 1);
            }
            case "host-shared-competing" -> {
                // both paths through one bottleneck, one competing flow from the client and one from another host, neither captured
                LabSpec spec = new LabSpec("shared", LabSpec.Topology.SHARED,
                        List.of(new LabSpec.Path("p1", 10_000, 1, null), new LabSpec.Path("p2", 20_000, 1, null)), shared, 1, "cubic", true, 1,
                        List.of(new LabSpec.OtherHost("h3", 5_000, "reno")), 0.1, "test");
                RunDirWriter.write(spec, Backend.HOST, RunDirWriterTest.sampleRaw(dir), out, 1);
            }
            case "host-no-token" -> {
                Path raw = RunDirWriterTest.sampleRaw(dir);
                Files.writeString(raw.resolve("mptcp-monitor.txt"), "");
                RunDirWriter.write(RunDirWriterTest.spec(), Backend.HOST, raw, out, 1);
            }
            case "host-tcp" -> {
                LabSpec spec = new LabSpec("tcp", LabSpec.Topology.SEPARATE,
                        List.of(new LabSpec.Path("p1", 10_000, 1, shared)), null, 1, "cubic", false, 0, 0.05, "test");
                RunDirWriter.write(spec, Backend.HOST, RunDirWriterTest.sampleRaw(dir), out, 1);
            }
            case "uml-tcpinfo" -> RunDirWriter.write(UmlLabTest.tcpSpec(2), Backend.UML, UmlLabTest.tcpInfoRaw(dir.resolve("raw")), out, 9.0);
            default -> throw new IllegalArgumentException(name);
        }
    }
}
