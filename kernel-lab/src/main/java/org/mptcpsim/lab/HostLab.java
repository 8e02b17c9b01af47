package org.mptcpsim.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mptcpsim.scenario.output.OutputDir;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link LabSpec} on the host's own kernel in network namespaces and writes a run directory.
 *
 * <p>Sequence: preflight (refuse with reasons, install missing tools with apt-get when root), build the
 * delay line, {@code lab.sh up} (namespaces {@code <prefix>-cli/-srv/-rb/-r<i>}, veth, tbf, TUN delay line,
 * MPTCP limits and endpoints), {@code lab.sh run} (iperf3 under mptcpize, tcp_probe / retransmit /
 * ca_state tracepoints in a private tracefs instance, tc samples), {@code lab.sh down}, then
 * {@link RunDirWriter}. Cleanup ({@code down}) always runs: in a finally block and, for Ctrl-C, in a
 * shutdown hook; it removes only the names this run created. Not thread-safe per instance; parallel runs
 * need distinct prefixes (the default {@link LabSpec#uniquePrefix()} is).
 */
public final class HostLab {
    private volatile Process current;
    private final boolean pcap;

    /** A host lab without packet captures. */
    public HostLab() {
        this(false);
    }

    /** {@code pcap}: tcpdump the bottleneck routers' interfaces into raw/pcap/ (headers only; needs tcpdump). */
    public HostLab(boolean pcap) {
        this.pcap = pcap;
    }

    /** Runs the scenario; returns the summary path. Throws {@link LabRefusedException} before creating anything. */
    public Path run(LabSpec spec, Path outDir) throws LabRefusedException, IOException, InterruptedException {
        StringBuilder log = new StringBuilder();
        Preflight.HostFacts facts = Preflight.probeHost(Backend.HOST);
        if (facts.root() && !facts.missingTools().isEmpty()) {
            Setup.ensureTools(Preflight.HOST_TOOLS, true, log);
            facts = Preflight.probeHost(Backend.HOST);
        }
        List<String> refusals = new java.util.ArrayList<>(Preflight.refusals(spec, Backend.HOST, facts, false));
        if (pcap && !Setup.ensureTools(Preflight.PCAP_TOOLS, facts.root(), log).isEmpty()) {
            refusals.add("--pcap needs tcpdump: apt-get install tcpdump");
        }
        if (!refusals.isEmpty()) throw new LabRefusedException(refusals);

        Path out = OutputDir.check(outDir).path();   // refuses a foreign directory before anything is created
        Path raw = out.resolve("raw");
        Files.createDirectories(raw);
        Files.writeString(raw.resolve("lab.log"), log);
        Path script = Setup.resource("lab.sh", raw, true);
        Path dl = Setup.delayLine();
        Path tracefs = Files.isDirectory(Path.of("/sys/kernel/tracing/events"))
                ? Path.of("/sys/kernel/tracing") : Path.of("/tmp", spec.prefix() + "-tracefs");
        Map<String, String> env = LabEnv.of(spec, "tun", raw.toString(), dl.toString(), tracefs.toString());
        env.put("QS", Setup.compiled("qstat").toString());   // the fork-free queue sampler (lab.sh)
        if (pcap) env.put("PCAP", "1");
        Files.writeString(raw.resolve("lab.env"), env.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"\n")
                .reduce("", String::concat));

        Thread hook = new Thread(() -> cleanup(script, env, raw), "kernel-lab-cleanup-" + spec.prefix());
        Runtime.getRuntime().addShutdownHook(hook);
        long start = System.nanoTime();
        int rc;
        try {
            if (sh(script, "up", env, raw, 60) != 0) {
                throw new IOException("lab setup failed; see " + raw.resolve("lab.log"));
            }
            rc = sh(script, "run", env, raw, Math.round(spec.durationS()) + 90);
        } finally {
            cleanup(script, env, raw);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run; nothing to remove
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (rc != 0) Files.writeString(raw.resolve("lab.log"), "lab.sh run exited with " + rc + "\n", java.nio.file.StandardOpenOption.APPEND);
        RunDirWriter.write(spec, Backend.HOST, raw, out, wall);
        return out.resolve("summary.json");
    }

    private void cleanup(Path script, Map<String, String> env, Path raw) {
        Process p = current;
        if (p != null && p.isAlive()) {
            List<ProcessHandle> all = new java.util.ArrayList<>(p.descendants().toList());
            all.add(p.toHandle());
            all.forEach(ProcessHandle::destroy);
            for (ProcessHandle h : all) {   // wait for them, so that none outlives the JVM (SIGTERM, Ctrl-C)
                try {
                    h.onExit().get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    h.destroyForcibly();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    h.destroyForcibly();
                }
            }
        }
        try {
            sh(script, "down", env, raw, 60);
        } catch (IOException | InterruptedException e) {
            System.err.println("kernel-lab: cleanup of " + env.get("P") + " failed: " + e);
        }
    }

    /** Runs {@code bash lab.sh VERB} with the lab environment; output appended to raw/lab.log. */
    private int sh(Path script, String verb, Map<String, String> env, Path raw, long timeoutS) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), verb).directory(raw.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(raw.resolve("lab.log").toFile()));
        pb.environment().putAll(env);
        pb.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        Process p = pb.start();
        if (!verb.equals("down")) current = p;
        try {
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
                return -1;
            }
            return p.exitValue();
        } finally {
            if (!verb.equals("down")) current = null;
        }
    }
}
