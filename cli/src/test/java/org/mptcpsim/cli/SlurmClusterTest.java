package org.mptcpsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Slurm: starts a one-node cluster on localhost (munged, slurmctld, slurmd in the
 * foreground, all state in a temporary directory, free ports), runs a 64-point sweep (8x8 grid,
 * 200 ms each) with {@code sweep --slurm --shards 4}, waits for the merge job and compares its
 * sweep.csv with a local sweep byte for byte. Skipped, with a message, without root or Slurm
 * (Debian: apt-get install slurm-wlm munge; .ci/run installs them). The daemons are stopped on
 * every path.
 */
@Tag("slurm")
class SlurmClusterTest {
    private static final long WAIT_S = 120;

    @TempDir
    Path tmp;

    private final List<Process> daemons = new ArrayList<>();

    static Optional<Path> tool(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/usr/local/sbin", "/usr/local/bin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    @Test
    void aSweepThroughALocalSlurmEqualsTheLocalSweep() throws Exception {
        Map<String, Optional<Path>> tools = new java.util.LinkedHashMap<>();
        for (String t : List.of("munged", "slurmctld", "slurmd", "sbatch", "scontrol", "scancel")) {
            tools.put(t, tool(t));
        }
        List<String> missing = tools.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        Assumptions.assumeTrue(missing.isEmpty(), "Slurm test skipped: not installed (" + String.join(", ", missing)
                + " missing; apt-get install slurm-wlm munge)");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "Slurm test skipped: slurmd needs root");
        Path scenario = SweepShardTest.resource("tiny-grid.yaml");
        Path conf = tmp.resolve("slurm.conf");
        try {
            startCluster(tools, conf);
            Path w = tmp.resolve("w");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", String.join(File.pathSeparator, Slurm.classPath()), Main.class.getName(), "sweep",
                    scenario.toString(), "--slurm", "--shards", "4", "--time", "5", "--out", w.toString()));
            String out = run(cmd, conf, 60);
            Matcher m = Pattern.compile("merge job (\\d+)").matcher(out);
            assertTrue(m.find(), out);
            String state = waitFor(tools.get("scontrol").get(), m.group(1), conf, w);
            assertEquals("COMPLETED", state, "merge job " + m.group(1) + ": " + logs(w));

