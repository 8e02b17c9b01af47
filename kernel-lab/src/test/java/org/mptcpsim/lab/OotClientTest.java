package org.mptcpsim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpsim.scenario.model.Scenario;

/**
 * The out-of-tree client path: a flavour mptcp-v0.95 scenario's options as the 4.19 + v0.95 kernel's knobs. Expected
 * values are the scenario files' own (scenarios/examples/lab/lab-oot-*.yaml, which copy kernel-refs/oot-v0.95.2 §3).
 */
class OotClientTest {
    @Test
    void a1LiaBecomesSysctlsModuleParametersAndTheNamespaceCc() {
        ScenarioToLab.Result r = ScenarioToLab.map(LabScenarios.load("lab-oot-a1-lia"), Backend.UML, true);
        assertTrue(r.ok(), r.refusals().toString());
        OotClient o = r.oot();
        // net.mptcp.* are global in v0.95 (init namespace); values from the scenario file
        assertTrue(o.globalSysctls().containsAll(List.of("sysctl net.mptcp.mptcp_enabled 1", "sysctl net.mptcp.mptcp_checksum 1",
                "sysctl net.mptcp.mptcp_path_manager fullmesh", "sysctl net.mptcp.mptcp_scheduler default", "sysctl net.mptcp.mptcp_version 0",
                "sysctl net.mptcp.mptcp_syn_retries 3")), o.globalSysctls().toString());
        // the init namespace must allow the CC before a lab namespace may pick it (tcp_set_default_congestion_control)
        assertEquals("sysctl net.ipv4.tcp_allowed_congestion_control reno cubic lia", o.globalSysctls().get(o.globalSysctls().size() - 1));
        assertTrue(o.params().containsAll(List.of("param /sys/module/mptcp_fullmesh/parameters/num_subflows 1",
                "param /sys/module/mptcp_fullmesh/parameters/create_on_err 0", "param /sys/module/mptcp_ndiffports/parameters/num_subflows 2",
                "param /sys/module/mptcp_wvegas/parameters/total_alpha 10", "param /sys/module/mptcp_rr/parameters/cwnd_limited Y",
                "param /sys/module/mptcp_blest/parameters/dyn_lambda_bad 40")), o.params().toString());
        assertEquals("net.ipv4.tcp_congestion_control=lia", o.namespaceSysctls().get(0));
        assertTrue(o.namespaceSysctls().contains("net.ipv4.tcp_rmem=4096,131072,6291456"), o.namespaceSysctls().toString());
        assertTrue(o.namespaceSysctls().contains("net.ipv4.tcp_no_metrics_save=1"));
        assertFalse(String.join("\n", o.globalSysctls()).contains("sim."), "simulator knobs stay in the simulator");
        // the knobs file of uml-init.sh: sysctls first (the allowed list before anything picks a CC), then parameters
        assertTrue(o.knobFile().startsWith("sysctl "));
        assertTrue(o.knobFile().indexOf("param ") > o.knobFile().lastIndexOf("sysctl "));
        // fullmesh: one subflow per client address (num_subflows 1) on each of the two separate paths, no aliases
        LabSpec s = r.spec();
        assertEquals(LabSpec.Topology.SEPARATE, s.topology());
        assertEquals(List.of(1, 1), s.paths().stream().map(LabSpec.Path::subflows).toList());
        assertTrue(s.mptcp());
        assertEquals("lia", s.cc());
    }

    @Test
    void ndiffportsOpensItsSubflowsOnTheFirstPath() {
        ScenarioToLab.Result r = ScenarioToLab.map(LabScenarios.load("lab-oot-a3-lia"), Backend.UML, true);
        assertTrue(r.ok(), r.refusals().toString());
        assertEquals(List.of(4), r.spec().paths().stream().map(LabSpec.Path::subflows).toList(), "mptcp_ndiffports.num_subflows: 4");
        String env = UmlLab.envFile(r.spec(), java.nio.file.Path.of("/t"), null, "none", r.oot());
        assertTrue(env.contains("OOT='1'") && env.contains("UML_NEED='net/mptcp/mptcp_enabled'") && env.contains("UML_KNOBS='knobs.txt'"), env);
        assertTrue(env.contains("NSSYSCTL='net.ipv4.tcp_congestion_control=lia "), env);
        assertTrue(env.contains("mptcp_coupled"), "lia's module is loaded when it is one");
    }

    @Test
    void schedulerKnobIsSet() {
        ScenarioToLab.Result r = ScenarioToLab.map(LabScenarios.load("lab-oot-a4-redundant"), Backend.UML, true);
        assertTrue(r.ok(), r.refusals().toString());
        assertTrue(r.oot().globalSysctls().contains("sysctl net.mptcp.mptcp_scheduler redundant"));
    }

