"""Scoring typed changes on labelled rewrites, through the ``compare --pairs`` contract.

The labelled realistic sets (``tests/data/realistic``, and the held-out
``tests/data/realistic-heldout`` written after the detectors and used only to
measure them, ``tests/data/realistic-heldout2``, written blind later still, and
``tests/data/realistic-dev3``, a development set written blind by someone who did
not write the rules) are our own fictional writing: each article folder holds ``source.txt``, a content-farm rewrite
``copy.txt`` and ``labels.json``::

    {"changes": [{"type": "hedge", "source_text": "may", "copy_text": "will", "note": "..."}],
     "faithful": [{"source_text": "...", "copy_text": "..."}]}

Label texts are exact, unique substrings of their side ("" where the change
has no evidence on that side: an omission has none in the copy, an addition
none in the source), so a label is a pair of character spans.

Scoring runs ``unspin compare --pairs FILE --format jsonl`` once for all
pairs (source as A, copy as B), the way held-out rewrites are scored, and
counts, per labelled change, whether a reported change of the same type
(typed) or of any type (any) overlaps its span on the source or the copy
side. A faithful pair is falsely flagged when any reported change (or
reported omitted source span) overlaps it on either side. Reported changes
that touch no labelled change and no faithful pair are counted as
unlabelled: neither right nor wrong by the labels, but a precision signal.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unspin.records import Change, Span, spans_overlap as _overlap

REALISTIC_DIR = Path(__file__).resolve().parents[3] / "tests" / "data" / "realistic"
HELDOUT_DIR = REALISTIC_DIR.with_name("realistic-heldout")
"""A second labelled set, written after the detectors, for measuring only: never tune on it."""
HELDOUT2_DIR = REALISTIC_DIR.with_name("realistic-heldout2")
"""A third labelled set, written blind after explain v2's generalisation work, for measuring only: never tune on it."""
DEV3_DIR = REALISTIC_DIR.with_name("realistic-dev3")
"""A fourth labelled set, written blind by someone who had not read explain's rules: a development set for checking
that a rule generalises to another writer's rewrites (read its cases, but do not edit them to move a score)."""
FAITHFUL_DIR = REALISTIC_DIR.with_name("faithful")
"""Rewrites that change no meaning (``"changes": []``): every change reported there is a false flag."""
CHANGE_TYPES = ("number", "entity", "date", "negation", "quote", "hedge", "inversion", "addition", "omission")


@dataclass(frozen=True, slots=True)
class LabelledChange:
    """One planted change: its type and evidence span on each side (``None`` where absent)."""

    type: str
    source: Span | None
    copy: Span | None
    note: str


@dataclass(frozen=True, slots=True)
class FaithfulPair:
    """A source stretch and its faithful paraphrase in the copy."""

    source: Span
    copy: Span


@dataclass(frozen=True, slots=True)
class LabelledPair:
    """A source article, its rewrite, and what the rewrite changed and kept."""

    name: str
    source: str
    copy: str
    changes: tuple[LabelledChange, ...]
    faithful: tuple[FaithfulPair, ...]


@dataclass(frozen=True, slots=True)
class ReportedChange:
    """A change as ``compare`` reported it, put on the source/copy sides."""

    type: str
    source: Span | None
    copy: Span | None


@dataclass(frozen=True, slots=True)
class TypeRecall:
    labelled: int
    typed: float
    any: float


@dataclass(frozen=True, slots=True)
class RealisticScores:
    """Recall per change type and overall, false flags on faithful pairs, unlabelled reports."""

    pairs: int
    per_type: dict[str, TypeRecall]
    typed_recall: float
    any_recall: float
    faithful: int
    false_flags: float
    reported: int
    unlabelled: float
    ms_per_pair: float


def locate(text: str, piece: str, where: str) -> Span | None:
    """The span of ``piece`` in ``text``; ``None`` for ""; ValueError unless it occurs exactly once."""
    if not piece:
        return None
    start = text.find(piece)
    if start < 0:
        raise ValueError(f"{where}: {piece!r} is not in the text")
    if text.find(piece, start + 1) >= 0:
        raise ValueError(f"{where}: {piece!r} occurs more than once; quote more of it")
    return (start, start + len(piece))


