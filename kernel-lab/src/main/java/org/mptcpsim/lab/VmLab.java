package org.mptcpsim.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mptcpsim.scenario.output.OutputDir;

/**
 * Runs a {@link LabSpec} on any kernel image under QEMU and writes a run directory ({@code source: kernel-vm}).
 *
 * <p>Kernel: a bzImage plus its {@code lib/modules/<kver>} tree, or by default Debian's
 * {@code linux-image-amd64}, fetched with {@code apt-get download} into the cache dir and unpacked with
 * {@code dpkg-deb -x} (never installed). An initramfs (mkinitramfs.sh) carries busybox, iproute2,
 * iperf3, mptcpize, the needed modules and the same {@code lab.sh} as the host; its /init (vm-init.sh)
 * runs the scenario with netem (delay) + tbf (rate, buffer) and writes {@code /tmp/out} as a raw tar to
 * a virtio disk, which is read back here. QEMU runs with {@code -nic none} (no network to the outside) and
 * the accelerator {@link Accel} chooses: KVM only if a quick, cached boot probe of this kernel succeeds, else
 * {@code tcg,thread=multi} ({@code MPTCP_SIM_ACCEL} overrides). TCG is faithful up to ~10 Mbit/s in total.
 */
public final class VmLab {
    private final Path kernel;
    private final Path modules;

    /** @param kernel bzImage or null for Debian's default; @param modules its modules dir, "none" path, or null */
    public VmLab(Path kernel, Path modules) {
        this.kernel = kernel;
        this.modules = modules;
    }

    public Path run(LabSpec spec, Path outDir) throws LabRefusedException, IOException, InterruptedException {
        StringBuilder log = new StringBuilder();
        preflight(spec, log);
        Path out = OutputDir.check(outDir).path();   // refuses a foreign directory before anything is created
        Path raw = out.resolve("raw");
        Files.createDirectories(raw);
        Path work = Files.createTempDirectory("mlab-vm-");
        try {
            Path[] k = kernel != null ? new Path[] {kernel, modules} : debianKernel(log);
            Path initrd = initramfs(spec, k[1], work);
            Path img = work.resolve("results.img");
            try (var f = new java.io.RandomAccessFile(img.toFile(), "rw")) {
                f.setLength(256L << 20);
            }
            Accel.Choice choice = Accel.choose(k[0]);
            String accel = choice.accel();
            System.err.println("kernel-lab: accelerator " + accel + " -- " + choice.reason());
            log.append("accelerator ").append(accel).append(": ").append(choice.reason()).append('\n');
            Files.writeString(raw.resolve("accel.json"), choice.toJson().toString());
            long start = System.nanoTime();
            int rc = exec(List.of("qemu-system-x86_64", "-accel", accel, "-smp", "2", "-m", "1024", "-nographic", "-no-reboot", "-nic", "none",
                    "-kernel", k[0].toString(), "-initrd", initrd.toString(), "-drive", "file=" + img + ",format=raw,if=virtio",
                    "-append", kernelCommandLine(spec)), raw.resolve("console.log"), Math.round(spec.durationS()) + 240);
            double wall = (System.nanoTime() - start) / 1e9;
            collect(img, work, raw, rc, kernel != null);
            Files.writeString(raw.resolve("host.log"), log + "qemu rc=" + rc + " accel=" + accel + " wall=" + wall + "s\n");
            RunDirWriter.write(spec, Backend.VM, raw, out, wall);
            return out.resolve("summary.json");
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Refuses what this host cannot run (installing missing tools first when root). */
    private void preflight(LabSpec spec, StringBuilder log) throws LabRefusedException, IOException, InterruptedException {
        Preflight.HostFacts facts = Preflight.probeHost(Backend.VM);
        if (facts.root() && !facts.missingTools().isEmpty()) {
            Setup.ensureTools(Preflight.VM_TOOLS, true, log);
            facts = Preflight.probeHost(Backend.VM);
        }
        List<String> refusals = Preflight.refusals(spec, Backend.VM, facts, kernel != null);
        if (!refusals.isEmpty()) throw new LabRefusedException(refusals);
    }

    /** The guest's initramfs (lab scripts, the modules the lab and the spec's CCs need) in {@code work}. */
    private static Path initramfs(LabSpec spec, Path moduleDir, Path work) throws IOException, InterruptedException {
        Path script = Setup.resource("mkinitramfs.sh", work, true);
        Setup.resource("lab.sh", work, true);
        Setup.resource("vm-init.sh", work, true);
        Path initrd = work.resolve("initrd.cpio.gz");
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString(), moduleDir == null ? "none" : moduleDir.toString(), initrd.toString()));
        cmd.addAll(List.of("veth", "tun", "sch_netem", "sch_tbf", "inet_diag", "tcp_diag", "mptcp_diag", "virtio_pci", "virtio_blk"));
        for (String cc : spec.allCcs()) {
            if (!Set.of("reno", "cubic").contains(cc)) cmd.add("tcp_" + cc);
        }
        if (exec(cmd, work.resolve("mkinitramfs.log"), 300) != 0) throw new IOException("initramfs build failed; see " + work.resolve("mkinitramfs.log"));
        return initrd;
    }

