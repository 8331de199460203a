"""The HTML report: self-contained, escaped, and showing what the JSON says."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES
from test_service import HOSTILE
from unspin.api import article_from_text, compare
from unspin.report.html_report import comparison_html


def test_cli_html_report_is_self_contained_and_shows_changes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "unspin", "compare", str(EXAMPLES / "originals" / "harbour-bridge.txt"),
         str(EXAMPLES / "copies" / "bridge-spun.txt"), "--format", "html"],
        capture_output=True, text=True, check=True,
    )
    page = done.stdout
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "the report must make no external request"
    assert "<script" not in page
    assert page.count('class="passage ') == 6
    assert re.search(r'<div class="badge"><b>number</b>\$42 million → \$24 million</div>', page)
    assert '<span class="ev"' in page and "<del>" in page and "<ins>" in page


def test_hostile_text_is_escaped_everywhere(tmp_path: Path) -> None:
    a = article_from_text(HOSTILE, source='<img src=x onerror=alert("source")>')
    b = article_from_text(HOSTILE.replace("March", "May"), source="b")
    page = comparison_html(compare(a, b))
    assert "<script>" not in page and "<img" not in page
    assert "&lt;img src=x onerror=alert(&quot;source&quot;)&gt;" in page
    assert page.count('class="passage ') >= 1
