#!/usr/bin/env bash
# Signing the manifesto, on SQLite and on a throwaway PostgreSQL 15 cluster (fsync on):
#  1. signatures accepted per second: POST -> pending signature, hashed tokens and outbox mail committed -> 303;
#  2. confirmations per second: POST of a mailed confirm token -> counted;
#  3. export of 1,000,000 confirmed signatures to CSV and XLSX through the CLI: time and peak memory, beside the
#     database's own dump of the same rows (sqlite3 -csv, COPY ... TO STDOUT).
# Usage: bench/signatures.sh [seconds-per-run] [rows-to-export]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION=${1:-15}
EXPORT_ROWS=${2:-1000000}
APP_PORT=5195
TOKENS=400000
need_packages
port_free $APP_PORT || { echo "port $APP_PORT is in use" >&2; exit 1; }
publish_app
start_postgres 5196

# Distinct addresses across threads: each thread's addresses carry its thread_index.
{ echo "$LUA_THREAD_INDEX"; cat <<'LUA'
local counter = 0
-- Each wrk run its own addresses: an address signed before takes the cheap "signed again" path, no insert.
local run_id = os.time()
function request()
  counter = counter + 1
  local n = thread_index .. "." .. run_id .. "." .. counter
  local body = "__RequestVerificationToken=" .. token .. "&name=Bench+" .. n .. "&email=sign." .. n ..
    "%40example.org&organisation=Gemeente+Benchmark&showPublicly=on&consent=on"
  return wrk.format("POST", "/ondertekenen/", { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }, body)
end
LUA
} >"$WORK/sign.lua"

