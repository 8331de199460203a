"""Reuse blocks: the passages of one contiguous copy joined, with copied words as the edges.

Passages change whenever the kind of reuse does (a verbatim run, one edited
sentence, another verbatim run), which is what a reader wants to see. A
plagiarism-detection evaluation such as PAN instead counts one detection
per copied block, and its blocks start and end mid-sentence where the
copying did. :func:`reuse_blocks` gives that view: passages adjacent in
both texts, in the same order, become one block, and a block's first and
last sentences are cut to the words they share with the other side.

``MAX_GAP`` and ``MIN_CHARS`` were chosen by two-fold cross-validation on
PAN-13 (pick on one half of the pairs, score the other; README, Measurements).
"""

from __future__ import annotations

import difflib
from typing import get_args

from unspin.records import Article, Passage, ReuseKind, Span
from unspin.segment import tokenize

MAX_GAP = 250
"""Characters that may lie between two passages of one block, on each side (a skipped clause or sentence)."""

MIN_CHARS = 100
"""Shorter blocks (a shared date line, a "click here to subscribe") are common phrases, not copies."""

LEXICAL: frozenset[ReuseKind] = frozenset({"verbatim", "edited"})
"""Kinds that reuse the other side's words; a paraphrase block shares content, not text."""

ALL_KINDS: frozenset[ReuseKind] = frozenset(get_args(ReuseKind))

MIN_RUN = 3
"""Words in a row that must match for an edge to start or end there."""


def reuse_blocks(
    a: Article,
    b: Article,
    passages: tuple[Passage, ...],
    kinds: frozenset[ReuseKind] = ALL_KINDS,
    max_gap: int = MAX_GAP,
    min_chars: int = MIN_CHARS,
) -> list[tuple[Span, Span]]:
    """``(span in A, span in B)`` of each reuse block of at least ``min_chars`` in A, in A's order.

    Only passages of ``kinds`` make up blocks: :data:`LEXICAL` asks for
    copied text only, as PAN's no-obfuscation cases are. Passages join a
    block when at most ``max_gap`` characters separate them on each side.
    """
    blocks: list[list[Passage]] = []
    for passage in sorted((p for p in passages if p.kind in kinds), key=lambda p: p.a):
        last = blocks[-1][-1] if blocks else None
        if last is not None and _follows(last, passage, max_gap):
            blocks[-1].append(passage)
        else:
            blocks.append([passage])
    trimmed = [_trimmed(a, b, block) for block in blocks]
    return [(span_a, span_b) for span_a, span_b in trimmed if span_a[1] - span_a[0] >= min_chars]


def _follows(before: Passage, after: Passage, max_gap: int) -> bool:
    return 0 <= after.a[0] - before.a[1] <= max_gap and 0 <= after.b[0] - before.b[1] <= max_gap


def _trimmed(a: Article, b: Article, block: list[Passage]) -> tuple[Span, Span]:
    """The block's span on each side, cut at its ends to the first and last shared run of words."""
    span_a, span_b = (block[0].a[0], block[-1].a[1]), (block[0].b[0], block[-1].b[1])
    if block[0].kind == "paraphrase" or block[-1].kind == "paraphrase":
        return span_a, span_b
    words_a, words_b = tokenize(a.text, *span_a), tokenize(b.text, *span_b)
    matcher = difflib.SequenceMatcher(None, [w for *_, w in words_a], [w for *_, w in words_b], autojunk=False)
    runs = [m for m in matcher.get_matching_blocks() if m.size >= MIN_RUN]
    if not runs:
        return span_a, span_b
    first, last = runs[0], runs[-1]
    return (
        (words_a[first.a][0], words_a[last.a + last.size - 1][1]),
        (words_b[first.b][0], words_b[last.b + last.size - 1][1]),
    )
