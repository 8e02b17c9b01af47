#!/bin/bash
# /init of the kernel-lab VM: runs lab.sh (DELAY=netem) with the klab.* parameters of the kernel command
# line ("," stands for a space), then writes /tmp/out as a raw tar onto /dev/vda and powers off.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin          # real iproute2 before busybox applets
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
mount -t tmpfs tmpfs /tmp; mount -t tmpfs tmpfs /run; mkdir -p /run/netns
mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null
echo "KLAB: kernel $(uname -r) at $(cut -d' ' -f1 /proc/uptime)s"
while read -r m; do [ -n "$m" ] && insmod "/lib/modules/$m" 2>/dev/null; done < /lib/modules/load.order
for a in $(cat /proc/cmdline); do case $a in klab.*=*) k=${a#klab.}; v=${k#*=}; export "${k%%=*}=${v//,/ }";; esac; done
export RAW=/tmp/out/raw DELAY=netem TRACEFS=/sys/kernel/tracing; mkdir -p $RAW
{ uname -a; cat /proc/cmdline; sysctl net.mptcp.enabled net.ipv4.tcp_available_congestion_control; } > $RAW/env.txt 2>&1
/bin/lab.sh up > $RAW/lab.log 2>&1 && /bin/lab.sh run >> $RAW/lab.log 2>&1; echo "rc=$?" >> $RAW/lab.log
/bin/lab.sh down >> $RAW/lab.log 2>&1
echo "KLAB: run done at $(cut -d' ' -f1 /proc/uptime)s"
dmesg > $RAW/dmesg.txt
(cd /tmp && tar -cf /dev/vda out) && sync && echo "KLAB: results on /dev/vda"
echo "KLAB-DONE"; poweroff -f
