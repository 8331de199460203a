"""The README's screenshot: the example pair compared through the web page.

    .venv/bin/python bench/screenshot_report.py [--out docs/report.png]

Starts ``unspin serve`` on an empty store, opens ``/`` in headless Chromium
(Debian's ``chromium``), uploads the example original and its spun copy,
submits, and screenshots the report. Our own example text only, so the
image carries no third-party words.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_service import EXAMPLES, ROOT, start  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("chromium is not installed: apt-get install -y chromium")
    work = Path(tempfile.mkdtemp(prefix="unspin-shot-"))
    process, base = start(work / "empty.db", 1)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 1050})
            page.goto(base + "/")
            page.set_input_files("#file_a", str(EXAMPLES / "originals" / "harbour-bridge.txt"))
            page.set_input_files("#file_b", str(EXAMPLES / "copies" / "bridge-spun.txt"))
            page.click("#submit")
            page.wait_for_selector("article.passage")
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out))
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
