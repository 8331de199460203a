"""unspin watch against its own news site on 127.0.0.1 (tests/watch_site.py).

The site has a home page that links an RSS and an Atom feed, a robots.txt
with a disallowed folder and a Sitemap: line to a sitemap index of a news
sitemap; failure pages (404, slow, trickling, not an article, a dead port,
a malformed feed); a content farm copying two stored articles; and WARCs.
"""

from __future__ import annotations

import io
import json
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from unspin.add import ingest
from unspin.service import ServiceConfig, create_app
from unspin.store import Store
from unspin.watch import WatchConfig, Watcher
from unspin.watch.alerts import AlertWriter
from unspin.watch.polite import PoliteConfig

sys.path.insert(0, str(Path(__file__).parent))
from watch_site import (  # noqa: E402
    ARTICLES, FARM_PAGE, Site, article_html, atom, cut_off, rss, serve, sitemap, sitemap_index, slow, trickle,
)

FAST = WatchConfig(polite=PoliteConfig(delay_s=0.0))
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}


def _publish(site: Site, feed: list[str], atom_paths: list[str], news: list[str]) -> None:
    b = site.base
    site.put("/", '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
                  '<link rel="alternate" type="application/atom+xml" href="/atom.xml"></head><body><p>Home</p></body></html>')
    site.put("/robots.txt", f"User-agent: *\nDisallow: /private/\nSitemap: {b}/sitemap-index.xml\n", "text/plain")
    for path, (title, paragraphs) in ARTICLES.items():
        site.put(path, article_html(title, paragraphs))
    site.put("/private/memo.html", article_html("Internal memo", ["Not for robots: the memo is private. " * 3]))
    site.put("/feed.xml", rss(b, feed), "application/rss+xml")
    site.put("/atom.xml", atom(b, atom_paths), "application/atom+xml")
    site.put("/sitemap-index.xml", sitemap_index(b, ["/sitemap-news.xml"]), "application/xml")
    site.put("/sitemap-news.xml", sitemap(b, news, news=True), "application/xml")


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(Site()) as running:
        _publish(running, ["/news/ferry.html", "/news/library.html", "/private/memo.html"],
                 ["/news/orchard.html"], ["/news/choir.html", "/news/bridge.html"])
        yield running


def _urls(store: Store) -> set[str]:
    return {a.url or "" for a in store.iter_articles()}


def test_passes_ingest_allowed_pages_then_only_what_is_new(site: Site, tmp_path: Path) -> None:
    problems: list[tuple[str, str]] = []
    with Store(tmp_path / "w.db") as store:
        watcher = Watcher(store, FAST, on_problem=lambda url, reason: problems.append((url, reason)))
        first = watcher.run_pass([site.base + "/"])
        allowed = {site.base + p for p in ("/news/ferry.html", "/news/library.html", "/news/orchard.html",
                                           "/news/choir.html", "/news/bridge.html")}
        assert _urls(store) == allowed and first.added == 5
        assert problems == [(site.base + "/private/memo.html", "disallowed by robots.txt")]
        assert "/private/memo.html" not in {path for path, _ in site.log}

        site.log.clear()
        second = watcher.run_pass([site.base + "/"])
        assert second.new_pages == 0 and second.unchanged == 3
        fetched = dict(site.log)
        assert fetched == {"/": 200, "/feed.xml": 304, "/atom.xml": 304, "/sitemap-index.xml": 200, "/sitemap-news.xml": 304}

        site.put("/feed.xml", rss(site.base, ["/news/tram.html", "/news/ferry.html", "/news/library.html"]), "application/rss+xml")
        site.log.clear()
        third = watcher.run_pass([site.base + "/"])
        assert third.added == 1 and third.new_pages == 1
        assert [p for p, _ in site.requests("/news/")] == ["/news/tram.html"]
        assert site.base + "/news/tram.html" in _urls(store)


