package org.mptcpsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.mptcpsim.lab.Backend;
import org.mptcpsim.lab.LabRefusedException;
import org.mptcpsim.lab.Validation;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.output.OutputDir;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mptcp-sim kernel SCENARIO --backend host|vm|uml [--kernel IMAGE --modules DIR] [--out DIR] [--set K=V]...}. */
@Command(name = "kernel",
        description = {"Run a scenario on a real Linux kernel (host network namespaces, or a kernel image under QEMU) "
                + "and write the same run directory as `run`, with report.html.",
                "Supported: separate paths, or all paths through one bottleneck (plus competing TCP), N subflows per path, "
                + "bulk transfers from 0 s, one CC. Anything else is refused before it starts (exit 2). Needs root."})
final class KernelCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", description = "scenario file (YAML or JSON)")
    Path scenario;

    @Option(names = "--backend", paramLabel = "host|vm|uml", description = "host (default without --kernel): this machine's kernel in network "
            + "namespaces; vm: a bzImage under QEMU TCG (≤ 10 Mbit/s in total); uml: a User-Mode Linux kernel as a process "
            + "(≤ 30 Mbit/s; default image /usr/bin/linux of Debian's user-mode-linux). With --kernel the image decides between vm and uml.")
    String backend;

    @Option(names = "--kernel", paramLabel = "IMAGE", description = "vm: bzImage to boot (default: Debian's linux-image-amd64); "
            + "uml: a kernel built with ARCH=um (e.g. the out-of-tree multipath-tcp.org v0.95 kernel for flavour mptcp-v0.95)")
    Path kernel;

    @Option(names = "--modules", paramLabel = "DIR", description = "vm, uml: the image's lib/modules/<version> directory")
    Path modules;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "run directory (default runs/<scenario-name>-kernel)")
    Path out;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "override a scenario field or kernel option")
    List<String> sets = new ArrayList<>();

    @Option(names = "--pcap", description = "host backend: tcpdump the bottleneck routers' interfaces for the run (headers, 96 B "
            + "per packet) into DIR/raw/pcap/ROUTER-DEV.pcap, for Wireshark or docs/phase-effects/tools/lab_pcap.py")
    boolean pcap;

    /** The backend for --backend (null = not given) and --kernel: a UML binary runs on uml, a bzImage on vm (KernelImage). */
    static Backend backend(String name, Path kernel, Path modules) {
        Backend b;
        try {
            b = org.mptcpsim.lab.KernelImage.resolve(name, kernel);
        } catch (org.mptcpsim.lab.KernelImage.BadImage e) {
            throw new Main.BadInput(e.getMessage());
        }
        if (modules != null && kernel == null) {
            throw new Main.BadInput("--modules needs --kernel");
        }
        if (modules != null && !java.nio.file.Files.isDirectory(modules)) {
            throw new Main.BadInput(modules + ": no such modules directory");
        }
        return b;
    }

    /** Checks {@code DIR} and {@code DIR.failed} (where a failed lab run is kept) before anything runs. */
    static OutputDir[] targets(Main main, Path out, Path dflt) {
        OutputDir target = main.outputDir(out, dflt);
        OutputDir failed = OutputDir.check(target.path().getParent(), OutputDir.failedSibling(target.path()).getFileName(),
                "the directory for a failed run");
        return new OutputDir[] {target, failed};
    }

    /**
     * Runs {@code lab} into a temporary sibling of the target that replaces it when the lab
     * completed; when the lab fails, the partial directory becomes {@code DIR.failed} (kept for its
     * raw logs, replacing an earlier failed run of ours) so that {@code DIR} never holds half a run.
     */
    static <T> T intoRunDir(OutputDir[] targets, String command, String scenario, LabRun<T> lab) throws Exception {
        Path tmp = targets[0].newTemp(command, scenario);
        T result;
        try {
            result = lab.run(tmp);
        } catch (LabRefusedException e) {
            OutputDir.discard(tmp);
            throw e;
        } catch (Exception e) {
            Path failed = targets[1].path();
            try {
                targets[1].commit(tmp);
            } catch (java.io.IOException | RuntimeException moveFailed) {
                failed = tmp;
            }
            // the lab's message names files under the temporary directory, which is now DIR.failed
            String message = String.valueOf(e.getMessage()).replace(tmp.toString(), failed.toString());
            throw new java.io.IOException(message + " (the partial run, with its raw logs, is in " + failed + ")", e);
        }
        targets[0].commit(tmp);
        Main.noteReplaced(targets[0]);
        return result;
    }

    /** A lab run into a directory. */
    @FunctionalInterface
    interface LabRun<T> {
        T run(Path dir) throws Exception;
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

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        Backend b = backend(backend, kernel, modules);
        if (pcap && b != Backend.HOST) {
            throw new Main.BadInput("--pcap: the host backend only (the " + b.name().toLowerCase(java.util.Locale.ROOT)
                    + " backend's guest has no tcpdump)");
        }
        Scenario sc = Scenarios.load(main.resolve(scenario), sets, null);
        OutputDir[] targets = targets(main, out, OutputDir.defaultDir("", sc.name(), "-kernel"));
        try {
            intoRunDir(targets, "kernel", sc.name(),
                    d -> Validation.kernelRun(sc, new Validation.KernelTarget(b, kernel, modules, pcap), d, System.out));
        } catch (LabRefusedException e) {
            return refused(e);
        }
        System.out.println("run directory: " + targets[0].path() + " (report.html)");
        return Main.OK;
    }
}
