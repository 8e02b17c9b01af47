package org.mptcpsim.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.parse.ScenarioLoader;

/**
 * The sim-vs-kernel regression scenarios: the files {@code scenarios/examples/lab/<name>.yaml}. All use upstream MPTCP,
 * 1500 B MTU and {@code sim.l2_overhead_bytes: 14}, so simulator rates and buffers count the same 1514 B frames as tbf.
 */
public final class LabScenarios {
    private LabScenarios() {
    }

    /** Names of the regression scenarios, in suite order. */
    public static final List<String> NAMES = List.of("lab-two-paths-cubic", "lab-two-paths-reno", "lab-shared-cubic",
            "lab-mptcp-vs-tcp", "lab-four-subflows", "lab-other-host", "lab-upstream-mptcp-vs-tcp-20m", "lab-shared-cubic-vs-reno", "lab-four-reno-access",
            "lab-tandem-equal-rate", "lab-two-reno-access");

    /**
     * The out-of-tree regression scenarios ({@code flavour: mptcp-v0.95}), one per case of kernel-refs/oot-v0.95.2
     * (references converted by {@link OotReference}), in the data set's order.
     */
    public static final List<String> OOT_NAMES = Stream.of("A1_reno", "A1_lia", "A1_olia", "A1_balia", "A1_wvegas",
            "A2_reno", "A2_lia", "A2_olia", "A2_balia", "A2_wvegas", "A3_reno", "A3_lia",
            "A4_default", "A4_roundrobin", "A4_redundant", "A4_blest").map(OotReference::scenarioName).toList();

    /** {@link #OOT_NAMES} as a stream (JUnit method source). */
    public static Stream<String> ootNames() {
        return OOT_NAMES.stream();
    }

    /** {@link #NAMES} as a stream (JUnit method source). */
    public static Stream<String> names() {
        return NAMES.stream();
    }

    /** The scenario file of {@code name}, found from the repository root or a module directory. */
    public static Path file(String name) {
        for (String base : List.of("scenarios/examples/lab", "../scenarios/examples/lab")) {
            Path p = Path.of(base, name + ".yaml");
            if (Files.isRegularFile(p)) return p;
        }
        throw new IllegalArgumentException("scenario file " + name + ".yaml not found under scenarios/examples/lab (run from the repository or a module)");
    }

    /** {@code name} loaded from its scenario file, with {@code --set}-style overrides. */
    public static Scenario load(String name, String... sets) {
        return ScenarioLoader.loadFile(file(name), List.of(sets));
    }
}
