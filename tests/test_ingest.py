"""Ingest of every input format, and every kind of bad input."""

from __future__ import annotations

import gzip
import http.server
import io
import json
import threading
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import EXAMPLES, seed
from unspin.add import ingest
from unspin.read.readers import ReadConfig
from unspin.store import Store

PAGE = """<html><head><title>{title}</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1><p>{body} The committee met on Tuesday to weigh the plan in detail.</p>
<p>Members said a decision would follow within the month, after more hearings.</p></article>
<footer>Previous post Something else entirely</footer></body></html>"""


def write_warc(path: Path, pages: dict[str, str], gz: bool = True) -> None:
    with open(path, "wb") as raw:
        writer = WARCWriter(raw, gzip=gz)
        for uri, html in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
            writer.write_record(record)


def run(inputs: list[str], tmp_path: Path, **kw: int):  # type: ignore[no-untyped-def]
    with Store(tmp_path / "s.db") as store:
        summary = ingest(inputs, store, ReadConfig(**kw) if kw else ReadConfig())
        return summary, list(store.iter_articles())


def test_plain_text_is_stored_unchanged_with_furniture_marked(tmp_path: Path) -> None:
    path = seed("000")
    summary, articles = run([str(path)], tmp_path)
    assert len(summary.added) == 1
    article = articles[0]
    assert article.text == path.read_text(encoding="utf-8")
    furniture = [article.text[s:e] for s, e in article.boilerplate]
    assert any(f.startswith("Previous post") for f in furniture)
    assert any(f.startswith("Next post") for f in furniture)
    indexed = " ".join(article.text[s:e] for s, e in article.sentences)
    assert "Previous post" not in indexed and "Next post" not in indexed


def test_second_seed_masthead_and_mobile_footer_are_furniture(tmp_path: Path) -> None:
    _, articles = run([str(seed("001"))], tmp_path)
    indexed = [articles[0].text[s:e] for s, e in articles[0].sentences]
    assert "Exit mobile version" not in indexed
    assert "newsweekshowcase.com" not in indexed


def test_html_extraction_drops_navigation_and_reads_metadata(tmp_path: Path) -> None:
    _, articles = run([str(EXAMPLES / "originals" / "library-hours.html")], tmp_path)
    article = articles[0]
    assert article.title == "Library extends weekend opening hours"
    assert article.published == "2024-05-14"
    assert article.author == "Priya Nair"
    assert article.site == "Hollin Gazette"
    for furniture in ("Contact", "Previous post", "Copyright 2024"):
        assert furniture not in " ".join(article.text[s:e] for s, e in article.sentences)


def test_directory_recurses_and_rerun_skips_duplicates(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        first = ingest([str(EXAMPLES / "originals")], store)
        again = ingest([str(EXAMPLES)], store)
        assert len(first.added) == 3
        assert again.duplicates == 3 and len(again.added) == 3
        assert store.count() == 6


def test_warc_gz_keeps_uri_and_crawl_date(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, {f"https://news.example.com/{i}": PAGE.format(title=f"Story {i}", body=f"Story number {i} begins.") for i in range(3)})
    summary, articles = run([str(warc)], tmp_path)
    assert len(summary.added) == 3 and not summary.problems
    assert {a.url for a in articles} == {f"https://news.example.com/{i}" for i in range(3)}
    assert all(a.published and a.site == "news.example.com" for a in articles)


def test_truncated_warc_gz_keeps_earlier_records_and_reports(tmp_path: Path) -> None:
    warc = tmp_path / "cut.warc.gz"
    write_warc(warc, {f"https://x.example.com/{i}": PAGE.format(title=f"T{i}", body=f"Body {i} text here.") for i in range(4)})
    data = warc.read_bytes()
    warc.write_bytes(data[: int(len(data) * 0.8)])
    summary, articles = run([str(warc)], tmp_path)
    assert 1 <= len(articles) < 4
    assert len(summary.problems) == 1 and "truncated or malformed WARC" in summary.problems[0].reason


def test_jsonl_good_and_malformed_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"id": "a1", "text": "A plain story about the harbour. It has two sentences.", "title": "Harbour", "url": "https://a.example/1"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "a2"}) + "\n"
        + json.dumps({"id": "a3", "html": PAGE.format(title="Third", body="The third story.")}) + "\n",
        encoding="utf-8",
    )
    summary, articles = run([str(path)], tmp_path)
    assert len(articles) == 2
    assert {a.title for a in articles} == {"Harbour", "Third"}
    reasons = sorted(p.source for p in summary.problems)
    assert reasons == [f"{path}:2", f"{path}:3"]


def test_latin1_and_mixed_encodings_decode(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("Café owners in Zürich protest. Prices rose by 5%.".encode("latin-1"))
    (tmp_path / "mixed.txt").write_bytes("Naïve first line in UTF-8.\n".encode() + "Second line in Latin-1: façade.\n".encode("latin-1"))
    summary, articles = run([str(tmp_path / "latin.txt"), str(tmp_path / "mixed.txt")], tmp_path)
    texts = sorted(a.text for a in articles)
    assert "Café owners in Zürich" in texts[0] and "façade" in texts[1] and "Naïve" in texts[1]


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.html", b"   \n  ", "empty"),
        ("image.bin", bytes(range(256)) * 10, "binary"),
        ("huge.html", b"<html><body><p>" + b"x" * 2_000_000 + b"</p></body></html>", "limit"),
    ],
)
def test_bad_files_are_reported_not_raised(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    summary, articles = run([str(path)], tmp_path, max_bytes=1_000_000)
    assert not articles
    assert len(summary.problems) == 1 and reason in summary.problems[0].reason


def test_missing_path_and_unreachable_url(tmp_path: Path) -> None:
    summary, _ = run([str(tmp_path / "nope.txt"), "http://127.0.0.1:9/story"], tmp_path)
    assert [p.source for p in summary.problems] == [str(tmp_path / "nope.txt"), "http://127.0.0.1:9/story"]
    assert "no such file" in summary.problems[0].reason
    assert "could not be fetched" in summary.problems[1].reason


def test_url_ingest_from_a_local_server(tmp_path: Path) -> None:
    body = PAGE.format(title="Served story", body="Served over HTTP.").encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/served"
        summary, articles = run([url], tmp_path)
    finally:
        server.shutdown()
    assert len(summary.added) == 1 and articles[0].url == url and articles[0].title == "Served story"


def test_gzip_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "Compressed feeds work as well. Two sentences here."}) + "\n")
    summary, articles = run([str(path)], tmp_path)
    assert len(articles) == 1
