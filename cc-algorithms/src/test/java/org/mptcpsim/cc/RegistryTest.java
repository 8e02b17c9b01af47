package org.mptcpsim.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.core.ModuleParam;
import org.mptcpsim.tcp.CongestionControl;
import org.mptcpsim.tcp.CongestionControlFactory;

/** The six CCs load through ServiceLoader under their kernel names with the kernel defaults. */
class RegistryTest {

    private static Map<String, CongestionControlFactory> load() {
        Map<String, CongestionControlFactory> byName = new TreeMap<>();
        for (CongestionControlFactory f : ServiceLoader.load(CongestionControlFactory.class)) {
            byName.put(f.name(), f);
        }
        return byName;
    }

    @Test
    void allSixNamesLoad() {
        Map<String, CongestionControlFactory> byName = load();
        assertTrue(byName.keySet().containsAll(
                Set.of("reno", "cubic", "lia", "olia", "wvegas", "balia")), byName.keySet()::toString);
        for (Map.Entry<String, CongestionControlFactory> e : byName.entrySet()) {
            CongestionControl cc = e.getValue().create(KernelParams.DEFAULTS);
            assertEquals(e.getKey(), cc.name());
        }
    }

    /** Module parameters as the kernel declares them (module_param in mptcp_*.c and tcp_cubic.c). */
    @Test
    void parameterDefaultsMatchTheKernel() {
        Map<String, CongestionControlFactory> byName = load();
        Map<String, String> wvegas = new LinkedHashMap<>();
        wvegas.put("mptcp_wvegas.initial_alpha", "2");
        wvegas.put("mptcp_wvegas.total_alpha", "10");
        wvegas.put("mptcp_wvegas.gamma", "1");
        assertEquals(wvegas, ModuleParam.defaults(byName.get("wvegas").parameters()));
        Map<String, String> cubic = new LinkedHashMap<>();
        cubic.put("tcp_cubic.fast_convergence", "1");
        cubic.put("tcp_cubic.beta", "717");
        cubic.put("tcp_cubic.initial_ssthresh", "0");
        cubic.put("tcp_cubic.bic_scale", "41");
        cubic.put("tcp_cubic.tcp_friendliness", "1");
        cubic.put("tcp_cubic.hystart", "1");
        cubic.put("tcp_cubic.hystart_detect", "3");
        cubic.put("tcp_cubic.hystart_low_window", "16");
        cubic.put("tcp_cubic.hystart_ack_delta_us", "2000");
        assertEquals(cubic, ModuleParam.defaults(byName.get("cubic").parameters()));
        for (String name : new String[] {"reno", "lia", "olia", "balia"}) {
            assertEquals(List.of(), byName.get(name).parameters(), name);
        }
    }

    /** Defaults when nothing is set: wvegas alpha = initial_alpha 2; cubic beta 717. */
    @Test
    void createReadsDefaults() {
        WVegas w = (WVegas) load().get("wvegas").create(KernelParams.DEFAULTS);
        w.init(new Net().tcp(10, 8));
        assertEquals(2, w.alpha());
        Cubic c = (Cubic) load().get("cubic").create(KernelParams.DEFAULTS);
        assertEquals(15, c.betaScale); // 8*(1024+717)/3/(1024-717)
    }
}
