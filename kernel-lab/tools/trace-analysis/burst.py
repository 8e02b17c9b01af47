import re,sys,collections
pat=re.compile(r'\s(\d+\.\d+): tcp_probe: .*src=(\S+) dest=(\S+) .*data_len=(\d+) snd_nxt=0x(\w+) snd_una=0x(\w+) snd_cwnd=(\d+) ssthresh=(\d+) snd_wnd=(\d+) srtt=(\d+)')
fl=collections.defaultdict(list)
for line in open(sys.argv[1]):
    m=pat.search(line)
    if not m: continue
    t,src,dst,dl,nxt,una,cw,ss,wnd,srtt=m.groups()
    fl[src].append((float(t),int(nxt,16),int(una,16),int(cw)))
mss=1448
for src,r in fl.items():
    if len(r)<1000: continue
    h=collections.Counter(); acked=collections.Counter()
    t0=r[0][0]
    for a,b in zip(r,r[1:]):
        if a[0]-t0<2: continue
        d=round(((b[1]-a[1])%2**32)/mss); h[min(d,10)]+=1
        acked[min(round(((b[2]-a[2])%2**32)/mss),10)]+=1
    n=sum(h.values())
    print(src,'sent between ACKs (segs):',' '.join('%d:%.2f'%(k,h[k]/n) for k in sorted(h)))
    print(' '*len(src),'acked per ACK (segs):    ',' '.join('%d:%.2f'%(k,acked[k]/n) for k in sorted(acked)))
