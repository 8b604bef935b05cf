#!/usr/bin/env bash
# The site as docs/deploy.md deploys it, checked from the outside:
#   1. publishes the web project (Release) and starts the published output, not the source tree, in Production,
#      with a fresh data directory (so its first start imports the seed that the publish output carries);
#   2. puts nginx in front, with a self-signed certificate for publiekeveranderaars.test, on loopback;
#   3. checks through nginx: an image variant rendered by the published image worker, HSTS, no Kestrel banner, Secure
#      cookies, a foreign Host refused, the client address the rate limiter sees (not nginx's), and https links in mail.
# Prints one line per check and exits non-zero when one fails. Needs nginx (Debian's nginx-light), openssl, curl.
set -uo pipefail
cd "$(dirname "$0")/../.."
# The published output, ports and clean-up as the benchmarks have them (WORK, REPO, publish_app, free_port).
source "$(pwd)/bench/lib.sh"
ROOT=$REPO
HOST=publiekeveranderaars.test
SITE_PID=""; NGINX_PID=""
failures=0

cleanup() {
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null
  [ -n "$SITE_PID" ] && kill "$SITE_PID" 2>/dev/null
  bench_cleanup
}
trap cleanup EXIT

check() { # check NAME CONDITION-EXIT-CODE [DETAIL]
  if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1${3:+: $3}"; failures=$((failures + 1)); fi
}

# Debian puts nginx in /usr/sbin, which is not on every user's PATH.
export PATH="$PATH:/usr/sbin"
for tool in nginx openssl curl dotnet; do
  command -v "$tool" >/dev/null || { echo "FAIL $tool is not installed (test.sh installs it)"; exit 1; }
done

APP_PORT=$(free_port); TLS_PORT=$(free_port)
BASE_URL="https://$HOST:$TLS_PORT"
CURL=(curl -sk --max-time 20 --resolve "$HOST:$TLS_PORT:127.0.0.1")

echo "publishing to $WORK/app as README's Deploying says (Release, ReadyToRun)"
publish_app || { echo "FAIL dotnet publish"; exit 1; }

# The published output, started from its own folder, as the systemd unit in docs/deploy.md does.
mkdir -p "$WORK/data"
(cd "$WORK/app" && exec env ASPNETCORE_ENVIRONMENT=Production Site__BaseUrl="$BASE_URL" Site__DataDirectory="$WORK/data" \
  Backoffice__Admin__Email=beheer@$HOST Backoffice__Admin__Password='een lang wachtwoord voor de test' \
  Backoffice__RateLimit__PermitsPerMinute=3 Serilog__MinimumLevel__Default=Warning \
  dotnet PubliekeVeranderaars.Web.dll --urls "http://127.0.0.1:$APP_PORT" >"$WORK/site.log" 2>&1) &
SITE_PID=$!

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$HOST" -addext "subjectAltName=DNS:$HOST" \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1
mkdir -p "$WORK/nginx/logs"
sed -e "s#@TLS_PORT@#$TLS_PORT#g" -e "s#@APP_PORT@#$APP_PORT#g" -e "s#@HOST@#$HOST#g" -e "s#@WORK@#$WORK#g" \
  "$ROOT/tests/deploy/nginx-test.conf" >"$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' >"$WORK/nginx/stdout" 2>&1 &
NGINX_PID=$!

for _ in $(seq 1 120); do
  [ "$("${CURL[@]}" -o /dev/null -w '%{http_code}' "$BASE_URL/health")" = 200 ] && break
  if ! kill -0 "$SITE_PID" 2>/dev/null; then cat "$WORK/site.log"; echo "FAIL the published site did not start"; exit 1; fi
  sleep 0.5
done
check "the published site starts from its own folder and imports its seed" \
  "$([ "$("${CURL[@]}" -o /dev/null -w '%{http_code}' "$BASE_URL/zo-veranderen-wij/")" = 200 ]; echo $?)"

