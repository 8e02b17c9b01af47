import sys,collections
def load(f):
    pk=collections.defaultdict(list)
    for l in open(f):
        ts,i,sp,dp,seq,tot=l.split(); tot=int(tot)
        if tot<1000: continue
        segs=max(1,round(tot/1480))
        pk[i].append((int(ts)/1e3,segs))
    return pk
for f in sys.argv[1:]:
    pk=load(f)
    for i in sorted(pk):
        t=pk[i]; bursts=[]; n=t[0][1]
        for a,b in zip(t,t[1:]):
            if b[0]-a[0]<60: n+=b[1]
            else: bursts.append(n); n=b[1]
        bursts.append(n)
        c=collections.Counter(min(x,8) for x in bursts); tot=sum(bursts)
        print(f.split('/')[-1],i,'segs',tot,'burst sizes (share of segments):',' '.join('%d:%.2f'%(k,k*c[k]/tot) for k in sorted(c)))
