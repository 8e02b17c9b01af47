package org.mptcpsim.scenario.output;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What mptcp-sim wrote in a directory of ours, by name and place: the entries {@link OutputDir} may delete
 * when it replaces the directory. A directory with the marker holds the files of a run, a sweep, a comparison,
 * a validation or a kernel run (docs/outputs.md) and these subdirectories: {@code charts/} (PNG and SVG),
 * {@code pcap/} (captures), {@code raw/} (a kernel run's raw captures: anything the lab wrote, any simple name),
 * {@code points/}, {@code shards/} and {@code sim*}/{@code kernel-N}/{@code validate} (outputs of ours, each with
 * its own marker), {@code runs/} (a comparison's alternatives, holding outputs of ours) and {@code slurm/} (job
 * scripts and logs). Anything else, e.g. a notes file the user put beside summary.json or a directory of their
 * own, is foreign: a replacement is refused instead of deleting it.
 */
final class OwnFiles {
    /** How many foreign entries a refusal names. */
    static final int SHOWN = 5;

    private static final Pattern TOP_FILES = Pattern.compile("\\.mptcp-sim-run|summary\\.json|engine\\.json|subflows\\.csv"
            + "|connections\\.csv|queues\\.csv|events\\.csv|scenario\\.(yaml|yml|json)|report\\.html|verdict\\.(txt|csv)"
            + "|overlay\\.csv|overlay-\\w+\\.(png|svg)|compare(-runs)?\\.csv|sweep\\.csv|shard\\.json|flows\\.csv|\\..*\\.(tmp|old)-\\d+-\\d+");
    private static final Pattern CHART = Pattern.compile("[\\w.+-]+\\.(png|svg)");
    private static final Pattern CAPTURE = Pattern.compile("[\\w.:+-]+\\.pcap|tcpdump\\.log");
    private static final Pattern SIMPLE = Pattern.compile("[\\w.%+-]+");
    private static final Pattern SLURM = Pattern.compile("[\\w.%+-]+\\.(sh|out|err|log|txt)");
    /** Subdirectories that hold outputs of ours, each with its own marker. */
    private static final Pattern NESTED = Pattern.compile("points|\\.points\\.tmp-\\d+|shards|sim(-\\d+)?|kernel-\\d+|validate");

    private OwnFiles() {
    }

    /** Up to {@link #SHOWN} + 1 entries below {@code dir} (a directory of ours) that mptcp-sim did not write. */
    static List<Path> foreign(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        ours(dir, dir, out);
        return out;
    }

    /** The top of a directory with our marker. */
    private static void ours(Path root, Path dir, List<Path> out) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (out.size() > SHOWN) {
                    return;
                }
                String n = p.getFileName().toString();
                boolean isDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                if (!isDir) {
                    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || !TOP_FILES.matcher(n).matches()) {
                        out.add(root.relativize(p));
                    }
                } else if (OutputDir.isOurs(p)) {
                    ours(root, p, out);
                } else if (n.equals("charts")) {
                    files(root, p, CHART, out);
                } else if (n.equals("pcap")) {
                    files(root, p, CAPTURE, out);
                } else if (n.equals("raw")) {
                    lab(root, p, out);
                } else if (n.equals("slurm")) {
                    slurm(root, p, out);
                } else if (n.equals("runs") || NESTED.matcher(n).matches()) {
                    outputs(root, p, out);
                } else {
                    out.add(root.relativize(p));
                }
            }
        }
    }

    /** Regular files named by {@code names}, nothing else. */
    private static void files(Path root, Path dir, Pattern names, List<Path> out) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || !names.matcher(p.getFileName().toString()).matches()) {
                    out.add(root.relativize(p));
                }
            }
        }
    }

    /** A kernel run's raw captures: files and directories of simple names, any depth (the lab's own layout). */
    private static void lab(Path root, Path dir, List<Path> out) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                boolean named = SIMPLE.matcher(p.getFileName().toString()).matches();
                if (named && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    lab(root, p, out);
                } else if (!named || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(root.relativize(p));
                }
            }
        }
    }

    /** The Slurm job scripts and {@code logs/}. */
    private static void slurm(Path root, Path dir, List<Path> out) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.equals("logs") && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    files(root, p, SLURM, out);
                } else if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || !SLURM.matcher(n).matches()) {
                    out.add(root.relativize(p));
                }
            }
        }
    }

    /**
     * Outputs of ours (each with its marker), possibly grouped in plain directories ({@code runs/ALT/seed-N}), or
     * symbolic links to them (a merged sweep's {@code points/pK}: replacing deletes the link, never its target).
     */
    private static void outputs(Path root, Path dir, List<Path> out) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isSymbolicLink(p) && OutputDir.isOurs(p)) {
                    continue;
                }
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(root.relativize(p));
                } else if (OutputDir.isOurs(p)) {
                    ours(root, p, out);
                } else {
                    outputs(root, p, out);
                }
            }
        }
    }
}
