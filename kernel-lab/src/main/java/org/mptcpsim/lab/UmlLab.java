package org.mptcpsim.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mptcpsim.scenario.output.OutputDir;

/**
 * Runs a {@link LabSpec} on a User-Mode Linux kernel and writes a run directory ({@code source: kernel-uml}).
 *
 * <p>The kernel is an ordinary host process: {@code [chrt -f 1] IMAGE mem=1G rootfstype=hostfs rootflags=/ ro
 * init=SCRATCH/uml-init.sh con0=null,fd:1 con=null uml_dir=SCRATCH umid=PREFIX}, started through {@code setsid} so that
 * it and every helper process it forks form one process group. The guest's root is the host's, read-only; its only
 * writable host directory is SCRATCH (a fresh temporary directory of this lab), mounted through hostfs. uml-init.sh
 * loads the modules (veth, sch_tbf, sch_netem, CCs) from the image's modules tree, applies the out-of-tree knobs when
 * given ({@link OotClient}), and runs the same {@code lab.sh} as the other backends with netem delays; per-subflow
 * records come from {@code tcp:tcp_probe} when the guest kernel has tracefs, else from {@code tcp_info} sampled every
 * 10 ms through sock_diag ({@code tcpinfo.c}). Then {@link RunDirWriter} converts raw/ as for every backend.
 *
 * <p>UML's memory file (TMPDIR) goes to a fresh directory on /dev/shm when that is a tmpfs ({@link #memoryDir}), else
 * into SCRATCH.
 *
 * <p>Cleanup on every exit path (normal end, guest failure, timeout, exception, Ctrl-C through a shutdown hook): the
 * process group is killed with SIGKILL and SCRATCH, which holds nothing but what this run wrote (scripts, lab.env,
 * the guest's raw/ before it is moved, UML's umid directory), is deleted, and so is the memory file's directory.
 */
public final class UmlLab {
    /** Modules the guest loads when its kernel has them as modules (missing or built-in ones are skipped). */
    static final List<String> MODULES = List.of("veth", "sch_tbf", "sch_netem", "inet_diag", "tcp_diag", "mptcp_diag");
    /** Guest memory, as in the out-of-tree references' boot line. */
    static final String MEM = "1G";
    /** Per-subflow sampling period of tcpinfo when there is no tcp_probe, µs. */
    static final long PROBE_US = 10_000;

    private final Path image;
    private final Path modules;
    private final OotClient oot;
    private volatile Process current;

    /**
     * @param image   a UML binary (see {@link KernelImage}); null = Debian's {@link KernelImage#DEBIAN_UML}
     * @param modules its modules tree (modules.dep); null = /usr/lib/uml/modules/&lt;release&gt; when it exists (Debian), else none
     * @param oot     the out-of-tree client path, or null for an upstream kernel
     */
    public UmlLab(Path image, Path modules, OotClient oot) {
        this.image = image != null ? image : KernelImage.DEBIAN_UML;
        this.modules = modules;
        this.oot = oot;
    }

