"""Batch comparison: many pairs in one process, one JSON line each.

Evaluation harnesses and users with many pairs pay model start-up once.
Each input line is ``{"id": str, "a": {"path": str} | {"text": str}, "b": ...}``;
a bad line is reported and skipped, and the run goes on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from unspin.api import article_from_text, compare, load_article
from unspin.errors import InputError
from unspin.records import Article
from unspin.report.json_report import comparison_json


def _side(spec: object, where: str) -> Article:
    if isinstance(spec, dict) and isinstance(spec.get("path"), str):
        return load_article(spec["path"])
    if isinstance(spec, dict) and isinstance(spec.get("text"), str):
        return article_from_text(spec["text"], source=where)
    if isinstance(spec, dict) and isinstance(spec.get("html"), str):
        return article_from_text(spec["html"], source=where, kind="html")
    raise InputError(f"{where}: needs {{'path': ...}}, {{'text': ...}} or {{'html': ...}}")


def compare_pairs(path: Path, report: Callable[[str], None], explain: bool = True) -> Iterator[dict[str, Any]]:
    """Yield the comparison JSON (plus ``id``) of each good line of ``path``."""
    try:
        handle = open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise InputError(f"{where}: a line must be a JSON object")
                pair_id = str(record.get("id", number))
                a = _side(record.get("a"), f"{where}:a")
                b = _side(record.get("b"), f"{where}:b")
            except json.JSONDecodeError as exc:
                report(f"{where}: malformed JSON ({exc})")
                continue
            except InputError as exc:
                report(str(exc))
                continue
            yield {"id": pair_id, **comparison_json(compare(a, b, explain=explain))}
