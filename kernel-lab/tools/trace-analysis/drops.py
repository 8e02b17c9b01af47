import sys,collections
rows=[l.split() for l in open(sys.argv[1])]
pk=collections.defaultdict(list)
for r in rows:
    if int(r[5])<1000: continue
    pk[(r[1],r[2])].append((int(r[0])/1e3,int(r[4])))
for k in sorted(pk):
    t=pk[k]
    if len(t)<500: continue
    # bursts and position
    pos=[];b=0
    for i in range(len(t)):
        if i>0 and t[i][0]-t[i-1][0]<60: b+=1
        else: b=0
        pos.append(b)
    seen={}; dropped=[]
    for i,(ts,seq) in enumerate(t):
        if seq in seen: dropped.append(seen[seq])
        else: seen[seq]=i
    dp=collections.Counter(min(pos[i],3) for i in dropped); allp=collections.Counter(min(p,3) for p in pos)
    print(k,'pkts',len(t),'dropped(retransmitted later)',len(dropped),'rate %.4f'%(len(dropped)/len(t)),
          'drop rate by position in burst:',' '.join('%d:%.4f(%d/%d)'%(p,dp[p]/allp[p] if allp[p] else 0,dp[p],allp[p]) for p in sorted(allp)))