    public Path run(LabSpec spec, Path outDir) throws LabRefusedException, IOException, InterruptedException {
        StringBuilder log = new StringBuilder();
        Checked checked = preflight(spec, log);
        String config = checked.config();
        Path out = OutputDir.check(outDir).path();   // refuses a foreign directory before anything is created
        Path raw = out.resolve("raw");
        Files.createDirectories(raw);
        Path ti = Setup.compiled("tcpinfo");
        Path qs = Setup.compiled("qstat");
        Path noMptcp = oot != null && spec.competingFlows() > 0 ? Setup.compiled("nomptcp", true) : null;
        Path scratch = Files.createTempDirectory("mlab-uml-");
        Path memDir = memoryDir(SHM, scratch);
        Thread hook = new Thread(() -> cleanup(scratch, memDir), "kernel-lab-uml-cleanup-" + spec.prefix());
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Path init = prepare(spec, scratch, ti, qs, noMptcp);
            if (!config.isEmpty()) Files.writeString(raw.resolve("uml-config.txt"), config);
            List<String> cmd = command(image, init, scratch, spec.prefix(), checked.facts().root());
            log.append("uml: ").append(String.join(" ", cmd)).append('\n');
            log.append("uml: memory file in ").append(memDir).append('\n');
            long start = System.nanoTime();
            int rc = boot(cmd, scratch, memDir, raw.resolve("console.log"), Math.round(spec.durationS()) + 120, log);
            double wall = (System.nanoTime() - start) / 1e9;
            collect(scratch, raw, rc, log + "uml rc=" + rc + " wall=" + wall + "s\n");
            RunDirWriter.write(spec, Backend.UML, raw, out, wall);
            return out.resolve("summary.json");
        } finally {
            cleanup(scratch, memDir);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    /** What the preflight found: the host's facts and the image's --showconfig output ("" when not asked). */
    private record Checked(Preflight.HostFacts facts, String config) {
    }

    /** Refuses what this host or the image cannot run (installing missing tools first when root). */
    private Checked preflight(LabSpec spec, StringBuilder log) throws LabRefusedException, IOException, InterruptedException {
        Preflight.HostFacts facts = Preflight.probeHost(Backend.UML);
        if (facts.root() && !facts.missingTools().isEmpty()) {
            Setup.ensureTools(Preflight.UML_TOOLS, true, log);
            facts = Preflight.probeHost(Backend.UML);
        }
        List<String> refusals = new ArrayList<>(Preflight.refusals(spec, Backend.UML, facts, !image.equals(KernelImage.DEBIAN_UML)));
        try {
            if (KernelImage.detect(image) != KernelImage.Kind.UML) refusals.add(image + ": a bzImage, not a User-Mode Linux binary; use --backend vm");
        } catch (KernelImage.BadImage e) {
            refusals.add(e.getMessage());
        }
        String config = refusals.isEmpty() ? showConfig(image) : "";
        refusals.addAll(configRefusals(spec, oot != null, config, image));
        if (!refusals.isEmpty()) throw new LabRefusedException(refusals);
        return new Checked(facts, config);
    }

    /** The guest's files in {@code scratch}: lab.sh, uml-init.sh (returned), the out-of-tree knobs, lab.env. */
    private Path prepare(LabSpec spec, Path scratch, Path ti, Path qs, Path noMptcp) throws IOException {
        Setup.resource("lab.sh", scratch, true);
        Path init = Setup.resource("uml-init.sh", scratch, true);
        if (oot != null) Files.writeString(scratch.resolve("knobs.txt"), oot.knobFile());
        String env = envFile(spec, ti, qs, modulesDir(), oot);
        if (noMptcp != null) env += "NOMPTCP='" + noMptcp.toAbsolutePath() + "'\n";
        Files.writeString(scratch.resolve("lab.env"), env);
        return init;
    }

    /** Moves the guest's captures into {@code raw}, writes host.log; fails when the guest could not run or did not finish. */
    private static void collect(Path scratch, Path raw, int rc, String hostLog) throws IOException {
        Path guestRaw = scratch.resolve("raw");
        if (Files.isDirectory(guestRaw)) {
            try (Stream<Path> files = Files.list(guestRaw)) {
                for (Path f : files.toList()) Files.move(f, raw.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(raw.resolve("host.log"), hostLog);
        String failure = guestFailure(raw);
        if (failure != null) throw new IOException("the UML guest could not run the scenario: " + failure + "; see " + raw.resolve("lab.log"));
        if (!Files.exists(raw.resolve("guest-done"))) {
            String host = hostIncompatibility(raw.resolve("console.log"), Path.of("/proc/cpuinfo"));
            if (host != null) throw new UnsupportedHostException(host + "; see " + raw.resolve("console.log"));
            throw new IOException("the UML guest did not finish (rc " + rc + (rc == -1 ? ", timed out and killed" : "") + "); see " + raw.resolve("console.log"));
        }
    }

    /** The boot line (see the class comment); {@code rt} = run at SCHED_FIFO priority 1 (needs root). */
    static List<String> command(Path image, Path init, Path scratch, String umid, boolean rt) {
        List<String> cmd = new ArrayList<>(List.of("setsid"));
        if (rt) cmd.addAll(List.of("chrt", "-f", "1"));
        cmd.addAll(List.of(image.toAbsolutePath().toString(), "mem=" + MEM, "rootfstype=hostfs", "rootflags=/", "ro",
                "init=" + init.toAbsolutePath(), "con0=null,fd:1", "con=null", "uml_dir=" + scratch.toAbsolutePath(), "umid=" + umid));
        return cmd;
    }

    /**
     * lab.env: lab.sh's variables (netem delays, tcpinfo when there is no tcp_probe; {@code qstat} the fork-free
     * queue sampler, lab.sh's QS, or null for its tc loop) and uml-init.sh's UML_* ones.
     */
    static String envFile(LabSpec spec, Path tcpinfo, Path qstat, String modulesDir, OotClient oot) {
        Map<String, String> env = new LinkedHashMap<>(LabEnv.of(spec, "netem", "/run/klab/raw", "", "/sys/kernel/tracing"));
        env.remove("DL");
        env.put("PROBE", "auto");
        env.put("TI", tcpinfo.toAbsolutePath().toString());
        env.put("PROBE_US", Long.toString(PROBE_US));
        if (qstat != null) env.put("QS", qstat.toAbsolutePath().toString());
        env.put("UML_MODULES", modulesDir);
        List<String> load = new ArrayList<>(MODULES);
        for (String cc : spec.allCcs()) {
            if (!Set.of("reno", "cubic").contains(cc)) load.add(ccModule(cc));
        }
        env.put("UML_LOAD", String.join(" ", load));
        env.put("OFFLOAD_OFF", "1");
        if (oot != null) {
            env.put("OOT", "1");
            env.put("UML_NEED", "net/mptcp/mptcp_enabled");
            env.put("UML_KNOBS", "knobs.txt");
            env.put("NSSYSCTL", String.join(" ", oot.namespaceSysctls()));
        } else if (spec.mptcp()) {
            env.put("UML_NEED", "net/mptcp/enabled");
        }
        StringBuilder b = new StringBuilder();
        env.forEach((k, v) -> b.append(k).append("='").append(v.replace("'", "'\\''")).append("'\n"));
        return b.toString();
    }

    /**
     * The module of a CC: upstream net/ipv4/tcp_NAME.c; the out-of-tree coupled CCs are net/mptcp/mptcp_coupled.c (lia),
     * mptcp_olia.c, mptcp_balia.c, mptcp_wvegas.c. Built-in ones are skipped by the guest.
     */
    static String ccModule(String cc) {
        return switch (cc) {
            case "lia" -> "mptcp_coupled";
            case "olia", "balia", "wvegas" -> "mptcp_" + cc;
            default -> "tcp_" + cc;
        };
    }

    private String modulesDir() {
        if (modules != null) return modules.toAbsolutePath().toString();
        return image.equals(KernelImage.DEBIAN_UML) ? "auto" : "none";
    }

    /**
     * Reasons from the image's own configuration ({@code IMAGE --showconfig}, empty when the image does not print one):
     * the options the lab builds on, each as {@code =y} or {@code =m}.
     */
    static List<String> configRefusals(LabSpec spec, boolean oot, String config, Path image) {
        List<String> r = new ArrayList<>();
        if (config.isBlank()) return r;
        List<String> need = new ArrayList<>(List.of("CONFIG_HOSTFS", "CONFIG_NET_NS", "CONFIG_VETH", "CONFIG_NET_SCH_TBF", "CONFIG_NET_SCH_NETEM"));
        if (spec.mptcp() || oot) need.add("CONFIG_MPTCP");
        if (oot) need.add("CONFIG_IP_MULTIPLE_TABLES");
        for (String opt : need) {
            if (!config.contains("\n" + opt + "=y") && !config.contains("\n" + opt + "=m") && !config.startsWith(opt + "=")) {
                String why = opt.equals("CONFIG_MPTCP")
                        ? (oot ? " (the out-of-tree multipath-tcp.org kernel: build it with MPTCP and its PM/scheduler/CC options)"
                               : " (MPTCP; Debian's user-mode-linux 6.1 is built without it: plain TCP scenarios only, or a UML kernel built with CONFIG_MPTCP=y)")
                        : "";
                r.add(image + ": this kernel is built without " + opt + why + "; --showconfig says: "
                        + (config.contains("# " + opt + " is not set") ? "# " + opt + " is not set" : "no " + opt + " line"));
            }
        }
        if (oot && config.contains("\nCONFIG_MPTCP=y") && !config.contains("CONFIG_MPTCP_PM_ADVANCED")) {
            r.add(image + ": an upstream MPTCP kernel (no CONFIG_MPTCP_PM_ADVANCED), but the scenario's flavour mptcp-v0.95 needs the out-of-tree multipath-tcp.org kernel");
        }
        if (!oot && config.contains("CONFIG_MPTCP_PM_ADVANCED")) {
            r.add(image + ": an out-of-tree multipath-tcp.org kernel, but the scenario's flavour is upstream (mptcpize, ip mptcp endpoints); use flavour: mptcp-v0.95");
        }
        return r;
    }

    /** {@code IMAGE --showconfig} (UML prints its .config when built with it), at most 10 s; empty if none. */
    static String showConfig(Path image) throws IOException, InterruptedException {
        Path tmp = Files.createTempFile("mlab-uml-config-", ".txt");
        try {
            Process p = new ProcessBuilder(image.toAbsolutePath().toString(), "--showconfig").redirectErrorStream(true).redirectOutput(tmp.toFile()).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return "";
            }
            String s = Files.readString(tmp, java.nio.charset.StandardCharsets.ISO_8859_1);
            return s.contains("CONFIG_") ? s : "";
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The directory of UML's memory file (TMPDIR): a fresh directory on {@code shm} when that is a writable tmpfs, else
     * {@code scratch}. UML maps its whole memory (mem=1G) from a file it creates there and unlinks at once; on a disk
     * file system (here /tmp is ext4) the host writes the guest's dirty pages back to disk and every first write to a
     * page goes through the file system's page_mkwrite. Measured on lab-oot-a1-lia with the hand-built v0.95.2 UML kernel,
     * 3 runs each on the same shared host (1-min load 4-8): memory file on ext4 /tmp: 6, 8, 9 ACK gaps >= 10 ms per run
     * (longest 59, 49, 176 ms), path 2 at 17.5-17.8 Mbit/s (srtt median 48 ms; references 18.75, 59.8 ms); on /dev/shm:
     * 0 gaps (longest 9 ms), path 2 at 18.5 Mbit/s, srtt median 58 ms.
     */
    static Path memoryDir(Path shm, Path scratch) throws IOException {
        if (!Files.isDirectory(shm) || !Files.isWritable(shm) || !"tmpfs".equals(Files.getFileStore(shm).type())) return scratch;
        return Files.createTempDirectory(shm, "mlab-uml-mem-");
    }

    /** Where {@link #memoryDir} looks for a tmpfs. */
    static final Path SHM = Path.of("/dev/shm");

    /** Starts UML in its own process group, waits at most {@code timeoutS}, always kills the group; -1 on timeout. */
    int boot(List<String> cmd, Path scratch, Path memDir, Path console, long timeoutS, StringBuilder log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(scratch.toFile()).redirectErrorStream(true).redirectOutput(console.toFile());
        pb.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        pb.environment().put("TMPDIR", memDir.toString());   // UML's memory file (unlinked at once), see memoryDir
        Process p = pb.start();
        current = p;
        try {
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                log.append("uml: timed out after ").append(timeoutS).append(" s; killed\n");
                return -1;
            }
            return p.exitValue();
        } finally {
            killGroup(p);
            current = null;
        }
    }

    /** SIGKILL to the process group of {@code p} (setsid made it the leader) and to any descendant that left it. */
    static void killGroup(Process p) throws InterruptedException {
        long pgid = p.pid();
        List<ProcessHandle> desc = p.descendants().toList();
        try {
            new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill binary: fall back to the handles below
        }
        desc.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        for (ProcessHandle h : desc) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // reported by the leak check of the tests
            }
        }
    }

    private void cleanup(Path scratch, Path memDir) {
        Process p = current;
        if (p != null) {
            try {
                killGroup(p);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteTree(scratch);
        if (!memDir.equals(scratch)) deleteTree(memDir);
    }

    /** Deletes {@code dir} (created by this run) and everything in it; never follows a symbolic link out of it. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    System.err.println("kernel-lab: could not delete " + f + ": " + e.getMessage());
                }
            });
        } catch (IOException e) {
            System.err.println("kernel-lab: could not clean " + dir + ": " + e.getMessage());
        }
    }

    /** The guest's "KLAB-FAIL: ..." lines (missing knob, no MPTCP in this kernel, ...), or null. */
    static String guestFailure(Path raw) throws IOException {
        Path log = raw.resolve("lab.log");
        if (!Files.exists(log)) return null;
        List<String> f = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1).stream()
                .filter(l -> l.startsWith("KLAB-FAIL: ")).map(l -> l.substring("KLAB-FAIL: ".length())).toList();
        return f.isEmpty() ? null : String.join("; ", f);
    }

    /** The UML kernel cannot run user space on this host (its CPU, not the scenario): no run is possible with this image here. */
    public static final class UnsupportedHostException extends IOException {
        private static final long serialVersionUID = 1L;

        UnsupportedHostException(String message) {
            super(message);
        }
    }

    /** What the UML kernel prints when the host refuses the guest's FPU state (arch/um's userspace(), then init dies). */
    static final String PTRACE_FP_FAILED = "ptrace set fp regs failed";

    /**
     * Why this UML kernel cannot run user space on this host, from its console, or null. Measured: Debian's UML 6.1
     * (user-mode-linux 6.1um4) on a host whose CPU has Intel AMX ({@code amx_tile}) panics as init starts with
     * "userspace - ptrace set fp regs failed, errno = 14" (EFAULT) and exits 134; the same image ran on the earlier
     * machines of this kind (docs/kernel-lab.md's table). AMX's extended state (8 KB of tile data) is larger than the FPU buffer such a
     * kernel hands to ptrace, the likely cause; the message names the flag only when {@code cpuinfo} shows it.
     */
    static String hostIncompatibility(Path console, Path cpuinfo) throws IOException {
        if (!Files.isRegularFile(console)) return null;
        String line = Files.readAllLines(console, java.nio.charset.StandardCharsets.ISO_8859_1).stream()
                .filter(l -> l.contains(PTRACE_FP_FAILED)).map(String::strip).findFirst().orElse(null);
        if (line == null) return null;
        boolean amx = Files.isReadable(cpuinfo)
                && Files.readString(cpuinfo, java.nio.charset.StandardCharsets.ISO_8859_1).contains(" amx_tile");
        return "this UML kernel cannot run user space on this host: the host refused the guest's FPU state (console: \""
                + line + "\")" + (amx ? ", as happens when the CPU's extended state is larger than the kernel expects "
                + "(this CPU has Intel AMX, amx_tile in /proc/cpuinfo)" : "")
                + "; the scenario is not at fault. Use a UML image built from a newer Linux (--kernel IMAGE), "
                + "or --backend host (the host's own kernel) or --backend vm (QEMU)";
    }
}
