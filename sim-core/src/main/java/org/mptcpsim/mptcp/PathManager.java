package org.mptcpsim.mptcp;

/** An MPTCP path manager ({@code struct mptcp_pm_ops}). Methods are added with the engine. */
public interface PathManager {
    /** The kernel's registered name. */
    String name();
}
