package org.mptcpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./mptcp-sim} launcher as users start it (after {@code package}: it runs the shaded jar). When the JVM
 * cannot write the start-up archive (its training run fails or crashes, as Temurin 25.0.3's AOT cache writer once did),
 * the run still works, the user is told once, the failed training is not repeated on every start, and nothing lands in
 * the user's working directory (a crashing JVM's hs_err file goes to the launcher's temporary directory).
 */
class LauncherIT {
    @TempDir
    Path tmp;

    @Test
    void aFailedArchiveTrainingIsReportedOnceAndLeavesNothingInTheUsersDirectory() throws Exception {
        Path repo = Path.of("").toAbsolutePath().getParent();
        Path launcher = repo.resolve("mptcp-sim");
        Path jar = repo.resolve("cli/target/mptcp-sim.jar");
        assertTrue(Files.isRegularFile(jar), "the shaded jar is built before integration tests: " + jar);
        // the launcher rebuilds (mvn clean package) when a source is newer than the jar; never from inside a build
        try (Stream<Path> s = Files.walk(repo)) {
            long jarTime = Files.getLastModifiedTime(jar).toMillis();
            List<Path> newer = s.filter(p -> p.toString().contains("/src/main/") && Files.isRegularFile(p))
                    .filter(p -> p.toFile().lastModified() > jarTime).limit(3).toList();
            assertTrue(newer.isEmpty(), "sources newer than the jar (the launcher would rebuild): " + newer);
        }
        // a java binary that fails every archive-writing run (and leaves an hs_err file where -XX:ErrorFile points)
        // and runs everything else with this JVM
        Path home = tmp.resolve("fakejdk");
        Files.createDirectories(home.resolve("bin"));
        Path realHome = Path.of(System.getProperty("java.home"));
        Files.copy(realHome.resolve("release"), home.resolve("release"));
        Path log = tmp.resolve("java-invocations.log");
        Path java = home.resolve("bin/java");
        Files.writeString(java, String.join("\n",
                "#!/usr/bin/env bash",
                "echo \"$*\" >> '" + log + "'",
                "for a in \"$@\"; do case \"$a\" in",
                "  -XX:ErrorFile=*) err=\"${a#-XX:ErrorFile=}\" ;;",
                "esac; done",
                "for a in \"$@\"; do case \"$a\" in",
                "  -XX:AOTCacheOutput=*|-XX:ArchiveClassesAtExit=*)",
                "    [ -n \"${err:-}\" ] && echo 'simulated crash' > \"${err//%p/$$}\"",
                "    echo 'simulated archive writer crash' >&2; exit 134 ;;",
                "esac; done",
                "exec '" + realHome.resolve("bin/java") + "' \"$@\"", ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cwd = Files.createDirectories(tmp.resolve("user"));
        List<Path> failedNotes = new ArrayList<>();
        try {
            String[] first = run(launcher, java, cwd);
            assertEquals("0", first[0], first[2]);
            assertEquals("mptcp-sim 0.1.0", first[1].strip());
            assertTrue(first[2].contains("could not write its class-data archive"), "told once: " + first[2]);
            try (Stream<Path> s = Files.list(repo.resolve("cli/target"))) {
                s.filter(p -> p.getFileName().toString().endsWith(".failed")).forEach(failedNotes::add);
            }
            assertEquals(1, failedNotes.size(), "one note of the failed training: " + failedNotes);
            assertTrue(Files.readString(failedNotes.get(0)).contains("simulated archive writer crash"));

            String[] second = run(launcher, java, cwd);
            assertEquals("0", second[0], second[2]);
            assertEquals("mptcp-sim 0.1.0", second[1].strip());
            assertFalse(second[2].contains("class-data archive"), "not retried, not repeated: " + second[2]);
            long trainings = Files.readAllLines(log).stream()
                    .filter(l -> l.contains("-XX:AOTCacheOutput=") || l.contains("-XX:ArchiveClassesAtExit=")).count();
            assertEquals(1, trainings, "one training run for two starts");
            try (Stream<Path> s = Files.list(cwd)) {
                assertEquals(List.of(), s.toList(), "nothing in the user's working directory");
            }
        } finally {
            for (Path p : failedNotes) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Runs {@code launcher --version} with {@code java}; returns {exit code, stdout, stderr}. */
    private String[] run(Path launcher, Path java, Path cwd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "--version").directory(cwd.toFile());
        pb.environment().put("MPTCP_SIM_JAVA", java.toString());
        pb.environment().remove("MPTCP_SIM_JAVA_OPTS");
        pb.environment().remove("MPTCP_SIM_CDS");
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        int code = pb.start().waitFor();
        return new String[] {Integer.toString(code), Files.readString(out), Files.readString(err)};
    }
}
