"""Alerts: a watched page that reuses stored articles above a coverage.

An alert is one JSON object (a contract: fields are added, never renamed):
the page's ``url``, ``title``, ``site`` and ``published``, and the stored
``sources`` it reuses at or above the threshold, each with its ``id``,
``url``, ``title``, ``coverage``, ``meaning_changed`` and ``changes``, the
count of each type of change found in the reused passages.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from unspin.records import Trace


def alert_json(result: Trace, min_coverage: float) -> dict[str, Any] | None:
    """The alert for a traced page, or None when no source covers ``min_coverage`` of it."""
    sources = [
        {
            "id": match.source.id, "url": match.source.url, "title": match.source.title,
            "coverage": match.coverage, "meaning_changed": match.meaning_changed,
            "changes": dict(sorted(Counter(c.type for p in match.passages for c in p.changes).items())),
        }
        for match in result.sources
        if match.coverage >= min_coverage
    ]
    if not sources:
        return None
    article = result.article
    return {
        "url": article.url, "title": article.title, "site": article.site, "published": article.published,
        "sources": sources,
    }


def html_name(url: str) -> str:
    """A stable file name for a page's report: the same page always maps to the same file."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16] + ".html"


class AlertWriter:
    """Writes each alert as one JSON line (to a file, else stdout) and, if asked, its HTML report."""

    def __init__(self, jsonl: Path | None = None, html_dir: Path | None = None) -> None:
        self.jsonl = jsonl
        self.html_dir = html_dir
        if html_dir is not None:
            html_dir.mkdir(parents=True, exist_ok=True)

    def prepare(self, alert: dict[str, Any]) -> dict[str, Any]:
        """The alert as it is stored and written: with its ``html`` report path when reports are kept."""
        if self.html_dir is None:
            return alert
        return {**alert, "html": str(self.html_dir / html_name(str(alert.get("url") or alert.get("title"))))}

    def write(self, alert: dict[str, Any], result: Trace) -> None:
        line = json.dumps(alert, ensure_ascii=False) + "\n"
        if self.jsonl is None:
            sys.stdout.write(line)
            sys.stdout.flush()
        else:
            with self.jsonl.open("a", encoding="utf-8") as stream:
                stream.write(line)
        if "html" in alert:
            from unspin.report.html_report import trace_html

            Path(alert["html"]).write_text(trace_html(result), encoding="utf-8")
