#!/usr/bin/env python3
"""Where the sender's PSH flags fall and which single-segment ACKs they explain (docs/kernel-lab.md F5).

usage: psh_pattern.py PCAP [SKIP_S]
PCAP: a capture that sees both directions at the receiver's side, as for ack_pattern.py (a kernel run's
raw/pcap/rb-s.pcap from `mptcp-sim kernel SCENARIO --pcap`, or a simulator run's pcap/BOTTLENECK.pcap; the
simulator marks every data segment PSH, so only kernel captures say something here). SKIP_S: seconds
skipped at the start (default 3). Per flow (client address and port; data to a port 520x):
  - the share of data segments with PSH and the histogram of the gaps between PSH segments, counted in
    segments (first transmissions only): a gap of 2 is one 2-segment skb ending in PSH;
  - ACKs that advance the cumulative ACK by one segment ("single"), split by whether that segment had PSH,
    with the delay from the segment to the ACK (median, 90th percentile): a PSH single ACKed within
    microseconds is the 6.7+ receiver's pushed-segment ACK at the application's read; a non-PSH single
    ACKed at once was sent by the softirq path (quick-ACK or another immediate rule);
  - odd PSH gaps, which leave one segment of an skb unpaired and so realign the receiver's ACK pairs."""
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ack_pattern import read


def pct(v, q):
    return v[min(len(v) - 1, int(q * len(v)))] if v else float('nan')


def main():
    path = sys.argv[1]
    skip = float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
    data, acks = read(path)
    t0 = min(v[0][0] for v in data.values())
    for k in sorted(data):
        d = [x for x in data[k] if x[0] - t0 > skip]
        if len(d) < 100:
            continue
        first = {}
        for x in d:
            first.setdefault(x[1], x)
        segs = sorted(first.values(), key=lambda x: x[1])
        psh_idx = [i for i, x in enumerate(segs) if x[3]]
        gaps = collections.Counter(b - a for a, b in zip(psh_idx, psh_idx[1:]))
        odd = sum(n for g, n in gaps.items() if g % 2)
        by_end = {x[2]: x for x in d}
        last = None
        single = {True: [], False: []}
        advancing = 0
        for t, ack in (x for x in acks[k] if x[0] - t0 > skip):
            if last is not None and ack > last:
                advancing += 1
                seg = by_end.get(ack)
                if seg and seg[2] - seg[1] > 0 and round((ack - last) / (seg[2] - seg[1])) == 1:
                    single[seg[3]].append((t - seg[0]) * 1e3)
            if last is None or ack > last:
                last = ack
        hist = ' '.join(f'{g}:{n}' for g, n in sorted(gaps.items()) if g <= 8)
        print(f'{k[0]}:{k[1]}  segments {len(segs)}, PSH {100 * len(psh_idx) / len(segs):.1f} %, PSH gaps {hist} '
              f'(odd {odd})')
        for p in (True, False):
            v = sorted(single[p])
            print(f'    single-segment ACKs, {"PSH" if p else "no PSH"}: {len(v)} of {advancing} advancing '
                  f'({100 * len(v) / max(1, advancing):.1f} %), delay median {pct(v, 0.5):.3f} ms, '
                  f'p90 {pct(v, 0.9):.3f} ms')


if __name__ == '__main__':
    main()
