import re,sys,collections
# per-flow: flight/cwnd distribution from tcp_probe (called before tcp_ack: snd_una is the pre-ACK value)
pat=re.compile(r'\s(\d+\.\d+): tcp_probe: .*src=(\S+) dest=(\S+) .*data_len=(\d+) snd_nxt=0x(\w+) snd_una=0x(\w+) snd_cwnd=(\d+) ssthresh=(\d+) snd_wnd=(\d+) srtt=(\d+)')
fl=collections.defaultdict(list)
for line in open(sys.argv[1]):
    m=pat.search(line)
    if not m: continue
    t,src,dst,dl,nxt,una,cw,ss,wnd,srtt=m.groups()
    if dst.endswith(':5201') or dst.endswith(':5202') or True:
        fl[src].append((float(t),int(nxt,16),int(una,16),int(cw),int(ss),int(wnd),int(srtt)))
mss=float(sys.argv[2]) if len(sys.argv)>2 else 1448
for src,r in fl.items():
    if len(r)<1000: continue
    t0=r[0][0]
    ratios=[]; red=0; lastss=None; cws=[]
    for t,nxt,una,cw,ss,wnd,srtt in r:
        if t-t0<2: continue
        f=((nxt-una)%2**32)/mss
        ratios.append(f/cw); cws.append(cw)
        if lastss is not None and ss<lastss: red+=1
        lastss=ss
    ratios.sort(); n=len(ratios)
    lim=sum(1 for x in ratios if x>=0.95)/n
    print(src,'acks',n,'cwnd med',sorted(cws)[n//2],'flight/cwnd p10 %.2f p50 %.2f p90 %.2f  frac>=0.95 %.2f'%(ratios[n//10],ratios[n//2],ratios[9*n//10],lim),'ss reductions',red)
