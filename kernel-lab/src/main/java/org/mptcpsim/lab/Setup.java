package org.mptcpsim.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * First-use installation: Debian packages through apt-get (only as root, only what is missing), the
 * delay line compiled with gcc into the cache dir ({@code $MPTCP_SIM_CACHE} or {@code ~/.cache/mptcp-sim}),
 * and the bundled shell scripts copied out of the jar.
 */
public final class Setup {
    private Setup() {
    }

    public static Path cacheDir() throws IOException {
        String env = System.getenv("MPTCP_SIM_CACHE");
        Path dir = env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "mptcp-sim");
        Files.createDirectories(dir);
        return dir;
    }

    /** Installs missing tools with apt-get when root; returns the tools that are still missing. */
    public static Set<String> ensureTools(Map<String, String> table, boolean root, Appendable log) throws IOException, InterruptedException {
        Set<String> missing = Preflight.missingTools(table);
        if (missing.isEmpty() || !root) return missing;
        Set<String> pkgs = new TreeSet<>();
        for (String t : missing) pkgs.add(table.get(t));
        if (pkgs.contains("gcc")) pkgs.add("libc6-dev");
        List<String> cmd = new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
        cmd.addAll(pkgs);
        log.append("kernel-lab: installing ").append(String.join(" ", pkgs)).append(" with apt-get\n");
        if (exec(cmd, 600) != 0) {
            exec(List.of("apt-get", "update", "-q"), 600);
            exec(cmd, 600);
        }
        return Preflight.missingTools(table);
    }

    /** Copies a bundled resource (lab.sh, delayline.c, vm-init.sh) into {@code dir}; returns the file. */
    public static Path resource(String name, Path dir, boolean executable) throws IOException {
        Path out = dir.resolve(name);
        try (InputStream in = Setup.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("resource missing from the jar: " + name);
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        if (executable && !out.toFile().setExecutable(true)) throw new IOException("cannot chmod +x " + out);
        return out;
    }

    /** The delay line binary, compiled on first use (and again when the bundled source changes). */
    public static Path delayLine() throws IOException, InterruptedException {
        return compiled("delayline");
    }

    /**
     * The bundled C program {@code NAME.c} (delayline, tcpinfo) compiled into the cache dir on first use, and again
     * when the source changes (the binary's name carries a hash of it).
     */
    public static Path compiled(String name) throws IOException, InterruptedException {
        return compiled(name, false);
    }

    /** As {@link #compiled(String)}; {@code shared} = an LD_PRELOAD library ({@code NAME-HASH.so}, -shared -fPIC -ldl). */
    public static Path compiled(String name, boolean shared) throws IOException, InterruptedException {
        Path dir = cacheDir();
        byte[] src;
        try (InputStream in = Setup.class.getResourceAsStream(name + ".c")) {
            if (in == null) throw new IOException("resource missing from the jar: " + name + ".c");
            src = in.readAllBytes();
        }
        String tag = Integer.toHexString(java.util.Arrays.hashCode(src));
        Path bin = dir.resolve(name + "-" + tag + (shared ? ".so" : ""));
        if (Files.isExecutable(bin)) return bin;
        Path c = dir.resolve(name + "-" + tag + ".c");
        Files.write(c, src);
        Path tmp = dir.resolve(name + "-" + tag + ".tmp" + ProcessHandle.current().pid());
        List<String> cc = new ArrayList<>(List.of("gcc", "-O2", "-Wall"));
        if (shared) cc.addAll(List.of("-shared", "-fPIC"));
        cc.addAll(List.of("-o", tmp.toString(), c.toString()));
        if (shared) cc.add("-ldl");
        int rc = exec(cc, 120);
        if (rc != 0) throw new IOException("gcc failed to build " + name + " (rc " + rc + "); is libc6-dev installed?");
        Files.move(tmp, bin, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return bin;
    }

    /** Runs a command with inherited output, waits at most {@code timeoutS}; returns its exit code. */
    static int exec(List<String> cmd, long timeoutS) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
