import csv,sys,collections
rows=list(csv.DictReader(open(sys.argv[1])))
ev=collections.defaultdict(list); last={}
for r in rows:
    t=float(r['time_s']); key=(r['connection'][0],r['subflow']); cw=float(r['cwnd'])
    if key in last and cw<0.8*last[key] and t>2: ev[key].append(t)
    last[key]=cw
keys=sorted(ev)
out=[]
for a in keys: out.append('%s%s:%d'%(a[0],a[1],len(ev[a])))
for i,a in enumerate(keys):
    for b in keys:
        if b==a: continue
        co=sum(1 for x in ev[a] if any(abs(x-y)<0.15 for y in ev[b]))
        out.append('%s%s&%s%s %d/%d'%(a[0],a[1],b[0],b[1],co,len(ev[a])))
print(sys.argv[1],' '.join(out))
