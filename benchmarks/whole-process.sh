#!/usr/bin/env bash
# Whole-process benchmark: times `mptcp-sim run` as users run it (JVM start to exit, outputs
# written), with --no-report and with the report, on benchmark-2x1g.yaml and on a FatTree k=8
# permutation (benchmarks/scenarios/fattree-k8-perm.yaml, from benchmarks/fattree-gen.sh).
# For each case: median of N runs of the process wall time, user+sys CPU time and peak RSS
# (/usr/bin/time -v), the data packets of the run (engine.json) and data packets per process wall
# second. One untimed run first builds the jar and the launcher's class-data archive if needed.
#
# Usage: benchmarks/whole-process.sh [-n RUNS] [-o CSV] [CASE...]
#   CASE: 2x1g-noreport 2x1g-report fattree-noreport fattree-report (default: all four)
#   env MPTCP_SIM: the launcher (default ./mptcp-sim of this repository); MPTCP_SIM_JAVA_OPTS passes through.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=5
csv=""
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs="$2"; shift 2 ;;
    -o) csv="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "whole-process.sh: unknown option $1 (allowed: -n RUNS, -o CSV)" >&2; exit 2 ;;
    *) break ;;
  esac
done
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(2x1g-noreport 2x1g-report fattree-noreport fattree-report)
launcher="${MPTCP_SIM:-$here/mptcp-sim}"
if [ ! -x /usr/bin/time ]; then
  echo "whole-process.sh: /usr/bin/time is missing (apt-get install -y time)" >&2
  exit 2
fi
tmp="$(mktemp -d -t mptcp-sim-wp.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT

scenario_of() {
  case "$1" in
    2x1g-*) echo "$here/scenarios/examples/benchmark-2x1g.yaml" ;;
    fattree-*) echo "$here/benchmarks/scenarios/fattree-k8-perm.yaml" ;;
    *) echo "whole-process.sh: unknown case $1 (allowed: 2x1g-noreport 2x1g-report fattree-noreport fattree-report)" >&2; exit 2 ;;
  esac
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# seconds from /usr/bin/time's "h:mm:ss" or "m:ss.ss"
wall_of() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$1"; }
field_of() { awk -F': ' -v k="$2" 'index($0,k) {print $2}' "$1"; }

"$launcher" --version >/dev/null   # build the jar if needed
first="$(scenario_of "${cases[0]}")"
# the launcher's class-data archives: one for runs with --no-report, one for runs with the report
case " ${cases[*]}" in *-noreport*)
  "$launcher" run "$first" --quiet --no-report --set duration=100ms --out "$tmp/warm" >/dev/null; rm -rf "$tmp/warm" ;;
esac
case " ${cases[*]} " in *-report\ *)
  "$launcher" run "$first" --quiet --set duration=100ms --out "$tmp/warm" >/dev/null; rm -rf "$tmp/warm" ;;
esac

printf '%-18s %5s %10s %10s %10s %12s %14s %14s\n' case runs wall_s cpu_s rss_MB data_pkts pkts_per_wall_s engine_pkts_s
[ -z "$csv" ] || echo "case,runs,wall_s,cpu_s,rss_mb,data_packets,data_packets_per_wall_s,engine_data_packets_per_s" > "$csv"
for c in "${cases[@]}"; do
  sc="$(scenario_of "$c")"
  extra=()
  [ "${c##*-}" = noreport ] && extra=(--no-report)
  : > "$tmp/wall"; : > "$tmp/cpu"; : > "$tmp/rss"; : > "$tmp/eng"
  pkts=0
  for i in $(seq 1 "$runs"); do
    out="$tmp/run-$c-$i"
    /usr/bin/time -v -o "$tmp/time.txt" "$launcher" run "$sc" --quiet --out "$out" "${extra[@]}" >/dev/null
    wall_of "$tmp/time.txt" >> "$tmp/wall"
    awk -v u="$(field_of "$tmp/time.txt" 'User time')" -v s="$(field_of "$tmp/time.txt" 'System time')" 'BEGIN {print u+s}' >> "$tmp/cpu"
    awk -v k="$(field_of "$tmp/time.txt" 'Maximum resident set size')" 'BEGIN {print k/1024}' >> "$tmp/rss"
    pkts="$(sed -n 's/.*"dataPackets" *: *\([0-9]*\).*/\1/p' "$out/engine.json")"
    sed -n 's/.*"dataPacketsPerWallSecond" *: *\([0-9.]*\).*/\1/p' "$out/engine.json" >> "$tmp/eng"
    rm -rf "$out"
  done
  w="$(median < "$tmp/wall")"; u="$(median < "$tmp/cpu")"; r="$(median < "$tmp/rss")"; e="$(median < "$tmp/eng")"
  rate="$(awk -v p="$pkts" -v w="$w" 'BEGIN {printf "%.0f", p / w}')"
  printf '%-18s %5d %10.2f %10.2f %10.1f %12d %14s %14.0f\n' "$c" "$runs" "$w" "$u" "$r" "$pkts" "$rate" "$e"
  [ -z "$csv" ] || echo "$c,$runs,$w,$u,$r,$pkts,$rate,$e" >> "$csv"
done