def test_requests_are_polite(site: Site, tmp_path: Path) -> None:
    """One host is asked at most once per delay, with the configured User-Agent, whose own robots rules apply."""
    site.put("/robots.txt", "User-agent: unspin-test\nDisallow: /news/choir.html\n\nUser-agent: *\nDisallow:\n", "text/plain")
    site.put("/feed.xml", rss(site.base, ["/news/ferry.html", "/news/choir.html", "/news/library.html"]), "application/rss+xml")
    config = WatchConfig(polite=PoliteConfig(delay_s=0.4, user_agent="unspin-test/1.0 (+mailto:desk@example.org)"))
    problems: list[str] = []
    with Store(tmp_path / "w.db") as store:
        Watcher(store, config, on_problem=lambda url, reason: problems.append(f"{url}: {reason}")).run_pass([f"{site.base}/feed.xml"])
        assert _urls(store) == {f"{site.base}/news/ferry.html", f"{site.base}/news/library.html"}
    assert problems == [f"{site.base}/news/choir.html: disallowed by robots.txt"]
    assert [path for path, _, _ in site.agents] == ["/robots.txt", "/feed.xml", "/news/ferry.html", "/news/library.html"]
    assert {agent for _, agent, _ in site.agents} == {"unspin-test/1.0 (+mailto:desk@example.org)"}
    times = [t for _, _, t in site.agents]
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.39


@pytest.fixture
def farm() -> Iterator[Site]:
    """A second site, on another port of 127.0.0.1, that copies word for word."""
    with serve(Site()) as running:
        running.put("/ferry.html", article_html(*ARTICLES["/news/ferry.html"], site_name="Daily Buzz"))
        running.put("/mirror.xml", rss(running.base, ["/ferry.html"]), "application/rss+xml")
        yield running


def test_copying_page_raises_one_alert_naming_both_sources(site: Site, farm: Site, tmp_path: Path) -> None:
    originals = ["/news/dredging.html", "/news/water.html", "/news/ferry.html"]
    site.put("/wire.xml", rss(site.base, originals), "application/rss+xml")
    site.put("/farm/shock.html", article_html(FARM_PAGE[0], FARM_PAGE[1], site_name="Daily Buzz"))
    site.put("/farm/feed.xml", rss(site.base, ["/farm/shock.html"]), "application/rss+xml")
    mirror = farm.base + "/ferry.html"
    writer = AlertWriter(tmp_path / "alerts.jsonl", tmp_path / "reports")
    config = WatchConfig(polite=PoliteConfig(delay_s=0.0), alert_coverage=0.3)
    with Store(tmp_path / "w.db") as store:
        watcher = Watcher(store, config, on_alert=writer.write, prepare_alert=writer.prepare)
        assert watcher.run_pass([site.base + "/wire.xml"]).alerts == 0
        ids = {a.url: a.id for a in store.iter_articles()}
        summary = watcher.run_pass([site.base + "/farm/feed.xml"])
        stored = store.recent_alerts()
    assert summary.alerts == 1
    [line] = (tmp_path / "alerts.jsonl").read_text().splitlines()
    alert = json.loads(line)
    assert alert["url"] == site.base + "/farm/shock.html" and alert["title"] == FARM_PAGE[0]
    by_url = {s["url"]: s for s in alert["sources"]}
    assert set(by_url) == {site.base + "/news/dredging.html", site.base + "/news/water.html"}
    for url, source in by_url.items():
        assert source["id"] == ids[url] and source["coverage"] >= 0.3
        assert source["changes"] and all(isinstance(n, int) and n > 0 for n in source["changes"].values())
    assert "number" in " ".join(by_url[site.base + "/news/water.html"]["changes"])
    assert Path(alert["html"]).read_text().startswith("<!DOCTYPE html>")
    assert [a["url"] for a in stored] == [alert["url"]] and stored[0]["sources"] == alert["sources"]

    with Store(tmp_path / "w.db") as store:
        verbatim = Watcher(store, config, on_alert=writer.write, prepare_alert=writer.prepare).run_pass([farm.base + "/mirror.xml"])
    assert verbatim.alerts == 1 and verbatim.duplicates == 1
    copied = json.loads((tmp_path / "alerts.jsonl").read_text().splitlines()[1])
    assert copied["url"] == mirror and copied["sources"][0]["url"] == site.base + "/news/ferry.html"
    assert copied["sources"][0]["coverage"] == 1.0 and copied["sources"][0]["changes"] == {}

    with TestClient(create_app(ServiceConfig(db=str(tmp_path / "w.db")))) as client:
        answer = client.get("/api/alerts", params={"limit": 5}).json()
        assert [a["url"] for a in answer["alerts"]] == [mirror, alert["url"]]
        assert client.get("/api/alerts", params={"limit": 0}).status_code == 422
        page = client.get("/").text
        assert 'id="alerts"' in page and "Shock as port and council hit residents again" in page


