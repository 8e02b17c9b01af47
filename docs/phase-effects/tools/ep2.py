import sys
from collections import Counter
rows=[l.split() for l in open(sys.argv[1]) if l.startswith('D ')]
ep=[];last=-9
for r in rows:
    if r[4]!='0' or r[3]!='0': continue
    t=int(r[1])/1e12
    if t-last>0.3: ep.append([t,[]])
    last=t
    ep[-1][1].append((t,r[2]))
firsts=Counter()
for t0,e in ep:
    c=Counter(f for _,f in e)
    firsts[e[0][1]]+=1
    print('%.3f dur %.1fms'%(t0,(e[-1][0]-t0)*1e3), ' '.join('%s@%.1f'%(f,(t-t0)*1e3) for t,f in e))
print('first drop by',firsts)
