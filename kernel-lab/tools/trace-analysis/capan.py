import sys,collections,bisect
pk=collections.defaultdict(list)
for l in open(sys.argv[1]):
    ts,i,sp,dp,seq,tot=l.split()
    if int(tot)<1000: continue
    pk[i].append(int(ts)/1e3)  # us
for i in sorted(pk):
    t=pk[i]; bursts=[]; n=1
    for a,b in zip(t,t[1:]):
        if b-a<60: n+=1
        else: bursts.append(n); n=1
    bursts.append(n)
    c=collections.Counter(min(x,8) for x in bursts); tot=sum(x for x in bursts)
    print(i,'pkts',len(t),'burst sizes (share of packets):',' '.join('%d:%.2f'%(k,k*c[k]/tot) for k in sorted(c)))
    g=sorted(b-a for a,b in zip(t,t[1:])); m=len(g)
    print('   gaps us p10 %.0f p50 %.0f p90 %.0f'%(g[m//10],g[m//2],g[9*m//10]))
ks=sorted(pk)
for a in ks:
    for b in ks:
        if a==b: continue
        tb=pk[b]; cnt=0
        for t in pk[a]:
            j=bisect.bisect_left(tb,t-100)
            if j<len(tb) and tb[j]<=t+100: cnt+=1
        print(a,'pkts with a',b,'pkt within 100us: %.3f'%(cnt/len(pk[a])))
