package org.mptcpsim.cli;

import org.mptcpsim.scenario.options.OptionRegistry;
import org.mptcpsim.scenario.options.Plugins;

/**
 * The registered congestion controls, path managers and schedulers, published as system
 * properties ({@code mptcpsim.cc}, {@code mptcpsim.pm}, {@code mptcpsim.scheduler}) that option
 * descriptions interpolate ({@code ${sys:mptcpsim.cc}}), so that {@code --help} lists exactly
 * what this build can run.
 */
final class Choices {
    private Choices() {
    }

    static void publish() {
        Plugins p = OptionRegistry.standard().plugins();
        System.setProperty("mptcpsim.cc", String.join(", ", p.names(Plugins.Kind.CONGESTION_CONTROL)));
        System.setProperty("mptcpsim.pm", String.join(", ", p.names(Plugins.Kind.PATH_MANAGER)));
        System.setProperty("mptcpsim.scheduler", String.join(", ", p.names(Plugins.Kind.SCHEDULER)));
        System.setProperty("mptcpsim.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }
}
