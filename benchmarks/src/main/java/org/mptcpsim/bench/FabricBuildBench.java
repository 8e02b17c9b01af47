package org.mptcpsim.bench;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.parse.ScenarioLoader;
import org.mptcpsim.scenario.run.ScenarioRunner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code mptcp-sim check} and the start of every run do on a large fabric, before any event: bind a
 * generated fat tree with permutation traffic (k^3/4 hosts, 5k^2/4 switches, 3k^3/4 links, one MPTCP
 * connection per host) and build the simulation from it (nodes, link directions, routing graph, hosts,
 * connections). One operation = one scenario bound and built. It guards what the unit tests do not time:
 * building was once nodes x edges (the hop-count cache cleared on every added edge), minutes for k=64 in
 * {@code check}; linear, k=32 (8 192 hosts) should take about an eighth of k=64's time.
 *
 * <p>Run (from the repository root, after {@code mvn -B -q -DskipTests package}):
 * {@code java -jar benchmarks/target/benchmarks.jar FabricBuildBench -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class FabricBuildBench {
    /** The fat tree's k: 16 (1 024 hosts, 3 072 links) and 32 (8 192 hosts, 24 576 links). */
    @Param({"16", "32"})
    int k;

    /** The scenario, as a user writes it: the generator and the traffic matrix, not a listing of the fabric. */
    static String scenario(int k) {
        return String.format(Locale.ROOT, """
                name: fattree-k%d-build
                duration: 1s
                kernel:
                  net.ipv4.tcp_congestion_control: lia
                  net.mptcp.mptcp_path_manager: ndiffports
                  mptcp_ndiffports.num_subflows: 4
                topology:
                  fattree: {k: %d, rate: 10Gbit, delay: 1us, buffer: 100pkt}
                traffic: {pattern: permutation, type: mptcp}
                """, k, k);
    }

    @Benchmark
    public ScenarioRunner bindAndBuild() {
        Scenario sc = new ScenarioLoader().parse("fattree-k" + k + ".yaml", scenario(k), List.of());
        return new ScenarioRunner(sc);
    }
}
