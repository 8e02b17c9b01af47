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
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Whole-scenario throughput: one operation = one complete run of a scenario file (60 s simulated
 * for benchmark-2x1g), outputs included. The {@code dataPackets} counter is normalised per wall
 * second by JMH, i.e. it reads as data packets per second; {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} divided by the run's data packets gives bytes allocated per packet.
 *
 * <p>Run (from the repository root, after {@code mvn -B -q -DskipTests package}):
 * {@code java -jar benchmarks/target/benchmarks.jar ScenarioBench -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 10)
public class ScenarioBench {
    @Param({"scenarios/examples/benchmark-2x1g.yaml"})
    String scenario;

    /** A --set override: the scenario as written (periodic senders), and with the default host jitter. */
    @Param({"sim.tx_jitter_us=0", "sim.tx_jitter_us=100"})
    String set;

    Scenario sc;
    Path out;

    /** JMH reports these per second of wall time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long dataPackets;
        public long events;
    }

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Path file = Path.of(scenario);
        if (!Files.exists(file)) {
            file = Path.of("..").resolve(scenario);
        }
        sc = ScenarioLoader.loadFile(file, List.of(set));
        out = Files.createTempDirectory("mptcp-sim-bench-").resolve("run");
    }

    /** Removes the trial's temporary run directory (the benchmark leaves nothing behind in the temp dir). */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        TempDirs.delete(out.getParent());
    }

    @Benchmark
    public RunResult run(Counters c) throws IOException {
        RunResult r = new ScenarioRunner(sc).run(out, ScenarioRunner.Progress.NONE);
        c.dataPackets += r.dataPackets();
        c.events += r.events();
        return r;
    }
}
