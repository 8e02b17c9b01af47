#!/bin/bash
# lab.sh up|run|down -- the mptcp-sim kernel lab: one MPTCP scenario in network namespaces.
# Runs unchanged on the host (DELAY=tun, userspace delay line) and inside the QEMU guest
# (DELAY=netem). Written by org.mptcpsim.lab.LabEnv; every knob is an environment variable:
#
#   P        unique prefix; namespaces $P-cli $P-srv $P-rb $P-r1..$P-rN, tracefs instance $P
#   TOPO     separate (tbf on r_i:s, one per path) | shared (one tbf on rb:s)
#   NPATHS   number of paths;  OWD_US "d1 d2 ..." one-way delay per path (both directions)
#   RATES    "r1 r2 ..." bit/s per path (separate);  LIMITS "b1 b2 ..." tbf limit bytes per path
#   SHRATE / SHLIMIT   the shared bottleneck (shared)
#   URATES / ULIMITS   "u1 u2 ..." (shared, optional) a path's own tbf on r_i:u in front of the shared bottleneck
#            (a tandem), after the path's delay; 0 = none
#   SUBFLOWS "n1 n2 ..." subflows per path (address aliases + in-kernel `subflow` endpoints)
#   MPTCP    1 = client and server run under mptcpize, 0 = plain TCP over path 1
#   DELAY    tun | netem | none;  DL = delay line binary;  RAW = directory for raw captures
#   SECS, CC (per-socket iperf3 -C), SAMPLE_S, PORT; QS = the fork-free queue sampler (qstat.c; sampled every
#            SAMPLE_S); without it a tc loop samples
#   NCOMPETE plain TCP flows (ports PORT+1..): the first NCOMPETE-NX from the client over path 1, the last NX
#            from other hosts (shared only)
#   XCC      "cc1 .. ccNX" congestion control of each other host's flow (default: CC)
#   XOWD_US  "x1 .. xNX" one-way delay of each other host's access path: host k runs in $P-h$k behind its own
#            router $P-r$((NPATHS+k)) (address 10.1.$((NPATHS+k)).2) and delay line, joining rb like a path
#   PCAP     1 = tcpdump (96 B headers) on every interface of the bottleneck routers (rb, or r_1..r_N) into
#            $RAW/pcap/<router>-<dev>.pcap for the run (host backend; CLOCK_REALTIME stamps, the trace is mono)
#   TRACEFS  tracefs mount point; mounted here (and unmounted by down) if it has no events/
#   OOT      1 = the out-of-tree multipath-tcp.org kernel (v0.95): plain sockets are MPTCP (no mptcpize), its path
#            manager opens the subflows (no ip mptcp endpoints/limits, no address aliases), and the server owns exactly
#            one non-loopback address (fullmesh announces every one): 10.9.0.1 on its only device, behind a merge
#            router $P-m (separate) or rb (shared)
#            NOMPTCP = the LD_PRELOAD library (nomptcp.c) that keeps competing flows plain TCP there
#   NSSYSCTL "k=v ..." sysctls set in every lab namespace ("," in v stands for a space), e.g. the CC of OOT runs
#   PROBE    tracefs (default: tcp_probe per ACK) | diag (kernels without tracepoints: the tcpinfo binary TI
#            samples tcp_info every PROBE_US µs through sock_diag into TRACE_OUT, default $RAW/trace.txt)
#
#  separate: cli =c_i= r_i =s= srv           shared: cli =c_i= r_i =u= rb =s= srv   (+ h_k =c_j= r_j =u= rb, j = NPATHS+k)
#  The server's service address is 10.9.0.1/32 on lo; client path i uses 10.1.i.2 (+ aliases .3 ...).
# `down` removes only the exact names listed above and processes started inside them.
set -u
P=${P:?P (prefix) is required}; TOPO=${TOPO:-separate}; NPATHS=${NPATHS:-1}
OWD=(${OWD_US:-10000}); RATES_A=(${RATES:-10000000}); LIMITS_A=(${LIMITS:-150000})
URATES_A=(${URATES:-}); ULIMITS_A=(${ULIMITS:-}); SUBS=(${SUBFLOWS:-1}); MPTCP=${MPTCP:-1}; DELAY=${DELAY:-tun}; DL=${DL:-delayline}
RAW=${RAW:-/tmp/$P-raw}; PORT=${PORT:-5201}; NCOMPETE=${NCOMPETE:-0}
TRACEFS=${TRACEFS:-/sys/kernel/tracing}
XOWD=(${XOWD_US:-}); NX=${#XOWD[@]}; NALL=$((NPATHS+NX))   # routers r1..r$NALL
XCCS=(${XCC:-})                                              # congestion control of each other host's flow
SRV=10.9.0.1; OOT=${OOT:-0}; NSSYSCTL=${NSSYSCTL:-}
PROBE=${PROBE:-tracefs}; TI=${TI:-tcpinfo}; PROBE_US=${PROBE_US:-10000}; TRACE_OUT=${TRACE_OUT:-$RAW/trace.txt}

x() { ip netns exec "$@"; }
log() { echo "lab.sh[$P]: $*" >&2; }
namespaces() { echo "$P-cli $P-srv $P-rb $P-m"; for i in $(seq 1 "$NALL"); do echo "$P-r$i"; done
  for k in $(seq 1 "$NX"); do echo "$P-h$k"; done; }
burst() { local b=$(( $1 / 8 / 1000 )); [ $b -lt 3028 ] && b=3028; echo $b; }   # >= 1 ms of rate

mkns() {
  ip netns add "$1" && ip -n "$1" link set lo up &&
  x "$1" sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 &&
  for kv in $NSSYSCTL; do x "$1" sysctl -qw "${kv//,/ }" || return 1; done
}
veth() {  # veth NS1 IF1 ADDR1 NS2 IF2 ADDR2  (/24 on both ends)
  ip link add "$2" netns "$1" type veth peer name "$5" netns "$4" &&
  ip -n "$1" addr add "$3/24" dev "$2" && ip -n "$1" link set "$2" up &&
  ip -n "$4" addr add "$6/24" dev "$5" && ip -n "$4" link set "$5" up
}
shaper() {  # shaper NS IF RATE LIMIT [NETEM_DELAY_US]: rate + byte buffer (tbf), after the delay
  if [ -n "${5:-}" ]; then
    tc -n "$1" qdisc add dev "$2" root handle 1: netem delay "${5}us" limit 100000 &&
    tc -n "$1" qdisc add dev "$2" parent 1:1 handle 10: tbf rate "${3}bit" burst "$(burst "$3")" limit "$4"
  else
    tc -n "$1" qdisc add dev "$2" root tbf rate "${3}bit" burst "$(burst "$3")" limit "$4"
  fi
}

up() {
  set -e
  mkdir -p "$RAW"
  mkns "$P-cli"; mkns "$P-srv"
  SRVHOP=10.9.0.254    # OOT: the router in front of the server's single address
  if [ "$OOT" != 1 ]; then ip -n "$P-srv" addr add $SRV/32 dev lo; fi
  if [ "$TOPO" = shared ]; then
    mkns "$P-rb"
    if [ "$OOT" = 1 ]; then
      veth "$P-rb" s $SRVHOP "$P-srv" e1 $SRV; ip -n "$P-srv" route add default via $SRVHOP
    else
      veth "$P-rb" s 10.2.1.1 "$P-srv" e1 10.2.1.2; ip -n "$P-rb" route add $SRV/32 via 10.2.1.2
    fi
    shaper "$P-rb" s "$SHRATE" "$SHLIMIT"
  elif [ "$OOT" = 1 ]; then
    mkns "$P-m"; veth "$P-m" e0 $SRVHOP "$P-srv" e0 $SRV; ip -n "$P-srv" route add default via $SRVHOP
  fi
  [ "$NX" -gt 0 ] && [ "$TOPO" != shared ] && { log "other hosts (XOWD_US) need TOPO=shared"; exit 1; }
  for i in $(seq 1 "$NALL"); do
    R=$P-r$i; mkns "$R"
    if [ "$i" -le "$NPATHS" ]; then C=$P-cli; d=${OWD[$((i-1))]}
    else C=$P-h$((i-NPATHS)); d=${XOWD[$((i-NPATHS-1))]}; mkns "$C"; fi
    nd=""; [ "$DELAY" = netem ] && nd=$d   # netem delays in front of a shaper on the path's router (the guest has no delay line)
    veth "$C" "c$i" "10.1.$i.2" "$R" "c$i" "10.1.$i.1"
    if [ "$TOPO" = shared ]; then
      veth "$R" u "10.3.$i.1" "$P-rb" "u$i" "10.3.$i.2"; nh=10.3.$i.2; upif=u
      ip -n "$P-rb" route add "10.1.$i.0/24" via "10.3.$i.1"
      [ "$OOT" = 1 ] || ip -n "$P-srv" route add "10.1.$i.0/24" via 10.2.1.1
      ur=0; [ "$i" -le "$NPATHS" ] && ur=${URATES_A[$((i-1))]:-0}
      if [ "$ur" != 0 ]; then shaper "$R" u "$ur" "${ULIMITS_A[$((i-1))]}" "$nd"   # a tandem: the path's own limit, after its delay
      elif [ "$DELAY" = netem ]; then tc -n "$R" qdisc add dev u root netem delay "${d}us" limit 100000; fi
    else
      if [ "$OOT" = 1 ]; then
        veth "$R" s "10.2.$i.1" "$P-m" "s$i" "10.2.$i.2"; ip -n "$P-m" route add "10.1.$i.0/24" via "10.2.$i.1"
      else
        veth "$R" s "10.2.$i.1" "$P-srv" "e$i" "10.2.$i.2"; ip -n "$P-srv" route add "10.1.$i.0/24" via "10.2.$i.1"
      fi
      nh=10.2.$i.2; upif=s
      shaper "$R" s "${RATES_A[$((i-1))]}" "${LIMITS_A[$((i-1))]}" "$nd"
    fi
    ip -n "$R" route add $SRV/32 via $nh
    if [ "$DELAY" = netem ]; then
      tc -n "$R" qdisc add dev "c$i" root netem delay "${d}us" limit 100000
    elif [ "$DELAY" = tun ]; then   # both directions detour through tun dl0 in r_i
      ip -n "$R" tuntap add dev dl0 mode tun; ip -n "$R" link set dl0 up txqueuelen 10000
      ip -n "$R" route add default dev dl0 table 100
      ip -n "$R" rule add pref 100 iif "c$i" lookup 100; ip -n "$R" rule add pref 101 iif $upif lookup 100
      x "$R" sysctl -qw net.ipv4.conf.dl0.rp_filter=0
      x "$R" "$DL" dl0 "$d" 2> "$RAW/delayline-r$i.log" & echo $! > "$RAW/delayline-r$i.pid"
    fi
    if [ "$i" -gt "$NPATHS" ]; then ip -n "$C" route add default via "10.1.$i.1" dev "c$i"; continue; fi   # another host
    # client: each address of path i leaves through c_i (source routing), aliases for extra subflows
    ip -n "$P-cli" route add default via "10.1.$i.1" dev "c$i" table $((100+i))
    n=${SUBS[$((i-1))]:-1}; [ "$OOT" = 1 ] && n=1   # OOT: the path manager makes the extra subflows
    for k in $(seq 0 $((n-1))); do
      a=10.1.$i.$((2+k))
      [ "$k" -gt 0 ] && ip -n "$P-cli" addr add "$a/24" dev "c$i"
      ip -n "$P-cli" rule add pref 100 from "$a" lookup $((100+i))
      if [ "$MPTCP" = 1 ] && [ "$OOT" != 1 ] && { [ "$i" -gt 1 ] || [ "$k" -gt 0 ]; }; then
        ip -n "$P-cli" mptcp endpoint add "$a" dev "c$i" subflow
      fi
    done
  done
  ip -n "$P-cli" route add default via 10.1.1.1 dev c1
  if [ "$MPTCP" = 1 ] && [ "$OOT" != 1 ]; then
    for ns in cli srv; do ip -n "$P-$ns" mptcp limits set subflows 8 add_addr_accepted 8; done
  fi
  [ "$DELAY" = tun ] && sleep 0.2
  for i in $(seq 1 "$NALL"); do   # the delay line must be alive
    if [ -f "$RAW/delayline-r$i.pid" ] && ! kill -0 "$(cat "$RAW/delayline-r$i.pid")" 2>/dev/null; then
      log "delay line of path $i died: $(cat "$RAW/delayline-r$i.log")"; exit 1; fi
  done
  log "up: $(namespaces | tr '\n' ' ')"
}

# queue devices: "NS DEV LINKID" lines
qdevs() {
  if [ "$TOPO" = shared ]; then
    for i in $(seq 1 "$NPATHS"); do [ "${URATES_A[$((i-1))]:-0}" != 0 ] && echo "$P-r$i u path$i"; done
    echo "$P-rb s shared"
  else for i in $(seq 1 "$NPATHS"); do echo "$P-r$i s path$i"; done; fi
}

# mark TEXT: a time stamp on the clock of the per-subflow records
mark() { if [ "$PROBE" = diag ]; then "$TI" mark "$1" >> "$TRACE_OUT"; else echo "$1" > "$TRACEFS/instances/$P/trace_marker"; fi; }

run() {
  mkdir -p "$RAW"; local I=$TRACEFS/instances/$P
  PIDS=(); SAMPLER=""; PCAPS=""; trap 'kill ${PIDS[*]} $SAMPLER $PCAPS 2>/dev/null' EXIT
  if [ "$PROBE" = diag ]; then :
  elif [ ! -d "$TRACEFS/events" ]; then
    mkdir -p "$TRACEFS" && mount -t tracefs nodev "$TRACEFS" && touch "$RAW/.mounted-tracefs" || { log "cannot mount tracefs at $TRACEFS"; exit 1; }
  fi
  if [ "$PROBE" != diag ]; then
  mkdir "$I" || { log "tracefs instance $I exists or cannot be created"; exit 1; }
  echo 0 > "$I/tracing_on"; echo mono > "$I/trace_clock"; echo 16384 > "$I/buffer_size_kb"
  local filter="dport >= $PORT && dport <= $((PORT+NCOMPETE))"
  for ev in tcp_probe tcp_retransmit_skb tcp_cong_state_set; do
    [ -d "$I/events/tcp/$ev" ] || { log "no tracepoint tcp:$ev"; continue; }
    echo "$filter" > "$I/events/tcp/$ev/filter"; echo 1 > "$I/events/tcp/$ev/enable" && echo "$ev" >> "$RAW/events.txt"
  done
  fi
  local wrap=""; [ "$MPTCP" = 1 ] && [ "$OOT" != 1 ] && wrap="mptcpize run"
  local iv=$SAMPLE_S; awk "BEGIN{exit !($iv < 0.1)}" && iv=0.1      # iperf3's minimum interval
  x "$P-srv" $wrap iperf3 -s -1 -p "$PORT" -i "$iv" -J > "$RAW/server.json" 2> "$RAW/server.err" & PIDS+=($!)
  for j in $(seq 1 "$NCOMPETE"); do
    x "$P-srv" iperf3 -s -1 -p $((PORT+j)) -i "$iv" -J > "$RAW/compete$j-server.json" 2>&1 & PIDS+=($!)
  done
  if [ "$MPTCP" = 1 ] && [ "$OOT" != 1 ]; then
    x "$P-cli" timeout $((SECS+15)) "$(command -v ip)" mptcp monitor > "$RAW/mptcp-monitor.txt" 2>&1 & PIDS+=($!)
  fi
  local tp=""
  if [ "$PROBE" = diag ]; then   # one sampler per sending namespace (the client, other hosts)
    : > "$TRACE_OUT"; echo tcp_info >> "$RAW/events.txt"
    for ns in "$P-cli" $(for k in $(seq 1 "$NX"); do echo "$P-h$k"; done); do
      x "$ns" "$TI" "$PORT" $((PORT+NCOMPETE)) "$PROBE_US" >> "$TRACE_OUT" 2>> "$RAW/tcpinfo.log" & tp="$tp $!"
    done
  else
    cat "$I/trace_pipe" > "$RAW/trace.txt" & tp=$!
    echo 1 > "$I/tracing_on"
  fi
  # queue samples. Forks are what costs here: a fork+exec takes milliseconds in UML (and QEMU TCG), and with
  # qdevs, seq and the pipeline's subshells forked every sample a 100 ms sampler kept the UML guest's one CPU ~45 %
  # busy (measured: 0.86 busy at 4 Mbit/s, 0.39 with the sampler at 1 s; one sample took ~260 ms of forks), and
  # even one tc per 0.5-2 s perturbed the kernel under test (README, LAB-UML-1). So: qstat (QS), one process for
  # the whole run, one rtnetlink socket per bottleneck namespace, each line stamped with CLOCK_MONOTONIC (the trace
  # clock). Without it (the VM guest): a tc loop, each sample stamped by a marker on the trace clock, the device
  # list computed once (no /dev/fd in the UML guest: no process substitution).
  local qd; qd=$(qdevs)
  if [ -n "${QS:-}" ] && [ -x "$QS" ]; then
    # shellcheck disable=SC2086  # "NS DEV ID" triplets
    "$QS" "$(awk "BEGIN{printf \"%d\", $SAMPLE_S * 1e6}")" $qd > "$RAW/tc.txt" 2> "$RAW/qstat.log" &
  else
  ( k=0; while :; do
      mark "KLAB tc $k"
      while read -r ns dev id; do echo "@@ $k $id"; tc -n "$ns" -s qdisc show dev "$dev"; done <<< "$qd"
      k=$((k+1)); sleep "$SAMPLE_S"; done ) > "$RAW/tc.txt" 2>&1 &
  fi
  SAMPLER=$!
  if [ "${PCAP:-0}" = 1 ]; then   # headers (96 B) of every packet on the bottleneck routers' interfaces, for Wireshark
    mkdir -p "$RAW/pcap"; local rns; rns="$P-rb"; [ "$TOPO" = shared ] || rns=$(for i in $(seq 1 "$NPATHS"); do echo "$P-r$i"; done)
    for ns in $rns; do
      for dev in $(ip -n "$ns" -o link show | awk -F': ' '{print $2}' | sed 's/@.*//' | grep -vx 'lo\|dl0'); do
        x "$ns" tcpdump -i "$dev" -s 96 -U -Z root -w "$RAW/pcap/${ns#"$P"-}-$dev.pcap" 2>> "$RAW/pcap/tcpdump.log" & PCAPS="$PCAPS $!"
      done
    done
    sleep 0.5
  fi
  sleep 0.5; x "$P-cli" nstat -n 2>/dev/null; head -1 /proc/stat > "$RAW/cpu-start.txt"
  mark "KLAB start"
  local ccopt="-C $CC"; [ "$OOT" = 1 ] && ccopt=""   # OOT: the namespace default (NSSYSCTL), inherited by every subflow
  x "$P-cli" $wrap iperf3 -c $SRV -p "$PORT" -t "$SECS" $ccopt -J > "$RAW/client.json" 2> "$RAW/client.err" &
  local cl=$!; local cls=($cl)
  for j in $(seq 1 "$NCOMPETE"); do
    k=$((j-NCOMPETE+NX)); ns=$P-cli; src=10.1.1.2   # flow j: the client over path 1, or other host k
    fcc=$CC; [ "$k" -ge 1 ] && { ns=$P-h$k; src=10.1.$((NPATHS+k)).2; fcc=${XCCS[$((k-1))]:-$CC}; }
    pre=(); [ "$OOT" = 1 ] && pre=(env "LD_PRELOAD=$NOMPTCP")   # OOT: plain TCP by a per-socket MPTCP_ENABLED=0
    x "$ns" "${pre[@]}" iperf3 -c $SRV -p $((PORT+j)) -B "$src" -t "$SECS" -C "$fcc" -J > "$RAW/compete$j-client.json" 2>&1 & cls+=($!)
  done
  sleep "$(awk "BEGIN{print $SECS/2}")"; x "$P-cli" ss -Mtin > "$RAW/ss-mid.txt" 2>&1
  local rc=0; for c in "${cls[@]}"; do wait "$c" || rc=1; done
  mark "KLAB end"; head -1 /proc/stat > "$RAW/cpu-end.txt"
  if [ -n "$PCAPS" ]; then kill -INT $PCAPS 2>/dev/null; wait $PCAPS 2>/dev/null; PCAPS=""; fi
  kill "$SAMPLER" 2>/dev/null; SAMPLER=""; sleep 0.3
  [ "$PROBE" = diag ] || echo 0 > "$I/tracing_on"
  kill $tp 2>/dev/null; wait $tp 2>/dev/null
  [ "$PROBE" = diag ] && [ "$TRACE_OUT" != "$RAW/trace.txt" ] && cp "$TRACE_OUT" "$RAW/trace.txt"
  x "$P-cli" nstat -a > "$RAW/nstat.txt" 2>&1
  for i in $(seq 1 "$NALL"); do
    ip -n "$P-r$i" -s link show > "$RAW/links-r$i.txt" 2>&1
    f=$RAW/delayline-r$i.pid; [ -f "$f" ] && kill -TERM "$(cat "$f")" 2>/dev/null && rm -f "$f"
  done
  uname -r > "$RAW/kernel.txt"; sleep 0.2
  [ $rc = 0 ] || log "an iperf3 client failed: $(cat "$RAW/client.err")"
  return $rc
}

down() {
  for i in $(seq 1 "$NALL"); do f=$RAW/delayline-r$i.pid
    [ -f "$f" ] && { kill -TERM "$(cat "$f")" 2>/dev/null; rm -f "$f"; }; done
  for ns in $(namespaces); do
    if ip netns list | awk '{print $1}' | grep -qx "$ns"; then
      ip netns pids "$ns" | xargs -r kill 2>/dev/null; sleep 0.1
      ip netns pids "$ns" | xargs -r kill -9 2>/dev/null; ip netns del "$ns"
    fi
  done
  local I=$TRACEFS/instances/$P
  if [ -d "$I" ]; then
    echo 0 > "$I/tracing_on" 2>/dev/null
    for ev in tcp_probe tcp_retransmit_skb tcp_cong_state_set; do echo 0 > "$I/events/tcp/$ev/enable" 2>/dev/null; done
    rmdir "$I" 2>/dev/null || log "could not remove tracefs instance $I"
  fi
  if [ -f "$RAW/.mounted-tracefs" ]; then umount "$TRACEFS" 2>/dev/null && rmdir "$TRACEFS" 2>/dev/null; rm -f "$RAW/.mounted-tracefs"; fi
  return 0
}

case "${1:-}" in
  up) up ;; run) run ;; down) down ;;
  *) echo "usage: lab.sh up|run|down (configuration in environment variables, see header)" >&2; exit 2 ;;
esac
