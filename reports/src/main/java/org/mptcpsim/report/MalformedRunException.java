package org.mptcpsim.report;

/** A run directory file that does not follow docs/outputs.md; the message names file and line. */
public final class MalformedRunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message starts with {@code file:line:} */
    public MalformedRunException(String message) {
        super(message);
    }
}
