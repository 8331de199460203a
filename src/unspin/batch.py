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

from unspin.api import compare
from unspin.errors import InputError
from unspin.read.article import article_from
from unspin.records import Article
from unspin.report.json_report import comparison_json


def _side(spec: object, where: str) -> Article:
    """The article one side of a line names: exactly one of ``path``, ``text`` or ``html``."""
    given = [key for key in ("path", "text", "html") if isinstance(spec, dict) and isinstance(spec.get(key), str)]
    if len(given) != 1 or not isinstance(spec, dict):
        raise InputError(f"{where}: needs exactly one of {{'path': ...}}, {{'text': ...}} or {{'html': ...}}")
    value = spec[given[0]]
    if given[0] == "path":
        return article_from(path=value)
    return article_from(text=value, source=where) if given[0] == "text" else article_from(html=value, source=where)


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
