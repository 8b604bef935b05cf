#!/usr/bin/env bash
# What metrics cost a page: requests per second of / with metrics off and on (the default). Both configurations run
# side by side (same Release build with ReadyToRun, each its own copy of the same database, default logging) and
# wrk loads them in turn, one short slice each, alternating which goes first: a virtual machine whose speed drifts
# by a third within minutes (it did here) slows both alike. The site processes share core 0 and wrk has core 1
# (taskset, on two or more cores), so wrk's own work never competes with the site's. Reports requests per second
# over all slices, the median of the per-slice ratios, and each site's CPU time per request.
# Usage: bench/metrics-cost.sh [slices] [seconds-per-slice]   (installs wrk from Debian's packages if missing)
#   ON_SETTINGS="Metrics__Requests=false" bench/metrics-cost.sh   compares "off" with another configuration instead
set -euo pipefail
cd "$(dirname "$0")/.."
SLICES=${1:-30}
SLICE=${2:-1}
WORK=$(mktemp -d /tmp/pv-bench.XXXXXX)
OFF_PORT=5193
ON_PORT=5194
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
command -v wrk >/dev/null || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cleanup() { kill "${OFF_PID:-}" "${ON_PID:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

dotnet publish PubliekeVeranderaars.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$WORK/app" -nologo -v quiet >/dev/null

PIN_SITE=(); PIN_WRK=(); WRK_THREADS=2
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then PIN_SITE=(taskset -c 0); PIN_WRK=(taskset -c 1); WRK_THREADS=1; fi

read -r -a ON_EXTRA <<<"${ON_SETTINGS:-}"
start() {  # $1: Metrics__Enabled, $2: port, then extra settings; prints the site's process id
  local extra=("${@:3}")
  ( cd "$WORK/app" && exec "${PIN_SITE[@]}" env "${extra[@]}" Site__DataDirectory="$WORK/data-$2" Site__BaseUrl="http://127.0.0.1:$2" \
      uSync__Folder="$OLDPWD/uSync/v17" Metrics__Enabled="$1" dotnet PubliekeVeranderaars.Web.dll --urls "http://127.0.0.1:$2" \
      >"$WORK/app-$2.log" 2>&1 ) &
  until curl -sf -o /dev/null "http://127.0.0.1:$2/"; do
    pgrep -f -- "--urls http://127.0.0.1:$2" >/dev/null || { echo "the site did not start:" >&2; cat "$WORK/app-$2.log" >&2; exit 1; }
    sleep 0.05
  done
  pgrep -f -- "PubliekeVeranderaars.Web.dll --urls http://127.0.0.1:$2" | head -1
}
OFF_PID=$(start false $OFF_PORT)
ON_PID=$(start true $ON_PORT "${ON_EXTRA[@]}")
echo "/metrics has $(curl -s "http://127.0.0.1:$ON_PORT/metrics" | grep -c '^http_server_request_duration' || true) request-duration series" >&2

load() {  # $1: port, $2: seconds; prints the number of requests answered
  "${PIN_WRK[@]}" wrk -t$WRK_THREADS -c64 -d"$2s" "http://127.0.0.1:$1/" | awk '/requests in/ {print $1}'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

load $OFF_PORT 8 >/dev/null; load $ON_PORT 8 >/dev/null   # warm-up: JIT, tiering, caches
off_total=0; on_total=0; ratios=()
off_cpu=$(cpu_ticks "$OFF_PID"); on_cpu=$(cpu_ticks "$ON_PID")
for slice in $(seq "$SLICES"); do
  if (( slice % 2 )); then off=$(load $OFF_PORT "$SLICE"); on=$(load $ON_PORT "$SLICE")
  else on=$(load $ON_PORT "$SLICE"); off=$(load $OFF_PORT "$SLICE"); fi
  off_total=$((off_total + off)); on_total=$((on_total + on))
  ratios+=("$(awk -v a="$on" -v b="$off" 'BEGIN {printf "%.4f", a / b}')")
done
off_cpu=$(( $(cpu_ticks "$OFF_PID") - off_cpu )); on_cpu=$(( $(cpu_ticks "$ON_PID") - on_cpu ))
HZ=$(getconf CLK_TCK)
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
SECONDS_EACH=$((SLICES * SLICE))
awk -v n="$off_total" -v s="$SECONDS_EACH" -v t="$off_cpu" -v hz="$HZ" 'BEGIN {printf "metrics off: %.0f req/s, %.1f µs CPU per request\n", n / s, t / hz * 1e6 / n}'
awk -v n="$on_total" -v s="$SECONDS_EACH" -v t="$on_cpu" -v hz="$HZ" 'BEGIN {printf "metrics on:  %.0f req/s, %.1f µs CPU per request\n", n / s, t / hz * 1e6 / n}'
R=$(median "${ratios[@]}")
echo "per-slice on/off ratios: min $(printf '%s\n' "${ratios[@]}" | sort -n | head -1), median $R, max $(printf '%s\n' "${ratios[@]}" | sort -n | tail -1)"
awk -v off="$off_total" -v on="$on_total" -v r="$R" 'BEGIN { printf "cost: %.1f%% (totals), %.1f%% (median slice)\n", (off - on) / off * 100, (1 - r) * 100 }'
