import sys
from collections import defaultdict,Counter
rows=[l.split() for l in open(sys.argv[1]) if l.startswith('D ')]
T=float(sys.argv[2]) if len(sys.argv)>2 else 600e6 # ps service time 1500B@20M
lim=max(int(r[5]) for r in rows)
print('max waiting seen',lim)
drops=Counter(); arr=Counter(); full_arr=Counter()
ph=defaultdict(lambda: [0]*12); phd=defaultdict(lambda: [0]*12)
for r in rows:
    t=int(r[1]); f=r[2]; ok=int(r[4]); w=int(r[5]); since=int(r[6])
    if float(t)<2e12: continue
    if r[3]!='0': continue
    arr[f]+=1
    if not ok: drops[f]+=1
    if w>=lim-1:
        full_arr[f]+=1
        b=min(11,int(since/T*12))
        (ph if ok else phd)[f][b]+=1
for f in sorted(arr):
    print(f,'arr',arr[f],'drops',drops[f],'%.4f'%(drops[f]/arr[f]),'arr@full',full_arr[f])
    print('  ok  ',ph[f]); print('  drop',phd[f])
