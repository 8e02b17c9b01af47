#!/usr/bin/env python3
"""Shared-queue diagnostics of docs/phase-effects.md section 3, for a kernel run (pcaps) or a simulator run (trace).

Kernel side: `tcpdump -s 96 -w PRE-s.pcap` on the bottleneck router's egress to the server and `PRE-u1.pcap ..
PRE-u4.pcap` on its ingress from each path, during `mptcp-sim kernel` (the namespaces are <prefix>-rb etc.).
Simulator side: stderr of a run with arrival-trace.patch applied and PHASE_DBG=<bottleneck link id>: lines
`A <ps> <first-hop link> <seq> <departure ps>` (accepted) and `X <ps> <first-hop link> <seq>` (dropped).

usage: lab_pcap.py kernel PRE [LIMIT] | lab_pcap.py sim TRACE [LIMIT]      (LIMIT: the queue's packets, default 59)
A simulator run with `run --pcap ACCESS1,ACCESS2,BOTTLENECK` gives the same captures: link them as PRE-u1.pcap,
PRE-u2.pcap (the access links, whose far end is the bottleneck's input) and PRE-s.pcap (the bottleneck), then use
the kernel mode (absent PRE-u3/u4 are skipped). T_US: the bottleneck's time per frame in us (default 605.6).
Prints per flow: arrivals, mean queue at arrival, % of arrivals meeting >= LIMIT-3 packets, drops; departures'
variance/mean per 4.2 ms and 15 ms window; a flow's bursts (packets within 100 us of each other)."""
import bisect
import os
import collections
import re
import statistics
import subprocess
import sys

# a data segment to the server: the lab's clients are 10.1.K.2 -> 10.9.0.1:520x, a simulator capture's
# (run --pcap) hosts 10.0.K.1 -> the server's 10.0.N.1:5201 (K = the host's position among the nodes)
DATA = re.compile(r'(\d+\.\d+) IP 10\.[01]\.(\d+\.\d+)\.\d+ > 10\.\d+\.\d+\.\d+\.520\d: .*seq (\d+):(\d+)')


def pcap(path):
    out = subprocess.run(['tcpdump', '-r', path, '-tt', '-n', '-S', 'tcp'], capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        m = DATA.match(line)
        if m and int(m.group(4)) - int(m.group(3)) > 1000:
            rows.append((float(m.group(1)), m.group(2), int(m.group(3))))
    return rows


def kernel(pre):
    """(arrivals [(t, flow, accepted)], departures [(t, flow)]); a drop is an arrival copy that never departs."""
    dep = pcap(pre + '-s.pcap')
    arr = sorted(r for k in (1, 2, 3, 4) if os.path.exists('%s-u%d.pcap' % (pre, k)) for r in pcap('%s-u%d.pcap' % (pre, k)))
    left = collections.Counter((f, s) for t, f, s in dep)
    seen = collections.Counter()
    out = []
    for t, f, s in arr:
        seen[(f, s)] += 1
        out.append((t, f, seen[(f, s)] <= left[(f, s)]))
    return out, [(t, f) for t, f, s in dep]


def sim(trace):
    arr, dep = [], []
    for line in open(trace):
        x = line.split()
        if x[0] == 'A':
            arr.append((int(x[1]) / 1e12, int(x[2][1:]), True))
            dep.append((int(x[4]) / 1e12, int(x[2][1:])))
        elif x[0] == 'X':
            arr.append((int(x[1]) / 1e12, int(x[2][1:]), False))
    return sorted(arr), sorted(dep)


def main():
    is_kernel = sys.argv[1] == 'kernel'
    arr, dep = kernel(sys.argv[2]) if is_kernel else sim(sys.argv[2])
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else 59
    t0 = arr[0][0] + 3                     # after slow start
    dtimes = [t for t, f in dep]
    q, full, drops, n = collections.defaultdict(list), collections.Counter(), collections.Counter(), collections.Counter()
    # kernel: the captures start at different instants: count both sides from the first arrival and put the
    # queue's lowest point at 0 (the bottleneck empties now and then: utilisation ~0.98 in the kernel runs)
    first = bisect.bisect_right(dtimes, arr[0][0]) if is_kernel else 0
    raw, accepted = [], 0
    for t, f, ok in arr:
        raw.append(accepted - (bisect.bisect_right(dtimes, t) - first))
        accepted += ok
    low = min(raw) if is_kernel else 0   # the simulator's trace starts with the queue empty
    for (t, f, ok), r in zip(arr, raw):
        queue = r - low
        if t > t0:
            q[f].append(queue)
            n[f] += 1
            full[f] += queue >= limit - 3
            drops[f] += not ok
    for f in sorted(q):
        print('flow %s: arrivals %d, mean queue at arrival %.1f, >= %d waiting %.1f %%, drops %d'
              % (f, n[f], statistics.mean(q[f]), limit - 3, 100 * full[f] / n[f], drops[f]))
    t1 = dep[-1][0]
    for w in (0.0042, 0.015):
        row = []
        for f in sorted(q):
            c = collections.Counter(int((t - t0) / w) for t, g in dep if g == f and t >= t0)
            xs = [c[i] for i in range(int((t1 - t0) / w))]
            row.append('%.2f' % (statistics.pvariance(xs) / statistics.mean(xs)))
        print('departures variance/mean per %.1f ms window: %s' % (w * 1e3, ' '.join(row)))
    period = float(os.environ.get('T_US', '605.6')) * 1e-6   # the bottleneck's time per frame (20 Mbit/s tbf)
    for f in sorted(q):
        share, lost = [0] * 5, [0] * 5
        for t, g, ok in arr:
            i = bisect.bisect_right(dtimes, t) - 1
            if g == f and t > t0 and i >= 0:
                k = min(4, int((t - dtimes[i]) / period * 5))
                share[k] += 1
                lost[k] += not ok
        n = sum(share)
        print('flow %s arrival phase after the last departure, fifths of T: share %% / drops: %s'
              % (f, ' '.join('%.1f/%d' % (100 * share[k] / n, lost[k]) for k in range(5))))
    for f in sorted(q):
        ts = [t for t, g, ok in arr if g == f and t > t0]
        b, k = collections.Counter(), 1
        for a, c in zip(ts, ts[1:]):
            if c - a < 100e-6:
                k += 1
            else:
                b[k] += 1
                k = 1
        tot = sum(b.values())
        print('flow %s bursts within 100 us: %s' % (f, {s: round(v / tot, 3) for s, v in sorted(b.items()) if s < 6}))


if __name__ == '__main__':
    main()
