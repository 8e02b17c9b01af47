# capture arrival times of data packets at the bottleneck router (interfaces u1..u3, incoming), kernel timestamps
import socket,select,struct,sys,time
ifs=sys.argv[1].split(','); dur=float(sys.argv[2]); out=open(sys.argv[3],'w'); want_out=len(sys.argv)>4
socks={}
for i in ifs:
    s=socket.socket(socket.AF_PACKET,socket.SOCK_RAW,socket.htons(3))
    s.setsockopt(socket.SOL_SOCKET,socket.SO_RCVBUF,8<<20)
    s.setsockopt(socket.SOL_SOCKET,35,1)
    s.bind((i,0)); socks[s.fileno()]=(s,i)
end=time.time()+dur
while time.time()<end:
    r,_,_=select.select([x[0] for x in socks.values()],[],[],0.5)
    for s in r:
        while True:
            try: data,anc,fl,addr=s.recvmsg(128,1024,socket.MSG_DONTWAIT)
            except BlockingIOError: break
            if (addr[2]==4)!=want_out: continue  # direction
            ts=0
            for lvl,typ,d in anc:
                if typ==35: sec,ns=struct.unpack('qq',d[:16]); ts=sec*10**9+ns
            if data[12:14]!=b'\x08\x00': continue
            data=data[14:]
            ihl=(data[0]&15)*4; tot=struct.unpack('!H',data[2:4])[0]
            if data[9]!=6: continue
            sp,dp,seq=struct.unpack('!HHI',data[ihl:ihl+8])
            out.write('%d %s %d %d %d %d\n'%(ts,socks[s.fileno()][1],sp,dp,seq,tot))
