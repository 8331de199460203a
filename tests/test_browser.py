"""End to end in a real headless Chromium: paste the two seeds, see passages and changes."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from conftest import EXAMPLES, seed
from service_helpers import running_server
from test_service import HOSTILE
from unspin.service import ServiceConfig

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags for a closed network: without them Chromium keeps trying Google's hosts.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make test installs it with apt-get)")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def base_url(tmp_path: Path) -> Iterator[str]:
    with running_server(ServiceConfig(db=str(tmp_path / "browser.db"))) as base:
        yield base


def test_paste_two_seeds_and_see_the_report(browser, base_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(base_url + "/")
    page.fill("#text_a", seed("000").read_text(encoding="utf-8"))
    page.fill("#text_b", seed("001").read_text(encoding="utf-8"))
    page.click("#submit")
    page.wait_for_selector("article.passage")
    assert page.locator("article.passage.verbatim").count() >= 1
    assert page.locator("article.passage.paraphrase").count() >= 1
    badges = page.locator(".badge b").all_inner_texts()
    assert {"negation", "date", "entity"} <= set(badges)
    assert page.get_by_text("sometimes-ally").count() >= 1
    shot = tmp_path / "seeds-report.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000


def test_pasted_script_never_runs(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base_url + "/")
    page.fill("#text_a", HOSTILE)
    page.fill("#text_b", HOSTILE.replace("March", "May"))
    page.click("#submit")
    page.wait_for_selector("article.passage")
    assert page.get_by_text("<script>alert('x')</script>").count() >= 1
    assert dialogs == [] and page.locator("img").count() == 0


def test_page_shows_progress_then_the_report_with_its_controls(browser, base_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Progress while waiting, then download JSON, a stored source's own page, and check another."""
    for name in ("harbour-bridge.txt", "library-hours.html"):
        body = {"text": (EXAMPLES / "originals" / name).read_text(encoding="utf-8"), "source": name}
        assert httpx.post(base_url + "/api/articles", json=body, timeout=60).status_code == 201
    expect = pytest.importorskip("playwright.sync_api").expect
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(base_url + "/")
    assert page.locator("#progress").is_hidden()
    # Keep this first submit from leaving the page, to see what the page shows while it waits.
    page.evaluate("document.getElementById('check').addEventListener('submit', e => e.preventDefault())")
    page.fill("#text_a", (EXAMPLES / "copies" / "bridge-spun.txt").read_text(encoding="utf-8"))
    page.click("#submit")
    assert page.locator("#progress").is_visible() and page.locator("#submit").is_disabled()
    assert "first check" in page.locator("#progress").inner_text()
    expect(page.locator("#elapsed")).to_have_text(re.compile(r"^\d+ s$"))  # the seconds count up

    page.goto(base_url + "/")
    page.fill("#text_a", (EXAMPLES / "copies" / "bridge-spun.txt").read_text(encoding="utf-8"))
    page.click("#submit")
    page.wait_for_selector("table.sources")
    assert page.locator(".legend").count() == 1
    assert {"verbatim", "edited", "paraphrase", "number", "negation"} <= {t.lower() for t in page.locator(".legend dt").all_inner_texts()}
    assert "copies 88% of its sentences from" in page.locator(".verdict").first.inner_text()

    with page.expect_download() as download:
        page.click("#download-json")
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert download.value.suggested_filename == "unspin-trace.json"
    assert saved["sources"][0]["source"] == "harbour-bridge.txt" and saved["sources"][0]["passages"]

    page.screenshot(path=str(tmp_path / "trace-report.png"))
    page.locator("table.sources a.stored").first.click()
    page.wait_for_selector("div.article")
    assert "$42 million" in page.locator("div.article").inner_text()
    page.click("#check-another")
    page.wait_for_selector("#text_a")
    assert page.locator("#progress").is_hidden() and page.locator("#submit").is_enabled()
