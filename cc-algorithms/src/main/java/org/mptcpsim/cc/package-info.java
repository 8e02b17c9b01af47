/**
 * The kernel's congestion controls, bit-exact: {@code reno} and {@code cubic} (net/ipv4) and
 * the out-of-tree MPTCP coupled controls {@code lia}, {@code olia}, {@code wvegas},
 * {@code balia} (multipath-tcp.org, net/mptcp). Each class names the kernel file and
 * functions it mirrors, and docs/congestion-control.md describes their behaviour. All per-ACK code is allocation-free; everything runs on the simulation thread.
 */
package org.mptcpsim.cc;
