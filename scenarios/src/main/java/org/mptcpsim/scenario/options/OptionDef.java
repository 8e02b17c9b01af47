package org.mptcpsim.scenario.options;

import org.mptcpsim.core.Flavour;

/**
 * One known kernel option.
 *
 * @param name            the real name: a sysctl ({@code net.ipv4.tcp_sack}), a module parameter
 *                        ({@code mptcp_wvegas.total_alpha}), {@code flavour}, or a simulator knob
 *                        ({@code sim.mtu})
 * @param defaultValue    the kernel's default (normalised text) for the out-of-tree flavour
 * @param upstreamDefault the default on the upstream flavour when it differs, else {@code null}
 * @param origin          where the option comes from: {@code sysctl}, {@code module},
 *                        {@code simulator}, or {@code plugin:<name>} for a plug-in's parameter
 */
public record OptionDef(String name, OptionType type, String defaultValue, String upstreamDefault,
                        String doc, String origin) {

    /** The default for a flavour. */
    public String defaultFor(Flavour flavour) {
        return flavour == Flavour.UPSTREAM && upstreamDefault != null ? upstreamDefault : defaultValue;
    }
}