def load_pair(folder: Path) -> LabelledPair:
    """Read one article folder; ValueError naming the folder when a label does not fit its text."""
    source = (folder / "source.txt").read_text(encoding="utf-8")
    copy = (folder / "copy.txt").read_text(encoding="utf-8")
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    changes = []
    for k, item in enumerate(labels["changes"]):
        where = f"{folder.name} change {k}"
        if item["type"] not in CHANGE_TYPES:
            raise ValueError(f"{where}: unknown type {item['type']!r}")
        s, c = locate(source, item["source_text"], where + " source"), locate(copy, item["copy_text"], where + " copy")
        if s is None and c is None:
            raise ValueError(f"{where}: needs evidence on at least one side")
        changes.append(LabelledChange(item["type"], s, c, item.get("note", "")))
    faithful = []
    for k, item in enumerate(labels["faithful"]):
        where = f"{folder.name} faithful {k}"
        s, c = locate(source, item["source_text"], where + " source"), locate(copy, item["copy_text"], where + " copy")
        if s is None or c is None:
            raise ValueError(f"{where}: a faithful pair needs text on both sides")
        faithful.append(FaithfulPair(s, c))
    return LabelledPair(folder.name, source, copy, tuple(changes), tuple(faithful))


def load_realistic(root: Path = REALISTIC_DIR) -> list[LabelledPair]:
    """Every labelled article under ``root``, in folder order."""
    return [load_pair(folder) for folder in sorted(root.iterdir()) if (folder / "labels.json").exists()]


def _span(value: Any) -> Span | None:
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return (value[0], value[1])
    return None


def _omitted_spans(result: dict[str, Any]) -> list[Span]:
    """Per-pair omitted source spans, in whichever of the shapes explain v2 settles on."""
    spans = []
    for item in result.get("omitted") or []:
        span = _span(item)
        if span is None and isinstance(item, dict):
            span = _span(item.get("a") or item.get("source") or item.get("span"))
        if span is not None:
            spans.append(span)
    return spans


def reported_changes(result: dict[str, Any], pair: LabelledPair) -> list[ReportedChange]:
    """The changes of one ``compare`` JSON result on the source/copy sides of ``pair``.

    The side whose text is the source's is the source side. Spans are offsets
    into those texts, so a result whose texts are not the pair's (normalised
    on the way in, say) cannot be scored and raises ValueError naming the pair.
    """
    texts = (result["a"].get("text"), result["b"].get("text"))
    if texts not in ((pair.source, pair.copy), (pair.copy, pair.source)):
        raise ValueError(f"{pair.name}: compare's texts differ from the pair's, so its spans cannot be scored")
    source_is_a = texts[0] == pair.source and (texts[1] != pair.source or result.get("direction") != "b_to_a")
    out = []
    for passage in result.get("passages", []):
        for change in passage.get("changes", []):
            a, b = _span(change.get("a")), _span(change.get("b"))
            out.append(ReportedChange(change["type"], a, b) if source_is_a else ReportedChange(change["type"], b, a))
    source_omitted = _omitted_spans(result)
    out += [ReportedChange("omission", span, None) if source_is_a else ReportedChange("omission", None, span)
            for span in source_omitted]
    return out


def _touches(change: ReportedChange, source: Span | None, copy: Span | None) -> bool:
    return _overlap(change.source, source) or _overlap(change.copy, copy)


