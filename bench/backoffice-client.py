#!/usr/bin/env python3
"""An editor's client for bench/at-scale.sh: logs in to the back office and times what an editor waits for.

Usage: bench/backoffice-client.py BASE_URL EMAIL PASSWORD PAGE_KEY REQUESTS

Prints one line per case: "case p50_ms p95_ms bytes" for the content tree, the list view of the page's folder, the
editor of the home page and of the page, and a publish of the page (each publish adds a numbered sentence to the
page's first text, and the public page is read back to check that it is live). Then "editor-weight requests bytes": the editor page and every
script, style sheet and image it loads, as a browser fetches them (brotli or gzip accepted). Times are measured by
the client on loopback, so they hold the server's time plus well under a millisecond.
"""
import gzip
import html.parser
import http.cookiejar
import statistics
import sys
import time
import urllib.parse
import urllib.request

import json

base, email, password, page_key, requests = sys.argv[1:6]
requests = int(requests)
WARM_UP = 5


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# The site marks its cookies Secure; a browser sends them to loopback over plain http too, and so does this client.
cookies = http.cookiejar.CookieJar(http.cookiejar.DefaultCookiePolicy(secure_protocols=("https", "wss", "http")))
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies), NoRedirect())


def fetch(path, data=None, headers=None):
    request = urllib.request.Request(urllib.parse.urljoin(base, path), data=data, headers=headers or {})
    try:
        with opener.open(request) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


class Forms(html.parser.HTMLParser):
    """Every form's action and fields as a browser would send them (the first submit button's formaction aside)."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._textarea, self._select, self.resources = [], None, None, None, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img") and a.get("src"): self.resources.append(a["src"])
        if tag == "link" and a.get("rel") in ("stylesheet", "icon", "modulepreload") and a.get("href"): self.resources.append(a["href"])
        if tag == "form":
            self._form = {"action": a.get("action", ""), "fields": [], "buttons": []}
            self.forms.append(self._form)
        if self._form is None: return
        if tag == "input" and a.get("name") and "disabled" not in a:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a: return
            if kind in ("submit", "button", "file", "image"): return
            self._form["fields"].append([a["name"], a.get("value", "on" if kind in ("checkbox", "radio") else "")])
        if tag == "button" and a.get("formaction"): self._form["buttons"].append(a["formaction"])
        if tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]
            self._form["fields"].append(self._textarea)
        if tag == "select" and a.get("name"): self._select = {"name": a["name"], "first": None, "chosen": [], "multiple": "multiple" in a}
        if tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select["first"] is None: self._select["first"] = value
            if "selected" in a: self._select["chosen"].append(value)

    def handle_data(self, data):
        if self._textarea is not None: self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea": self._textarea = None
        if tag == "select" and self._select is not None and self._form is not None:
            chosen = self._select["chosen"]
            values = chosen if self._select["multiple"] else chosen[:1] or ([self._select["first"]] if self._select["first"] is not None else [])
            for value in values: self._form["fields"].append([self._select["name"], value])
            self._select = None
        if tag == "form": self._form = None


def parse(body):
    forms = Forms()
    forms.feed(body.decode("utf-8"))
    return forms


def token_of(body):
    for form in parse(body).forms:
        for name, value in form["fields"]:
            if name == "__RequestVerificationToken": return value
    raise SystemExit("no antiforgery token on the page")


def log_in():
    _, body, _ = fetch("/backoffice/inloggen")
    data = urllib.parse.urlencode({"__RequestVerificationToken": token_of(body), "Email": email, "Password": password}).encode()
    status, _, _ = fetch("/backoffice/inloggen", data)
    if status != 302: raise SystemExit(f"login failed: {status}")


def percentiles(times):
    ordered = sorted(times)
    return statistics.median(ordered) * 1000, ordered[min(len(ordered) - 1, int(round(0.95 * len(ordered))) - 1)] * 1000


def time_get(case, path):
    times, size = [], 0
    for i in range(WARM_UP + requests):
        started = time.perf_counter()
        status, body, _ = fetch(path)
        elapsed = time.perf_counter() - started
        if status != 200: raise SystemExit(f"{path}: {status}")
        size = len(body)
        if i >= WARM_UP: times.append(elapsed)
    p50, p95 = percentiles(times)
    print(f"{case} {p50:.1f} {p95:.1f} {size}", flush=True)


def time_publish():
    times = []
    for i in range(WARM_UP + requests):
        _, body, _ = fetch(f"/backoffice/inhoud/{page_key}")
        form = next(f for f in parse(body).forms if f["action"] == f"/backoffice/inhoud/{page_key}")
        publish = next(b for b in form["buttons"] if b.endswith("/publiceren"))
        marker = f"Gepubliceerd in meting {i}."
        texts = [f for f in form["fields"] if f[0].startswith("p:") and "<p>" in f[1]]
        if not texts: raise SystemExit("the editor shows no text to change")
        texts[0][1] += f"<p>{marker}</p>"
        data = urllib.parse.urlencode([(n, v) for n, v in form["fields"]]).encode()
        started = time.perf_counter()
        status, answer, _ = fetch(publish, data)
        elapsed = time.perf_counter() - started
        if status not in (200, 302): raise SystemExit(f"publish: {status} {answer[:300]!r}")
        _, public, _ = fetch(page_route)
        if marker.encode() not in public: raise SystemExit(f"publish {i}: the public page does not show the new text")
        if i >= WARM_UP: times.append(elapsed)
    p50, p95 = percentiles(times)
    print(f"publish {p50:.1f} {p95:.1f} 0", flush=True)


def editor_page_weight():
    """The editor page and what it loads, as transferred with compression accepted (fetched once each, as a browser)."""
    accept = {"Accept-Encoding": "br, gzip"}
    _, body, headers = fetch(f"/backoffice/inhoud/{page_key}", headers=accept)
    total, count = len(body), 1
    if headers.get("Content-Encoding") == "gzip": body = gzip.decompress(body)
    for resource in sorted(set(parse(body).resources)):
        if resource.startswith(("data:", "http://", "https://")) and not resource.startswith(base): continue
        _, content, _ = fetch(resource, headers=accept)
        total += len(content)
        count += 1
    print(f"editor-weight {count} {total}", flush=True)


def delivery_item(id_or_path):
    # A path is sent percent-encoded, as generated clients send it.
    status, body, _ = fetch("/umbraco/delivery/api/v2/content/item/" + urllib.parse.quote(id_or_path, safe=""))
    if status != 200: raise SystemExit(f"delivery item {id_or_path}: {status}")
    return json.loads(body)


home_key = delivery_item("/")["id"]
page_route = delivery_item(page_key)["route"]["path"]
folder_key = delivery_item(page_route.rstrip("/").rsplit("/", 1)[0] + "/")["id"]

log_in()
time_get("content-tree", "/backoffice/inhoud")
time_get("list-view", f"/backoffice/inhoud/{folder_key}/lijst")
time_get("editor-home", f"/backoffice/inhoud/{home_key}")
time_get("editor-page", f"/backoffice/inhoud/{page_key}")
editor_page_weight()
time_publish()
