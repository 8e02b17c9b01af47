package org.mptcpsim.scenario.model;

import java.util.List;

/**
 * A located error in a scenario: file, line, column, field path, what is wrong and, where the
 * choice is from a closed set, the allowed values. The message reads
 * {@code two-paths.yaml:7:12: links[lte].rate: "10Mbt" is not a rate; use ... (e.g. 10Mbit)}.
 * Later stages (route resolution, the runner) throw it too, with the {@link Loc} that every model
 * object carries.
 */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Loc loc;
    private final String problem;
    private final List<String> allowed;

    public ScenarioException(Loc loc, String problem) {
        this(loc, problem, List.of());
    }

    public ScenarioException(Loc loc, String problem, List<String> allowed) {
        super(format(loc, problem, allowed));
        this.loc = loc;
        this.problem = problem;
        this.allowed = List.copyOf(allowed);
    }

    private static String format(Loc loc, String problem, List<String> allowed) {
        String s = loc + ": " + problem;
        if (!allowed.isEmpty()) {
            s += "; allowed: " + String.join(", ", allowed);
        }
        return s;
    }

    public Loc loc() {
        return loc;
    }

    public String file() {
        return loc.file();
    }

    public int line() {
        return loc.line();
    }

    public int col() {
        return loc.col();
    }

    public String path() {
        return loc.path();
    }

    /** The problem alone, without location and allowed values. */
    public String problem() {
        return problem;
    }

    /** The closed set the value had to come from; empty when there is none. */
    public List<String> allowed() {
        return allowed;
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