            Path local = tmp.resolve("local");
            Object[] r = CliTest.exec("sweep", scenario.toString(), "--out", local.toString(), "--jobs", "2");
            assertEquals(0, r[0], (String) r[1]);
            byte[] want = Files.readAllBytes(local.resolve("sweep.csv"));
            // 8 rates x 8 delays = 64 points, plus the header
            assertEquals(65, new String(want, StandardCharsets.UTF_8).split("\n").length);
            assertArrayEquals(want, Files.readAllBytes(w.resolve("sweep.csv")), logs(w));
        } finally {
            stop(tools, conf);
        }
    }

    private void startCluster(Map<String, Optional<Path>> tools, Path conf) throws Exception {
        Path munge = Files.createDirectories(tmp.resolve("munge"));
        Files.setPosixFilePermissions(munge, PosixFilePermissions.fromString("rwx------"));
        byte[] key = new byte[1024];
        new java.security.SecureRandom().nextBytes(key);
        Path keyFile = munge.resolve("munge.key");
        Files.write(keyFile, key);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        Path sock = munge.resolve("sock");
        for (String d : List.of("state", "spool", "log")) {
            Files.createDirectories(tmp.resolve(d));
        }
        int ctldPort;
        int slurmdPort;
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            ctldPort = a.getLocalPort();
            slurmdPort = b.getLocalPort();
        }
        String text = String.join("\n",
                "ClusterName=mptcpsimtest",
                "SlurmctldHost=localhost",
                "SlurmUser=root",
                "SlurmdUser=root",
                "AuthType=auth/munge",
                "CredType=cred/munge",
                "AuthInfo=socket=" + sock,
                "SlurmctldPort=" + ctldPort,
                "SlurmdPort=" + slurmdPort,
                "StateSaveLocation=" + tmp.resolve("state"),
                "SlurmdSpoolDir=" + tmp.resolve("spool"),
                "SlurmctldPidFile=" + tmp.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + tmp.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + tmp.resolve("log/slurmctld.log"),
                "SlurmdLogFile=" + tmp.resolve("log/slurmd.log"),
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "SchedulerType=sched/builtin",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_CPU",
                "ReturnToService=2",
                "MpiDefault=none",
                "NodeName=localhost CPUs=" + Runtime.getRuntime().availableProcessors() + " State=UNKNOWN",
                "PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP", "");
        Files.writeString(conf, text);
        daemon(conf, tools.get("munged").get().toString(), "--foreground", "--force", "--key-file=" + keyFile,
                "--socket=" + sock, "--pid-file=" + munge.resolve("pid"), "--log-file=" + munge.resolve("log"),
                "--seed-file=" + munge.resolve("seed"));
        waitUntil(() -> Files.exists(sock), "munged socket " + sock);
        daemon(conf, tools.get("slurmctld").get().toString(), "-D");
        daemon(conf, tools.get("slurmd").get().toString(), "-D", "-N", "localhost");
        // the node is up when scontrol reports it idle
        waitUntil(() -> {
            try {
                return run(List.of(tools.get("scontrol").get().toString(), "show", "node", "localhost"), conf, 10)
                        .contains("State=IDLE");
            } catch (AssertionError | IOException | InterruptedException e) {
                return false;
            }
        }, "node localhost idle");
    }

    private void daemon(Path conf, String... cmd) throws IOException {
        String name = Path.of(cmd[0]).getFileName().toString();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("log").resolve(name + ".stdout").toFile());
        pb.environment().put("SLURM_CONF", conf.toString());
        Process p = pb.start();
        daemons.add(p);
        try {
            if (p.waitFor(300, TimeUnit.MILLISECONDS)) {
                fail(name + " exited with " + p.exitValue() + ": " + Files.readString(tmp.resolve("log/" + name + ".stdout"))
                        + logs(tmp.resolve("w")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Cancels every job of the test's cluster, then stops slurmd, slurmctld and munged (in that order). */
    private void stop(Map<String, Optional<Path>> tools, Path conf) throws InterruptedException {
        if (daemons.size() >= 2) {
            try {
                run(List.of(tools.get("scancel").get().toString(), "--user=root"), conf, 10);
            } catch (AssertionError | IOException e) {
                // nothing to cancel, or the controller is already gone
            }
        }
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process p = daemons.get(i);
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        daemons.clear();
    }

    private String waitFor(Path scontrol, String job, Path conf, Path w) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        Pattern st = Pattern.compile("JobState=(\\w+)");
        while (System.nanoTime() < end) {
            Matcher m = st.matcher(run(List.of(scontrol.toString(), "show", "job", job), conf, 10));
            if (m.find() && !List.of("PENDING", "RUNNING", "CONFIGURING", "COMPLETING").contains(m.group(1))) {
                return m.group(1);
            }
            Thread.sleep(500);
        }
        fail("merge job " + job + " not done after " + WAIT_S + " s: " + logs(w));
        return null;
    }

    private static String run(List<String> cmd, Path conf, int timeoutS) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SLURM_CONF", conf.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(cmd + " timed out");
        }
        assertEquals(0, p.exitValue(), cmd + ": " + out);
        return out;
    }

    private String logs(Path w) {
        StringBuilder b = new StringBuilder();
        for (Path dir : List.of(w.resolve("slurm/logs"), tmp.resolve("log"))) {
            try (var s = Files.list(dir)) {
                for (Path f : s.sorted().toList()) {
                    String t = Files.readString(f);
                    b.append("\n--- ").append(f).append('\n').append(t.length() > 2000 ? t.substring(t.length() - 2000) : t);
                }
            } catch (IOException e) {
                b.append("\n(no ").append(dir).append(')');
            }
        }
        return b.toString();
    }

    private static void waitUntil(java.util.function.BooleanSupplier ok, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