def test_each_failure_is_one_line_and_the_pass_goes_on(site: Site, tmp_path: Path) -> None:
    b = site.base
    site.put("/broken.xml", '<?xml version="1.0"?><rss><channel><item><link>' + b + "/news/tram.html</link></item>",
             "application/rss+xml")
    site.put("/empty.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    site.special["/slow.html"] = slow(3.0)
    site.special["/trickle.html"] = trickle(4.0)
    bad = ["/missing.html", "/slow.html", "/trickle.html", "/empty.html", "/private/memo.html", "/news/bridge.html"]
    site.put("/bad-feed.xml", rss(b, bad), "application/rss+xml")
    sources = tmp_path / "sources.txt"
    sources.write_text(f"# watched\n{b}/bad-feed.xml\n{b}/broken.xml\nhttp://127.0.0.1:1/feed.xml\n")
    run = subprocess.run(
        [sys.executable, "-m", "unspin", "watch", "--sources", str(sources), "--once", "--db", str(tmp_path / "w.db"),
         "--delay", "0", "--timeout", "1", "--deadline", "1.5"],
        capture_output=True, text=True, env=ENV, timeout=60,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stderr.strip().splitlines()
    expected = {
        f"{b}/missing.html": "HTTP 404",
        f"{b}/slow.html": "took longer than the 1 s limit",
        f"{b}/trickle.html": "longer than 1.5 s",
        f"{b}/empty.html": "not an article",
        f"{b}/private/memo.html": "disallowed by robots.txt",
        f"{b}/broken.xml": "malformed feed",
        "http://127.0.0.1:1/feed.xml": "robots.txt could not be read",
    }
    for url, reason in expected.items():
        [line] = [l for l in lines if l.startswith(f"unspin: {url}: ")]
        assert reason in line, line
    assert len(lines) == len(expected) + 1 and "Traceback" not in run.stderr
    assert "added 1" in lines[-1] and "failed 7" in lines[-1]
    with Store(tmp_path / "w.db") as store:
        assert _urls(store) == {f"{b}/news/bridge.html"}
        outcomes = {p.url: p.outcome for p in store.seen_pages()}
    # Failures for good are remembered; transient ones (slow, robots) are retried next pass.
    assert outcomes == {f"{b}/missing.html": "HTTP 404", f"{b}/empty.html": "not an article", f"{b}/news/bridge.html": "added"}


@pytest.mark.parametrize("args, words", [
    ([], "give SOURCE URLs or --sources FILE"),
    (["ftp://example.org/feed.xml"], "not an http(s) URL"),
    (["http://127.0.0.1:1/feed.xml", "--alerts", "a.jsonl"], "need --alert-coverage"),
    (["http://127.0.0.1:1/feed.xml", "--alert-coverage", "2"], "--alert-coverage in (0, 1]"),
])
def test_usage_mistakes_exit_2(args: list[str], words: str, tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "unspin", "watch", *args, "--db", str(tmp_path / "w.db")],
                         capture_output=True, text=True, env=ENV, timeout=60)
    assert run.returncode == 2 and words in run.stderr and "Traceback" not in run.stderr


def test_without_once_it_polls_every_interval_until_stopped(site: Site, tmp_path: Path) -> None:
    site.put("/quiet.xml", rss(site.base, []), "application/rss+xml")
    command = [sys.executable, "-m", "unspin", "watch", f"{site.base}/quiet.xml", "--interval", "0.5", "--delay", "0",
               "--db", str(tmp_path / "w.db")]
    # Started as a shell starts a command, with Ctrl-C's default action: a long test session may
    # have left SIGINT ignored, which a child would inherit and so never see the interrupt.
    process = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert process.stderr is not None
        passes = [process.stderr.readline() for _ in range(3)]
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)  # the command itself must end; then whatever it wrote last
        rest = _drain(process.stderr.fileno())
    finally:
        process.kill()
    assert all(line.startswith("watched 1 source (") for line in passes)
    assert "(1 unchanged)" in passes[1] and "(1 unchanged)" in passes[2]
    assert process.returncode == 130 and "Traceback" not in rest
    assert [status for path, status in site.log if path == "/quiet.xml"][:3] == [200, 304, 304]


