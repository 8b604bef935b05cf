#!/usr/bin/env bash
# "Doe mee" submissions per second, end to end: HTTP POST -> validation -> entry and outbox rows committed in one
# transaction -> 303. On SQLite and on a throwaway PostgreSQL 15 cluster (fsync on). The outbox dispatcher is off,
# so the figure is the submission path alone; the committed rows are counted afterwards and must add up.
# Usage: bench/form-submissions.sh [seconds-per-run]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION=${1:-15}
APP_PORT=5193
PAGE=/initiatieven/innovatielab-open-overheid/
need_packages
port_free $APP_PORT || { echo "port $APP_PORT is in use" >&2; exit 1; }
publish_app
start_postgres 5194

# Every request is a valid, distinct sign-up with the cookie and token of one GET, as a browser would send.
{ echo "$LUA_THREAD_INDEX"; cat <<'LUA'
local counter = 0
-- Each wrk run its own addresses: an address that signed up before gets no second confirmation that day (MailQuota).
local run_id = os.time()
function request()
  counter = counter + 1
  local n = thread_index .. "." .. run_id .. "." .. counter
  local body = "__RequestVerificationToken=" .. token .. string.gsub(fields, "{n}", n)
  return wrk.format("POST", path, { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }, body)
end
LUA
} >"$WORK/post.lua"
FIELDS='&name=Bench+{n}&email=bench.{n}%40example.org&organisation=Gemeente+Benchmark&motivation=Ik+doe+graag+mee%21&consent=on'

run() {
  local label=$1 provider=$2 connection=$3
  rm -rf "$WORK/data"
  start_app "$provider" "$connection" $APP_PORT
  antiforgery "http://127.0.0.1:$APP_PORT$PAGE"
  { echo "token = \"$TOKEN\""; echo "cookie = \"$COOKIE\""; echo "path = \"$PAGE\""; echo "fields = \"$FIELDS\""; cat "$WORK/post.lua"; } >"$WORK/run.lua"
  # Until the rate is steady, as bench/signatures.sh: a freshly started site runs code the runtime has yet to compile.
  local warmup
  warmup=$(wrk_warm "$WORK/run.lua" "http://127.0.0.1:$APP_PORT" 32)
  read -r rps p99 total < <(wrk_run "$WORK/run.lua" "http://127.0.0.1:$APP_PORT" "$DURATION" 32)
  echo "$label warm-up, posts/s in each 5 s: $warmup" >&2
  stop_app
  local entries outbox
  if [ "$provider" = Sqlite ]; then
    entries=$(sqlite3 "$WORK/data/publiekeveranderaars.db" "select count(*) from FormEntries")
    outbox=$(sqlite3 "$WORK/data/publiekeveranderaars.db" "select count(*) from OutboxMessages")
  else
    entries=$(psql_bench -c 'select count(*) from "FormEntries"')
    outbox=$(psql_bench -c 'select count(*) from "OutboxMessages"')
  fi
  echo "| $label | $rps | $p99 | $total | $entries | $outbox |"
}

echo "| database | posts/s | p99 | posts (measured run) | entries committed (incl. warm-up) | outbox rows |"
echo "|---|---|---|---|---|---|"
run "SQLite (WAL)" Sqlite "Data Source=$WORK/data/publiekeveranderaars.db"
run "PostgreSQL 15" Postgres "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=pvbench"
