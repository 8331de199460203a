"""The HTTP API and page: same answers as the CLI, safe with hostile input and hosts."""

from __future__ import annotations

import base64
import http.server
import json
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from conftest import EXAMPLES
from service_helpers import free_port, running_server
from unspin.errors import FetchError
from unspin.read.fetch import FetchConfig, fetch_url
from unspin.add import ingest
from unspin.service import ServiceConfig, create_app
from unspin.store import Store

HOSTILE = (
    "Officials said the bridge would open in March. <script>alert('x')</script> "
    "They added <img src=x onerror=alert(1)> that costs had doubled.\n\n"
    "The mayor declined to comment on the delay."
)


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("svc") / "example.db"
    with Store(path) as store:
        ingest([str(EXAMPLES / "originals")], store)
    return path


@pytest.fixture
def client(example_db: Path, tmp_path: Path) -> Iterator[TestClient]:
    db = tmp_path / "copy.db"
    db.write_bytes(example_db.read_bytes())
    with TestClient(create_app(ServiceConfig(db=str(db), max_body_bytes=100_000))) as c:
        yield c


def _cli_json(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "unspin", *args, "--format", "json"], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_trace_and_compare_answer_as_the_cli(client: TestClient, example_db: Path) -> None:
    copy = EXAMPLES / "copies" / "bridge-spun.txt"
    original = EXAMPLES / "originals" / "harbour-bridge.txt"
    traced = client.post("/api/trace", json={"text": copy.read_text(), "source": str(copy)})
    assert traced.status_code == 200
    cli_trace = _cli_json("trace", str(copy), "--db", str(example_db))
    assert traced.json()["sources"] == cli_trace["sources"]
    assert traced.json()["unexplained"] == cli_trace["unexplained"]
    assert traced.json()["sources"][0]["title"] == "Council approves new harbour bridge after two-year review"
    assert traced.json()["sources"][0]["direction"] == "b_to_a" and traced.json()["sources"][0]["blocks"]
    assert traced.json()["stored_id"] == cli_trace["stored_id"] is None

    compared = client.post("/api/compare", json={
        "a": {"text": original.read_text(), "source": str(original)}, "b": {"text": copy.read_text(), "source": str(copy)},
    })
    assert compared.status_code == 200
    assert compared.json() == _cli_json("compare", str(original), str(copy))


def test_articles_add_get_and_duplicate(client: TestClient) -> None:
    before = client.get("/healthz").json()["articles"]
    added = client.post("/api/articles", json={"html": "<html><head><title>Ferry fares</title></head><body>"
                                              "<p>Ferry fares will rise by 4% in May, the operator said on Monday.</p>"
                                              "<p>Passenger groups said the rise was the third in two years.</p></body></html>"})
    assert added.status_code == 201 and added.json()["added"] is True
    again = client.post("/api/articles", json={"html": "<html><body><p>Ferry fares will rise by 4% in May, the operator said"
                                              " on Monday.</p><p>Passenger groups said the rise was the third in two years.</p>"
                                              "</body></html>"})
    assert again.status_code == 200 and again.json() == {**again.json(), "id": added.json()["id"], "added": False}
    stored = client.get(f"/api/articles/{added.json()['id']}").json()
    assert stored["title"] == "Ferry fares" and "third in two years" in stored["text"]
    assert client.get("/healthz").json()["articles"] == before + 1
    assert client.get("/api/articles/99999").status_code == 404


@pytest.mark.parametrize("body, status, words", [
    ({"text": "a", "url": "http://example.org"}, 422, "exactly one"),
    ({}, 422, "exactly one"),
    ({"text": "   "}, 400, "empty"),
    ({"url": "http://127.0.0.1:9/"}, 422, "non-public"),
    ({"url": "http://10.1.2.3/"}, 422, "non-public"),
    ({"url": "http://169.254.169.254/latest/meta-data/"}, 422, "non-public"),
    ({"url": "http://[::1]/"}, 422, "non-public"),
    ({"url": "file:///etc/passwd"}, 422, "only http and https"),
    ({"url": "/etc/passwd"}, 422, "only http and https"),
])
def test_bad_requests_get_json_errors(client: TestClient, body: dict, status: int, words: str) -> None:
    response = client.post("/api/trace", json=body)
    assert response.status_code == status
    assert words in response.json()["error"]


def test_oversized_bodies_get_413(client: TestClient) -> None:
    response = client.post("/api/trace", json={"text": "word " * 50_000})
    assert response.status_code == 413 and "limit" in response.json()["error"]
    chunked = client.post("/api/trace", content=(b"x" * 10_000 for _ in range(20)), headers={"content-type": "application/json"})
    assert chunked.status_code == 413


def test_hostile_article_is_escaped_in_report_and_page(client: TestClient) -> None:
    report = client.post("/report", data={"text_a": HOSTILE, "text_b": HOSTILE.replace("March", "May")})
    assert report.status_code == 200
    assert "<script>alert" not in report.text and "<img src=x" not in report.text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in report.text
    refused = client.post("/report", data={"url_a": "http://127.0.0.1/<script>"})
    assert refused.status_code == 400 and "<script>" not in refused.text and "non-public" in refused.text


