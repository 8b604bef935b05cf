#!/usr/bin/env bash
# Media: a cached resized image served by the site beside nginx serving the same bytes from disk, and the cost of
# processing (first resize of a 12 MP photo, a 40 MP upload, 50 uploads of ~5 MB photos: time and peak memory).
# Usage: bench/media.sh [slices]   (installs wrk and nginx from Debian's packages if missing)
# The site runs with appsettings.json's defaults (logging at Information included), as a user starts it.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CONNECTIONS=64
THREADS=2
WORK=$(mktemp -d /tmp/pv-bench.XXXXXX)
chmod 755 "$WORK"
APP_PORT=5193
NGINX_PORT=5194
VARIANT="/media/pvseed02/innovatielab.jpg?width=800&format=webp"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
command -v wrk >/dev/null && command -v nginx >/dev/null || {
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null; }
cleanup() { kill "${APP_PID:-}" "${NGINX_PID:-}" "${SAMPLER_PID:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
for port in $APP_PORT $NGINX_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is already in use; stop what runs there" >&2; exit 1; fi
done

run_tool() { dotnet run bench/media-processing.cs -c Release -- "$@" 2>/dev/null | tail -1; }
mkdir -p "$WORK/photos"
run_tool photo 4000 3000 "$WORK/photo-12mp.jpg"
run_tool photo 7744 5163 "$WORK/photo-40mp.jpg"
# Five ~5 MB phone photos (4032 × 3024, 12 MP), uploaded ten times each.
for i in 0 1 2 3 4; do run_tool photo $((4032 - i * 8)) 3024 "$WORK/photos/foto-$i.jpg"; done
echo "## Processing (one process per scenario, Release)"
run_tool resize12 "$WORK/photo-12mp.jpg"
run_tool reencode40 "$WORK/photo-40mp.jpg"
run_tool uploads50 "$WORK/photos"

dotnet publish PubliekeVeranderaars.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$WORK/app" -nologo -v quiet >/dev/null
ADMIN=bench@example.org
PASSWORD="Bench-$(date +%s)-wachtwoord"
( cd "$WORK/app" && exec env Site__DataDirectory="$WORK/data" Site__BaseUrl="http://127.0.0.1:$APP_PORT" \
    Backoffice__Admin__Email="$ADMIN" Backoffice__Admin__Password="$PASSWORD" \
    uSync__Folder="$OLDPWD/uSync/v17" dotnet PubliekeVeranderaars.Web.dll --urls "http://127.0.0.1:$APP_PORT" >"$WORK/app.log" 2>&1 ) &
APP_PID=$!
until curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/"; do sleep 0.05; done

# Uploads first, on the freshly started site: the peak is then the uploads' own (and the first start's), not that of
# the serving runs below, which load the site with 64 connections.
# 50 uploads of ~5 MB photos through the back office, as the media section's script sends them (one per request).
JAR="$WORK/cookies"
token() { curl -sf -b "$JAR" -c "$JAR" "http://127.0.0.1:$APP_PORT$1" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1; }
# Production marks cookies Secure; this bench talks plain HTTP on loopback, so the jar is told to send them anyway.
insecure() { sed -i 's/\tTRUE\t\([0-9]*\)\t/\tFALSE\t\1\t/' "$JAR"; }
curl -sf -c "$JAR" -o /dev/null "http://127.0.0.1:$APP_PORT/backoffice/inloggen"; insecure
TOKEN=$(token /backoffice/inloggen); insecure
curl -sf -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "__RequestVerificationToken=$TOKEN" --data-urlencode "Email=$ADMIN" \
  --data-urlencode "Password=$PASSWORD" "http://127.0.0.1:$APP_PORT/backoffice/inloggen"; insecure
TOKEN=$(token /backoffice/media); insecure
# The site decodes and encodes images in worker processes (MediaImageWorkerPool): their memory is sampled beside
# the site's, every 50 ms, each worker's peak (VmHWM) and the site and its workers together (VmRSS summed).
workers() { pgrep -f PubliekeVeranderaars.MediaWorker.dll || true; }
sample_workers() {
  local worker_peak=0 together_peak=0 pid kb total
  while [ ! -e "$WORK/stop-sampling" ]; do
    total=$(awk '/VmRSS/ {print $2}' /proc/$APP_PID/status)
    for pid in $(workers); do
      kb=$(awk '/VmHWM/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0); (( kb > worker_peak )) && worker_peak=$kb
      kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0); total=$((total + kb))
    done
    (( total > together_peak )) && together_peak=$total
    echo "$worker_peak $together_peak" >"$WORK/worker-peaks"
    sleep 0.05
  done
}
echo "0 0" >"$WORK/worker-peaks"
sample_workers &
SAMPLER_PID=$!
before=$(awk '/VmRSS/ {print $2}' /proc/$APP_PID/status)
t0=$(date +%s%3N)
for i in $(seq 0 49); do
  curl -sf -b "$JAR" -o /dev/null -H "Accept: application/json" -F "__RequestVerificationToken=$TOKEN" \
    -F "bestanden=@$WORK/photos/foto-$((i % 5)).jpg;filename=foto-$i.jpg" "http://127.0.0.1:$APP_PORT/backoffice/media/uploaden"
done
t1=$(date +%s%3N)
echo
echo "## 50 uploads of $(awk -v b="$(stat -c %s "$WORK/photos/foto-0.jpg")" 'BEGIN { printf "%.1f", b / 1048576 }') MB photos over HTTP"
echo "time $(( t1 - t0 )) ms ($(( (t1 - t0) / 50 )) ms each); site resident memory before ${before} kB, after $(awk '/VmRSS/ {print $2}' /proc/$APP_PID/status) kB, peak since start $(awk '/VmHWM/ {print $2}' /proc/$APP_PID/status) kB"
# A worker ends after Media:ImageWorkerIdleTime (30 s by default) without work, and its memory with it.
waited=0
while [ -n "$(workers)" ] && (( waited < 60 )); do sleep 1; waited=$((waited + 1)); done
touch "$WORK/stop-sampling"; wait "$SAMPLER_PID" 2>/dev/null || true
read -r worker_peak together_peak <"$WORK/worker-peaks"
echo "image workers: peak ${worker_peak} kB each; site and workers together peak ${together_peak} kB; workers left ${waited} s after the last upload: $(workers | wc -l) running, site resident $(awk '/VmRSS/ {print $2}' /proc/$APP_PID/status) kB"


# The variant once (rendered and cached on disk), then nginx gets the very bytes at the same path.
mkdir -p "$WORK/static/media/pvseed02"
curl -sf "http://127.0.0.1:$APP_PORT$VARIANT" -o "$WORK/static/media/pvseed02/innovatielab.webp"
# Each server gets core 0 and wrk core 1 (on two or more cores): sharing both cores with wrk favoured whichever server
# left wrk more CPU, and the VM's drifting speed moved single runs by a third.
PIN_SERVER=(); PIN_WRK=(); NGINX_WORKERS=auto
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
  PIN_SERVER=(taskset -c 0); PIN_WRK=(taskset -c 1); THREADS=1; NGINX_WORKERS=1
  taskset -a -p -c 0 "$APP_PID" >/dev/null
fi
cat >"$WORK/nginx.conf" <<CONF
worker_processes $NGINX_WORKERS;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/static; }
}
CONF
"${PIN_SERVER[@]}" nginx -c "$WORK/nginx.conf" -p "$WORK" &
NGINX_PID=$!
until curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/media/pvseed02/innovatielab.webp"; do sleep 0.05; done

