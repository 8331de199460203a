"""HTML ``add`` against trafilatura's own extraction time over the same pages (issue 20: within 1.2x).

    .venv/bin/python bench/bench_html.py [--pages 300] [--seed 3]

Pages: BBC news texts (../shared/data/bbc-news) wrapped in the furniture of a
news site, generated here: a head with title, description and Open Graph
metadata, a navigation bar, a cookie banner, a breadcrumb, the article with
a byline and date, a "related stories" list, a newsletter box and a footer of
links. Each page varies its furniture (which blocks, how many links) with a
seeded random generator, so trafilatura cannot learn one template.

Timed, as CPU seconds on one machine in the same run:

- trafilatura alone, in this process: the call ``unspin add`` makes
  (``bare_extraction`` with metadata, no comments or tables, on the same
  length-bounded markup, ``unspin/read/extract.py``) over every page, and,
  for reference, plain ``trafilatura.extract`` with its defaults;
- ``unspin add`` of the page folder into a new store, as a subprocess, its
  CPU time and that of any worker it waited for read with ``os.wait4``
  (extraction, sentence split, fingerprints, sentence vectors, the store's
  writes, and the command's start-up);
- ``unspin add`` of a single page, the start-up cost the first figure includes.

The ratio is ``add`` over trafilatura's same call, with and without the
start-up. Prints a table and writes bench/results/html.json.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import unspin  # noqa: F401  (first: it pins BLAS to one thread, as the command does)

from unspin.evaluation.datasets import bbc_articles
from unspin.read.extract import bounded_html

OUT = Path(__file__).resolve().parent / "results"
TARGET = 1.2
TOPICS = ("Live", "Analysis", "Explainers", "Video", "Photos", "Opinion", "Local", "Europe", "Americas", "Asia",
          "Africa", "Markets", "Companies", "Personal finance", "Football", "Cricket", "Tennis", "Arts", "Books", "Podcasts")
SECTIONS = ("News", "World", "Business", "Politics", "Technology", "Science", "Health", "Sport", "Culture", "Travel")


def page(title: str, paragraphs: list[str], headlines: list[str], more: list[str], rng: random.Random, number: int) -> str:
    """One article page of a fictional news site: the story in ``<article>``, the furniture around it."""
    e = html.escape
    nav = "".join(f'<li class="menu"><a href="/{s.lower()}">{s}</a><ul class="sub">'
                  + "".join(f'<li><a href="/{s.lower()}/{k}">{s} {t}</a></li>' for k, t in enumerate(rng.sample(TOPICS, rng.randint(6, 12))))
                  + "</ul></li>" for s in rng.sample(SECTIONS, rng.randint(6, len(SECTIONS))))
    teasers = "".join(f'<div class="card"><a href="/news/{number}-t{k}"><img src="/img/{number}-{k}.jpg" alt=""><h3>{e(h)}</h3></a>'
                      f'<p class="summary">{e(h)} - read the full story.</p><span class="time">{k + 1}h ago</span></div>'
                      for k, h in enumerate(more))
    related = "".join(f'<li><a href="/news/{number}-{k}">{e(h)}</a></li>' for k, h in enumerate(headlines))
    footer = "".join(f'<a href="/{w}">{w.title()}</a> ' for w in ("about", "contact", "privacy", "terms", "advertise",
                                                                  "careers", "accessibility", "sitemap"))
    day = f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}"
    body = "\n".join(f"<p>{e(p)}</p>" for p in paragraphs)
    cookie = ('<div class="cookie-banner" id="consent"><p>We use cookies to improve your experience and to show '
              'you relevant advertising. By continuing you agree to our cookie policy.</p>'
              '<button>Accept all</button><button>Manage settings</button></div>') if rng.random() < 0.8 else ""
    newsletter = ('<aside class="newsletter"><h3>Get the morning briefing</h3><p>Sign up for our free newsletter '
                  'and never miss a story.</p><form><input type="email" placeholder="Email"><button>Sign up'
                  '</button></form></aside>') if rng.random() < 0.6 else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)} | Daily Ledger</title>
<meta name="description" content="{e(paragraphs[0][:150])}">
<meta property="og:title" content="{e(title)}"><meta property="og:site_name" content="Daily Ledger">
<meta property="article:published_time" content="{day}T08:00:00Z"><meta name="author" content="Staff reporter">
<link rel="stylesheet" href="/static/site.css"><script>window.dataLayer = window.dataLayer || [];</script>
</head><body>
{cookie}
<header class="masthead"><a class="logo" href="/">Daily Ledger</a><nav class="main-nav"><ul>{nav}</ul></nav>
<form class="search"><input type="search" placeholder="Search"></form></header>
<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/news">News</a></div>
<main><article class="story"><h1>{e(title)}</h1>
<p class="byline">By Staff reporter, <time datetime="{day}">{day}</time></p>
{body}
</article>
<aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside>
{newsletter}
<section class="more"><h2>More from the Daily Ledger</h2>{teasers}</section>
<div class="share"><a href="#">Share on social</a> <a href="#">Email this story</a> <a href="#">Print</a></div>
</main>
<footer><p>{footer}</p><p>&copy; 2024 Daily Ledger Media Ltd. All rights reserved.</p></footer>
<script src="/static/ads.js"></script></body></html>
"""


