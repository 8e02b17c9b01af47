package org.mptcpsim.scenario.output;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one policy for every directory mptcp-sim writes (docs/outputs.md, "Output directories"): it
 * only ever replaces what it wrote itself. A directory we write carries the marker file
 * {@value #MARKER} (first line {@value #HEADER}, then the command, the scenario and the version).
 *
 * <p>{@link #check} classifies a target before anything runs: missing (created), empty (used) or an
 * earlier output of ours (has the marker; replaced). Everything else is refused with an
 * {@link Refused} that says why and what to do: a non-empty directory without the marker, a file,
 * a symbolic link, {@code /}, the empty string, the current working directory or one of its
 * ancestors, and a path below a file. Relative paths resolve against a base directory (the JVM's
 * working directory unless given, so that tests can run the policy in a temporary directory).
 *
 * <p>Replacement is atomic per directory: the new output is written into a temporary sibling
 * {@code .NAME.tmp-PID-N} (with the marker from the start) and renamed into place when complete;
 * an earlier run is first renamed aside to {@code .NAME.old-PID-N} and deleted afterwards. Such
 * siblings left by a killed process (its PID no longer alive) are removed on the next write into
 * the same place, but only when they carry our marker and hold nothing but the names we write.
 * Instances are immutable; the checks are repeated just before a rename.
 */
public final class OutputDir {
    /** The marker file of every directory we write. */
    public static final String MARKER = ".mptcp-sim-run";
    /** The marker's first line. */
    public static final String HEADER = "mptcp-sim output directory";
    /** The version written into markers (the command line's version). */
    public static final String VERSION = "0.1.0";
    /** The longest directory name {@link #safeName} gives. */
    public static final int MAX_NAME = 64;
    /** The directory every default output lies in. */
    public static final String RUNS = "runs";

    private static final int TEMP_NAME_CHARS = 100;
    /** Top-level names a temporary directory of ours may hold (run, kernel and validate outputs). */
    private static final Pattern OUR_NAMES = Pattern.compile("\\.mptcp-sim-run|summary\\.json|engine\\.json|subflows\\.csv"
            + "|connections\\.csv|queues\\.csv|events\\.csv|scenario\\.(yaml|yml|json)|charts|report\\.html|raw|runs"
            + "|kernel-\\d+|sim(-\\d+)?|verdict\\.(txt|csv)|overlay\\.csv|overlay-\\w+\\.(png|svg)|compare(-runs)?\\.csv"
            + "|\\..*\\.tmp-\\d+-\\d+");

    /** What a target is before we write it. */
    public enum State {
        /** Does not exist: created. */
        MISSING,
        /** An empty directory: used. */
        EMPTY,
        /** An earlier output of ours (has the marker): replaced. */
        EARLIER_RUN
    }

    /** A refused output directory: exit code 2, nothing was changed. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final Path path;
    private final String flag;
    private final State state;

    private OutputDir(Path path, String flag, State state) {
        this.path = path;
        this.flag = flag;
        this.state = state;
    }

    /** {@link #check(Path, Path, String)} against the JVM's working directory. */
    public static OutputDir check(Path target) {
        return check(cwd(), target, "output directory");
    }

    /**
     * Classifies {@code target} ({@code flag} names it in messages, e.g. {@code --out}); a relative
     * path resolves against {@code base}, which is also the working directory the target must not
     * be or contain.
     *
     * @throws Refused when we must not write there
     */
    public static OutputDir check(Path base, Path target, String flag) {
        String given = target.toString();
        String label = flag + " " + (given.isEmpty() ? "''" : given);
        if (given.isEmpty()) {
            throw refuse(label, "is empty (an unset shell variable?), which would mean the current working directory "
                    + base, true);
        }
        Path b = base.toAbsolutePath().normalize();
        Path abs = b.resolve(target).normalize();
        if (abs.getParent() == null) {
            throw refuse(label, abs + " is the root directory", true);
        }
        if (b.startsWith(abs)) {
            throw refuse(label, abs.equals(b) ? abs + " is the current working directory"
                    : abs + " contains the current working directory " + b, true);
        }
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isSymbolicLink(abs)) {
                throw refuse(label, abs + " is a symbolic link (we do not write through links)", true);
            }
            if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw refuse(label, abs + " is a file, not a directory", true);
            }
            try {
                if (realOrSelf(b).startsWith(abs.toRealPath())) {
                    throw refuse(label, abs + " contains the current working directory " + b, true);
                }
            } catch (IOException e) {
                throw refuse(label, abs + " cannot be read (" + e.getMessage() + ")", true);
            }
            if (isOurs(abs)) {
                List<Path> foreign;
                try {
                    foreign = OwnFiles.foreign(abs);
                } catch (IOException e) {
                    throw refuse(label, abs + " cannot be read (" + e.getMessage() + ")", true);
                }
                if (!foreign.isEmpty()) {
                    throw refuse(label, abs + " is an earlier mptcp-sim output but also holds what mptcp-sim did not write ("
                            + foreignList(foreign) + "), which replacing it would delete (move that out to write here again)", true);
                }
                return new OutputDir(abs, flag, State.EARLIER_RUN);
            }
            if (isEmptyDir(abs)) {
                return new OutputDir(abs, flag, State.EMPTY);
            }
            throw refuse(label, abs + " is not empty and is not an mptcp-sim output directory (it has no " + MARKER
                    + " file), so it may hold your files", true);
        }
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw refuse(label, abs + " cannot be created: " + p + " is a file", true);
                }
                break;
            }
        }
        return new OutputDir(abs, flag, State.MISSING);
    }

    /**
     * Checks {@code dir} for {@code report RUN_DIR}, which writes charts and report.html into an
     * existing run: it must be a directory with our marker, or with the files of a run written
     * before markers existed (summary.json and subflows.csv), and must hold summary.json.
     */
    public static Path checkRunToReport(Path base, Path dir) {
        String label = "RUN_DIR " + (dir.toString().isEmpty() ? "''" : dir);
        Path abs = base.toAbsolutePath().normalize().resolve(dir).normalize();
        if (dir.toString().isEmpty() || !Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw refuse(label, abs + " is not a directory", false);
        }
        boolean run = Files.isRegularFile(abs.resolve("summary.json"), LinkOption.NOFOLLOW_LINKS);
        if (!run || !(isOurs(abs) || Files.isRegularFile(abs.resolve("subflows.csv"), LinkOption.NOFOLLOW_LINKS))) {
            throw refuse(label, abs + " is not a run directory (it needs summary.json and subflows.csv, or the " + MARKER
                    + " marker and summary.json); report only redraws the charts of a run", false);
        }
        return abs;
    }

    private static Refused refuse(String label, String why, boolean suggestNew) {
        return new Refused(label + ": refusing to write there: " + why + ". Nothing was changed. "
                + (suggestNew ? "Give a new or empty directory, e.g. --out runs/new (mptcp-sim only replaces directories"
                        + " holding its " + MARKER + " marker)." : "Give the directory of a run, e.g. runs/two-paths."));
    }

    /** The absolute, normalized target. */
    public Path path() {
        return path;
    }

    /** What the target was when checked. */
    public State state() {
        return state;
    }

    /** {@code true} when the target holds an earlier output of ours that a write replaces. */
    public boolean replacesEarlierRun() {
        return state == State.EARLIER_RUN;
    }

    /** The command recorded in the earlier output's marker, if there is one. */
    public Optional<String> earlierCommand() {
        return state == State.EARLIER_RUN ? markerField(path, "command") : Optional.empty();
    }

    /**
     * Creates the parents, removes stale temporary siblings of earlier killed processes and
     * returns a new temporary sibling holding the marker, to be {@link #commit}ted or
     * {@link #discard}ed.
     */
    public Path newTemp(String command, String scenario) throws IOException {
        Path parent = path.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw cannotCreate(e);
        }
        removeStale();
        // not Files.createTempDirectory, which makes it 0700: the run directory it becomes follows the umask
        Path tmp;
        while (true) {
            try {
                tmp = Files.createDirectory(parent.resolve(tempPrefix("tmp") + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE)));
                break;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another name
            } catch (IOException e) {
                throw cannotCreate(e);
            }
        }
        writeMarker(tmp, command, scenario);
        return tmp;
    }

    /**
     * Puts the complete temporary directory {@code tmp} in place of the target; returns
     * {@code true} when it replaced an earlier output. The target is checked again first.
     */
    public boolean commit(Path tmp) throws IOException {
        OutputDir now = check(path.getParent(), path.getFileName(), flag);
        switch (now.state) {
            case MISSING -> Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
            case EMPTY -> {
                Files.delete(path);
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
            }
            case EARLIER_RUN -> {
                Path old = moveAside();
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            }
            default -> throw new IllegalStateException(now.state.name());
        }
        return now.state == State.EARLIER_RUN;
    }

    /** The target's parent refuses a new directory (read-only, /proc, no permission): named as the user gave it. */
    private Refused cannotCreate(IOException e) {
        return new Refused(flag + " " + path + ": cannot create a directory in " + path.getParent() + " (" + reason(e)
                + "). Nothing was changed. Give a directory on a writable file system, e.g. --out runs/new.");
    }

    /** What a file-system error says, in words ("permission denied", the system's reason, ...). */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return switch (e.getClass().getSimpleName()) {
            case "FileAlreadyExistsException" -> "a file is in the way (a directory is needed here)";
            case "NotDirectoryException" -> "not a directory";
            case "AccessDeniedException" -> "permission denied";
            case "NoSuchFileException" -> "no such file or directory";
            case "DirectoryNotEmptyException" -> "directory not empty";
            default -> e.getClass().getSimpleName();
        };
    }

    /** Deletes a temporary directory of ours (a run that failed). */
    public static void discard(Path tmp) {
        try {
            if (isOurs(tmp)) {
                deleteTree(tmp);
            }
        } catch (IOException ignored) {
            // best effort: the run already failed, and a stale temporary is removed by the next run
        }
    }

    /**
     * Makes the target an empty directory holding the marker: creates a missing one, uses an empty
     * one, and replaces an earlier output (renamed aside, then deleted). Returns the path.
     */
    public Path fresh(String command, String scenario) throws IOException {
        OutputDir now = check(path.getParent(), path.getFileName(), flag);
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw cannotCreate(e);
        }
        removeStale();
        if (now.state == State.EARLIER_RUN) {
            deleteTree(moveAside());
        }
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw cannotCreate(e);
        }
        writeMarker(path, command, scenario);
        return path;
    }

    /** Ensures the marker is in the target (missing or empty: created), keeping an earlier output. */
    public Path keep(String command, String scenario) throws IOException {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw cannotCreate(e);
        }
        if (!isOurs(path)) {
            writeMarker(path, command, scenario);
        }
        return path;
    }

    /** The sibling {@code NAME.failed} that keeps a failed kernel run's partial output. */
    public static Path failedSibling(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".failed");
    }

    private Path moveAside() throws IOException {
        Path old = path.resolveSibling(tempPrefix("old") + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE));
        Files.move(path, old, StandardCopyOption.ATOMIC_MOVE);
        return old;
    }

    private String tempPrefix(String kind) {
        String n = path.getFileName().toString();
        return "." + (n.length() > TEMP_NAME_CHARS ? n.substring(0, TEMP_NAME_CHARS) : n) + "." + kind + "-"
                + ProcessHandle.current().pid() + "-";
    }

    /**
     * Removes {@code .NAME.tmp-PID-N} and {@code .NAME.old-PID-N} siblings whose process is gone
     * and which hold our marker and only names we write.
     */
    void removeStale() {
        String n = path.getFileName().toString();
        String prefix = "." + (n.length() > TEMP_NAME_CHARS ? n.substring(0, TEMP_NAME_CHARS) : n) + ".";
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "(tmp|old)-(\\d+)-\\d+");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(path.getParent(),
                e -> e.getFileName().toString().startsWith(prefix))) {
            for (Path s : ds) {
                Matcher m = p.matcher(s.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(s, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                long pid = Long.parseLong(m.group(2));
                if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                if (isOurs(s) && onlyOurNames(s)) {
                    deleteTree(s);
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // best effort: a stale temporary directory left behind costs disk space, not data
        }
    }

    private static String foreignList(List<Path> foreign) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(foreign.size(), OwnFiles.SHOWN); i++) {
            b.append(i == 0 ? "" : ", ").append(foreign.get(i));
        }
        return foreign.size() > OwnFiles.SHOWN ? b + ", ..." : b.toString();
    }

    private static boolean onlyOurNames(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.allMatch(p -> OUR_NAMES.matcher(p.getFileName().toString()).matches());
        }
    }

    /** {@code true} when {@code dir} is a directory holding our marker. */
    public static boolean isOurs(Path dir) {
        Path m = dir.resolve(MARKER);
        if (!Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (BufferedReader r = Files.newBufferedReader(m, StandardCharsets.UTF_8)) {
            return HEADER.equals(r.readLine());
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<String> markerField(Path dir, String key) {
        try {
            for (String line : Files.readAllLines(dir.resolve(MARKER), StandardCharsets.UTF_8)) {
                if (line.startsWith(key + ": ")) {
                    return Optional.of(line.substring(key.length() + 2));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Writes the marker into {@code dir}: the header, the command that wrote the directory, the
     * scenario and the version. Its content depends only on those, so runs stay byte-identical.
     */
    public static void writeMarker(Path dir, String command, String scenario) throws IOException {
        String text = HEADER + "\n"
                + "command: " + oneLine(command) + "\n"
                + "scenario: " + oneLine(scenario) + "\n"
                + "version: " + VERSION + "\n"
                + "mptcp-sim replaces this directory on the next write into the same place;"
                + " it never replaces a directory without this file.\n";
        Files.writeString(dir.resolve(MARKER), text, StandardCharsets.UTF_8);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", " ");
    }

    /**
     * A scenario name as a directory name: ASCII letters, digits, {@code -}, {@code _} and {@code .}
     * are kept, anything else becomes {@code _}, leading dots become {@code _} (so {@code ..} cannot
     * leave {@code runs/}), an empty name is {@code unnamed}; a name longer than {@value #MAX_NAME}
     * characters is cut to 55 plus {@code -} and the first 8 hex digits of its SHA-256, so that
     * distinct long names stay distinct.
     */
    public static String safeName(String name) {
        String n = name == null ? "" : name;
        StringBuilder b = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.';
            b.append(ok ? c : '_');
        }
        for (int i = 0; i < b.length() && b.charAt(i) == '.'; i++) {
            b.setCharAt(i, '_');
        }
        if (b.length() == 0) {
            return "unnamed";
        }
        if (b.length() > MAX_NAME) {
            return b.substring(0, MAX_NAME - 9) + "-" + sha256(n).substring(0, 8);
        }
        return b.toString();
    }

    /** The default output directory {@code runs/PREFIX<safe name>SUFFIX}. */
    public static Path defaultDir(String prefix, String scenarioName, String suffix) {
        return Path.of(RUNS, prefix + safeName(scenarioName) + suffix);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private static Path cwd() {
        return Path.of("").toAbsolutePath();
    }

    private static Path realOrSelf(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    private static boolean isEmptyDir(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes a tree without following symbolic links (a link is deleted, not its target). */
    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(p)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path x : all) {
            Files.delete(x);
        }
    }
}