def test_alert_list_on_the_page_is_escaped() -> None:
    from unspin.service.page import alerts_section

    hostile = {"url": "javascript:alert(1)", "title": "<script>x</script>",
               "sources": [{"id": 1, "title": "<img src=x onerror=y>", "coverage": 0.5}]}
    html = alerts_section([hostile])
    assert "<script>" not in html and "<img" not in html and "javascript:" not in html
    assert "&lt;script&gt;" in html and "50%" in html


def _drain(fd: int, quiet_s: float = 2.0) -> str:
    """What is left to read on ``fd``, without waiting on a writer that outlives the command."""
    chunks = []
    while select.select([fd], [], [], quiet_s)[0]:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def _store_state(path: Path) -> tuple[list, list, list]:
    with Store(path) as store:
        articles = sorted((a.url, a.content_hash) for a in store.iter_articles())
        seen = sorted((p.url, p.outcome, p.content_hash) for p in store.seen_pages())
        sources = sorted((s.url, s.etag) for u in ["/feed.xml"] if (s := store.source_state(u)) is not None)
        assert store.integrity_ok()
    return articles, seen, sources


def test_kill_9_mid_pass_then_resume_gives_the_same_store(site: Site, tmp_path: Path) -> None:
    order = ["/news/ferry.html", "/news/library.html", "/news/wait.html", "/news/orchard.html", "/news/choir.html"]
    site.special["/news/wait.html"] = slow(30.0, article_html(*ARTICLES["/news/tram.html"]).encode())
    site.put("/feed.xml", rss(site.base, order), "application/rss+xml")
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "unspin", "watch", f"{site.base}/feed.xml", "--once", "--db", str(db), "--delay", "0"]
    process = subprocess.Popen(command + ["--timeout", "40"], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 40
        while ("/news/wait.html", 200) not in site.log:
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        process.kill()
    committed, _, saved = _store_state(db)
    assert [url for url, _ in committed] == sorted(site.base + p for p in order[:2]) and saved == []

    site.special["/news/wait.html"] = slow(0.0, article_html(*ARTICLES["/news/tram.html"]).encode())
    site.log.clear()
    resumed = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=60)
    assert resumed.returncode == 0, resumed.stderr
    assert [p for p, _ in site.requests("/news/")] == order[2:]  # the committed pages were not fetched again

    reference = tmp_path / "reference.db"
    with Store(reference) as store:
        Watcher(store, FAST).run_pass([f"{site.base}/feed.xml"])
    assert _store_state(db) == _store_state(reference)


def _warc(paths: list[str]) -> tuple[bytes, list[int]]:
    """A gzipped WARC of the articles at ``paths``, and the offset where each record ends."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    ends = []
    for path in paths:
        body = article_html(*ARTICLES[path]).encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org{path}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
        ends.append(buffer.tell())
    return buffer.getvalue(), ends


def test_add_streams_a_warc_url_and_keeps_records_before_a_dropped_connection(site: Site, tmp_path: Path) -> None:
    paths = ["/news/ferry.html", "/news/library.html", "/news/orchard.html"]
    data, ends = _warc(paths)
    site.put("/cc-news.warc.gz", data, "application/warc")
    site.special["/cut.warc.gz"] = cut_off(data, (ends[1] + ends[2]) // 2)
    with Store(tmp_path / "full.db") as store:
        full = ingest([site.base + "/cc-news.warc.gz"], store)
        assert len(full.added) == 3 and not full.problems
    with Store(tmp_path / "cut.db") as store:
        cut = ingest([site.base + "/cut.warc.gz"], store)
        assert len(cut.added) == 2 and _urls(store) == {f"https://example.org{p}" for p in paths[:2]}
    [problem] = cut.problems
    assert problem.source == site.base + "/cut.warc.gz" and "truncated or malformed WARC after" in problem.reason
