package org.mptcpsim.scenario;

import java.util.List;
import java.util.Set;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.core.ModuleParam;
import org.mptcpsim.tcp.CongestionControl;
import org.mptcpsim.tcp.CongestionControlFactory;

/** Registered through src/test/resources/META-INF/services to test ServiceLoader discovery. */
public final class ServiceTestCc implements CongestionControlFactory {

    @Override
    public String name() {
        return "svc-test";
    }

    @Override
    public Set<Flavour> flavours() {
        return Set.of(Flavour.MPTCP_V095);
    }

    @Override
    public CongestionControl create(KernelParams params) {
        throw new UnsupportedOperationException("test factory");
    }

    @Override
    public List<ModuleParam> parameters() {
        // text, as the goldens (run with this test plug-in on the class path) have always printed it: "7"
        return List.of(ModuleParam.text("tcp_svc_test.knob", "7", "test knob", v -> { }));
    }
}
