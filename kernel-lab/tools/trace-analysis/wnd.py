import re,sys,collections
pat=re.compile(r'\s(\d+\.\d+): tcp_probe: .*src=(\S+) dest=(\S+) .*data_len=(\d+) snd_nxt=0x(\w+) snd_una=0x(\w+) snd_cwnd=(\d+) ssthresh=(\d+) snd_wnd=(\d+) srtt=(\d+)')
fl=collections.defaultdict(list)
for line in open(sys.argv[1]):
    m=pat.search(line)
    if m:
        t,src,dst,dl,nxt,una,cw,ss,wnd,srtt=m.groups()
        fl[src].append((float(t),int(wnd),((int(nxt,16)-int(una,16))%2**32)))
for src,r in fl.items():
    if len(r)<1000: continue
    w=sorted(x[1] for x in r if x[0]-r[0][0]>2); n=len(w)
    lim=sum(1 for x in r if x[0]-r[0][0]>2 and x[2]+1448>x[1])/n
    print(src,'snd_wnd min %d p1 %d p10 %d p50 %d; flight+mss>snd_wnd %.3f'%(w[0],w[n//100],w[n//10],w[n//2],lim))