def test_uploaded_file_is_traced(client: TestClient) -> None:
    html = (EXAMPLES / "copies" / "salmon-rewrite.html").read_bytes()
    report = client.post("/report", files={"file_a": ("salmon-rewrite.html", html, "text/html")})
    assert report.status_code == 200 and 'class="passage' in report.text and "salmon-rewrite.html" in report.text


def test_redirects_are_rechecked_and_bounded() -> None:
    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd" if self.path == "/to-file" else "/loop")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with pytest.raises(FetchError, match="only http and https"):
            fetch_url(base + "/to-file", FetchConfig(allow_private=True))
        with pytest.raises(FetchError, match="more than 2 redirects"):
            fetch_url(base + "/loop", FetchConfig(allow_private=True, max_redirects=2))
    finally:
        server.shutdown()


def test_the_guarded_fetch_connects_only_to_the_address_it_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS rebinding: the name's first answer is public, every later one loopback, where a server
    waits. A fetch that checks one answer and connects by another reaches that server."""
    reached: list[str] = []

    class Secret(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            reached.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"internal only")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Secret)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    real = socket.getaddrinfo
    answers = iter([("93.184.216.34", port)])

    def rebinding(host: str, *args: object, **kwargs: object) -> list[Any]:
        if host != "rebind.example":
            return real(host, *args, **kwargs)  # type: ignore[arg-type]
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", next(answers, ("127.0.0.1", port)))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    try:
        with pytest.raises(FetchError, match="could not be fetched"):  # the public address does not answer
            fetch_url(f"http://rebind.example:{port}/", FetchConfig(timeout_s=0.5))
        with pytest.raises(FetchError, match=r"non-public address \(127.0.0.1\)"):  # later answers are refused
            fetch_url(f"http://rebind.example:{port}/", FetchConfig(timeout_s=0.5))
        assert reached == []
        assert fetch_url(f"http://127.0.0.1:{port}/", FetchConfig(allow_private=True)).body == b"internal only"
    finally:
        server.shutdown()


def test_concurrent_requests_share_one_store(example_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    db.write_bytes(example_db.read_bytes())
    copy = (EXAMPLES / "copies" / "bridge-spun.txt").read_text()
    with running_server(ServiceConfig(db=str(db))) as base:
        def call(n: int) -> int:
            with httpx.Client(base_url=base, timeout=60) as http:
                if n % 3 == 0:
                    text = f"Report number {n} on the river level.\n\nThe river rose {n} centimetres overnight, officials said."
                    return http.post("/api/articles", json={"text": text}).status_code
                traced = http.post("/api/trace", json={"text": copy})
                return traced.status_code if traced.json()["sources"] else -1
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(call, range(24)))
    assert statuses.count(201) == 8 and statuses.count(200) == 16
    with Store(db, create=False) as store:
        assert store.integrity_ok() and store.count() == 3 + 8


def test_serve_command_starts(tmp_path: Path, example_db: Path) -> None:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "unspin", "serve", "--db", str(example_db), "--port", str(port)])
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("unspin serve did not answer")
                time.sleep(0.2)
        assert health.json() == {"status": "ok", "articles": 3}
        assert "text_a" in httpx.get(f"http://127.0.0.1:{port}/").text
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_page_script_stored_article_page_and_downloadable_json(client: TestClient) -> None:
    answer = client.get("/")
    page, policy = answer.text, answer.headers["content-security-policy"]
    assert '<script src="/page.js" defer></script>' in page and "'unsafe-inline'" not in policy.split("script-src")[1]
    assert "script-src 'self';" in policy and "script-src 'self';" in page and "frame-ancestors 'none'" in policy
    script = client.get("/page.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert "progress" in script.text

    copy = (EXAMPLES / "copies" / "bridge-spun.txt").read_text(encoding="utf-8")
    report = client.post("/report", data={"text_a": copy}).text
    encoded = re.search(r'href="data:application/json;base64,([A-Za-z0-9+/=]+)" download="unspin-trace.json"', report)
    assert encoded, "the served report offers its JSON"
    downloaded = json.loads(base64.b64decode(encoded[1]))
    assert downloaded["sources"] == client.post("/api/trace", json={"text": copy}).json()["sources"]
    source_id = downloaded["sources"][0]["id"]
    assert f'href="/articles/{source_id}"' in report and 'id="check-another"' in report

    stored = client.get(f"/articles/{source_id}")
    assert stored.status_code == 200 and "$42 million" in stored.text and 'href="/"' in stored.text
    missing = client.get("/articles/999999")
    assert missing.status_code == 404 and "999999" in missing.json()["error"]


def test_stored_article_page_escapes_the_article(client: TestClient) -> None:
    added = client.post("/api/articles", json={"text": HOSTILE, "source": "<b>hostile</b>"}).json()
    page = client.get(f"/articles/{added['id']}").text
    assert "<script>alert" not in page and "<b>hostile</b>" not in page and "&lt;b&gt;hostile&lt;/b&gt;" in page
