#!/bin/bash
# mkinitramfs.sh MODDIR|none OUT.cpio.gz MODULES... -- initramfs for the kernel-lab VM.
# Holds busybox-static, bash, iproute2 (ip tc ss nstat), iperf3, mptcpize + libmptcpwrap, every library
# ldd reports for them, lab.sh and vm-init.sh (from this script's directory) as /init, and the kernel
# modules MODULES with their dependencies (busybox depmod on a scratch copy; .xz/.zst/.gz decompressed;
# builtins skipped; load order in /lib/modules/load.order).
set -e
MODDIR=$1; OUT=$2; shift 2; WANT="$*"; HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d /tmp/mlab-initrd.XXXXXX); trap 'rm -rf "$W" "${T:-}"' EXIT
mkdir -p "$W"/{bin,sbin,proc,sys,dev,tmp,run,etc,root,lib/modules,var} && ln -s ../run "$W/var/run"
cp "$(command -v busybox)" "$W/bin/busybox"
put() { for f in "$@"; do mkdir -p "$W$(dirname "$f")"; cp -L "$f" "$W$f"
          for l in $(ldd "$f" 2>/dev/null | grep -o '/[^ ]*'); do mkdir -p "$W$(dirname "$l")"; cp -Ln "$l" "$W$l"; done; done; }
put /bin/bash "$(command -v ip)" "$(command -v tc)" "$(command -v ss)" "$(command -v nstat)" "$(command -v iperf3)" "$(command -v mptcpize)"
put /usr/lib/x86_64-linux-gnu/mptcpize/libmptcpwrap.so*   # mptcpize preloads the versioned file
cp "$HERE/lab.sh" "$HERE/vm-init.sh" "$W/bin/"; chmod +x "$W/bin/lab.sh" "$W/bin/vm-init.sh"; ln -sf bin/vm-init.sh "$W/init"
: > "$W/lib/modules/load.order"
if [ "$MODDIR" != none ]; then
  KV=$(basename "$MODDIR"); T=$(mktemp -d /tmp/mlab-mods.XXXXXX); mkdir -p "$T/lib/modules"
  cp -a "$MODDIR" "$T/lib/modules/"; busybox depmod -b "$T" "$KV"; DEP=$T/lib/modules/$KV/modules.dep
  add() { local line self deps d
    line=$(grep -E "(^|/)$1\.ko(\.xz|\.zst|\.gz)?:" "$DEP" | head -1); [ -z "$line" ] && return 0
    self=${line%%:*}; deps=${line#*:}
    for d in $(echo $deps | tr ' ' '\n' | tac); do add "$(basename "${d%%.ko*}")"; done
    grep -qx "$self" "$W/lib/modules/load.order" || echo "$self" >> "$W/lib/modules/load.order"; }
  for m in $WANT; do grep -qE "/$m\.ko" "$MODDIR/modules.builtin" 2>/dev/null || add "$m"; done
  while read -r f; do mkdir -p "$W/lib/modules/$(dirname "$f")"; case $f in
      *.xz) xz -dc "$MODDIR/$f" > "$W/lib/modules/${f%.xz}";; *.zst) zstd -qdc "$MODDIR/$f" > "$W/lib/modules/${f%.zst}";;
      *.gz) gzip -dc "$MODDIR/$f" > "$W/lib/modules/${f%.gz}";; *) cp "$MODDIR/$f" "$W/lib/modules/$f";; esac
  done < "$W/lib/modules/load.order"
  sed -i -E 's/\.(xz|zst|gz)$//' "$W/lib/modules/load.order"
fi
(cd "$W" && find . | busybox cpio -o -H newc 2>/dev/null | gzip -1) > "$OUT"
