package org.mptcpsim.scenario.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A located error in a scenario: file, line, column, field path, what is wrong and, where the
 * choice is from a closed set, the allowed values. The message reads
 * {@code two-paths.yaml:7:12: links[lte].rate: "10Mbt" is not a rate; use ... (e.g. 10Mbit)}.
 * Later stages (route resolution, the runner) throw it too, with the {@link Loc} that every model
 * object carries.
 *
 * <p>A file with several independent errors gives one exception that holds them all ({@link #of}):
 * {@link #errors()} lists them in file order, and the message is their messages, a line each. This
 * exception's own location, problem and allowed values are the first error's.
 */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Loc loc;
    private final String problem;
    private final List<String> allowed;
    /** Every error, this one first (a single error: just this one). */
    private final transient List<ScenarioException> errors;
    /** How many errors there were, {@link #errors()} holding at most {@link #MAX_REPORTED} of them. */
    private final int total;
    /** Where the error sorts among a file's errors: its own location, or the scenario field that names its file. */
    private final transient Loc sortAt;

    /**
     * Errors reported at most per file: past this many, a file is more likely wrong as a whole (the wrong
     * file, or a format it does not follow) than in so many places, and the first ones say which.
     */
    public static final int MAX_REPORTED = 20;

    public ScenarioException(Loc loc, String problem) {
        this(loc, problem, List.of());
    }

    public ScenarioException(Loc loc, String problem, List<String> allowed) {
        super(format(loc, problem, allowed));
        this.loc = loc;
        this.problem = problem;
        this.allowed = List.copyOf(allowed);
        this.errors = List.of(this);
        this.total = 1;
        this.sortAt = loc;
    }

    private ScenarioException(ScenarioException e, Loc sortAt) {
        super(e.getMessage());
        this.loc = e.loc;
        this.problem = e.problem;
        this.allowed = e.allowed;
        this.errors = List.of(this);
        this.total = 1;
        this.sortAt = sortAt;
    }

    /**
     * This error (located in another file, e.g. a line of a trace file) sorted among the scenario's errors at
     * {@code field}, the scenario field that names that file; its message is unchanged.
     */
    public ScenarioException anchoredAt(Loc field) {
        return errors.size() == 1 ? new ScenarioException(this, field) : this;
    }

    private ScenarioException(List<ScenarioException> shown, int total) {
        super(joined(shown, total));
        ScenarioException first = shown.get(0);
        this.loc = first.loc;
        this.problem = first.problem;
        this.allowed = first.allowed;
        this.errors = List.copyOf(shown);
        this.total = total;
        this.sortAt = first.sortAt;
    }

    /**
     * One exception for {@code found} (not empty; each may itself hold several): the single error itself, or one
     * holding all of them in file order (line and column; an error in a file the scenario names, such as a
     * trace, where that field is; errors with no file position, from the command line, first, as they were found),
     * at most {@link #MAX_REPORTED}.
     */
    public static ScenarioException of(List<ScenarioException> found) {
        List<ScenarioException> all = new ArrayList<>();
        int total = 0;
        for (ScenarioException e : found) {
            all.addAll(e.errors);
            total += e.total - e.errors.size();
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no errors");
        }
        total += all.size();
        if (total == 1) {
            return all.get(0);
        }
        all.sort(Comparator.comparingInt((ScenarioException e) -> e.sortAt.hasPosition() ? e.sortAt.line() : 0)
                .thenComparingInt(e -> e.sortAt.hasPosition() ? e.sortAt.col() : 0));
        return new ScenarioException(all.subList(0, Math.min(all.size(), MAX_REPORTED)), total);
    }

    private static String joined(List<ScenarioException> shown, int total) {
        StringBuilder b = new StringBuilder();
        for (ScenarioException e : shown) {
            b.append(b.length() == 0 ? "" : "\n").append(e.getMessage());
        }
        if (total > shown.size()) {
            b.append("\n").append(total - shown.size()).append(" more error").append(total - shown.size() == 1 ? "" : "s")
                    .append(" not shown (the first ").append(shown.size()).append(" are above)");
        }
        return b.toString();
    }

    /** Every error this exception reports, in file order; one for a single error. */
    public List<ScenarioException> errors() {
        return errors;
    }

    /** The count of errors found, which may exceed {@link #errors()}'s size (at most {@link #MAX_REPORTED} are kept). */
    public int total() {
        return total;
    }

    /** The message's lines: one per error (and one saying how many more there were, past {@link #MAX_REPORTED}). */
    public List<String> lines() {
        return List.of(getMessage().split("\n"));   // each error's own message is one line (format)
    }

    /**
     * One line: a line break in a value, key or id the user wrote is shown escaped ({@code "fa\nst"}), so every error
     * is one line of output and the next line is the next error.
     */
    private static String format(Loc loc, String problem, List<String> allowed) {
        String s = loc + ": " + problem;
        if (!allowed.isEmpty()) {
            s += "; allowed: " + String.join(", ", allowed);
        }
        return s.replace("\r", "\\r").replace("\n", "\\n");
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
