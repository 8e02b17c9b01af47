#!/usr/bin/env python3
"""The receiver's ACK pattern at a capture point that sees both directions (docs/kernel-lab.md F5, F7).

usage: ack_pattern.py PCAP [MSS] [SKIP_S]
PCAP: a kernel run's raw/pcap/rb-s.pcap (`mptcp-sim kernel SCENARIO --pcap`: the bottleneck router's interface to the
server, data in and ACKs out) or a simulator run's pcap/BOTTLENECK.pcap (`run --pcap BOTTLENECK`). MSS: the payload
of a full segment (1448 for plain TCP, 1424 for an upstream MPTCP subflow with its DSS option; default 1448).
SKIP_S: seconds skipped at the start (default 3). Per flow (client address and port; data to a port 520x): ACKs per
data segment; for ACKs that advance the cumulative ACK, the delay from the data segment ending at that ACK to the ACK
(share above 100 us, 1 ms, 5 ms; 80/90/95/99th percentiles), segments per advancing ACK, and the ACKs that cover a
single segment with their delay."""
import collections
import re
import statistics
import subprocess
import sys

R = re.compile(r'(\d+\.\d+) IP (\d+\.\d+\.\d+\.\d+)\.(\d+) > (\d+\.\d+\.\d+\.\d+)\.(\d+): Flags \[([^\]]*)\], '
               r'(?:seq (\d+):(\d+), )?ack (\d+)')


def read(path):
    """Per flow (client address, port; data to a port 520x): data segments (t, start, end, psh) and ACKs (t, ack)."""
    out = subprocess.run(['tcpdump', '-r', path, '-tt', '-n', '-S', 'tcp'], capture_output=True, text=True).stdout
    data = collections.defaultdict(list)
    acks = collections.defaultdict(list)
    for line in out.splitlines():
        m = R.match(line)
        if not m:
            continue
        t = float(m.group(1))
        if m.group(5).startswith('520'):
            if m.group(7) and int(m.group(8)) > int(m.group(7)):
                data[(m.group(2), m.group(3))].append((t, int(m.group(7)), int(m.group(8)), 'P' in m.group(6)))
        elif m.group(3).startswith('520'):
            acks[(m.group(4), m.group(5))].append((t, int(m.group(9))))
    if not data:
        sys.exit(f'{path}: no data segments to a port 520x')
    return data, acks


def main():
    path = sys.argv[1]
    mss = int(sys.argv[2]) if len(sys.argv) > 2 else 1448
    skip = float(sys.argv[3]) if len(sys.argv) > 3 else 3.0
    segs, acks = read(path)
    data = {k: [(x[0], x[2]) for x in v] for k, v in segs.items()}
    t0 = min(v[0][0] for v in data.values())
    for k in sorted(data):
        d = [x for x in data[k] if x[0] - t0 > skip]
        a = [x for x in acks[k] if x[0] - t0 > skip]
        if len(d) < 100:
            continue
        end_t = {}
        for t, e in d:
            end_t.setdefault(e, t)
        seen = set()
        delays = []
        single = []
        per_ack = collections.Counter()
        last = None
        for t, ack in a:
            if ack in seen:
                continue
            seen.add(ack)
            segs = round((ack - last) / mss) if last is not None else None
            if segs is not None and segs > 0:
                per_ack[min(segs, 3)] += 1
            if ack in end_t:
                delays.append((t - end_t[ack]) * 1e6)
                if segs == 1:
                    single.append(delays[-1])
            last = ack
        delays.sort()
        single.sort()
        n = len(delays)
        tot = sum(per_ack.values())
        print(f'{k[0]}:{k[1]} data {len(d)} acks {len(a)} ({len(a) / len(d):.2f} per segment); advancing {n}: '
              f'delay >100us {sum(x > 100 for x in delays) / n:.3f} >1ms {sum(x > 1000 for x in delays) / n:.3f} '
              f'>5ms {sum(x > 5000 for x in delays) / n:.3f}, p80/90/95/99 '
              + '/'.join(str(round(delays[int(p * n)])) for p in (.8, .9, .95, .99)) + ' us; segments per ACK 1/2/3+ '
              + '/'.join(f'{per_ack[s] / tot:.3f}' for s in (1, 2, 3))
              + (f'; single-segment ACKs {len(single)}, delay p50 {statistics.median(single):.0f} p90 '
                 f'{single[int(.9 * len(single))]:.0f} us' if single else ''))


if __name__ == '__main__':
    main()
