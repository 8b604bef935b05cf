#!/usr/bin/env python3
"""Adds N generated initiatives to a copy of the uSync seed, for benchmarks at a realistic size.

Usage: bench/generate-pages.py USYNC_FOLDER COUNT
       bench/generate-pages.py --queries USYNC_FOLDER COUNT TYPOS   (prints COUNT distinct search queries, URL-encoded;
                                                                  TYPOS=1 swaps two letters in each)

The words come from the network's own manifesto (../shared/seed or the seed content itself), so the index sees
Dutch text with the site's own vocabulary; the random generator is seeded, so every run writes the same pages.
"""
import html
import pathlib
import random
import re
import sys
import urllib.parse
import uuid

queries = sys.argv[1] == "--queries"
args = sys.argv[2:] if queries else sys.argv[1:]
folder = pathlib.Path(args[0])
count = int(args[1])
random.seed(42)

# Words of at least three letters from every page of the seed content.
text = " ".join(p.read_text(encoding="utf-8-sig") for p in (folder / "Content").glob("*.config"))
text = re.sub(r"<[^>]+>", " ", html.unescape(text))
words = sorted({w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]{3,}", text)} - {"cdata", "value", "key", "true", "false"})

if queries:
    typos = args[2] == "1"
    seen = set()
    long_words = [w for w in words if len(w) >= 5]
    while len(seen) < count:
        picked = [random.choice(long_words) for _ in range(random.choice([1, 1, 2]))]
        if typos:
            w = picked[0]
            i = random.randrange(1, len(w) - 1)
            picked[0] = w[:i] + w[i + 1] + w[i] + w[i + 2:]
        query = "+".join(urllib.parse.quote(w) for w in picked)
        if query not in seen:
            seen.add(query)
            print(query)
    sys.exit(0)

initiatives = folder / "Content" / "initiatieven.config"
parent_key = re.search(r'<Content Key="([^"]+)"', initiatives.read_text(encoding="utf-8-sig")).group(1)
namespace = uuid.UUID("6f1c3e52-8a0b-4c55-9a51-2f0d6c1b7e10")


def word():
    # Dutch glues words together ("publieke" + "innovatie"); compounds give the index a realistic vocabulary.
    return random.choice(words) + random.choice(words) if random.random() < 0.2 else random.choice(words)


def sentence(n):
    s = " ".join(word() for _ in range(n))
    return s[0].upper() + s[1:] + "."


for i in range(1, count + 1):
    key = uuid.uuid5(namespace, f"bench-{i}")
    name = f"{sentence(3)[:-1]} {i}"
    summary = sentence(random.randint(10, 20))
    body = "".join(f"<p>{' '.join(sentence(random.randint(8, 16)) for _ in range(random.randint(2, 5)))}</p>"
                   for _ in range(random.randint(2, 6)))
    (folder / "Content" / f"bench-{i}.config").write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<Content Key="{key}" Alias="{html.escape(name)}" Level="3">
  <Info>
    <Parent Key="{parent_key}">Initiatieven</Parent>
    <Trashed>false</Trashed>
    <ContentType>initiative</ContentType>
    <CreateDate>2026-11-27T09:00:00</CreateDate>
    <NodeName Default="{html.escape(name)}" />
    <SortOrder>{i + 10}</SortOrder>
    <Published Default="true" />
    <Schedule />
  </Info>
  <Properties>
    <body><Value><![CDATA[{body}]]></Value></body>
    <ownerEmail><Value><![CDATA[eigenaar{i}@bench.example]]></Value></ownerEmail>
    <ownerName><Value><![CDATA[Eigenaar {i}]]></Value></ownerName>
    <status><Value><![CDATA[open]]></Value></status>
    <summary><Value><![CDATA[{summary}]]></Value></summary>
    <title><Value><![CDATA[{html.escape(name)}]]></Value></title>
  </Properties>
</Content>
""", encoding="utf-8")
print(f"{count} initiatives written to {folder / 'Content'} ({len(words)} distinct words)")
