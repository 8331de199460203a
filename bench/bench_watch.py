"""Watch throughput and alert latency against a local site on 127.0.0.1.

    .venv/bin/python bench/bench_watch.py [--pages 2000] [--alerts 20]

1. Pass: a sitemap of ``--pages`` generated news pages (about 150 words each,
   pages built with tests/watch_site.py); one ``unspin watch`` pass with no delay
   ingests them all. The site is ``python -m http.server`` in a process of
   its own, so serving does not compete with the watcher for one interpreter. Reports pages per second and where the time went:
   fetching, extraction (trafilatura), indexing and committing. One page
   ingested before it loads the models and is not timed.
2. Alerts: then ``--alerts`` new pages, each a reworded copy of a stored
   page, appear one at a time in a feed; each pass traces the new page
   against the store (warm: the tracer is loaded) and alerts. Reports the
   latency per new page (p50, p95), from polling the feed to the alert.

Prints a table and writes bench/results/watch.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from watch_site import article_html, rss, sitemap  # noqa: E402

from unspin.store import Store  # noqa: E402
from unspin.watch import WatchConfig, Watcher  # noqa: E402
from unspin.watch.polite import PoliteConfig  # noqa: E402

OUT = Path(__file__).resolve().parent / "results"
_WORDS = (
    "harbour council ferry river bridge school budget election storm railway museum farmers hospital police "
    "market festival library workers union court mayor minister factory tram island coast port village "
    "reported announced said warned agreed rejected opened closed planned approved delayed expected "
    "new old local regional national public private small large early late many several"
).split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(12, 22))]
    words.insert(rng.randrange(len(words)), str(rng.randint(2, 9000)))
    return " ".join(words).capitalize() + "."


def _page(rng: random.Random, number: int) -> tuple[str, list[str]]:
    paragraphs = [" ".join(_sentence(rng) for _ in range(2)) for _ in range(4)]
    return f"Report number {number}", paragraphs


def _reworded(paragraphs: list[str], rng: random.Random) -> list[str]:
    """A spun copy: numbers changed, a few words swapped, the rest kept."""
    out = []
    for paragraph in paragraphs:
        words = paragraph.split()
        for i in rng.sample(range(len(words)), 3):
            words[i] = str(rng.randint(2, 9000)) if words[i].rstrip(".").isdigit() else rng.choice(_WORDS)
        out.append(" ".join(words))
    return out


def _alerts(
    store: Store, root: Path, base: str, pages: dict[str, tuple[str, list[str]]], count: int, rng: random.Random
) -> tuple[list[float], int]:
    """Publish ``count`` reworded copies one at a time; the seconds each pass took, and the alerts raised."""
    watcher = Watcher(store, WatchConfig(polite=PoliteConfig(delay_s=0.0), alert_coverage=0.3))
    latencies: list[float] = []
    copies: list[str] = []
    alerts = 0
    for i in range(count + 1):  # the first copy warms the tracer (spaCy, the cross-encoder) and is not counted
        title, paragraphs = pages[f"/news/{rng.randrange(len(pages))}.html"]
        path = f"/copies/{i}.html"
        (root / path[1:]).write_text(article_html("Copy: " + title, _reworded(paragraphs, rng), site_name="Copy Farm"))
        copies.insert(0, path)
        (root / "copies.xml").write_text(rss(base, copies))
        # http.server's Last-Modified has whole seconds: step the feed's clock so each version is newer.
        os.utime(root / "copies.xml", (time.time() + 2 * i, time.time() + 2 * i))
        started = time.perf_counter()
        result = watcher.run_pass([base + "/copies.xml"])
        if i:
            latencies.append(time.perf_counter() - started)
            alerts += result.alerts
    return latencies, alerts


def _serve(root: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``python -m http.server`` on 127.0.0.1 in its own process, so it does not share the watcher's interpreter."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(root)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return server, f"http://127.0.0.1:{port}"
        time.sleep(0.05)
    server.kill()
    raise SystemExit("the local server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--alerts", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(7)
    pages = {f"/news/{i}.html": _page(rng, i) for i in range(args.pages)}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        (root / "news").mkdir(parents=True)
        (root / "copies").mkdir()
        server, base = _serve(root)
        try:
            for path, (title, paragraphs) in pages.items():
                (root / path[1:]).write_text(article_html(title, paragraphs))
            (root / "sitemap.xml").write_text(sitemap(base, list(pages)))
            (root / "warm.html").write_text(article_html(*_page(rng, -1)))
            (root / "warm.xml").write_text(sitemap(base, ["/warm.html"]))
            with Store(Path(tmp) / "watch.db") as store:
                # The timed pass ingests without tracing: the 'watch to fill the store' case.
                filler = Watcher(store, WatchConfig(polite=PoliteConfig(delay_s=0.0)))
                filler.run_pass([base + "/warm.xml"])  # loads the models, compiles the kernels: not timed
                started = time.perf_counter()
                summary = filler.run_pass([base + "/sitemap.xml"])
                seconds = time.perf_counter() - started
                assert summary.added == args.pages, summary
                latencies, alerts = _alerts(store, root, base, pages, args.alerts, rng)
        finally:
            server.kill()
            server.wait()
    total = {
        "fetching": summary.seconds_fetching_pages, "extraction": summary.seconds_extracting,
        "indexing and commit": summary.seconds_storing,
    }
    total["other (sitemap, vector-index save)"] = seconds - sum(total.values())
    result_json = {
        "cpus": os.cpu_count(),
        "pages": args.pages,
        "pass_seconds": round(seconds, 2),
        "pages_per_s": round(args.pages / seconds, 1),
        "share_of_pass": {k: round(v / seconds, 3) for k, v in total.items()},
        "alert_pages": args.alerts,
        "alerts_raised": alerts,
        "alert_latency_p50_ms": round(1000 * statistics.median(latencies), 1),
        "alert_latency_p95_ms": round(1000 * sorted(latencies)[max(0, int(0.95 * len(latencies)) - 1)], 1),
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "watch.json").write_text(json.dumps(result_json, indent=2) + "\n")
    print(f"{'measure':<46}{'value':>12}")
    print(f"{'pages in one pass':<46}{args.pages:>12}")
    print(f"{'pages per second':<46}{result_json['pages_per_s']:>12}")
    for stage, share in result_json["share_of_pass"].items():
        print(f"{'share of pass: ' + stage:<46}{share:>12.1%}")
    print(f"{'alert latency p50 (ms, warm)':<46}{result_json['alert_latency_p50_ms']:>12}")
    print(f"{'alert latency p95 (ms, warm)':<46}{result_json['alert_latency_p95_ms']:>12}")
    print(f"{'alerts raised / copies':<46}{f'{alerts}/{args.alerts}':>12}")


if __name__ == "__main__":
    main()
