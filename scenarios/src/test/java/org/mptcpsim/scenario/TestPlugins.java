package org.mptcpsim.scenario;

import java.util.List;
import java.util.Set;
import org.mptcpsim.cc.Balia;
import org.mptcpsim.cc.Cubic;
import org.mptcpsim.cc.Lia;
import org.mptcpsim.cc.Olia;
import org.mptcpsim.cc.Reno;
import org.mptcpsim.cc.WVegas;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.core.ModuleParam;
import org.mptcpsim.mptcp.PathManager;
import org.mptcpsim.mptcp.PathManagerFactory;
import org.mptcpsim.pm.DefaultPathManager;
import org.mptcpsim.pm.FullMeshPathManager;
import org.mptcpsim.pm.InKernelPathManager;
import org.mptcpsim.pm.NdiffportsPathManager;
import org.mptcpsim.scenario.options.OptionRegistry;
import org.mptcpsim.scenario.options.Plugins;
import org.mptcpsim.sched.BlestScheduler;
import org.mptcpsim.sched.DefaultScheduler;
import org.mptcpsim.sched.RedundantScheduler;
import org.mptcpsim.sched.RoundRobinScheduler;
import org.mptcpsim.sched.UpstreamScheduler;
import org.mptcpsim.tcp.CongestionControl;
import org.mptcpsim.tcp.CongestionControlFactory;

/**
 * A fixed set of plug-ins for the loader tests, independent of the class path's services: the
 * project's own factories (names, flavours and parameters as registered) plus two test-only
 * names without behaviour, the congestion control {@code testcc} and the path manager
 * {@code binder}.
 */
public final class TestPlugins {

    private TestPlugins() {
    }

    public static final OptionRegistry REGISTRY = new OptionRegistry(plugins());

    public static Plugins plugins() {
        return Plugins.of(
                List.of(new Reno.Factory(), new Cubic.Factory(), new Lia.Factory(), new Olia.Factory(),
                        new Balia.Factory(), new WVegas.Factory(), testCc()),
                List.of(new DefaultPathManager(), new FullMeshPathManager.Factory(), new NdiffportsPathManager.Factory(),
                        new InKernelPathManager.Factory(), pm("binder")),
                List.of(new DefaultScheduler.Factory(), new RoundRobinScheduler.Factory(), new RedundantScheduler.Factory(),
                        new BlestScheduler.Factory(), new UpstreamScheduler.Factory()));
    }

    /** {@code testcc}, both flavours, an integer parameter (gain, default 3) and a text one (mode, fast). */
    private static CongestionControlFactory testCc() {
        return new CongestionControlFactory() {
            @Override
            public String name() {
                return "testcc";
            }

            @Override
            public Set<Flavour> flavours() {
                return Set.of(Flavour.values());
            }

            @Override
            public CongestionControl create(KernelParams p) {
                throw new UnsupportedOperationException("test factory");
            }

            @Override
            public List<ModuleParam> parameters() {
                return List.of(ModuleParam.atLeast("tcp_testcc.gain", 0, 3, "test gain"),
                        ModuleParam.text("tcp_testcc.mode", "fast", "test mode", v -> { }));
            }
        };
    }

    public static PathManagerFactory pm(String name) {
        return new PathManagerFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<Flavour> flavours() {
                return Set.of(Flavour.MPTCP_V095);
            }

            @Override
            public PathManager create(KernelParams p) {
                throw new UnsupportedOperationException("test factory");
            }
        };
    }
}