    @Test
    void receiveBufferAutotuningIsANamespaceSysctl() {
        // net.ipv4.tcp_moderate_rcvbuf is per namespace in 4.19 (net->ipv4.sysctl_tcp_moderate_rcvbuf, read by
        // tcp_rcv_space_adjust and v0.95's mptcp_rcv_space_adjust): set in every lab namespace like tcp_rmem
        ScenarioToLab.Result r = ScenarioToLab.map(LabScenarios.load("lab-oot-a4-redundant", "net.ipv4.tcp_moderate_rcvbuf=0"), Backend.UML, true);
        assertTrue(r.ok(), r.refusals().toString());
        assertTrue(r.oot().namespaceSysctls().contains("net.ipv4.tcp_moderate_rcvbuf=0"), r.oot().namespaceSysctls().toString());
        assertFalse(String.join("\n", r.oot().globalSysctls()).contains("moderate_rcvbuf"), "not an init-namespace sysctl");
        // left at its default (1, the kernel's too) it is not written: the namespace starts with the kernel's value
        ScenarioToLab.Result d = ScenarioToLab.map(LabScenarios.load("lab-oot-a4-redundant"), Backend.UML, true);
        assertFalse(String.join("\n", d.oot().namespaceSysctls()).contains("moderate_rcvbuf"), d.oot().namespaceSysctls().toString());
    }

    @Test
    void knobsTheKernelDoesNotHaveAreRefusedWithTheirLocation() {
        Scenario sc = LabScenarios.load("lab-oot-a1-lia", "mptcp.endpoints=client:p2 subflow", "net.mptcp.mptcp_path_manager=kernel",
                "net.mptcp.mptcp_binder_gateways=10.1.1.1");
        ScenarioToLab.Result r = ScenarioToLab.map(sc, Backend.UML, true);
        assertFalse(r.ok());
        String all = String.join("\n", r.refusals());
        assertTrue(all.contains("mptcp.endpoints is an upstream MPTCP setting (ip mptcp); the out-of-tree kernel v0.95 has no such knob"), all);
        assertTrue(all.contains("path manager kernel: the lab runs default, fullmesh or ndiffports on the out-of-tree kernel"), all);
        assertTrue(all.contains("net.mptcp.mptcp_binder_gateways = 10.1.1.1 has no knob the lab sets on the out-of-tree kernel v0.95"), all);
        // each located: the --set that caused it, or file:line:col
        for (String line : r.refusals()) assertTrue(line.startsWith("--set ") || line.matches("^\\S+\\.yaml:\\d+:\\d+: .*"), line);
    }

    @Test
    void sharedBottleneckWithAPlainTcpCompetitorFromAnotherHost() throws Exception {
        ScenarioToLab.Result a2 = ScenarioToLab.map(LabScenarios.load("lab-oot-a2-lia"), Backend.UML, true);
        assertTrue(a2.ok(), a2.refusals().toString());
        LabSpec s = a2.spec();
        assertEquals(LabSpec.Topology.SHARED, s.topology());
        assertEquals(1, s.competingHosts().size(), "cli2's reno flow (kernel-refs A2)");
        assertEquals("reno", s.flowCc(1));
        // the init namespace allows the competitor's CC too (it is set per socket, iperf3 -C)
        assertTrue(a2.oot().globalSysctls().contains("sysctl net.ipv4.tcp_allowed_congestion_control reno cubic lia"), a2.oot().globalSysctls().toString());
        // lab.sh keeps the competitor plain TCP with the preload library when NOMPTCP is set (OOT=1)
        String labSh = new String(LabEnv.class.getResourceAsStream("lab.sh").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(labSh.contains("[ \"$OOT\" = 1 ] && pre=(env \"LD_PRELOAD=$NOMPTCP\")"));
    }

    @Test
    void otherBackendsAreRefused() {
        ScenarioToLab.Result noKernel = ScenarioToLab.map(LabScenarios.load("lab-oot-a1-reno"), Backend.UML, false);
        assertTrue(String.join("\n", noKernel.refusals()).contains("pass one built by you with --kernel IMAGE"), noKernel.refusals().toString());
        ScenarioToLab.Result host = ScenarioToLab.map(LabScenarios.load("lab-oot-a1-reno"), Backend.HOST, false);
        assertTrue(String.join("\n", host.refusals()).contains("its client path is the UML backend's: --backend uml --kernel IMAGE"),
                host.refusals().toString());
    }
}
