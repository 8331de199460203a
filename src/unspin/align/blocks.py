"""Reuse blocks: the passages of one contiguous copy joined, with copied words as the edges.

Passages change whenever the kind of reuse does (a verbatim run, one edited
sentence, another verbatim run), which is what a reader wants to see. A
plagiarism-detection evaluation such as PAN instead counts one detection
per copied block, and its blocks start and end mid-sentence where the
copying did. :func:`reuse_blocks` gives that view: passages adjacent in
both texts, in the same order, become one block, and a block's first and
last sentences are cut to the words they share with the other side.
:func:`pair_blocks` gives the blocks of the JSON contract: the blocks of
copied text, then blocks of the paraphrase passages that no such block holds.

``MAX_GAP`` and ``MIN_CHARS`` were chosen by two-fold cross-validation on
PAN-13 (pick on one half of the pairs, score the other; README, Measurements).
"""

from __future__ import annotations

import difflib
from typing import get_args

from unspin.records import Article, Block, Passage, ReuseKind, Span
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
    """``(span in A, span in B)`` of each reuse block of at least ``min_chars`` on one side, in A's order.

    Only passages of ``kinds`` make up blocks: :data:`LEXICAL` asks for
    copied text only, as PAN's no-obfuscation cases are. Passages join a
    block when at most ``max_gap`` characters separate them on each side
    and no other passage of ``kinds`` lies in one gap but not the other.
    """
    chosen = [i for i, p in enumerate(passages) if p.kind in kinds]
    return [(block.a, block.b) for block in _blocks(a, b, passages, chosen, max_gap, min_chars)]


def pair_blocks(
    a: Article, b: Article, passages: tuple[Passage, ...], max_gap: int = MAX_GAP, min_chars: int = MIN_CHARS
) -> tuple[Block, ...]:
    """The blocks a pair reports, in A's order: copied text first, then paraphrase.

    A block of copied text is made of its verbatim and edited passages
    (exactly :func:`reuse_blocks` with :data:`LEXICAL`, the blocks PAN-13
    scores) and also holds every paraphrase passage lying inside it on both
    sides. The paraphrase passages left over make blocks of their own. A
    passage in no block of ``min_chars`` belongs to none.
    """
    lexical = _blocks(a, b, passages, [i for i, p in enumerate(passages) if p.kind in LEXICAL], max_gap, min_chars)
    held: set[int] = set()
    blocks: list[Block] = []
    for block in lexical:
        first, last = passages[block.passages[0]], passages[block.passages[-1]]
        inside = [
            i for i, p in enumerate(passages)
            if first.a[0] <= p.a[0] and p.a[1] <= last.a[1] and first.b[0] <= p.b[0] and p.b[1] <= last.b[1]
        ]
        held.update(inside)
        kind: ReuseKind = "verbatim" if all(passages[i].kind == "verbatim" for i in inside) else "edited"
        blocks.append(Block(block.a, block.b, kind, tuple(inside)))
    rest = [i for i, p in enumerate(passages) if p.kind == "paraphrase" and i not in held]
    blocks.extend(_blocks(a, b, passages, rest, max_gap, min_chars))
    return tuple(sorted(blocks, key=lambda block: (block.a, block.b)))


def _blocks(
    a: Article, b: Article, passages: tuple[Passage, ...], chosen: list[int], max_gap: int, min_chars: int
) -> list[Block]:
    """Blocks of the ``chosen`` passages (indexes), each of at least ``min_chars`` on one side, in A's order."""
    chains: list[list[int]] = []
    members = tuple(passages[i] for i in chosen)
    for index in sorted(chosen, key=lambda i: passages[i].a):
        if chains and _follows(passages[chains[-1][-1]], passages[index], max_gap, members):
            chains[-1].append(index)
        else:
            chains.append([index])
    blocks = []
    for chain in chains:
        chained = [passages[i] for i in chain]
        span_a, span_b = _trimmed(a, b, chained)
        if max(span_a[1] - span_a[0], span_b[1] - span_b[0]) >= min_chars:
            kinds = {p.kind for p in chained}
            kind: ReuseKind = kinds.pop() if len(kinds) == 1 else "edited"
            blocks.append(Block(span_a, span_b, kind, tuple(chain)))
    return blocks


def _follows(before: Passage, after: Passage, max_gap: int, members: tuple[Passage, ...]) -> bool:
    """``after`` continues the copy that ``before`` ends: close on both sides, and the gap on one
    side holds no passage of ``members`` that the other side's gap does not (a reordered copy is
    not contiguous; a paraphrase passage does not break a block of copied text)."""
    if not (0 <= after.a[0] - before.a[1] <= max_gap and 0 <= after.b[0] - before.b[1] <= max_gap):
        return False
    for p in members:
        in_a = before.a[1] <= p.a[0] and p.a[1] <= after.a[0]
        in_b = before.b[1] <= p.b[0] and p.b[1] <= after.b[0]
        if in_a != in_b:
            return False
    return True


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
