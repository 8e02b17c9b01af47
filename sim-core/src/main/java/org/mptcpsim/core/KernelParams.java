package org.mptcpsim.core;

/**
 * Read access to the effective kernel options of one connection (sysctls and module parameters
 * under their real names, e.g. {@code mptcp_wvegas.total_alpha}), already validated and with
 * the kernel's defaults filled in by the scenario layer.
 */
public interface KernelParams {

    /** The option's value as text, or {@code null} when the option is not known. */
    String get(String name);

    /** The option's value as an int; {@code defaultValue} when absent. */
    default int getInt(String name, int defaultValue) {
        String v = get(name);
        if (v == null) {
            return defaultValue;
        }
        String t = v.trim();
        if (t.equalsIgnoreCase("y") || t.equalsIgnoreCase("true")) {
            return 1;
        }
        if (t.equalsIgnoreCase("n") || t.equalsIgnoreCase("false")) {
            return 0;
        }
        return Integer.parseInt(t);
    }

    /** No options set: every lookup yields the default. */
    KernelParams DEFAULTS = name -> null;
}
