import re,sys,collections,bisect
pat=re.compile(r'\s(\d+\.\d+): tcp_probe: .*src=(\S+) dest=(\S+) ')
fl=collections.defaultdict(list)
for line in open(sys.argv[1]):
    m=pat.search(line)
    if m: fl[m.group(2)].append(float(m.group(1)))
ks=[k for k in fl if len(fl[k])>1000]
# label: TCP = the 10.1.3.x source
ks.sort()
def near(a,b):
    b=fl[b]; out=[]
    for t in fl[a]:
        i=bisect.bisect_left(b,t)
        d=min(abs(t-b[j]) for j in (i-1,i) if 0<=j<len(b))
        out.append(d)
    n=len(out)
    return ' '.join('<%dus %.2f'%(x,sum(1 for d in out if d<x*1e-6)/n) for x in (20,50,100,300))
for a in ks:
    for b in ks:
        if a!=b: print(a,'->',b,near(a,b))
