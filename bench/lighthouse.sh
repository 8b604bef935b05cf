#!/usr/bin/env bash
# Lighthouse (mobile profile, its default) on every public page of the seed site, against Debian's Chromium: the four
# category scores, first and largest contentful paint, and the bytes a first visit transfers.
# The site is the Release build published ReadyToRun with appsettings.json's defaults, as bench/site-throughput.sh runs it.
#
# Usage: bench/lighthouse.sh [rounds]   (median of the rounds per page; Lighthouse 12.2.3 from npm, in a temporary folder)
set -euo pipefail
ROUNDS=${1:-3}
source "$(dirname "$0")/lib.sh"
LIGHTHOUSE_VERSION=12.2.3   # the newest that runs on Node 20; 13 wants Node 22
PAGES=("/" "/zo-veranderen-wij/" "/zo-veranderen-wij/verbeelden/" "/initiatieven/" "/initiatieven/innovatielab-open-overheid/"
  "/ondertekenen/" "/privacy/" "/zoeken?q=samen")

[ -x /usr/bin/chromium ] || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
command -v node >/dev/null || { echo "Node.js is missing (the site's build needs it too)" >&2; exit 1; }
mkdir -p "$WORK/lighthouse"
( cd "$WORK/lighthouse" && npm init -y >/dev/null && npm i -E "lighthouse@$LIGHTHOUSE_VERSION" --no-audit --no-fund >/dev/null 2>&1 ) \
  || { echo "npm could not install lighthouse@$LIGHTHOUSE_VERSION" >&2; exit 1; }
PORT=$(free_port)
publish_app
( cd "$WORK/app" && exec env Site__DataDirectory="$WORK/data" Site__BaseUrl="http://127.0.0.1:$PORT" uSync__Folder="$REPO/uSync/v17" \
    dotnet PubliekeVeranderaars.Web.dll --urls "http://127.0.0.1:$PORT" >"$WORK/app.log" 2>&1 ) &
APP_PID=$!
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/"; do sleep 0.1; done

echo "$(date -u +%Y-%m-%d) commit $(git -C "$REPO" rev-parse --short HEAD), Lighthouse $LIGHTHOUSE_VERSION, mobile, $ROUNDS rounds (median)"
echo
echo "| page | performance | accessibility | best practices | SEO | FCP | LCP | transferred |"
echo "|---|---|---|---|---|---|---|---|"
for page in "${PAGES[@]}"; do
  for round in $(seq 1 "$ROUNDS"); do
    "$WORK/lighthouse/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT$page" --quiet --output=json --output-path="$WORK/report-$round.json" \
      --chrome-path=/usr/bin/chromium --chrome-flags="--headless=new --no-sandbox" \
      --only-categories=performance,accessibility,best-practices,seo >/dev/null 2>&1
  done
  node - "$page" "$WORK" "$ROUNDS" <<'JS'
const [page, work, rounds] = process.argv.slice(2);
const reports = Array.from({ length: Number(rounds) }, (_, i) => require(`${work}/report-${i + 1}.json`));
const median = (values) => { const v = [...values].sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
const score = (id) => Math.round(100 * median(reports.map((r) => r.categories[id].score)));
const ms = (id) => (median(reports.map((r) => r.audits[id].numericValue)) / 1000).toFixed(1) + " s";
const bytes = Math.round(median(reports.map((r) => r.audits["total-byte-weight"].numericValue)) / 1024);
const failing = reports[0].categories["best-practices"].auditRefs.concat(reports[0].categories.accessibility.auditRefs, reports[0].categories.seo.auditRefs)
  .map((ref) => reports[0].audits[ref.id]).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative").map((a) => a.id);
// Which metric costs a performance point, in every round that scored below 100: its score and value.
const metrics = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"];
const short = { "first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS", "speed-index": "SI" };
const losing = reports.map((r, i) => r.categories.performance.score < 1
  ? `round ${i + 1}: ` + metrics.filter((m) => r.audits[m].score < 1).map((m) => `${short[m]} ${r.audits[m].displayValue} (${r.audits[m].score})`).join(", ")
  : null).filter(Boolean);
console.log(`| \`${page}\` | ${score("performance")} | ${score("accessibility")} | ${score("best-practices")} | ${score("seo")} | ${ms("first-contentful-paint")} | ${ms("largest-contentful-paint")} | ${bytes} KB |${failing.length ? " failing: " + failing.join(", ") : ""}${losing.length ? " below 100: " + losing.join("; ") : ""}`);
JS
done
