package org.mptcpsim.scenario;

import java.util.List;
import java.util.Map;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.mptcp.PacketScheduler;
import org.mptcpsim.mptcp.PacketSchedulerFactory;
import org.mptcpsim.mptcp.PathManager;
import org.mptcpsim.mptcp.PathManagerFactory;
import org.mptcpsim.scenario.options.OptionRegistry;
import org.mptcpsim.scenario.options.Plugins;
import org.mptcpsim.tcp.CongestionControl;
import org.mptcpsim.tcp.CongestionControlFactory;

/** A fixed set of named plug-ins (no behaviour) for tests: the kernel's names. */
public final class TestPlugins {

    private TestPlugins() {
    }

    public static final OptionRegistry REGISTRY = new OptionRegistry(plugins());

    public static Plugins plugins() {
        return Plugins.of(
                List.of(cc("reno", Map.of()), cc("cubic", Map.of()), cc("lia", Map.of()), cc("olia", Map.of()),
                        cc("balia", Map.of()), cc("wvegas", Map.of("mptcp_wvegas.total_alpha", "10")),
                        cc("testcc", Map.of("tcp_testcc.gain", "3", "tcp_testcc.mode", "fast"))),
                List.of(pm("default"), pm("fullmesh"), pm("ndiffports"), pm("binder")),
                List.of(sched("default"), sched("roundrobin"), sched("redundant"), sched("blest")));
    }

    public static CongestionControlFactory cc(String name, Map<String, String> params) {
        return new CongestionControlFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CongestionControl create(KernelParams p) {
                throw new UnsupportedOperationException("test factory");
            }

            @Override
            public Map<String, String> parameters() {
                return params;
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
            public PathManager create(KernelParams p) {
                throw new UnsupportedOperationException("test factory");
            }
        };
    }

    public static PacketSchedulerFactory sched(String name) {
        return new PacketSchedulerFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public PacketScheduler create(KernelParams p) {
                throw new UnsupportedOperationException("test factory");
            }
        };
    }
}
