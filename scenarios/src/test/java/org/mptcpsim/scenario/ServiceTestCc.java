package org.mptcpsim.scenario;

import java.util.Map;
import org.mptcpsim.core.KernelParams;
import org.mptcpsim.tcp.CongestionControl;
import org.mptcpsim.tcp.CongestionControlFactory;

/** Registered through src/test/resources/META-INF/services to test ServiceLoader discovery. */
public final class ServiceTestCc implements CongestionControlFactory {

    @Override
    public String name() {
        return "svc-test";
    }

    @Override
    public CongestionControl create(KernelParams params) {
        throw new UnsupportedOperationException("test factory");
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("tcp_svc_test.knob", "7");
    }
}
