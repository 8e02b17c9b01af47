package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a --kernel file is (KernelImage), from synthetic images: the boot-protocol magic, ELF headers, the UML marker. */
class KernelImageTest {
    @TempDir
    Path tmp;

    /** x86 boot protocol (Documentation/x86/boot.rst): "HdrS" at offset 0x202 of the setup header. */
    private Path bzImage() throws IOException {
        byte[] b = new byte[4096];
        System.arraycopy("HdrS".getBytes(StandardCharsets.US_ASCII), 0, b, 0x202, 4);
        return write("bzImage", b, false);
    }

    /**
     * A 64-bit little-endian ELF header (EI_DATA = 1) with e_type {@code type} (2 ET_EXEC, 3 ET_DYN, 1 ET_REL) and, when
     * {@code mark}, the string "--showconfig" placed across the 1 MiB chunk boundary of KernelImage.contains.
     */
    private Path elf(String name, int type, boolean mark, boolean exec) throws IOException {
        byte[] b = new byte[(1 << 20) + 4096];
        b[0] = 0x7f;
        b[1] = 'E';
        b[2] = 'L';
        b[3] = 'F';
        b[4] = 2;   // ELFCLASS64
        b[5] = 1;   // little endian
        b[16] = (byte) type;
        if (mark) System.arraycopy("--showconfig".getBytes(StandardCharsets.US_ASCII), 0, b, (1 << 20) - 5, 12);
        return write(name, b, exec);
    }

    private Path write(String name, byte[] b, boolean exec) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, b);
        assertTrue(p.toFile().setExecutable(exec));
        return p;
    }

    @Test
    void bzImageAndUmlBinaryAreTold() throws IOException {
        assertEquals(KernelImage.Kind.BZIMAGE, KernelImage.detect(bzImage()));
        assertEquals(KernelImage.Kind.UML, KernelImage.detect(elf("linux", 2, true, true)));
        assertEquals(KernelImage.Kind.UML, KernelImage.detect(elf("linux-pie", 3, true, true)));
    }

    @Test
    void debiansUserModeLinuxIsAUmlBinary() {
        // only where the user-mode-linux package is installed (CI installs it, .ci/run)
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(KernelImage.DEBIAN_UML), "user-mode-linux not installed");
        assertEquals(KernelImage.Kind.UML, KernelImage.detect(KernelImage.DEBIAN_UML));
    }

    @Test
    void badImagesGetLocatedMessages() throws IOException {
        assertMessage(tmp.resolve("nope"), tmp.resolve("nope") + ": no such kernel image");
        assertMessage(tmp, tmp + ": not a file");
        Path text = write("text", "not a kernel\n".getBytes(StandardCharsets.US_ASCII), false);
        assertMessage(text, text + ": neither a bzImage (no \"HdrS\" boot header at offset 0x202) nor a User-Mode Linux ELF executable");
        Path vmlinux = elf("vmlinux", 2, false, true);
        assertMessage(vmlinux, vmlinux + ": an ELF executable but not a User-Mode Linux kernel (no \"--showconfig\" option in it)");
        Path obj = elf("x.o", 1, true, false);
        assertMessage(obj, obj + ": an ELF file but not an executable (e_type 1)");
        Path noexec = elf("linux-noexec", 2, true, false);
        assertMessage(noexec, noexec + ": a User-Mode Linux kernel but not executable; chmod +x it");
    }

    @Test
    void theImageChoosesTheBackend() throws IOException {
        Path uml = elf("linux", 2, true, true);
        Path bz = bzImage();
        assertEquals(Backend.HOST, KernelImage.resolve(null, null));
        assertEquals(Backend.UML, KernelImage.resolve(null, uml));
        assertEquals(Backend.UML, KernelImage.resolve("vm", uml));    // a UML binary never goes to QEMU
        assertEquals(Backend.VM, KernelImage.resolve(null, bz));
        assertEquals(Backend.VM, KernelImage.resolve("vm", bz));
        assertEquals(Backend.UML, KernelImage.resolve("UML", uml));
        assertTrue(assertThrows(KernelImage.BadImage.class, () -> KernelImage.resolve("uml", bz)).getMessage()
                .endsWith(": a bzImage, not a User-Mode Linux binary; boot it with --backend vm"));
        assertTrue(assertThrows(KernelImage.BadImage.class, () -> KernelImage.resolve("host", uml)).getMessage()
                .startsWith("--kernel needs --backend vm or uml"));
        assertEquals("--backend must be host, vm or uml, not kvm",
                assertThrows(KernelImage.BadImage.class, () -> KernelImage.resolve("kvm", null)).getMessage());
    }

    private static void assertMessage(Path image, String start) {
        String m = assertThrows(KernelImage.BadImage.class, () -> KernelImage.detect(image)).getMessage();
        assertTrue(m.startsWith(start), m);
    }
}
