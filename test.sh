#!/usr/bin/env bash
# Runs every test of the repository, as CI does:
#   1. installs what the tests need and the machine lacks (Chromium, PostgreSQL 15, Node.js, nginx) from Debian's packages;
#   2. starts a throwaway PostgreSQL cluster on a free loopback port;
#   3. builds, then runs the test projects one after the other;
#   4. stops the cluster and prints one last line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
PG_VERSION=15
PG_BIN=/usr/lib/postgresql/$PG_VERSION/bin
WORK=$(mktemp -d /tmp/pv-test.XXXXXX)
RESULTS="$WORK/results"
# The postgres user must reach its cluster folder inside this one.
chmod 755 "$WORK"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# initdb refuses to run as root; the cluster runs as the postgres user the Debian package creates.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
summary() { echo "$1 passed, $2 failed"; }

install_missing() {
  local need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -x "$PG_BIN/initdb" ] || need+=("postgresql-$PG_VERSION")
  command -v npm >/dev/null || need+=(nodejs npm)
  command -v runuser >/dev/null || need+=(util-linux)
  # The deployment check (tests/deploy/behind-nginx.sh) puts nginx with a test certificate in front of the site.
  command -v nginx >/dev/null || need+=(nginx-light)
  command -v openssl >/dev/null || need+=(openssl)
  command -v curl >/dev/null || need+=(curl)
  fc-list 2>/dev/null | grep -qi "dejavu\|liberation" || need+=(fonts-dejavu-core fonts-liberation)
  if [ ${#need[@]} -gt 0 ]; then
    echo "test.sh: installing ${need[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( (RANDOM % 20000) + 30000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  echo 54329
}

start_postgres() {
  PG_PORT=$(free_port)
  mkdir -p "$WORK/pg"
  [ "$(id -u)" = 0 ] && chown postgres: "$WORK/pg"
  as_postgres "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null || return 1
  # fsync off: a throwaway test cluster trades durability for speed. Benchmarks use their own cluster.
  as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w start \
    -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" >/dev/null || return 1
  export PV_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Include Error Detail=true"
}

stop_postgres() {
  [ -d "$WORK/pg/data" ] && as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$WORK"
}
trap stop_postgres EXIT

install_missing
if ! start_postgres; then
  echo "test.sh: PostgreSQL did not start:" >&2
  cat "$WORK/pg/log" >&2 2>/dev/null
  summary 0 1
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if ! dotnet build "$ROOT/PubliekeVeranderaars.slnx" -nologo -v quiet; then
  echo "test.sh: the build failed" >&2
  summary 0 1
  exit 1
fi

# One test project at a time: run side by side on two cores, the three test hosts, their sites and Chromium starve
# each other (the browser journeys wait on timers and the outbox), and the whole run took 23-26 minutes; one after the
# other it takes about half that.
test_exit=0
for project in "$ROOT"/tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "test.sh: $name"
  dotnet test "$project" --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$RESULTS" || test_exit=1
done

# xunit's own summary is per project; CI reads one line for the whole run, counted from the TRX reports.
passed=0; failed=0; skipped=0
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  s=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
done
# The console log of a long run is read from its end: name every failed test there, with the first lines of its message.
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  awk '/<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); print "test.sh: FAILED " name; inmsg = 1; lines = 0; next }
       inmsg && /<Message>/ { capture = 1 }
       inmsg && capture { last = /<\/Message>/; if (lines < 6) { gsub(/<\/?Message>/, ""); sub(/^ +/, ""); print "    " $0 }; lines++; if (last) { inmsg = 0; capture = 0 } }' "$trx" >&2
done
# A crashed test host leaves no counts behind; that is a failure, never a silent pass.
if [ "$test_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$skipped" -ne 0 ]; then echo "test.sh: $skipped tests were skipped; CI allows none" >&2; failed=$((failed + skipped)); fi
summary "$passed" "$failed"
[ "$failed" -eq 0 ]
