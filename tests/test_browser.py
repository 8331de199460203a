"""End to end in a real headless Chromium: paste the two seeds, see passages and changes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import seed
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
