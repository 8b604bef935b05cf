# Shared by the benchmark scripts: a Release build of the site, a throwaway PostgreSQL cluster, and the
# antiforgery cookie and token a browser would hold. Everything runs on loopback and is cleaned up on exit.
PG_BIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d /tmp/pv-bench.XXXXXX)
chmod 755 "$WORK"
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

need_packages() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  command -v python3 >/dev/null || missing+=(python3)
  [ -x /usr/bin/time ] || missing+=(time)
  [ -x "$PG_BIN/initdb" ] || missing+=(postgresql-15)
  if [ ${#missing[@]} -gt 0 ]; then
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

bench_cleanup() {
  kill "${APP_PID:-}" 2>/dev/null || true; wait 2>/dev/null || true
  [ -d "$WORK/pg/data" ] && as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap bench_cleanup EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A free loopback port for scripts that may run beside others (the deployment check runs in CI): between 20000 and
# 32000, below the kernel's ephemeral range (32768-60999), which the other tests' servers on port 0 and every outgoing
# connection draw from; a port picked there was once taken while the site was still being published.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( (RANDOM % 12000) + 20000 ))
    port_free "$port" && { echo "$port"; return; }
  done
  return 1
}

# Published as production should be: Release, ReadyToRun (precompiled, so start-up and CLI commands skip most JIT).
publish_app() {
  dotnet publish "$REPO/PubliekeVeranderaars.Web" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$WORK/app" -nologo -v quiet >/dev/null
}

# A durable cluster (fsync on), as production would run.
start_postgres() {
  PG_PORT=$1
  mkdir -p "$WORK/pg"; [ "$(id -u)" = 0 ] && chown postgres: "$WORK/pg"
  as_postgres "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w start \
    -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=200" >/dev/null
}

psql_bench() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d pvbench -v ON_ERROR_STOP=1 -qtA "$@"; }

# start_app PROVIDER CONNECTION PORT [extra env...]: the site on a fresh data directory, outbox off, no rate limit,
# in Production (the published default) with its public address on loopback.
start_app() {
  local provider=$1 connection=$2 port=$3; shift 3
  ( cd "$WORK/app" && exec env Site__BaseUrl="http://127.0.0.1:$port" Site__DataDirectory="$WORK/data" Database__Provider="$provider" ConnectionStrings__Default="$connection" \
      uSync__Folder="$REPO/uSync/v17" Mail__Outbox__Enabled=false Forms__RateLimit__PermitsPerMinute=100000000 Search__RateLimit__PermitsPerMinute=100000000 \
      Serilog__MinimumLevel__Default=Warning "$@" dotnet PubliekeVeranderaars.Web.dll --urls "http://127.0.0.1:$port" >"$WORK/app.log" 2>&1 ) &
  APP_PID=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.1; done
}

stop_app() { kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=; }

# antiforgery URL: sets TOKEN and COOKIE as a browser holds them after loading the page.
antiforgery() {
  local html
  html=$(curl -s -c "$WORK/cookies" "$1")
  TOKEN=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$html" | sed 's/.*value="//;s/"$//')
  COOKIE=$(awk '$6 ~ /antiforgery/ {print $6 "=" $7}' "$WORK/cookies")
}

# Lua for the top of a wrk script: each thread gets thread_index 0, 1, ... (wrk gives every thread its own Lua state,
# seeded alike, so this is the only way for threads to ask for different things).
LUA_THREAD_INDEX='local next_index = 0
function setup(thread)
  thread:set("thread_index", next_index)
  next_index = next_index + 1
end'

# wrk_run SCRIPT URL SECONDS CONNECTIONS: prints "requests/s p99 requests" of a measured run after a warm-up.
wrk_run() {
  local script=$1 url=$2 seconds=$3 connections=$4 out
  wrk -t2 -c"$connections" -d3s -s "$script" "$url" >/dev/null
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$script" "$url")
  printf '%s %s %s\n' "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")" \
    "$(awk '/requests in/ {print $1}' <<<"$out")"
}

# wrk_warm SCRIPT URL CONNECTIONS [MAX_SLICES]: loads the site in 5 s slices, at least six (the runtime compiles
# what the path runs: on this VM a freshly started site signs ~550/s for its first ten seconds and ~1,000/s after
# ~25 s of load), then until one comes within 5 % of the one before, at most MAX_SLICES (default 24); prints each
# slice's requests/s, the warm-up curve.
WARM_MIN_SLICES=6
wrk_warm() {
  local script=$1 url=$2 connections=$3 max=${4:-24} previous=0 rate curve="" slice=0
  while [ "$slice" -lt "$max" ]; do
    slice=$((slice + 1))
    rate=$(wrk -t2 -c"$connections" -d5s -s "$script" "$url" | awk '/Requests\/sec/ {printf "%d", $2}')
    curve="$curve $rate"
    if [ "$slice" -ge "$WARM_MIN_SLICES" ] && awk -v a="$rate" -v b="$previous" 'BEGIN { exit !(a < b * 1.05 && a > b * 0.95) }'; then break; fi
    previous=$rate
  done
  echo "${curve# }"
}
