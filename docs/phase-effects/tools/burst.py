import sys
from collections import Counter,defaultdict
rows=[l.split() for l in open(sys.argv[1]) if l.startswith('D ')]
last={};cur={};bs=defaultdict(Counter);qsum=Counter();n=Counter();hi=Counter()
for r in rows:
    if r[3]!='0': continue
    t=int(r[1]); f=r[2]; w=int(r[5])
    if t<2e12: continue
    qsum[f]+=w;n[f]+=1
    if w>=58: hi[f]+=1
    if f in last and t-last[f]<100e6: cur[f]+=1
    else:
        if f in cur: bs[f][cur[f]]+=1
        cur[f]=1
    last[f]=t
for f in sorted(n):
    print(f,'meanq %.1f'%(qsum[f]/n[f]),'frac w>=58 %.4f'%(hi[f]/n[f]),'bursts',sorted(bs[f].items())[:8])
