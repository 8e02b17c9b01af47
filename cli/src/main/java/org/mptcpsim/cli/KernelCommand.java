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
@Command(name = "kernel", mixinStandardHelpOptions = true,
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

    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default runs/<scenario-name>-kernel)")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a scenario field or kernel option")
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
        if (modules != null && !java.nio.file.Files.isDirectory(modules)) {
            throw new Main.BadInput(modules + ": no such modules directory");
        }
        return b;
    }

    static int refused(LabRefusedException e) {
        System.err.println("mptcp-sim: the kernel lab cannot run this scenario:");
        for (String r : e.reasons()) {
            System.err.println("  " + r);
        }
        return Main.BAD_INPUT;
    }

    @Override
    public Integer call() throws Exception {
        Backend b = backend(backend, kernel, modules);
        Scenario sc = Scenarios.load(scenario, sets, null);
        Path dir = out != null ? out : Path.of("runs", sc.name() + "-kernel");
        try {
            Validation.kernelRun(sc, new Validation.KernelTarget(b, kernel, modules), dir, System.out);
        } catch (LabRefusedException e) {
            return refused(e);
        }
        System.out.println("run directory: " + dir + " (report.html)");
        return Main.OK;
    }
}
