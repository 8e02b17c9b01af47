package org.mptcpsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.mptcpsim.lab.Backend;
import org.mptcpsim.lab.LabRefusedException;
import org.mptcpsim.lab.Validation;
import org.mptcpsim.scenario.model.Scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mptcp-sim kernel SCENARIO --backend host|vm [--kernel BZIMAGE --modules DIR] [--out DIR] [--set K=V]...}. */
@Command(name = "kernel",
        description = {"Run a scenario on a real Linux kernel (host network namespaces, or a kernel image under QEMU) "
                + "and write the same run directory as `run`, with report.html.",
                "Supported: separate paths, or all paths through one bottleneck (plus competing TCP), N subflows per path, "
                + "bulk transfers from 0 s, one CC. Anything else is refused before it starts (exit 2). Needs root."})
final class KernelCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", description = "scenario file (YAML or JSON)")
    Path scenario;

    @Option(names = "--backend", paramLabel = "host|vm", description = "host (default): this machine's kernel in network "
            + "namespaces; vm: a kernel image under QEMU TCG (≤ 10 Mbit/s in total)")
    String backend = "host";

    @Option(names = "--kernel", paramLabel = "BZIMAGE", description = "vm: kernel image to boot (default: Debian's linux-image-amd64)")
    Path kernel;

    @Option(names = "--modules", paramLabel = "DIR", description = "vm: the image's lib/modules/<version> directory")
    Path modules;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "run directory (default runs/<scenario-name>-kernel)")
    Path out;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "override a scenario field or kernel option")
    List<String> sets = new ArrayList<>();

    static Backend backend(String name, Path kernel, Path modules) {
        Backend b = switch (name.toLowerCase(Locale.ROOT)) {
            case "host" -> Backend.HOST;
            case "vm" -> Backend.VM;
            default -> throw new Main.BadInput("--backend must be host or vm, not " + name);
        };
        if (b == Backend.HOST && (kernel != null || modules != null)) {
            throw new Main.BadInput("--kernel/--modules need --backend vm (the host backend tests the running kernel)");
        }
        if (modules != null && kernel == null) {
            throw new Main.BadInput("--modules needs --kernel");
        }
        if (kernel != null && !java.nio.file.Files.isRegularFile(kernel)) {
            throw new Main.BadInput(kernel + ": no such kernel image");
        }
        if (kernel != null) {
            checkBzImage(kernel);
        }
        if (modules != null && !java.nio.file.Files.isDirectory(modules)) {
            throw new Main.BadInput(modules + ": no such modules directory");
        }
        return b;
    }

    /**
     * A bootable x86 kernel image carries the Linux boot protocol header: the magic "HdrS" at
     * offset 0x202 (Documentation/x86/boot.rst). Anything else fails here, before QEMU starts.
     */
    static void checkBzImage(Path kernel) {
        byte[] head = new byte[0x206];
        int n;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(kernel)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (java.io.IOException e) {
            throw new Main.BadInput(kernel + ": cannot read the kernel image (" + e.getMessage() + ")");
        }
        if (n < head.length || head[0x202] != 'H' || head[0x203] != 'd' || head[0x204] != 'r' || head[0x205] != 'S') {
            throw new Main.BadInput(kernel + ": not a bootable x86 Linux kernel image (no \"HdrS\" boot header at"
                    + " offset 0x202); pass a bzImage such as /boot/vmlinuz-* with --kernel");
        }
    }

    /**
     * Runs {@code lab} into {@code dir}; when the lab fails, the partial directory is moved aside to
     * {@code dir.failed} (kept for its raw logs) so that {@code dir} never holds half a run.
     */
    static <T> T intoRunDir(Path dir, java.util.concurrent.Callable<T> lab) throws Exception {
        try {
            return lab.call();
        } catch (LabRefusedException e) {
            throw e;
        } catch (Exception e) {
            if (java.nio.file.Files.exists(dir)) {
                Path failed = dir.resolveSibling(dir.getFileName() + ".failed");
                deleteTree(failed);
                java.nio.file.Files.move(dir, failed);
                throw new java.io.IOException(e.getMessage() + " (the partial run, with its raw logs, is in " + failed + ")", e);
            }
            throw e;
        }
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        if (!java.nio.file.Files.exists(p)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(x);
            }
        }
    }

    static int refused(LabRefusedException e) {
        System.err.println("mptcp-sim: the kernel lab cannot run this scenario:");
        for (String r : e.reasons()) {
            System.err.println("  " + r);
        }
        System.err.println("mptcp-sim: scenarios the host kernel runs: scenarios/examples/lab/ (upstream flavour, reno or cubic), e.g.");
        System.err.println("  mptcp-sim kernel scenarios/examples/lab/lab-two-paths-cubic.yaml --backend host");
        System.err.println("  (the same topology as two-paths.yaml; lab-shared-cubic.yaml and lab-mptcp-vs-tcp.yaml share a bottleneck)");
        return Main.BAD_INPUT;
    }

    @Override
    public Integer call() throws Exception {
        Backend b = backend(backend, kernel, modules);
        Scenario sc = Scenarios.load(scenario, sets, null);
        Path dir = out != null ? out : Path.of("runs", sc.name() + "-kernel");
        try {
            intoRunDir(dir, () -> Validation.kernelRun(sc, new Validation.KernelTarget(b, kernel, modules), dir, System.out));
        } catch (LabRefusedException e) {
            return refused(e);
        }
        System.out.println("run directory: " + dir + " (report.html)");
        return Main.OK;
    }
}
