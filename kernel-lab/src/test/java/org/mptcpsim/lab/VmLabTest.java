package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmLabTest {
    @TempDir
    Path tmp;

    /** A results disk holding an empty tar: what a guest that never reached the lab leaves (it writes nothing). */
    private Path emptyResults() throws Exception {
        Path img = tmp.resolve("results.img");
        Process p = new ProcessBuilder(List.of("tar", "-cf", img.toString(), "-T", "/dev/null")).inheritIO().start();
        assertEquals(0, p.waitFor());
        return img;
    }

    @Test
    void aUsersImageThatWroteNoResultsDidNotBoot() throws Exception {
        Path img = emptyResults();
        Path raw = Files.createDirectories(tmp.resolve("raw"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        IOException e = assertThrows(VmLab.DidNotBootException.class, () -> VmLab.collect(img, work, raw, 1, true));
        assertEquals("the kernel image did not boot: qemu exited 1; console: " + raw.resolve("console.log"), e.getMessage());
        // the default Debian image is ours, not the user's input: the same text, but not bad input
        e = assertThrows(IOException.class, () -> VmLab.collect(img, work, raw, -1, false));
        assertFalse(e instanceof VmLab.DidNotBootException, e.toString());
        assertEquals("the kernel image did not boot: qemu was stopped at its time limit; console: "
                + raw.resolve("console.log"), e.getMessage());
    }
}
