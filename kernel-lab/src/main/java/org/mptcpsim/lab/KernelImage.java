package org.mptcpsim.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a {@code --kernel} file is, decided from its bytes before anything boots:
 *
 * <ul>
 *   <li>{@link Kind#BZIMAGE}: the x86 boot protocol header, magic {@code "HdrS"} at offset 0x202
 *       (Documentation/x86/boot.rst) -- booted under QEMU ({@link VmLab}).</li>
 *   <li>{@link Kind#UML}: an ELF executable (magic {@code 0x7f 'E' 'L' 'F'}, {@code e_type} ET_EXEC or ET_DYN) that
 *       contains the option string {@code "--showconfig"}, which only User-Mode Linux's command-line parser has
 *       (arch/um/kernel/um_arch.c, {@code uml_checksetup} table) -- run as a process ({@link UmlLab}). A plain
 *       x86 {@code vmlinux} is ELF too but has no such string and is rejected with a hint.</li>
 * </ul>
 * Anything else is a {@link BadImage} whose message names the file and what was expected.
 */
public final class KernelImage {
    /** The two kinds of image the lab boots. */
    public enum Kind { BZIMAGE, UML }

    /** Debian's user-mode-linux package installs its kernel here (update-alternatives link to linux.uml). */
    public static final Path DEBIAN_UML = Path.of("/usr/bin/linux");

    /** A --kernel file the lab cannot boot; the message is complete (file: problem; what to pass instead). */
    public static final class BadImage extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public BadImage(String message) {
            super(message);
        }
    }

    private static final byte[] UML_MARK = "--showconfig".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private KernelImage() {
    }

    /** Reads {@code image} and says what it is, or throws {@link BadImage}. */
    public static Kind detect(Path image) {
        if (!Files.exists(image)) throw new BadImage(image + ": no such kernel image");
        if (!Files.isRegularFile(image)) throw new BadImage(image + ": not a file (a kernel image is a bzImage or a User-Mode Linux binary)");
        if (!Files.isReadable(image)) throw new BadImage(image + ": not readable by this user");
        byte[] head = new byte[0x206];
        int n;
        try (InputStream in = Files.newInputStream(image)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new BadImage(image + ": cannot read the kernel image (" + e.getMessage() + ")");
        }
        if (n >= 0x206 && head[0x202] == 'H' && head[0x203] == 'd' && head[0x204] == 'r' && head[0x205] == 'S') return Kind.BZIMAGE;
        if (n >= 18 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            // e_type: u16 at offset 16, in the byte order given by EI_DATA (offset 5: 1 little, 2 big endian)
            int type = head[5] == 2 ? ((head[16] & 0xff) << 8) | (head[17] & 0xff) : ((head[17] & 0xff) << 8) | (head[16] & 0xff);
            if (type != 2 && type != 3) {
                throw new BadImage(image + ": an ELF file but not an executable (e_type " + type + "); --kernel takes a bzImage or a User-Mode Linux binary");
            }
            if (!contains(image, UML_MARK)) {
                throw new BadImage(image + ": an ELF executable but not a User-Mode Linux kernel (no \"--showconfig\" option in it); "
                        + "for QEMU pass the bzImage (arch/x86/boot/bzImage, /boot/vmlinuz-*), not vmlinux; for UML a kernel built with ARCH=um");
            }
            if (!Files.isExecutable(image)) throw new BadImage(image + ": a User-Mode Linux kernel but not executable; chmod +x it");
            return Kind.UML;
        }
        throw new BadImage(image + ": neither a bzImage (no \"HdrS\" boot header at offset 0x202) nor a User-Mode Linux ELF executable; "
                + "pass /boot/vmlinuz-* or arch/x86/boot/bzImage (QEMU), or a kernel built with ARCH=um such as /usr/bin/linux (UML)");
    }

    /**
     * The backend for a {@code --backend} name (null = not given) and {@code --kernel} file (null = none):
     * a UML binary runs on {@link Backend#UML} also when {@code vm} or nothing was asked for; {@code uml} without
     * a kernel uses {@link #DEBIAN_UML}. Mismatches are {@link BadImage}s with the fix.
     */
    public static Backend resolve(String backend, Path kernel) {
        Kind kind = kernel == null ? null : detect(kernel);
        String b = backend == null ? null : backend.toLowerCase(Locale.ROOT);
        if (b != null && !b.equals("host") && !b.equals("vm") && !b.equals("uml")) {
            throw new BadImage("--backend must be host, vm or uml, not " + backend);
        }
        if (b == null) return kind == null ? Backend.HOST : kind == Kind.UML ? Backend.UML : Backend.VM;
        switch (b) {
            case "host":
                if (kernel != null) throw new BadImage("--kernel needs --backend vm or uml (the host backend tests the running kernel)");
                return Backend.HOST;
            case "vm":
                return kind == Kind.UML ? Backend.UML : Backend.VM;   // a UML binary never needs QEMU
            default:
                if (kind == Kind.BZIMAGE) throw new BadImage(kernel + ": a bzImage, not a User-Mode Linux binary; boot it with --backend vm");
                if (kernel == null && !Files.isExecutable(DEBIAN_UML)) {
                    throw new BadImage("--backend uml needs --kernel IMAGE (a kernel built with ARCH=um), or Debian's: apt-get install -y user-mode-linux");
                }
                return Backend.UML;
        }
    }

    /** Whether {@code needle} occurs in the file: read in 1 MiB chunks, each searched with the previous chunk's tail. */
    static boolean contains(Path file, byte[] needle) {
        String pat = new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] buf = new byte[1 << 20];
        String tail = "";
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.readNBytes(buf, 0, buf.length)) > 0; ) {
                String s = tail + new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (s.contains(pat)) return true;
                tail = s.substring(Math.max(0, s.length() - (pat.length() - 1)));
            }
            return false;
        } catch (IOException e) {
            throw new BadImage(file + ": cannot read the kernel image (" + e.getMessage() + ")");
        }
    }
}
