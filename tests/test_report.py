"""The HTML report: self-contained, escaped, and showing what the JSON says."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from conftest import EXAMPLES
from test_service import HOSTILE
from unspin.api import article_from_text, compare
from unspin.report.html_report import ReportLinks, comparison_html


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
    assert re.search(r'<b>number</b><span class="words">\$42 million</span> → <span class="words">\$24 million</span>', page)
    assert '<span class="ev"' in page and "<del>" in page and "<ins>" in page


def test_hostile_text_is_escaped_everywhere(tmp_path: Path) -> None:
    a = article_from_text(HOSTILE, source='<img src=x onerror=alert("source")>')
    b = article_from_text(HOSTILE.replace("March", "May"), source="b")
    page = comparison_html(compare(a, b))
    assert "<script>" not in page and "<img" not in page
    assert "&lt;img src=x onerror=alert(&quot;source&quot;)&gt;" in page
    assert page.count('class="passage ') >= 1


def test_legend_explains_kinds_marks_and_the_change_types_shown() -> None:
    result = compare(article_from_text((EXAMPLES / "originals" / "harbour-bridge.txt").read_text(encoding="utf-8"), source="a"),
                     article_from_text((EXAMPLES / "copies" / "bridge-spun.txt").read_text(encoding="utf-8"), source="b"))
    page = comparison_html(result)
    legend = re.search(r'<section class="legend".*?</section>', page, re.S)
    assert legend and page.count('class="legend"') == 1
    for kind in ("verbatim", "edited", "paraphrase"):
        assert f'<span class="swatch {kind}"></span>' in legend[0]
    shown = {c.type for p in result.passages for c in p.changes}
    assert set(re.findall(r'<b class="type">([a-z]+)</b>', legend[0])) == shown
    assert "<del>words</del>" in legend[0] and "<ins>words</ins>" in legend[0] and "the source says a, the copy says b" in legend[0]
    assert re.search(r'<p class="verdict">B copies \d+% of its sentences from A — \d+ meaning changes: ', page)
    assert '<nav class="links">' not in page, "a report written to a file has no service links"


def test_served_report_links_back_to_json_and_to_stored_sources() -> None:
    a = replace(article_from_text(HOSTILE, source="a"), id=7)
    b = article_from_text(HOSTILE.replace("March", "May"), source="b")
    links = ReportLinks(back="/", json="data:application/json;base64,e30=", json_name="r.json", article="/articles/{id}")
    page = comparison_html(compare(a, b), links)
    assert '<a href="/" id="check-another">' in page
    assert '<a href="data:application/json;base64,e30=" download="r.json" id="download-json">' in page
    assert '<a href="/articles/7" class="stored">stored article 7</a>' in page
    assert "<script>" not in page
