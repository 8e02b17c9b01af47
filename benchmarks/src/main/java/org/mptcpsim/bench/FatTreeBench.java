package org.mptcpsim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.parse.ScenarioLoader;
import org.mptcpsim.scenario.run.RunResult;
import org.mptcpsim.scenario.run.ScenarioRunner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The multi-hop fabric in steady state: one operation = one complete run of the FatTree k=8
 * permutation of the whole-process benchmark (128 hosts, 80 switches, 128 lia connections x 4
 * ndiffports subflows, 10 Gbit/s and 1 µs per hop, 50 ms simulated; the scale of htsim's
 * datacenter experiments), outputs included. Its counters read per wall second: data packets and
 * events, the figures htsim's FatTree is quoted in. Where {@link ScenarioBench} measures one
 * bottleneck per path, this one measures five hops per packet, ECMP hashing and 1 024 link
 * directions, whose state does not fit in the caches.
 *
 * <p>Run (from the repository root, after {@code mvn -B -q -DskipTests package}):
 * {@code java -jar benchmarks/target/benchmarks.jar FatTreeBench -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 10)
public class FatTreeBench {
    @Param({"benchmarks/scenarios/fattree-k8-perm.yaml"})
    String scenario;

    Scenario sc;
    Path out;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Path file = Path.of(scenario);
        if (!Files.exists(file)) {
            file = Path.of("..").resolve(scenario);
        }
        sc = ScenarioLoader.loadFile(file, List.of());
        out = Files.createTempDirectory("mptcp-sim-bench-").resolve("run");
    }

    /** Removes the trial's temporary run directory. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        TempDirs.delete(out.getParent());
    }

    @Benchmark
    public RunResult run(ScenarioBench.Counters c) throws IOException {
        RunResult r = new ScenarioRunner(sc).run(out, ScenarioRunner.Progress.NONE);
        c.dataPackets += r.dataPackets();
        c.events += r.events();
        return r;
    }
}
