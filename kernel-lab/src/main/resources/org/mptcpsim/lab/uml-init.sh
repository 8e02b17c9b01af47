#!/bin/bash
# init of the kernel-lab User-Mode Linux guest, booted by UmlLab as
#   linux mem=1G rootfstype=hostfs rootflags=/ ro init=SCRATCH/uml-init.sh con0=null,fd:1 con=null
# The root is the host's, read-only. SCRATCH (this script's directory, created by the lab on the host) is
# mounted read-write through hostfs at /run/klab; it holds lab.env (lab.sh's variables plus the UML_* ones
# below), lab.sh, and receives raw/ (the captures) -- the only place the guest writes to the host.
#   UML_MODULES   modules tree of this kernel (modules.dep), "none" = everything built in,
#                 "auto" = Debian's /usr/lib/uml/modules/<release> if it exists
#   PROBE         auto: tcp_probe through tracefs if this kernel has it, else tcp_info samples (tcpinfo, lab.sh PROBE=diag)
#   UML_LOAD      modules to load (with their dependencies from modules.dep)
#   UML_NEED      /proc/sys file the scenario needs (net/mptcp/enabled upstream, net/mptcp/mptcp_enabled out-of-tree)
#   UML_KNOBS     file of "sysctl KEY VALUE" / "param PATH VALUE" lines, applied in the init netns (out-of-tree options)
#   OFFLOAD_OFF   1 = TSO/GSO/GRO off on every device of the client and other hosts (single-MSS frames in the queues)
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
D=$(dirname "$0")
mount -t proc proc /proc; mount -t sysfs sys /sys
mountpoint -q /dev || mount -t devtmpfs dev /dev
mount -t tmpfs tmpfs /run; mkdir -p /run/netns /run/klab /run/klab-tmp
mount -t hostfs none /run/klab -o "$D" || { echo "KLAB: cannot mount $D through hostfs"; echo o > /proc/sysrq-trigger; }
set -a; . /run/klab/lab.env; set +a
export RAW=/run/klab/raw TMPDIR=/run/klab-tmp TRACE_OUT=/run/klab-tmp/trace.txt DELAY=netem
mkdir -p "$RAW"
fail() { echo "KLAB-FAIL: $*" >> "$RAW/lab.log"; }

# insmod NAME with its dependencies (modules.dep: "kernel/x/a.ko: kernel/y/b.ko ..."); no kmod needed
declare -A LOADED
load() {
  local rel; rel=$(grep -m1 -E "(^|/)$1\.ko(\.[a-z]+)?:" "$UML_MODULES/modules.dep" | cut -d: -f1)
  [ -n "$rel" ] || { grep -q "/$1.ko" "$UML_MODULES/modules.builtin" 2>/dev/null || echo "module $1: not in $UML_MODULES" >> "$RAW/modules.log"; return 0; }
  [ -n "${LOADED[$rel]:-}" ] && return 0; LOADED[$rel]=1
  for dep in $(awk -F: -v r="$rel" '$1 == r {print $2; exit}' "$UML_MODULES/modules.dep"); do
    load "$(basename "$dep" .ko)"
  done
  busybox insmod "$UML_MODULES/$rel" >> "$RAW/modules.log" 2>&1 || echo "insmod $rel failed" >> "$RAW/modules.log"
}
[ "${UML_MODULES:-none}" = auto ] && { UML_MODULES=/usr/lib/uml/modules/$(uname -r); [ -f "$UML_MODULES/modules.dep" ] || UML_MODULES=none; }
if [ "${UML_MODULES:-none}" != none ]; then for m in ${UML_LOAD:-}; do load "$m"; done; fi

if [ "${PROBE:-auto}" = auto ]; then
  PROBE=diag
  if [ -d /sys/kernel/tracing ] && mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null && [ -d /sys/kernel/tracing/events/tcp/tcp_probe ]; then
    PROBE=tracefs
  fi
  export PROBE TRACEFS=/sys/kernel/tracing
fi
echo "probe: $PROBE" >> "$RAW/modules.log"
{ uname -a; cat /proc/cmdline; cat /proc/sys/net/ipv4/tcp_available_congestion_control
  ls /proc/sys/net/mptcp 2>&1; } > "$RAW/env.txt" 2>&1
ok=1
if [ -n "${UML_NEED:-}" ] && [ ! -e "/proc/sys/$UML_NEED" ]; then
  fail "this kernel has no /proc/sys/$UML_NEED (the scenario needs it: MPTCP not built in?)"; ok=0
fi
if [ "$ok" = 1 ] && [ -n "${UML_KNOBS:-}" ]; then
  while read -r kind key val; do
    [ -z "$kind" ] && continue
    if [ "$kind" = sysctl ]; then f=/proc/sys/${key//.//}; else f=$key; fi
    if [ ! -e "$f" ]; then fail "this kernel has no $kind $key"; ok=0; break; fi
    echo "$val" > "$f" 2>> "$RAW/lab.log" || { fail "cannot set $kind $key = $val"; ok=0; break; }
    echo "$kind $key = $(cat "$f")" >> "$RAW/knobs.txt"
  done < "/run/klab/$UML_KNOBS"
fi
if [ "$ok" = 1 ]; then
  bash /run/klab/lab.sh up >> "$RAW/lab.log" 2>&1 || ok=0
  if [ "$ok" = 1 ] && [ "${OFFLOAD_OFF:-0}" = 1 ]; then
    for ns in $(ip netns list | awk '{print $1}'); do
      for dev in $(ip -n "$ns" -o link show | awk -F': ' '{print $2}' | cut -d@ -f1); do
        [ "$dev" = lo ] || ip netns exec "$ns" ethtool -K "$dev" tso off gso off gro off >> "$RAW/offload.log" 2>&1
      done
    done
  fi
  [ "$ok" = 1 ] && bash /run/klab/lab.sh run >> "$RAW/lab.log" 2>&1; echo "rc=$?" >> "$RAW/lab.log"
  bash /run/klab/lab.sh down >> "$RAW/lab.log" 2>&1
fi
dmesg > "$RAW/dmesg.txt" 2>&1
echo done > "$RAW/guest-done"
sync
busybox poweroff -f 2>/dev/null
echo o > /proc/sysrq-trigger