def write_pages(folder: Path, count: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    articles = [text for _, text in bbc_articles()]
    chosen = rng.sample(articles, count)
    titles = [t.strip().split("\n", 1)[0] for t in articles]
    paths = []
    for number, text in enumerate(chosen):
        lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
        path = folder / f"page-{number:04d}.html"
        markup = page(lines[0], lines[1:] or lines, rng.sample(titles, rng.randint(3, 8)), rng.sample(titles, rng.randint(12, 24)),
                      rng, number)
        path.write_text(markup, encoding="utf-8")
        paths.append(path)
    return paths


def trafilatura_seconds(paths: list[Path]) -> dict[str, float]:
    """CPU seconds of trafilatura over the pages: unspin's own call, and ``extract`` with its defaults."""
    import trafilatura

    pages = [p.read_text(encoding="utf-8") for p in paths]
    trafilatura.bare_extraction(pages[0], with_metadata=True)  # imports and first-call set-up, untimed
    started = time.process_time()
    for markup in pages:
        trafilatura.bare_extraction(bounded_html(markup), url=None, with_metadata=True, include_comments=False,
                                    include_tables=False)
    same_call = time.process_time() - started
    started = time.process_time()
    for markup in pages:
        trafilatura.extract(markup)
    plain = time.process_time() - started
    return {"same_call_s": round(same_call, 3), "extract_defaults_s": round(plain, 3)}


def add_seconds(inputs: list[str], db: Path) -> dict[str, float]:
    """CPU and wall seconds of ``unspin add`` as a subprocess, with every process it waited for."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "unspin", "add", *inputs, "--db", str(db), "--quiet"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"unspin add failed: {child.stderr.read().decode()[-500:] if child.stderr else ''}")
    return {"cpu_s": round(usage.ru_utime + usage.ru_stime, 3), "wall_s": round(wall, 3),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="unspin-html-") as tmp:
        root = Path(tmp)
        (root / "pages").mkdir()
        paths = write_pages(root / "pages", args.pages, args.seed)
        mean_kb = sum(p.stat().st_size for p in paths) / len(paths) / 1024
        (root / "one").mkdir()
        one = root / "one" / "page.html"
        one.write_text(paths[0].read_text(encoding="utf-8"), encoding="utf-8")
        anchor = trafilatura_seconds(paths)
        startup = add_seconds([str(one)], root / "one.db")
        added = add_seconds([str(root / "pages")], root / "store.db")
    ratio = added["cpu_s"] / anchor["same_call_s"]
    ratio_warm = (added["cpu_s"] - startup["cpu_s"]) / anchor["same_call_s"]
    results = {
        "pages": args.pages, "seed": args.seed, "mean_page_kb": round(mean_kb, 1),
        "trafilatura": anchor, "unspin_add": added, "unspin_add_one_page": startup,
        "ratio_add_to_trafilatura": round(ratio, 2), "ratio_without_startup": round(ratio_warm, 2),
        "target": TARGET, "meets_target": ratio <= TARGET,
    }
    n = args.pages
    print(f"HTML add against trafilatura, {n} generated news pages (BBC texts in site furniture)")
    print(f"{'':<44} {'CPU s':>7} {'ms/page':>8}")
    print(f"{'trafilatura.extract, defaults (reference)':<44} {anchor['extract_defaults_s']:>7} {1000 * anchor['extract_defaults_s'] / n:>8.1f}")
    print(f"{'trafilatura, the call unspin makes (anchor)':<44} {anchor['same_call_s']:>7} {1000 * anchor['same_call_s'] / n:>8.1f}")
    print(f"{'unspin add, every process':<44} {added['cpu_s']:>7} {1000 * added['cpu_s'] / n:>8.1f}")
    print(f"{'unspin add of one page (start-up)':<44} {startup['cpu_s']:>7}")
    print(f"ratio add / anchor: {ratio:.2f} (without start-up {ratio_warm:.2f}); target <= {TARGET}")
    OUT.mkdir(exist_ok=True)
    (OUT / "html.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
