#!/usr/bin/env bash
# Delivery API requests/s, search queries/s with p99 latency, and the full search index rebuild, on a site of the
# seed content plus 10,000 generated initiatives (bench/generate-pages.py), SQLite, Release build (ReadyToRun).
# Usage: bench/delivery-and-search.sh [seconds-per-run] [generated-pages]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION=${1:-15}
PAGES=${2:-10000}
APP_PORT=5195
need_packages
port_free $APP_PORT || { echo "port $APP_PORT is in use" >&2; exit 1; }
publish_app

cli() { ( cd "$WORK/app" && env Site__DataDirectory="$WORK/data" Serilog__MinimumLevel__Default=Warning dotnet PubliekeVeranderaars.Web.dll "$@" ); }
now_ms() { date +%s%3N; }

cp -r "$REPO/uSync/v17" "$WORK/usync"
python3 "$REPO/bench/generate-pages.py" "$WORK/usync" "$PAGES"
t0=$(now_ms); cli usync import --folder "$WORK/usync" | tail -1; IMPORT_MS=$(( $(now_ms) - t0 ))

# The rebuild command as staff would run it: process start, reading the published pages, writing the index.
REBUILDS=()
for run in 1 2 3; do
  t0=$(now_ms)
  line=$(cli search rebuild 2>/dev/null | tail -1)
  REBUILDS+=("$(( $(now_ms) - t0 )) ms wall, ${line#search: }")
done
INDEX_MB=$(du -sm "$WORK/data/search" | cut -f1)

# Start-up with the index deleted: a site this large serves pages at once and builds the index in the background
# (the search page answers 503 with its progress meanwhile).
rm -rf "$WORK/data/search"
t0=$(now_ms)
start_app Sqlite "Data Source=$WORK/data/publiekeveranderaars.db" $APP_PORT uSync__Folder="$WORK/usync"
START_WITHOUT_INDEX_MS=$(( $(now_ms) - t0 ))
BASE="http://127.0.0.1:$APP_PORT"
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/zoeken/?q=ambtenaar")" = 200 ]; do sleep 0.1; done
SEARCH_READY_MS=$(( $(now_ms) - t0 ))

# queries_lua NAME QUERY...: a wrk script that asks /zoeken/ for each query in turn.
queries_lua() {
  local name=$1; shift
  { printf 'local queries = {'; printf ' "%s",' "$@"; printf ' }\n'; echo "$LUA_THREAD_INDEX"
    cat <<'LUA'
-- Each wrk thread takes every other query, so no query is asked twice until the list wraps around.
local i = 0
function request()
  i = i + 1
  return wrk.format("GET", "/zoeken/?q=" .. queries[((i * 2 + thread_index) % #queries) + 1])
end
LUA
  } >"$WORK/$name.lua"
}
# Popular searches, asked over and over (the site keeps recent results until the index changes).
queries_lua popular ambtenaar innovatie publieke+sector samenwerking+overheid %22publieke+innovatie%22 netwerken \
  ambtenraen innovatei xylofoonorkest verandering initiatief leren+delen
# 20,000 distinct searches of one or two of the site's words, and 8,000 distinct typos: more than a run asks, so
# every measured search is a first (not kept from before).
mapfile -t DISTINCT < <(python3 "$REPO/bench/generate-pages.py" --queries "$WORK/usync" 20000 0)
mapfile -t TYPOS < <(python3 "$REPO/bench/generate-pages.py" --queries "$WORK/usync" 8000 1)
queries_lua distinct "${DISTINCT[@]}"
queries_lua typos "${TYPOS[@]}"
cat >"$WORK/item.lua" <<'LUA'
function request() return wrk.format("GET", "/umbraco/delivery/api/v2/content/item/initiatieven/ambtenaren-in-beeld/") end
LUA
# The query endpoint over the 10,000 children of /initiatieven/: filter, sort and page on every request.
cat >"$WORK/query.lua" <<'LUA'
local i = 0
function request()
  i = i + 1
  return wrk.format("GET", "/umbraco/delivery/api/v2/content?fetch=children:/initiatieven/&sort=name:asc&take=10&skip=" .. ((i * 37) % 9990))
end
LUA

# Fail loudly rather than measure error pages.
for url in /umbraco/delivery/api/v2/content/item/initiatieven/ambtenaren-in-beeld/ \
           "/umbraco/delivery/api/v2/content?fetch=children:/initiatieven/&sort=name:asc&take=10&skip=500" \
           "/zoeken/?q=ambtenaar" "/zoeken/?q=ambtenraen"; do
  curl -sf -o /dev/null "$BASE$url" || { echo "$url does not answer 200" >&2; exit 1; }
done

echo "| what | requests/s | p99 | requests |"
echo "|---|---|---|---|"
for run in "Delivery API, one item by path:item" "Delivery API, children of /initiatieven/ sorted by name, paged:query" \
           "Search page, 12 popular queries (kept results):popular" "Search page, 20,000 distinct queries:distinct" \
           "Search page, 8,000 distinct typos (fuzzy fallback):typos"; do
  label=${run%%:*}; script=${run##*:}
  read -r rps p99 total < <(wrk_run "$WORK/$script.lua" "$BASE" "$DURATION" 32)
  echo "| $label | $rps | $p99 | $total |"
done
echo
echo "uSync import of $PAGES generated pages + seed: ${IMPORT_MS} ms"
for r in "${REBUILDS[@]}"; do echo "search rebuild: $r"; done
echo "index size: ${INDEX_MB} MB; start-up with the index deleted: pages served after ${START_WITHOUT_INDEX_MS} ms, search after ${SEARCH_READY_MS} ms"