    /** The guest kernel's command line: the lab's environment as {@code klab.KEY=VALUE} (spaces as commas). */
    private static String kernelCommandLine(LabSpec spec) {
        StringBuilder append = new StringBuilder("console=ttyS0 quiet panic=-1");
        for (Map.Entry<String, String> e : LabEnv.of(spec, "netem", "", "", "").entrySet()) {
            if (Set.of("DELAY", "DL", "RAW", "TRACEFS").contains(e.getKey())) continue;
            append.append(" klab.").append(e.getKey()).append('=').append(e.getValue().replace(' ', ','));
        }
        return append.toString();
    }

    /**
     * The user's kernel image (--kernel) booted no lab under QEMU: it wrote no results. Bad input (the image), not a
     * bug; the console log says why.
     */
    public static final class DidNotBootException extends IOException {
        private static final long serialVersionUID = 1L;

        public DidNotBootException(String message) {
            super(message);
        }
    }

    /**
     * Moves the guest's captures from the results disk {@code img} into {@code raw}. No results: a
     * {@link DidNotBootException} for the user's image ({@code userImage}), else a plain IOException.
     */
    static void collect(Path img, Path work, Path raw, int qemuRc, boolean userImage) throws IOException, InterruptedException {
        Path x = work.resolve("x");
        Files.createDirectories(x);
        exec(List.of("tar", "-xf", img.toString(), "-C", x.toString()), work.resolve("tar.log"), 60);
        Path guestRaw = x.resolve("out/raw");
        if (!Files.isDirectory(guestRaw)) {
            String why = "the kernel image did not boot: qemu " + (qemuRc < 0 ? "was stopped at its time limit" : "exited "
                    + qemuRc) + "; console: " + raw.resolve("console.log");
            throw userImage ? new DidNotBootException(why) : new IOException(why);
        }
        try (Stream<Path> files = Files.list(guestRaw)) {
            for (Path f : files.toList()) Files.move(f, raw.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Debian's linux-image-amd64 in the cache dir: {bzImage, modules dir}. Downloaded and unpacked once. */
    static Path[] debianKernel(StringBuilder log) throws IOException, InterruptedException {
        Path dir = Setup.cacheDir().resolve("debian-kernel");
        Path root = dir.resolve("root");
        Path[] found = find(root);
        if (found != null) return found;
        Files.createDirectories(dir);
        Path depLog = dir.resolve("apt-cache.log");
        exec(List.of("apt-cache", "depends", "linux-image-amd64"), depLog, 60);
        List<String> pkgs = new ArrayList<>(List.of("linux-image-amd64"));
        for (String l : Files.readAllLines(depLog)) {
            String t = l.trim();
            if (t.startsWith("Depends: linux-image-")) pkgs.add(t.substring("Depends: ".length()).trim());
        }
        List<String> dl = new ArrayList<>(List.of("apt-get", "download"));
        dl.addAll(pkgs);
        log.append("kernel-lab: apt-get download ").append(String.join(" ", pkgs)).append('\n');
        ProcessBuilder pb = new ProcessBuilder(dl).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("download.log").toFile());
        if (pb.start().waitFor() != 0) throw new IOException("apt-get download failed; see " + dir.resolve("download.log"));
        try (Stream<Path> debs = Files.list(dir)) {
            for (Path deb : debs.filter(p -> p.toString().endsWith(".deb")).toList()) {
                exec(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), dir.resolve("dpkg.log"), 120);
            }
        }
        found = find(root);
        if (found == null) throw new IOException("no vmlinuz/modules in the downloaded kernel package under " + root);
        return found;
    }

    private static Path[] find(Path root) throws IOException {
        if (!Files.isDirectory(root.resolve("boot"))) return null;
        try (Stream<Path> boot = Files.list(root.resolve("boot"))) {
            Path vmlinuz = boot.filter(p -> p.getFileName().toString().startsWith("vmlinuz-")).sorted().findFirst().orElse(null);
            if (vmlinuz == null) return null;
            String kver = vmlinuz.getFileName().toString().substring("vmlinuz-".length());
            Path mods = root.resolve("lib/modules/" + kver);
            if (!Files.isDirectory(mods)) mods = root.resolve("usr/lib/modules/" + kver);
            return Files.isDirectory(mods) ? new Path[] {vmlinuz, mods} : null;
        }
    }

    private static int exec(List<String> cmd, Path logFile, long timeoutS) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
