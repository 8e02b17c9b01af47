package org.mptcpsim.lab;

import java.util.List;

/** The lab refused to start a run; nothing was created. {@link #reasons()} says why, one line each. */
public final class LabRefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> reasons;

    public LabRefusedException(List<String> reasons) {
        super("kernel lab refused to run:\n  - " + String.join("\n  - ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
