package org.mptcpsim.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Chooses QEMU's accelerator for the VM backend: KVM only if a quick boot probe of the kernel under test
 * succeeds, else TCG.
 *
 * <ol>
 *   <li>{@code MPTCP_SIM_ACCEL} set: used as given, no probe.</li>
 *   <li>{@code /dev/kvm} absent or not read/writable: TCG at once.</li>
 *   <li>Otherwise the cached verdict for (host, qemu, kernel image path + size + mtime) in
 *       {@code <cache>/kvm-probe-<hash>.txt}, or a probe: {@code qemu -accel kvm} boots the bare bzImage (no initramfs,
 *       serial console, {@code panic=-1 -no-reboot}); it passes when the guest prints {@value #BANNER} within
 *       {@link #PROBE_TIMEOUT_S} s. A nested kvm-pvm host never gets there (the guest crawls in the decompressor), so the
 *       probe fails after the timeout and TCG is used; the verdict is cached so this is paid once.</li>
 * </ol>
 */
public final class Accel {
    public static final String TCG = "tcg,thread=multi";
    public static final String KVM = "kvm";
    static final String BANNER = "Linux version";
    static final int PROBE_TIMEOUT_S = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The outcome of one probe boot. */
    public record ProbeResult(boolean booted, double seconds, String detail) {
    }

    /** Boots a kernel image under KVM and reports whether it reached the banner. */
    @FunctionalInterface
    public interface Prober {
        ProbeResult probe(Path kernel) throws IOException, InterruptedException;
    }

    /**
     * The decision.
     *
     * @param accel  the {@code -accel} argument for QEMU
     * @param reason one line for the console and summary.json
     * @param probe  {@code skipped}, {@code passed}, {@code failed}
     * @param cached the probe verdict came from the cache
     */
    public record Choice(String accel, String reason, String probe, boolean cached, double probeSeconds, String probeDetail) {
        boolean kvm() {
            return accel.startsWith(KVM);
        }

        ObjectNode toJson() {
            ObjectNode o = JSON.createObjectNode();
            o.put("chosen", kvm() ? "kvm" : accel.startsWith("tcg") ? "tcg" : accel);
            o.put("qemuAccel", accel);
            o.put("reason", reason);
            o.put("probe", probe);
            o.put("probeCached", cached);
            if (!probe.equals("skipped")) {
                o.put("probeSeconds", RunDirWriter.round(probeSeconds));
                o.put("probeDetail", probeDetail);
            }
            return o;
        }
    }

    private Accel() {
    }

    /** {@code java org.mptcpsim.lab.Accel [BZIMAGE]}: prints the decision (default kernel: Debian's, as VmLab). */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path k = args.length > 0 ? Path.of(args[0]) : VmLab.debianKernel(new StringBuilder())[0];
        long t0 = System.nanoTime();
        Choice c = choose(k);
        System.out.printf(Locale.ROOT, "%s: %s (decided in %.1f s)%n%s%n", k, c.reason(), (System.nanoTime() - t0) / 1e9, c.toJson());
    }

    /** The real decision for {@code kernel}: environment, /dev/kvm, cache dir, real qemu probe. */
    public static Choice choose(Path kernel) throws IOException, InterruptedException {
        Path dev = Path.of("/dev/kvm");
        return choose(System.getenv("MPTCP_SIM_ACCEL"), Files.exists(dev), Files.isReadable(dev) && Files.isWritable(dev),
                kernel, Setup.cacheDir(), hostKey(), Accel::qemuProbe);
    }

    /** The decision logic, with every input explicit (unit-tested without booting anything). */
    static Choice choose(String override, boolean kvmPresent, boolean kvmAccessible, Path kernel, Path cacheDir, String hostKey, Prober prober)
            throws IOException, InterruptedException {
        if (override != null && !override.isBlank()) {
            return new Choice(override.trim(), "MPTCP_SIM_ACCEL=" + override.trim() + " (no probe)", "skipped", false, 0, "");
        }
        if (!kvmPresent) return new Choice(TCG, "/dev/kvm absent: TCG", "skipped", false, 0, "");
        if (!kvmAccessible) return new Choice(TCG, "/dev/kvm not accessible to this user: TCG", "skipped", false, 0, "");
        Path cache = cacheDir.resolve("kvm-probe-" + cacheKey(kernel, hostKey) + ".txt");
        ProbeResult r = readCache(cache);
        boolean cached = r != null;
        if (r == null) {
            r = prober.probe(kernel);
            Files.createDirectories(cacheDir);
            Path tmp = cacheDir.resolve(cache.getFileName() + ".tmp" + ProcessHandle.current().pid());
            Files.writeString(tmp, (r.booted() ? "pass" : "fail") + "\n" + String.format(Locale.ROOT, "%.3f", r.seconds()) + "\n"
                    + r.detail().replace('\n', ' ') + "\n" + kernel.toAbsolutePath() + "\n" + hostKey + "\n");
            Files.move(tmp, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        String how = String.format(Locale.ROOT, "KVM boot probe %s in %.1f s%s", r.booted() ? "passed" : "failed", r.seconds(), cached ? " (cached)" : "");
        return r.booted()
                ? new Choice(KVM, how + ": KVM", "passed", cached, r.seconds(), r.detail())
                : new Choice(TCG, how + ": TCG (" + r.detail() + ")", "failed", cached, r.seconds(), r.detail());
    }

    /** Hash of the kernel image's absolute path, size and mtime plus the host key. */
    static String cacheKey(Path kernel, String hostKey) throws IOException {
        Path k = kernel.toAbsolutePath();
        String s = k + "\0" + Files.size(k) + "\0" + Files.getLastModifiedTime(k).toMillis() + "\0" + hostKey;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ProbeResult readCache(Path cache) throws IOException {
        if (!Files.exists(cache)) return null;
        List<String> l = Files.readAllLines(cache);
        if (l.size() < 3 || !(l.get(0).equals("pass") || l.get(0).equals("fail"))) return null;
        try {
            return new ProbeResult(l.get(0).equals("pass"), Double.parseDouble(l.get(1)), l.get(2));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Host identity for the cache: hostname, host kernel release, QEMU binary size + mtime. */
    static String hostKey() {
        String host = firstLine(Path.of("/proc/sys/kernel/hostname"));
        String rel = firstLine(Path.of("/proc/sys/kernel/osrelease"));
        String qemu = "";
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path q = Path.of(dir, "qemu-system-x86_64");
            if (Files.isExecutable(q)) {
                try {
                    qemu = Files.size(q) + "@" + Files.getLastModifiedTime(q).toMillis();
                } catch (IOException e) {
                    qemu = "?";
                }
                break;
            }
        }
        return host + "/" + rel + "/qemu " + qemu;
    }

    private static String firstLine(Path p) {
        try {
            List<String> l = Files.readAllLines(p);
            return l.isEmpty() ? "" : l.get(0).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** The real probe: bare bzImage under {@code -accel kvm}, serial console on stdout, bounded by the timeout. */
    static ProbeResult qemuProbe(Path kernel) throws IOException, InterruptedException {
        List<String> cmd = List.of("qemu-system-x86_64", "-accel", KVM, "-m", "256", "-smp", "1", "-nographic", "-no-reboot", "-nic", "none",
                "-kernel", kernel.toString(), "-append", "console=ttyS0 earlyprintk=serial,ttyS0 panic=-1 loglevel=7");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        StringBuilder out = new StringBuilder();
        boolean[] seen = {false};
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (InputStream in = p.getInputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (out) {
                        out.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                        if (out.indexOf(BANNER) >= 0) {
                            seen[0] = true;
                            out.notifyAll();
                        }
                        if (out.length() > 1 << 16) out.delete(0, out.length() - (1 << 15));
                    }
                }
            } catch (IOException ignored) {
                // qemu was killed
            }
            synchronized (out) {
                out.notifyAll();
            }
        }, "kvm-probe-reader");
        reader.setDaemon(true);
        reader.start();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(PROBE_TIMEOUT_S);
        synchronized (out) {
            while (!seen[0] && p.isAlive() && System.nanoTime() < deadline) out.wait(100);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        boolean alive = p.isAlive();
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        reader.join(1000);
        String tail;
        synchronized (out) {
            if (seen[0]) return new ProbeResult(true, secs, "guest printed '" + BANNER + "'");
            tail = lastLine(out.toString());
        }
        if (alive) {
            return new ProbeResult(false, secs, String.format(Locale.ROOT, "no '%s' on the serial console within %d s%s", BANNER, PROBE_TIMEOUT_S,
                    tail.isEmpty() ? "" : "; last output: " + tail));
        }
        return new ProbeResult(false, secs, "qemu exited with rc " + p.exitValue() + " before the banner" + (tail.isEmpty() ? "" : ": " + tail));
    }

    /** The last console line of at least 8 characters, escape sequences and control characters removed. */
    static String lastLine(String s) {
        String[] lines = s.replace("\r", "").split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].replaceAll("\u001b(\\[[0-9;?]*[a-zA-Z]|.)|\\p{Cntrl}", "").trim();
            if (l.length() >= 8) return l.length() > 160 ? l.substring(0, 160) : l;   // skip stray characters like a lone "k"
        }
        return "";
    }
}