load() {  # $1: url, $2: seconds; prints the requests answered
  "${PIN_WRK[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" "$1" | awk '/requests in/ {print $1}'
}
p99() { "${PIN_WRK[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1s" --latency "$2" | awk '$1=="99%" {print $2}'; }
SITE_URL="http://127.0.0.1:$APP_PORT$VARIANT"
NGINX_URL="http://127.0.0.1:$NGINX_PORT/media/pvseed02/innovatielab.webp"
load "$SITE_URL" 5 >/dev/null; load "$NGINX_URL" 5 >/dev/null   # warm-up
# Alternating one-second slices, DURATION of them each: a machine that slows down slows both alike.
site_total=0; nginx_total=0
for slice in $(seq "$DURATION"); do
  if (( slice % 2 )); then s_=$(load "$SITE_URL" 1); n_=$(load "$NGINX_URL" 1); else n_=$(load "$NGINX_URL" 1); s_=$(load "$SITE_URL" 1); fi
  site_total=$((site_total + s_)); nginx_total=$((nginx_total + n_))
done
site_rps=$((site_total / DURATION)); nginx_rps=$((nginx_total / DURATION))
echo
echo "## A cached 800 px WebP variant ($(stat -c %s "$WORK/static/media/pvseed02/innovatielab.webp") bytes), wrk -t$THREADS -c$CONNECTIONS, $DURATION alternating 1 s slices each${PIN_WRK:+, servers on core 0 and wrk on core 1}"
echo "| server | req/s | p99 (5 s run) |"
echo "|---|---|---|"
echo "| site | $site_rps | $(p99 5 "$SITE_URL") |"
echo "| nginx | $nginx_rps | $(p99 5 "$NGINX_URL") |"
echo
echo "ratio: $(awk -v a="$site_rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", a / b }')× (target ≥ 0.6×)"
echo "site resident memory after the serving runs: $(awk '/VmRSS/ {print $2, $3}' /proc/$APP_PID/status), peak $(awk '/VmHWM/ {print $2, $3}' /proc/$APP_PID/status)"

