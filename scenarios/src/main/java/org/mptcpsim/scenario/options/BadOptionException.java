package org.mptcpsim.scenario.options;

import java.util.List;

/**
 * An unknown kernel option or a bad value, without location; the scenario layer turns it into a
 * located {@link org.mptcpsim.scenario.model.ScenarioException}.
 */
public final class BadOptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> allowed;

    public BadOptionException(String message, List<String> allowed) {
        super(message);
        this.allowed = List.copyOf(allowed);
    }

    /** The closed set of allowed values (or closest names); may be empty. */
    public List<String> allowed() {
        return allowed;
    }
}
