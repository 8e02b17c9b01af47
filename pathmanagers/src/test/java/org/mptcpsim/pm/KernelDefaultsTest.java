package org.mptcpsim.pm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mptcpsim.core.ModuleParam;
import org.mptcpsim.sched.BlestScheduler;
import org.mptcpsim.sched.RedundantScheduler;
import org.mptcpsim.tcp.WriteTimeout;

/** Module parameters and timeouts with the kernel's defaults (module_param declarations of mptcp_fullmesh.c and mptcp_ndiffports.c, tcp.h timeouts). */
class KernelDefaultsTest {

    @Test
    void moduleParametersDeclareTheKernelDefaults() {
        assertEquals(Map.of("mptcp_fullmesh.num_subflows", "1", "mptcp_fullmesh.create_on_err", "0"),
                ModuleParam.defaults(new FullMeshPathManager.Factory().parameters()));
        assertEquals(Map.of("mptcp_blest.lambda", "12", "mptcp_blest.max_lambda", "13", "mptcp_blest.min_lambda", "10",
                "mptcp_blest.dyn_lambda_good", "10", "mptcp_blest.dyn_lambda_bad", "40"),
                ModuleParam.defaults(new BlestScheduler.Factory().parameters()));
        assertEquals(List.of(), new RedundantScheduler.Factory().parameters());
        assertEquals(Map.of("mptcp.endpoints", "", "mptcp.limits", "subflows 2 add_addr_accepted 0"),
                ModuleParam.defaults(new InKernelPathManager.Factory().parameters()));
    }

    @Test
    void retransmitsTimedOutBoundaries() {
        // established: rto_base 200 ms, linear_backoff_thresh = ilog2(120 000 / 200) = ilog2(600) = 9
        // tcp_retries2 = 15 > 9: (2^10 - 1) x 200 + (15 - 9) x 120 000 = 204 600 + 720 000 ms
        assertEquals(924_600, WriteTimeout.modelTimeoutMs(15, 200));
        // 8 <= 9: (2^9 - 1) x 200 = 102 200 ms
        assertEquals(102_200, WriteTimeout.modelTimeoutMs(8, 200));
        // SYN: rto_base 1 s, thresh = ilog2(120) = 6; tcp_syn_retries 6: (2^7 - 1) x 1000 = 127 000 ms
        assertEquals(127_000, WriteTimeout.modelTimeoutMs(6, 1000));
    }
}
