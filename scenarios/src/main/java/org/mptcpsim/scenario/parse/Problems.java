package org.mptcpsim.scenario.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.mptcpsim.scenario.model.ScenarioException;

/**
 * The errors of one scenario file, collected so that {@code check} and {@code run} report every
 * independent one at once, as a compiler does, instead of one per attempt. A binder binds each
 * independent part (a top-level field, a link, a node, a connection, a kernel option) through
 * {@link #attempt}; a part with an error is left out and the rest go on. A part that depends on
 * one that failed (connections on the topology, a link's endpoints on the nodes) is not bound at
 * all ({@link #since}), so no error is reported that only follows from another one.
 */
final class Problems {
    private final List<ScenarioException> found = new ArrayList<>();

    /** {@code part}'s value, or {@code null} with its error recorded. */
    <T> T attempt(Supplier<T> part) {
        try {
            return part.get();
        } catch (ScenarioException e) {
            found.add(e);
            return null;
        }
    }

    /** Runs {@code part}, recording its error. */
    void attempt(Runnable part) {
        try {
            part.run();
        } catch (ScenarioException e) {
            found.add(e);
        }
    }

    /** Records {@code e}, found without an exception being thrown. */
    void add(ScenarioException e) {
        found.add(e);
    }

    /** A mark for {@link #since}: the count of errors so far. */
    int mark() {
        return found.size();
    }

    /** Whether an error was recorded after {@code mark}. */
    boolean since(int mark) {
        return found.size() > mark;
    }

    /** Throws every recorded error as one {@link ScenarioException} (file order), if there is any. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw ScenarioException.of(found);
        }
    }
}
