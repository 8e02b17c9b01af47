package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpsim.scenario.model.Scenario;

/**
 * The out-of-tree regression cases live (issue 12 item 3): when {@code MPTCP_SIM_OOT_KERNEL} names an executable
 * User-Mode-Linux image of the multipath-tcp.org kernel (docs/kernel-lab.md, "Building an out-of-tree UML kernel"), each
 * case of {@code MPTCP_SIM_OOT_CASES} (comma-separated scenario names of {@link LabScenarios#OOT_NAMES}; default
 * {@link #DEFAULT_CASES}) runs once on it and is held to the committed out-of-tree references
 * ({@code src/test/resources/reference-oot/}, the kernel-refs data set) over their window [5,30] s with
 * {@link KernelCompare}'s tolerances, the spread term being the prediction interval of one new run
 * ({@link KernelCompare#compareOneRun}). A case is 30 s simulated plus boot and teardown, ~60–70 s wall on two cores.
 * With two reference runs (A3, A4) a row's t(1, ...) is ~1600: such rows are held only where the references agree exactly.
 * Skipped with a message without the image; skipped loudly when the lab judges the run CPU-bound.
 */
@Tag("live-lab")
class LiveOotLabTest {
    static final String KERNEL_ENV = "MPTCP_SIM_OOT_KERNEL";
    static final String CASES_ENV = "MPTCP_SIM_OOT_CASES";
    static final List<String> DEFAULT_CASES = List.of("lab-oot-a1-lia", "lab-oot-a1-reno");

    /** The cases to run: {@code MPTCP_SIM_OOT_CASES} or {@link #DEFAULT_CASES}; an unknown name is an error naming the allowed ones. */
    static List<String> cases() {
        String env = System.getenv(CASES_ENV);
        if (env == null || env.isBlank()) return DEFAULT_CASES;
        List<String> names = Arrays.stream(env.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String n : names) {
            if (!LabScenarios.OOT_NAMES.contains(n)) {
                throw new IllegalArgumentException(CASES_ENV + "=" + env + ": unknown case '" + n + "'; allowed: " + LabScenarios.OOT_NAMES);
            }
        }
        return names;
    }

    static Stream<String> caseNames() {
        return cases().stream();
    }

    @ParameterizedTest
    @MethodSource("caseNames")
    void outOfTreeCaseOnTheLiveKernelMatchesTheReferences(String name, @TempDir Path dir) throws Exception {
        String image = System.getenv(KERNEL_ENV);
        assumeTrue(image != null && !image.isBlank(), "live-lab skipped: " + KERNEL_ENV + " is not set (the out-of-tree UML kernel image to boot)");
        Path kernel = Path.of(image);
        assumeTrue(Files.isRegularFile(kernel) && Files.isExecutable(kernel), "live-lab skipped: " + KERNEL_ENV + "=" + image + " is not an executable file");
        Scenario sc = LabScenarios.load(name);
        StringBuilder console = new StringBuilder();
        Path live = dir.resolve("kernel");
        Path summary = Validation.kernelRun(sc, new Validation.KernelTarget(Backend.UML, kernel, null), live, console);
        JsonNode s = RunDirWriter.readJson(summary);
        // As LiveUmlLabTest: a run the lab judges CPU-bound measured the machine, not the kernel; skipped, loudly.
        assumeFalse(s.path("invalidReason").asText().startsWith("CPU-bound"),
                "live-lab skipped: " + name + ": this machine is too slow for the UML run (" + s.path("invalidReason").asText() + ")");
        assertTrue(s.path("valid").asBoolean(), name + ": " + s);
        int expected = ScenarioToLab.map(sc, Backend.UML, true).spec().paths().stream().mapToInt(LabSpec.Path::subflows).sum();
        assertEquals(expected, s.path("connections").path(0).path("subflows").size(), name + ": subflows");

        // the references are sampled every 0.5 s; the live run is resampled to the same grid, as OotRegressionTest does
        // with the simulator's runs
        Path liveR = dir.resolve("kernel-" + Reference.STEP_S);
        Reference.resample(live, liveR, Reference.STEP_S);
        List<Path> refs = Reference.runs(OotRegressionTest.REF, name);
        assertTrue(refs.size() >= 2, name + ": no reference runs under " + OotRegressionTest.REF.toAbsolutePath());
        // Family-wise 1 % over the suite (Bonferroni over its cases and each case's rows), as LiveHostLabTest: a healthy
        // kernel and lab fail a run of the suite by chance about once in a hundred. With 3 reference runs and ~13 rows
        // per case the prediction interval's t is large (t(2, 1 - 0.01/52) = 51); the rel/abs floors of KernelCompare
        // then decide wherever the references agree with each other (A1: goodput sd 0.01-0.02 Mbit/s).
        int rowCount = KernelCompare.compare(List.of(liveR), refs).size();
        double alpha = 0.01 / (cases().size() * rowCount);
        List<KernelCompare.Row> rows = KernelCompare.compareOneRun(liveR, refs, alpha);
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%s: live run on %s (%s) vs %d out-of-tree reference runs, [5,30] s, alpha %.2g per row%n",
                name, kernel, s.path("kernel").path("release").asText(), refs.size(), alpha));
        table.append(String.format(Locale.ROOT, "%-7s %-15s %9s %9s %8s %8s%n", "sf", "metric", "live", "refs", "sd", "tol"));
        List<String> failed = new ArrayList<>();
        for (KernelCompare.Row r : rows) {
            if (!r.pass()) failed.add(r.subflow() + " " + r.metric());
            table.append(String.format(Locale.ROOT, "%-7s %-15s %9.3f %9.3f %8.3f %8.3f %s%n", r.subflow(), r.metric(), r.sim(), r.kernel(),
                    r.spread(), r.tolerance(), r.pass() ? "" : "FAIL"));
        }
        table.append(String.format(Locale.ROOT, "stalls %s, wall %s s%n", s.path("checks").path("stalls"), s.path("engine").path("wallSeconds")));
        System.out.print(table);
        assertTrue(!rows.isEmpty() && failed.isEmpty(), name + ": the live out-of-tree kernel run is outside the references' tolerance: " + failed + "\n" + table);

        // nothing of the run is left: no scratch directory, no process of the run
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertTrue(tmp.noneMatch(p -> p.getFileName().toString().startsWith("mlab-uml-")), "scratch directory left behind");
        }
        assertTrue(ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive), "a process outlived the run");
    }
}
