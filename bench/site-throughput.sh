#!/usr/bin/env bash
# Public pages beside nginx serving the same HTML bytes, start-up to first page, and resident memory after start:
# the Release build published ReadyToRun as docs/deploy.md deploys it, with appsettings.json's defaults (only the
# public address and the data folder are set, as every deploy must).
#
# Usage: bench/site-throughput.sh [seconds-per-run] [rounds]
#   Cases run interleaved (site, nginx, site, nginx, ...) for each round, so a neighbour's load on this machine hits
#   both alike; each figure is the median of the rounds, printed with its spread (lowest–highest).
# Installs wrk and nginx from Debian's packages if missing. On two or more cores the server under load (the site or
# nginx, one worker) runs on core 0 and wrk on core 1, so the ratio is that of the work per request of each server
# on one core: sharing both cores with wrk favoured whichever server left wrk more CPU. PIN=0 shares them (wrk -t2).
set -euo pipefail
DURATION=${1:-10}
ROUNDS=${2:-3}
source "$(dirname "$0")/lib.sh"
CONNECTIONS=64
PAGES=("/" "/zo-veranderen-wij/")

command -v wrk >/dev/null && command -v nginx >/dev/null || {
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null; }
command -v nginx >/dev/null || { echo "nginx is missing and could not be installed" >&2; exit 1; }
APP_PORT=$(free_port); NGINX_PORT=$(free_port)
[ "$APP_PORT" != "$NGINX_PORT" ] || NGINX_PORT=$(free_port)

publish_app

PIN_SERVER=(); PIN_WRK=(); WRK_THREADS=2; NGINX_WORKERS=auto
if [ "${PIN:-1}" = 1 ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
  PIN_SERVER=(taskset -c 0); PIN_WRK=(taskset -c 1); WRK_THREADS=1; NGINX_WORKERS=1
fi

now_ms() { date +%s%3N; }
# The site as a deploy runs it: nothing but the two settings Production requires.
launch() {
  ( cd "$WORK/app" && exec env Site__DataDirectory="$1" Site__BaseUrl="http://127.0.0.1:$APP_PORT" uSync__Folder="$REPO/uSync/v17" \
      dotnet PubliekeVeranderaars.Web.dll --urls "http://127.0.0.1:$APP_PORT" >"$WORK/app.log" 2>&1 ) &
  APP_PID=$!
}
# start_to_first_page DATA: milliseconds from process start to the first 200 of "/", then resident memory (MB).
start_to_first_page() {
  local t0; t0=$(now_ms)
  launch "$1"
  until curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/"; do
    kill -0 "$APP_PID" 2>/dev/null || { echo "the site stopped; its log:" >&2; tail -20 "$WORK/app.log" >&2; exit 1; }
    sleep 0.005
  done
  STARTED_MS=$(( $(now_ms) - t0 ))
  RESIDENT_MB=$(awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$APP_PID/status")
}

# median and spread of numbers on stdin: "median (lowest–highest)"
summary() { sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s (%s–%s)", m, v[1], v[NR] }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Start-up: first boots (migrations and the seed import into an empty database) and warm starts, interleaved.
: >"$WORK/first" ; : >"$WORK/warm" ; : >"$WORK/rss"
for round in $(seq 1 "$ROUNDS"); do
  rm -rf "$WORK/boot"; start_to_first_page "$WORK/boot"; echo "$STARTED_MS" >>"$WORK/first"; stop_app
  start_to_first_page "$WORK/boot"; echo "$STARTED_MS" >>"$WORK/warm"; echo "$RESIDENT_MB" >>"$WORK/rss"; stop_app
done

# The site for the throughput runs, and nginx with the very bytes it renders.
start_to_first_page "$WORK/data"
# Started on every core like any start; the load runs then find it on core 0.
[ ${#PIN_SERVER[@]} -eq 0 ] || taskset -a -p -c 0 "$APP_PID" >/dev/null
mkdir -p "$WORK/static/zo-veranderen-wij"
curl -sf "http://127.0.0.1:$APP_PORT/" -o "$WORK/static/index.html"
curl -sf "http://127.0.0.1:$APP_PORT/zo-veranderen-wij/" -o "$WORK/static/zo-veranderen-wij/index.html"
cat >"$WORK/nginx.conf" <<CONF
worker_processes $NGINX_WORKERS;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/static; index index.html; }
}
CONF
"${PIN_SERVER[@]}" nginx -c "$WORK/nginx.conf" -p "$WORK" &
NGINX_PID=$!
trap 'kill "$NGINX_PID" 2>/dev/null || true; bench_cleanup' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/"; do sleep 0.05; done

# One warm-up run of each case (JIT, caches), then the measured rounds, interleaved.
measure() { "${PIN_WRK[@]}" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1" | awk '/Requests\/sec/ {r = $2} $1 == "99%" {p = $2} END {print r, p}'; }
for page in "${PAGES[@]}"; do
  "${PIN_WRK[@]}" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" "http://127.0.0.1:$APP_PORT$page" >/dev/null
  "${PIN_WRK[@]}" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" "http://127.0.0.1:$NGINX_PORT$page" >/dev/null
done
for round in $(seq 1 "$ROUNDS"); do
  for page in "${PAGES[@]}"; do
    key=$(tr -c 'a-z0-9' '_' <<<"$page")
    read -r rps p99 < <(measure "http://127.0.0.1:$APP_PORT$page"); echo "$rps" >>"$WORK/site$key"; echo "${p99%ms}" >>"$WORK/sitep99$key"
    read -r rps p99 < <(measure "http://127.0.0.1:$NGINX_PORT$page"); echo "$rps" >>"$WORK/nginx$key"; echo "${p99%ms}" >>"$WORK/nginxp99$key"
    echo "$(tail -1 "$WORK/site$key") / $(tail -1 "$WORK/nginx$key")" | awk '{ printf "%.2f\n", $1 / $3 }' >>"$WORK/ratio$key"
  done
done

echo "$(date -u +%Y-%m-%d) commit $(git -C "$REPO" rev-parse --short HEAD), $(nproc) cores, ${DURATION} s per run, $ROUNDS rounds, wrk -t$WRK_THREADS -c$CONNECTIONS${PIN_WRK:+, servers on core 0 and wrk on core 1}; median (lowest–highest)"
echo
echo "| page | site req/s | site p99 ms | nginx req/s | nginx p99 ms | ratio |"
echo "|---|---|---|---|---|---|"
for page in "${PAGES[@]}"; do
  key=$(tr -c 'a-z0-9' '_' <<<"$page")
  echo "| \`$page\` | $(summary <"$WORK/site$key") | $(median <"$WORK/sitep99$key") | $(summary <"$WORK/nginx$key") | $(median <"$WORK/nginxp99$key") | **$(summary <"$WORK/ratio$key")×** |"
done
echo
echo "| start-up | ms to first page | resident after start (MB) |"
echo "|---|---|---|"
echo "| first boot (migrations + seed import) | $(summary <"$WORK/first") | |"
echo "| warm start | $(summary <"$WORK/warm") | $(summary <"$WORK/rss") |"
