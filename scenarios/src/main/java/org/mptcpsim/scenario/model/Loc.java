package org.mptcpsim.scenario.model;

/**
 * Where a value came from: a file position ({@code line}/{@code col} are 1-based) or, when
 * {@code line <= 0}, a command-line source such as {@code --set links.wifi.rate=5Mbit} held in
 * {@code file}. {@code path} is the field path inside the scenario, e.g. {@code links[wifi].rate}
 * or {@code connections[m1].kernel.net.ipv4.tcp_congestion_control}.
 */
public record Loc(String file, int line, int col, String path) {

    /** A location with no position, e.g. for values the scenario layer filled in itself. */
    public static Loc of(String file, String path) {
        return new Loc(file, 0, 0, path);
    }

    /** The same position with another field path. */
    public Loc withPath(String newPath) {
        return new Loc(file, line, col, newPath);
    }

    /** {@code true} when this is a position in a file (not a {@code --set} or a default). */
    public boolean hasPosition() {
        return line > 0;
    }

    /** {@code file:line:col} or just {@code file} when there is no position. */
    public String where() {
        return hasPosition() ? file + ":" + line + ":" + col : file;
    }

    /** {@code file:line:col: path} (path left out when empty). */
    @Override
    public String toString() {
        return path == null || path.isEmpty() ? where() : where() + ": " + path;
    }
}
