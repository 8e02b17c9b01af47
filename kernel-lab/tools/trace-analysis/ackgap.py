import re,sys,collections
pat=re.compile(r'\s(\d+\.\d+): tcp_probe: .*src=(\S+) dest=(\S+) .*data_len=(\d+) snd_nxt=0x(\w+) snd_una=0x(\w+) snd_cwnd=(\d+)')
fl=collections.defaultdict(list)
for line in open(sys.argv[1]):
    m=pat.search(line)
    if m: fl[m.group(2)].append(float(m.group(1)))
for src,ts in fl.items():
    if len(ts)<1000: continue
    g=sorted((b-a)*1e6 for a,b in zip(ts,ts[1:]) if a-ts[0]>2)
    n=len(g)
    print(src,'ACK gaps us: p10 %.0f p25 %.0f p50 %.0f p75 %.0f p90 %.0f; <100us %.2f <500us %.2f'%(g[n//10],g[n//4],g[n//2],g[3*n//4],g[9*n//10],sum(1 for x in g if x<100)/n,sum(1 for x in g if x<500)/n))
