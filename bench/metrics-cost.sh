#!/usr/bin/env bash
# What metrics cost a page: requests per second of / with metrics off and on (the default), alternating, five
# rounds (a noisy VM moves single runs by a third), median of each. Same Release build (ReadyToRun), same database,
# default logging, wrk -t2 -c64.
# Usage: bench/metrics-cost.sh [seconds-per-run] [rounds]   (installs wrk from Debian's packages if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
ROUNDS=${2:-5}
WORK=$(mktemp -d /tmp/pv-bench.XXXXXX)
APP_PORT=5193
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
command -v wrk >/dev/null || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cleanup() { kill "${APP_PID:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

dotnet publish PubliekeVeranderaars.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$WORK/app" -nologo -v quiet >/dev/null

start() {  # $1: Metrics__Enabled
  ( cd "$WORK/app" && exec env Site__DataDirectory="$WORK/data" Site__BaseUrl="http://127.0.0.1:$APP_PORT" uSync__Folder="$OLDPWD/uSync/v17" Metrics__Enabled="$1" \
      dotnet PubliekeVeranderaars.Web.dll --urls "http://127.0.0.1:$APP_PORT" >"$WORK/app.log" 2>&1 ) &
  APP_PID=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/"; do
    kill -0 "$APP_PID" 2>/dev/null || { echo "the site did not start:" >&2; cat "$WORK/app.log" >&2; exit 1; }
    sleep 0.05
  done
}
stop() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; }
measure() {
  wrk -t2 -c64 -d"${DURATION}s" "http://127.0.0.1:$APP_PORT/" >/dev/null   # warm-up: JIT, caches
  wrk -t2 -c64 -d"${DURATION}s" "http://127.0.0.1:$APP_PORT/" | awk '/Requests\/sec/ {print $2}'
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

off=(); on=()
measure_off() { start false; off+=("$(measure)"); stop; }
measure_on() {
  start true; on+=("$(measure)")
  echo "/metrics has $(curl -s "http://127.0.0.1:$APP_PORT/metrics" | grep -c '^http_server_request_duration' || true) request-duration series" >&2; stop
}
# Which goes first alternates (off-on, on-off, ...): a machine that speeds up or slows down during the run favours neither.
for round in $(seq "$ROUNDS"); do
  if (( round % 2 )); then measure_off; measure_on; else measure_on; measure_off; fi
done
OFF=$(median "${off[@]}"); ON=$(median "${on[@]}")
echo "metrics off: ${off[*]} req/s (median $OFF)"
echo "metrics on:  ${on[*]} req/s (median $ON)"
awk -v off="$OFF" -v on="$ON" 'BEGIN { printf "cost: %.1f%%\n", (off - on) / off * 100 }'
