#!/usr/bin/env bash
# Page throughput of the Release build beside nginx serving the same HTML bytes, and start-up to first page.
# Usage: bench/site-throughput.sh [seconds-per-run]   (installs wrk and nginx from Debian's packages if missing)
# Both servers and wrk share this machine's cores, so the figures compare like with like, not absolute capacity.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
CONNECTIONS=64
THREADS=2
WORK=$(mktemp -d /tmp/pv-bench.XXXXXX)
chmod 755 "$WORK"
APP_PORT=5191
NGINX_PORT=5192
PAGES=("/" "/zo-veranderen-wij/")

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
command -v wrk >/dev/null && command -v nginx >/dev/null || {
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null; }

cleanup() { kill "${APP_PID:-}" "${NGINX_PID:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

for port in $APP_PORT $NGINX_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is already in use; stop what runs there" >&2; exit 1; fi
done

dotnet publish PubliekeVeranderaars.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$WORK/app" -nologo -v quiet >/dev/null

now_ms() { date +%s%3N; }
wait_first_page() {
  until curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/"; do sleep 0.01; done
}

# Start-up to first page: first boot (migrations + uSync import into an empty database), then a warm restart.
first_boot() {
  local t0; t0=$(now_ms)
  ( cd "$WORK/app" && exec env Site__DataDirectory="$WORK/data" Site__BaseUrl="http://127.0.0.1:$APP_PORT" Serilog__MinimumLevel__Default=Warning \
      uSync__Folder="$OLDPWD/uSync/v17" dotnet PubliekeVeranderaars.Web.dll --urls "http://127.0.0.1:$APP_PORT" >"$WORK/app.log" 2>&1 ) &
  APP_PID=$!
  wait_first_page
  FIRST_BOOT_MS=$(( $(now_ms) - t0 ))
}
restart() {
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  local t0; t0=$(now_ms)
  ( cd "$WORK/app" && exec env Site__DataDirectory="$WORK/data" Site__BaseUrl="http://127.0.0.1:$APP_PORT" Serilog__MinimumLevel__Default=Warning \
      dotnet PubliekeVeranderaars.Web.dll --urls "http://127.0.0.1:$APP_PORT" >"$WORK/app.log" 2>&1 ) &
  APP_PID=$!
  wait_first_page
  WARM_START_MS=$(( $(now_ms) - t0 ))
}
# Functions, not $(...): the server's PID must stay in this shell so it can be stopped.
first_boot
restart

# nginx serves the very bytes the site rendered.
mkdir -p "$WORK/static/zo-veranderen-wij"
curl -sf "http://127.0.0.1:$APP_PORT/" -o "$WORK/static/index.html"
curl -sf "http://127.0.0.1:$APP_PORT/zo-veranderen-wij/" -o "$WORK/static/zo-veranderen-wij/index.html"
cat >"$WORK/nginx.conf" <<CONF
worker_processes auto;
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
nginx -c "$WORK/nginx.conf" -p "$WORK" &
NGINX_PID=$!
until curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/"; do sleep 0.05; done

# wrk prints "Requests/sec: N" and, with --latency, the 99% percentile.
measure() {
  local url=$1 out
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url" >/dev/null  # warm-up run: JIT, caches
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url")
  printf '%s %s\n' "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")"
}

echo "| page | site req/s | site p99 | nginx req/s | nginx p99 | ratio |"
echo "|---|---|---|---|---|---|"
for page in "${PAGES[@]}"; do
  read -r site_rps site_p99 < <(measure "http://127.0.0.1:$APP_PORT$page")
  read -r nginx_rps nginx_p99 < <(measure "http://127.0.0.1:$NGINX_PORT$page")
  ratio=$(awk -v a="$site_rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", a / b }')
  echo "| \`$page\` | $site_rps | $site_p99 | $nginx_rps | $nginx_p99 | ${ratio}× |"
done
echo
echo "Start-up to first page: first boot (migrate + import seed) ${FIRST_BOOT_MS} ms; warm start ${WARM_START_MS} ms"