# Each wrk thread takes its own share of the tokens, as distinct signers clicking their own links.
{ echo "$LUA_THREAD_INDEX"; cat <<'LUA'
local mine = {}
local used = 0
function init(args)
  -- The measured run starts past the tokens the warm-up used: a used token would take another path.
  used = tonumber(args[1] or "0")
  local i = 0
  for line in io.lines(tokens_file) do
    if i % 2 == thread_index then mine[#mine + 1] = line end
    i = i + 1
  end
end
function request()
  used = used + 1
  local body = "__RequestVerificationToken=" .. token .. "&token=" .. (mine[used] or "uitgeput")
  return wrk.format("POST", "/ondertekenen/bevestigen", { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }, body)
end
LUA
} >"$WORK/confirm.lua"

# Pending signatures with known tokens (stored hashed, as the site does), for the confirmation run.
python3 - "$WORK" "$TOKENS" <<'PY'
import base64, hashlib, os, sys, uuid
work, n = sys.argv[1], int(sys.argv[2])
with open(f"{work}/sigs.csv", "w") as s, open(f"{work}/tokens.csv", "w") as t, open(f"{work}/tokens.txt", "w") as r:
    for i in range(n):
        token = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
        key = str(uuid.uuid4()).upper()
        # "" is an empty string; the unquoted empty ConfirmedUtc is NULL (pending).
        s.write(f'{key},Pending,Bevestiger {i},bevestig.{i}@example.org,"","","",1,2026-11-27 05:00:00,,2026-11-27 05:00:00\n')
        t.write(f"{hashlib.sha256(token.encode()).hexdigest()},{key},Confirm,2026-11-27 05:00:00,2099-01-01 00:00:00\n")
        r.write(token + "\n")
PY

load_pending() {
  if [ "$1" = Sqlite ]; then
    sqlite3 "$WORK/data/publiekeveranderaars.db" <<SQL
CREATE TEMP TABLE s(Key, Status, Name, Email, Organisation, Role, Place, ShowPublicly, CreatedUtc, ConfirmedUtc, LastMailUtc);
.import --csv $WORK/sigs.csv s
INSERT INTO Signatures (Key, Status, Name, Email, Mailbox, Organisation, Role, Place, ShowPublicly, CreatedUtc, ConfirmedUtc, LastMailUtc)
  SELECT Key, Status, Name, Email, Email, Organisation, Role, Place, ShowPublicly, CreatedUtc, NULLIF(ConfirmedUtc, ''), LastMailUtc FROM s;
CREATE TEMP TABLE t(Hash, SignatureKey, Purpose, CreatedUtc, ExpiresUtc);
.import --csv $WORK/tokens.csv t
INSERT INTO SignatureTokens (Hash, SignatureKey, Purpose, CreatedUtc, ExpiresUtc) SELECT * FROM t;
SQL
  else
    psql_bench -c "\copy \"Signatures\" (\"Key\",\"Status\",\"Name\",\"Email\",\"Organisation\",\"Role\",\"Place\",\"ShowPublicly\",\"CreatedUtc\",\"ConfirmedUtc\",\"LastMailUtc\") from '$WORK/sigs.csv' with (format csv)"
    psql_bench -c "\copy \"SignatureTokens\" (\"Hash\",\"SignatureKey\",\"Purpose\",\"CreatedUtc\",\"ExpiresUtc\") from '$WORK/tokens.csv' with (format csv)"
  fi
}

count_sql() { if [ "$1" = Sqlite ]; then sqlite3 "$WORK/data/publiekeveranderaars.db" "$2"; else psql_bench -c "$3"; fi; }

rates() {
  local label=$1 provider=$2 connection=$3
  rm -rf "$WORK/data"
  start_app "$provider" "$connection" $APP_PORT
  antiforgery "http://127.0.0.1:$APP_PORT/ondertekenen/"
  { echo "token = \"$TOKEN\""; echo "cookie = \"$COOKIE\""; cat "$WORK/sign.lua"; } >"$WORK/run-sign.lua"
  local sign_warmup
  # Until the rate is steady: a freshly started site runs code the runtime has yet to compile (see wrk_warm).
  sign_warmup=$(wrk_warm "$WORK/run-sign.lua" "http://127.0.0.1:$APP_PORT" 32)
  read -r sign_rps sign_p99 sign_total < <(wrk_run "$WORK/run-sign.lua" "http://127.0.0.1:$APP_PORT" "$DURATION" 32)
  local signed mails
  signed=$(count_sql "$provider" "select count(*) from Signatures" 'select count(*) from "Signatures"')
  mails=$(count_sql "$provider" "select count(*) from OutboxMessages" 'select count(*) from "OutboxMessages"')

  load_pending "$provider"
  { echo "token = \"$TOKEN\""; echo "cookie = \"$COOKIE\""; echo "tokens_file = \"$WORK/tokens.txt\""; cat "$WORK/confirm.lua"; } >"$WORK/run-confirm.lua"
  # Warm-up on the first tokens of each thread's half, the measured run from the middle of it on.
  wrk -t2 -c32 -d10s -s "$WORK/run-confirm.lua" "http://127.0.0.1:$APP_PORT" -- 0 >/dev/null
  local out
  out=$(wrk -t2 -c32 -d"${DURATION}s" --latency -s "$WORK/run-confirm.lua" "http://127.0.0.1:$APP_PORT" -- $((TOKENS / 4)))
  confirm_rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out"); confirm_p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  confirm_errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  sleep 1  # let the last in-flight posts finish before counting
  local counted api
  counted=$(count_sql "$provider" "select count(*) from Signatures where Status='Confirmed'" "select count(*) from \"Signatures\" where \"Status\"='Confirmed'")
  api=$(curl -s "http://127.0.0.1:$APP_PORT/api/signatures/count")
  stop_app
  echo "| $label | $sign_rps | $sign_p99 | $signed signatures, $mails mails | $confirm_rps | $confirm_p99 | $counted confirmed; API $api${confirm_errors:+; $confirm_errors answers not 2xx/3xx} |"
  WARMUPS="$WARMUPS"$'\n'"- $label, signatures/s in each 5 s of warm-up: $sign_warmup"
}

echo "### Signing and confirming"
echo
echo "| database | signatures/s | p99 | committed (incl. warm-up) | confirmations/s | p99 | afterwards |"
echo "|---|---|---|---|---|---|---|"
WARMUPS=""
rates "SQLite (WAL)" Sqlite "Data Source=$WORK/data/publiekeveranderaars.db"
rates "PostgreSQL 15" Postgres "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=pvbench"
echo "$WARMUPS"

# Export: fill each database with EXPORT_ROWS confirmed signatures, then time the site's CLI and the database's dump.
COLUMNS_SQLITE="Name, Email, Organisation, Role, Place, ShowPublicly, ConfirmedUtc"
COLUMNS_PG='"Name", "Email", "Organisation", "Role", "Place", "ShowPublicly", "ConfirmedUtc"'
fill_sqlite() {
  sqlite3 "$WORK/data/publiekeveranderaars.db" "DELETE FROM SignatureTokens; DELETE FROM Signatures;
    WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $EXPORT_ROWS)
    INSERT INTO Signatures (Key, Status, Name, Email, Mailbox, Organisation, Role, Place, ShowPublicly, CreatedUtc, ConfirmedUtc, LastMailUtc) SELECT printf('%08X-0000-4000-8000-%012X', i, i), 'Confirmed', 'Ondertekenaar ' || i, 'persoon' || i || '@example.org', 'persoon' || i || '@example.org',
      CASE i % 7 WHEN 0 THEN '=HYPERLINK(\"x\")' ELSE 'Gemeente Zeeë' END, 'Beleidsadviseur', 'Utrecht', i % 2,
      datetime('2026-01-01', '+' || i || ' seconds'), datetime('2026-01-01', '+' || i || ' seconds'), datetime('2026-01-01') FROM seq;"
}
fill_postgres() {
  psql_bench -c "delete from \"SignatureTokens\"; delete from \"Signatures\";
    insert into \"Signatures\" (\"Key\", \"Status\", \"Name\", \"Email\", \"Mailbox\", \"Organisation\", \"Role\", \"Place\", \"ShowPublicly\", \"CreatedUtc\", \"ConfirmedUtc\", \"LastMailUtc\")
      select md5(i::text)::uuid, 'Confirmed', 'Ondertekenaar ' || i, 'persoon' || i || '@example.org', 'persoon' || i || '@example.org',
      case i % 7 when 0 then '=HYPERLINK(\"x\")' else 'Gemeente Zeeë' end, 'Beleidsadviseur', 'Utrecht', i % 2 = 0,
      timestamptz '2026-01-01' + i * interval '1 second', timestamptz '2026-01-01' + i * interval '1 second', timestamptz '2026-01-01'
    from generate_series(1, $EXPORT_ROWS) i;" -c "vacuum analyze \"Signatures\";" >/dev/null
}
timed() { /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr"; cat "$WORK/time"; }
cli_export() {
  local provider=$1 connection=$2 format=$3
  ( cd "$WORK/app" && timed env Site__DataDirectory="$WORK/data" Database__Provider="$provider" ConnectionStrings__Default="$connection" \
      Serilog__MinimumLevel__Default=Warning dotnet PubliekeVeranderaars.Web.dll export-signatures --format "$format" --output "$WORK/export.$format" )
}
export_rows() {
  local label=$1 provider=$2 connection=$3 dump_seconds dump_kb
  if [ "$provider" = Sqlite ]; then
    fill_sqlite
    read -r dump_seconds dump_kb < <(timed sh -c "sqlite3 -csv '$WORK/data/publiekeveranderaars.db' \"select $COLUMNS_SQLITE from Signatures where Status='Confirmed' order by ConfirmedUtc, Key\" > '$WORK/dump.csv'")
  else
    fill_postgres
    read -r dump_seconds dump_kb < <(timed sh -c "psql -h 127.0.0.1 -p $PG_PORT -U postgres -d pvbench -c \"copy (select $(sed 's/"/\\"/g' <<<"$COLUMNS_PG") from \\\"Signatures\\\" where \\\"Status\\\"='Confirmed' order by \\\"ConfirmedUtc\\\", \\\"Key\\\") to stdout with csv\" > '$WORK/dump.csv'")
  fi
  read -r csv_seconds csv_kb < <(cli_export "$provider" "$connection" csv)
  local csv_lines; csv_lines=$(( $(wc -l <"$WORK/export.csv") - 1 ))
  read -r xlsx_seconds xlsx_kb < <(cli_export "$provider" "$connection" xlsx)
  local dump_lines; dump_lines=$(wc -l <"$WORK/dump.csv")
  echo "| $label | $dump_seconds s, $((dump_kb / 1024)) MB ($dump_lines rows) | $csv_seconds s, $((csv_kb / 1024)) MB ($csv_lines rows) | $(awk -v a="$csv_seconds" -v b="$dump_seconds" 'BEGIN { printf "%.2f", a / b }')× | $xlsx_seconds s, $((xlsx_kb / 1024)) MB |"
}

echo
echo "### Export of $EXPORT_ROWS confirmed signatures (time, peak resident memory)"
echo
echo "| database | database's own dump | site CLI, CSV | CSV vs dump | site CLI, XLSX |"
echo "|---|---|---|---|---|"
rm -rf "$WORK/data"; start_app Sqlite "Data Source=$WORK/data/publiekeveranderaars.db" $APP_PORT; stop_app
export_rows "SQLite" Sqlite "Data Source=$WORK/data/publiekeveranderaars.db"
export_rows "PostgreSQL 15" Postgres "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=pvbench"
