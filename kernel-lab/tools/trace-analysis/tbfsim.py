# replay the captured arrivals at the bottleneck router through a tbf model (20 Mbit/s, limit 49962 B, 1514 B frames:
# 33 frames incl. the one waiting for tokens) and report, per flow, the queue occupancy its packets see on arrival
import sys,collections
rows=[l.split() for l in open(sys.argv[1])]
arr=sorted((int(r[0])/1e3,(r[1],r[2]),int(r[4])) for r in rows if int(r[5])>=1000)
svc=1514*8/20e6*1e6; limit=33
q=collections.deque(); nextdep=None
seen=collections.defaultdict(list); drops=collections.Counter(); n=collections.Counter()
for t,k,seq in arr:
    while q and q[0]<=t: q.popleft()
    occ=len(q); seen[k].append(occ); n[k]+=1
    if occ>=limit: drops[k]+=1; continue
    dep=max(t,q[-1] if q else t)+svc
    q.append(dep)
for k in sorted(n):
    if n[k]<500: continue
    s=seen[k]; full=sum(1 for x in s if x>=limit-1)/len(s)
    print(k,'pkts',n[k],'model drops',drops[k],'mean occupancy at arrival %.1f'%(sum(s)/len(s)),'arrivals at >=32/33: %.3f'%full)
