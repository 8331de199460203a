"""One aligned pair read source → copy: the step compare, trace, batch and the corpus runners share.

Explain compares its first article against its second: a claim only the
second has is an ``addition``, one only the first has an ``omission``, and
notes read first → second. So the source always goes first, and the
results are mapped back onto the pair's own sides: a span found in article
``a`` stays on side ``a`` whichever article is the source. Only the type
(addition or omission) and a note's wording follow the direction.

The same step gives the pair's reuse blocks (``align/blocks.py``) and the
source sentences the copy dropped from inside the stretch it reuses, less
claims that only moved across a sentence boundary (``explain/moved.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from unspin.align.blocks import pair_blocks
from unspin.align.leftovers import is_headline, leftover_pairs
from unspin.explain.claims import claims_anew, rewrite_stretch
from unspin.explain.meaning import explain_pair
from unspin.explain.moved import moved_claims
from unspin.records import Article, Block, Change, Direction, Passage, Span, spans_overlap

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

_SIDE_WORDS = (
    (re.compile(r"^B leaves out: "), "the copy drops: "),
    (re.compile(r"^B adds: "), "the copy adds: "),
    (re.compile(r" only in A\b"), " only in the source"),
    (re.compile(r" only in B\b"), " only in the copy"),
    (re.compile(r": A does not name them\b"), ": the source does not name them"),
)
"""Explain's notes name the side it was given first ``A`` (here the source) and the other ``B`` (the copy)."""


@dataclass(frozen=True, slots=True)
class PairReading:
    """What a pair reports besides its articles: passages with changes, read source → copy."""

    passages: tuple[Passage, ...]
    meaning_changed: bool
    change_score: float
    direction: Direction
    omitted: tuple[Span, ...]
    blocks: tuple[Block, ...]


def publication_order(a: Article, b: Article) -> Direction | None:
    """``b_to_a`` when B's publication day is before A's, ``a_to_b`` when after, else None (unknown or the same day).

    Only a leading ISO day (``2024-06-19``) counts: dates in other forms are not compared.
    """
    days = [_day(x.published) for x in (a, b)]
    if days[0] is None or days[1] is None or days[0] == days[1]:
        return None
    return "a_to_b" if days[0] < days[1] else "b_to_a"


def compare_direction(a: Article, b: Article) -> Direction:
    """In ``compare A B``, A is the source unless the publication dates say B is earlier."""
    return publication_order(a, b) or "a_to_b"


def read_pair(a: Article, b: Article, passages: tuple[Passage, ...], direction: Direction, explain: bool = True) -> PairReading:
    """Explain ``passages`` (aligned between ``a`` and ``b``) with the source first; blocks and omitted sentences.

    Spans keep their sides: ``Passage.a`` and ``Change.a`` lie in ``a``.
    ``omitted`` spans lie in the source (``a`` for ``a_to_b``, ``b`` for ``b_to_a``).
    """
    source, copy = (a, b) if direction == "a_to_b" else (b, a)
    read = passages if direction == "a_to_b" else tuple(_swapped(p) for p in passages)
    explained, changed, score = explain_pair(source, copy, read, explain)
    omitted = dropped_sentences(source, copy, tuple(u for p in read for u in p.units), [c for p in explained for c in p.changes])
    moved = moved_claims(source, copy, explained, tuple(omitted))
    explained = tuple(replace(p, changes=tuple(_worded(c) for c in p.changes)) for p in moved.passages)
    if direction == "b_to_a":
        explained = tuple(_swapped(p) for p in explained)
    return PairReading(explained, changed, score, direction, moved.omitted, pair_blocks(a, b, explained))


def dropped_sentences(source: Article, copy: Article, units: tuple[tuple[Span, Span], ...], changes: list[Change]) -> list[Span]:
    """The source's sentences inside the stretch the copy reuses that no aligned unit (``units``:
    source span, copy span) holds and the copy does not say in a sentence of its own.

    The reused stretch runs from the first aligned source sentence to the
    last; sentences outside it are not counted: a copy that takes the top of
    an article did not drop its ending, it stopped. Where the copy is a
    rewrite of the whole source (its passages hold most of the source's
    sentences), the stretch is the whole source. A sentence the copy says
    in other words that the aligner left unpaired (``claims_anew``), or one
    that explain paired with a copy sentence after alignment and found
    changed (a change of fact in ``changes``, read source → copy, has
    evidence in it) or restated (``leftover_pairs``), was not dropped; the
    same tests keep added copy sentences honest.
    """
    reused = [u[0] for u in units]
    stretch = rewrite_stretch(source.text, source.sentences, reused)
    if stretch is None:
        return []
    changed = [c.a for c in changes if c.a is not None and c.type not in ("addition", "omission")]
    changed += [x.a for x in leftover_pairs(source.text, source.sentences, copy.text, copy.sentences, units) if x.restated]
    first, last = stretch
    return [s for s in source.sentences if first <= s[0] and s[1] <= last
            and not any(spans_overlap(s, span) for span in reused)
            and (is_headline(source.text, s) or not any(spans_overlap(s, span) for span in changed))
            and claims_anew(source.text, s, copy.text)]


def _day(published: str | None) -> date | None:
    match = _DAY.match(published.strip()) if published else None
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _worded(change: Change) -> Change:
    note = change.note
    for pattern, words in _SIDE_WORDS:
        note = pattern.sub(words, note)
    return replace(change, note=note)


def _swapped(passage: Passage) -> Passage:
    return replace(
        passage, a=passage.b, b=passage.a, units=tuple((ub, ua) for ua, ub in passage.units),
        changes=tuple(replace(c, a=c.b, b=c.a, a_text=c.b_text, b_text=c.a_text) for c in passage.changes),
    )
