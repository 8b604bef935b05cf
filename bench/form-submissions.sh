#!/usr/bin/env bash
# "Doe mee" submissions per second, end to end: HTTP POST -> validation -> entry and outbox rows committed in one
# transaction -> 303. Runs on SQLite and on a throwaway PostgreSQL 15 cluster (durable settings: fsync on).
# The outbox dispatcher is off, so the figure is the submission path alone; the committed rows are counted after
# the run and must equal the 303 answers wrk saw.
# Usage: bench/form-submissions.sh [seconds-per-run]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
CONNECTIONS=32
THREADS=2
APP_PORT=5193
PG_BIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d /tmp/pv-bench-forms.XXXXXX)
chmod 755 "$WORK"
PAGE=/initiatieven/innovatielab-open-overheid/

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
command -v wrk >/dev/null && command -v sqlite3 >/dev/null && [ -x "$PG_BIN/initdb" ] || {
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk sqlite3 postgresql-15 >/dev/null; }
cleanup() {
  kill "${APP_PID:-}" 2>/dev/null || true; wait 2>/dev/null || true
  [ -d "$WORK/pg/data" ] && as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
if (exec 3<>"/dev/tcp/127.0.0.1/$APP_PORT") 2>/dev/null; then echo "port $APP_PORT is in use" >&2; exit 1; fi

dotnet publish PubliekeVeranderaars.Web -c Release -o "$WORK/app" -nologo -v quiet >/dev/null

cat >"$WORK/join.lua" <<'LUA'
-- Every request is a valid, distinct sign-up; the cookie and token come from one GET, as a browser's would.
local counter = 0
local thread_id = tostring(math.random(1, 1e9))
local not_303 = 0
function request()
  counter = counter + 1
  local body = "__RequestVerificationToken=" .. token ..
    "&name=Bench+" .. thread_id .. "+" .. counter ..
    "&email=bench." .. thread_id .. "." .. counter .. "%40example.org" ..
    "&organisation=Gemeente+Benchmark&motivation=Ik+doe+graag+mee%21&consent=on"
  return wrk.format("POST", path, { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }, body)
end
function response(status, headers, body)
  if status ~= 303 then not_303 = not_303 + 1 end
end
function done(summary, latency, requests)
  io.write(string.format("non303 %d\n", summary.errors.status))
end
LUA

run() {
  local label=$1 provider=$2 connection=$3
  rm -rf "$WORK/data"
  ( cd "$WORK/app" && exec env Site__DataDirectory="$WORK/data" Database__Provider="$provider" ConnectionStrings__Default="$connection" \
      uSync__Folder="$OLDPWD/uSync/v17" Mail__Outbox__Enabled=false Forms__RateLimit__PermitsPerMinute=100000000 \
      Serilog__MinimumLevel__Default=Warning dotnet PubliekeVeranderaars.Web.dll --urls "http://127.0.0.1:$APP_PORT" >"$WORK/app.log" 2>&1 ) &
  APP_PID=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/health"; do sleep 0.1; done
  local html token cookie
  html=$(curl -s -c "$WORK/cookies" "http://127.0.0.1:$APP_PORT$PAGE")
  token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$html" | sed 's/.*value="//;s/"$//')
  cookie=$(awk '$6 ~ /antiforgery/ {print $6 "=" $7}' "$WORK/cookies")
  local script="$WORK/join-$provider.lua"
  { echo "token = \"$token\""; echo "cookie = \"$cookie\""; echo "path = \"$PAGE\""; cat "$WORK/join.lua"; } >"$script"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$script" "http://127.0.0.1:$APP_PORT" >/dev/null   # warm-up
  local out; out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$script" "http://127.0.0.1:$APP_PORT")
  local rps p99 total
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  total=$(awk '/requests in/ {print $1}' <<<"$out")
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  local entries outbox
  if [ "$provider" = Sqlite ]; then
    entries=$(sqlite3 "$WORK/data/publiekeveranderaars.db" "select count(*) from FormEntries")
    outbox=$(sqlite3 "$WORK/data/publiekeveranderaars.db" "select count(*) from OutboxMessages")
  else
    entries=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d pvbench -tAc 'select count(*) from "FormEntries"')
    outbox=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d pvbench -tAc 'select count(*) from "OutboxMessages"')
  fi
  echo "| $label | $rps | $p99 | $total | $entries | $outbox |"
}

PG_PORT=5194
mkdir -p "$WORK/pg"; [ "$(id -u)" = 0 ] && chown postgres: "$WORK/pg"
as_postgres "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w start -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1" >/dev/null

echo "| database | posts/s | p99 | posts (measured run) | entries committed (incl. warm-up) | outbox rows |"
echo "|---|---|---|---|---|---|"
run "SQLite (WAL)" Sqlite "Data Source=$WORK/data/publiekeveranderaars.db"
run "PostgreSQL 15" Postgres "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=pvbench"