# The seed's images came in through the published image worker (PubliekeVeranderaars.MediaWorker), and a new
# variant of one is rendered by it: a site published without its worker would refuse every image.
variant=$("${CURL[@]}" -o "$WORK/variant" -w '%{http_code} %{content_type}' -H 'Accept: image/webp' "$BASE_URL/media/pvseed02/innovatielab.jpg?width=320&format=webp")
check "the published image worker renders a variant" "$([ "$variant" = "200 image/webp" ] && [ "$(head -c 4 "$WORK/variant")" = RIFF ]; echo $?)" "$variant"

headers=$("${CURL[@]}" -D - -o /dev/null "$BASE_URL/")
check "HSTS on https through the proxy" "$(grep -qi '^strict-transport-security: max-age=' <<<"$headers"; echo $?)" "$headers"
check "no Kestrel banner" "$(! grep -qi 'kestrel' <<<"$headers"; echo $?)"

login_page=$("${CURL[@]}" -D - -c "$WORK/cookies" "$BASE_URL/backoffice/inloggen")
check "the antiforgery cookie is Secure" "$(grep -i '^set-cookie: pv.antiforgery' <<<"$login_page" | grep -qi 'secure'; echo $?)"
token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$login_page" | sed 's/.*value="//;s/"$//')
login=$("${CURL[@]}" -D - -o /dev/null -b "$WORK/cookies" -c "$WORK/cookies" --interface 127.0.0.5 \
  --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Email=beheer@$HOST" \
  --data-urlencode "Password=een lang wachtwoord voor de test" "$BASE_URL/backoffice/inloggen")
check "the session cookie is Secure" "$(grep -i '^set-cookie: pv.backoffice' <<<"$login" | grep -qi 'secure'; echo $?)" "$login"

status=$("${CURL[@]}" -o /dev/null -w '%{http_code}' -H "Host: evil.example" "https://127.0.0.1:$TLS_PORT/")
check "a request for another host is refused" "$([ "$status" = 400 ]; echo $?)" "status $status"

# Three login posts a minute per client (set above). A client that fills its share is refused; another client, behind the
# same nginx, is not: the limiter sees each client's own address, not the proxy's. A forged X-Forwarded-For changes nothing.
post_login() { "${CURL[@]}" -o /dev/null -w '%{http_code}' --interface "$1" -H "X-Forwarded-For: $2" \
  --data "Email=x@$HOST&Password=y" "$BASE_URL/backoffice/inloggen"; }
for _ in 1 2 3; do post_login 127.0.0.2 198.51.100.1 >/dev/null; done
limited=$(post_login 127.0.0.2 198.51.100.2)
other=$(post_login 127.0.0.3 198.51.100.1)
check "the rate limiter counts per client address behind the proxy" "$([ "$limited" = 429 ] && [ "$other" != 429 ]; echo $?)" \
  "client .2: $limited, client .3: $other"

forgot_page=$("${CURL[@]}" -c "$WORK/cookies2" "$BASE_URL/backoffice/wachtwoord-vergeten")
token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$forgot_page" | sed 's/.*value="//;s/"$//')
"${CURL[@]}" -o /dev/null -b "$WORK/cookies2" --interface 127.0.0.4 --data-urlencode "__RequestVerificationToken=$token" \
  --data-urlencode "email=beheer@$HOST" "$BASE_URL/backoffice/wachtwoord-vergeten"
link=""
for _ in $(seq 1 40); do
  link=$(cat "$WORK"/data/mail/*.eml 2>/dev/null | tr -d '\r' | grep -o "https\?://[^ ]*/backoffice/wachtwoord-instellen?[^ ]*" | head -1)
  [ -n "$link" ] && break
  sleep 0.25
done
check "links in mail are https links to the configured address" "$([[ "$link" == "$BASE_URL/backoffice/wachtwoord-instellen?"* ]]; echo $?)" "${link:-no mail}"

if [ "$failures" -gt 0 ]; then
  echo "--- site log"; tail -50 "$WORK/site.log"
  echo "$failures checks failed"; exit 1
fi
echo "all checks passed"
