#!/usr/bin/env bash
# Issue 17, goal 3: the site with the seed content plus 10,000 generated initiatives (bench/generate-pages.py), SQLite,
# Release build (ReadyToRun), appsettings.json's defaults. Measures, in this order:
#   - start to first page on the imported database, three starts, with resident memory after each;
#   - the largest public page of HTML among the home page, the initiatives list (first and last page), an initiative,
#     the search page and the manifesto's pages;
#   - what an editor waits for (bench/backoffice-client.py, over loopback): the content tree, the initiatives' list
#     view, the editor of the home page and of an initiative (p50/p95 of REQUESTS each), the editor page's requests
#     and bytes, and publishing one initiative (p50/p95, each publish checked on the public page);
#   - what Chromium downloads for the tree, the list view and both editors on a first visit (bench/editor-weight.mjs).
# Usage: bench/at-scale.sh [generated-pages] [requests]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PAGES=${1:-10000}
REQUESTS=${2:-40}
need_packages
[ -x /usr/bin/chromium ] || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
command -v node >/dev/null || { echo "Node.js is missing (the site's build needs it too)" >&2; exit 1; }
PLAYWRIGHT_VERSION=1.65.1   # as tests/delivery-clients uses
mkdir -p "$WORK/playwright"
( cd "$WORK/playwright" && npm init -y >/dev/null && npm i -E "playwright-core@$PLAYWRIGHT_VERSION" --no-audit --no-fund >/dev/null 2>&1 ) \
  || { echo "npm could not install playwright-core@$PLAYWRIGHT_VERSION" >&2; exit 1; }
APP_PORT=$(free_port) || { echo "no free port between 20000 and 32000" >&2; exit 1; }
publish_app

cli() { ( cd "$WORK/app" && env Site__DataDirectory="$WORK/data" Serilog__MinimumLevel__Default=Warning dotnet PubliekeVeranderaars.Web.dll "$@" ); }
now_ms() { date +%s%3N; }
resident_mb() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }

cp -r "$REPO/uSync/v17" "$WORK/usync"
python3 "$REPO/bench/generate-pages.py" "$WORK/usync" "$PAGES"
t0=$(now_ms); cli usync import --folder "$WORK/usync" | tail -1; IMPORT_MS=$(( $(now_ms) - t0 ))

ADMIN_EMAIL=bench@example.org
ADMIN_PASSWORD=Bench-wachtwoord-2026
BASE="http://127.0.0.1:$APP_PORT"
STARTS=()
for run in 1 2 3; do
  t0=$(now_ms)
  # start_app returns once /health answers; the first page is what a visitor waits for.
  start_app Sqlite "Data Source=$WORK/data/publiekeveranderaars.db" "$APP_PORT" uSync__Folder="$WORK/usync" \
    Backoffice__Admin__Email=$ADMIN_EMAIL Backoffice__Admin__Password=$ADMIN_PASSWORD
  curl -sf -o /dev/null "$BASE/"
  STARTS+=("$(( $(now_ms) - t0 )) ms, $(resident_mb "$APP_PID") MB")
  [ "$run" -lt 3 ] && stop_app
done

# The largest public page, as HTML (uncompressed).
LAST_PAGE=$(curl -s "$BASE/initiatieven/" | grep -o '?pagina=[0-9]*' | sed 's/?pagina=//' | sort -n | tail -1)
SAMPLE_KEY=$(python3 -c "import uuid; print(uuid.uuid5(uuid.UUID('6f1c3e52-8a0b-4c55-9a51-2f0d6c1b7e10'), 'bench-$((PAGES / 2))'))")
SAMPLE_ROUTE=$(curl -s "$BASE/umbraco/delivery/api/v2/content/item/$SAMPLE_KEY" | python3 -c "import json,sys; print(json.load(sys.stdin)['route']['path'])")
LARGEST=0; LARGEST_PATH=
for path in / /zo-veranderen-wij/ /initiatieven/ "/initiatieven/?pagina=${LAST_PAGE:-1}" "$SAMPLE_ROUTE" "/zoeken/?q=publieke"; do
  size=$(curl -s -o /dev/null -w '%{size_download}' "$BASE$path")
  [ "$size" -gt "$LARGEST" ] && { LARGEST=$size; LARGEST_PATH=$path; }
done

EDITOR=$(python3 "$REPO/bench/backoffice-client.py" "$BASE" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$SAMPLE_KEY" "$REQUESTS")
HOME_KEY=$(sqlite3 "$WORK/data/publiekeveranderaars.db" "select Key from ContentNodes where ParentKey is null and Trashed = 0 order by SortOrder limit 1")
FOLDER_KEY=$(sqlite3 "$WORK/data/publiekeveranderaars.db" "select ParentKey from ContentNodes where upper(Key) = upper('$SAMPLE_KEY')")
BROWSER=$(PLAYWRIGHT_CORE="$WORK/playwright/node_modules/playwright-core/index.mjs" node "$REPO/bench/editor-weight.mjs" "$BASE" \
  "$ADMIN_EMAIL" "$ADMIN_PASSWORD" /backoffice/inhoud "/backoffice/inhoud/$FOLDER_KEY/lijst" "/backoffice/inhoud/$HOME_KEY" "/backoffice/inhoud/$SAMPLE_KEY")
stop_app

echo
echo "At scale: seed + $PAGES initiatives, SQLite, $(date -u +%F), commit $(git -C "$REPO" rev-parse --short HEAD)"
echo "usync import: $IMPORT_MS ms"
for i in "${!STARTS[@]}"; do echo "start $((i + 1)) to first page: ${STARTS[$i]}"; done
echo "largest public page: $LARGEST bytes of HTML ($LARGEST_PATH)"
echo "| case | p50 ms | p95 ms | bytes |"
echo "|---|---|---|---|"
awk '$1 != "editor-weight" { printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }' <<<"$EDITOR"
awk '$1 == "editor-weight" { printf "editor page: %s requests, %s bytes transferred\n", $2, $3 }' <<<"$EDITOR"
echo "first visit in Chromium (cache off; lazy images only when fetched):"
awk '{ printf "- %s: %s requests, %s bytes\n", $2, $3, $4 }' <<<"$BROWSER"