def score(pairs: Sequence[LabelledPair], reported: Sequence[list[ReportedChange]], seconds: float = 0.0) -> RealisticScores:
    """Typed and any-type recall per change type, false flags and unlabelled share."""
    found: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    flags: list[bool] = []
    unlabelled: list[bool] = []
    for pair, changes in zip(pairs, reported, strict=True):
        for label in pair.changes:
            hits = [c for c in changes if _touches(c, label.source, label.copy)]
            found[label.type].append((any(c.type == label.type for c in hits), bool(hits)))
        for kept in pair.faithful:
            flags.append(any(_touches(c, kept.source, kept.copy) for c in changes))
        spans = [(x.source, x.copy) for x in pair.changes] + [(x.source, x.copy) for x in pair.faithful]
        for c in changes:
            unlabelled.append(not any(_touches(c, s, k) for s, k in spans))
    per_type = {t: TypeRecall(len(found[t]), _share(h for h, _ in found[t]), _share(a for _, a in found[t]))
                for t in CHANGE_TYPES if found[t]}
    every = [hit for hits in found.values() for hit in hits]
    return RealisticScores(
        len(pairs), per_type, _share(h for h, _ in every), _share(a for _, a in every),
        len(flags), _share(flags), len(unlabelled), _share(unlabelled),
        round(1000 * seconds / max(len(pairs), 1), 1),
    )


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return round(sum(values) / max(len(values), 1), 4)


def compare_with_cli(pairs: Sequence[LabelledPair]) -> tuple[list[dict[str, Any]], float]:
    """Run ``unspin compare --pairs FILE --format jsonl`` once over ``pairs``; results in order, seconds."""
    with tempfile.TemporaryDirectory(prefix="unspin-realistic-") as tmp:
        root = Path(tmp)
        lines = []
        for k, pair in enumerate(pairs):
            source, copy = root / f"{k}-source.txt", root / f"{k}-copy.txt"
            source.write_text(pair.source, encoding="utf-8")
            copy.write_text(pair.copy, encoding="utf-8")
            lines.append(json.dumps({"id": str(k), "a": {"path": str(source)}, "b": {"path": str(copy)}}))
        pairs_file = root / "pairs.jsonl"
        pairs_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        started = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "unspin", "compare", "--pairs", str(pairs_file), "--format", "jsonl"],
            capture_output=True, text=True, check=False,
        )
        seconds = time.perf_counter() - started
    if run.returncode != 0:
        raise RuntimeError(f"unspin compare --pairs failed ({run.returncode}): {run.stderr.strip()[-500:]}")
    by_id = {}
    for line in run.stdout.splitlines():
        if line.strip():
            record = json.loads(line)
            by_id[record["id"]] = record
    missing = [pairs[int(k)].name for k in map(str, range(len(pairs))) if k not in by_id]
    if missing:
        raise RuntimeError(f"compare --pairs gave no result for {', '.join(missing)}")
    return [by_id[str(k)] for k in range(len(pairs))], seconds


def score_with_cli(pairs: Sequence[LabelledPair]) -> RealisticScores:
    """Score ``pairs`` through the CLI contract, the way held-out rewrites are scored."""
    results, seconds = compare_with_cli(pairs)
    return score(pairs, [reported_changes(r, p) for r, p in zip(results, pairs, strict=True)], seconds)


def score_detector(pairs: Sequence[LabelledPair], detect: Callable[[str, str], list[Change]]) -> RealisticScores:
    """Score an in-process detector over whole texts (source, copy), e.g. the naive anchor."""
    started = time.perf_counter()
    reported = [[ReportedChange(c.type, c.a, c.b) for c in detect(p.source, p.copy)] for p in pairs]
    return score(pairs, reported, time.perf_counter() - started)


def explain_ms(pairs: Sequence[LabelledPair]) -> float:
    """CPU milliseconds per pair that explain adds to ``compare`` (models loaded first), in this process.

    CPU time rather than wall time, so a busy machine does not inflate it; with
    one thread it is the cost on one core.
    """
    from unspin.api import article_from_text, compare

    articles = [(article_from_text(p.source), article_from_text(p.copy)) for p in pairs]
    compare(*articles[0])
    timings = []
    for explain in (False, True):
        started = time.process_time()
        for a, b in articles:
            compare(a, b, explain=explain)
        timings.append(time.process_time() - started)
    return round(1000 * (timings[1] - timings[0]) / max(len(pairs), 1), 1)
