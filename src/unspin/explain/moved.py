"""Claims moved across a sentence boundary: said inside a sentence on one side, as a sentence of its own on the other.

A rewrite pulls a clause out of a source sentence into a sentence of its own
("… following scientific advice that the stock has declined for five years"
→ "Scientists say the stock has declined for five years running."), or folds
a source sentence into a clause of another. The clause then reads as dropped
from its aligned unit (an ``omission``) and the copy's sentence, which no
unit holds, as an ``addition``; or the source sentence as ``omitted`` and the
clause as an ``addition``. Neither was dropped or added: the claim moved.

So each such claim is set against the whole sentences reported on the other
side, as left-over sentences are paired (``align/leftovers.py``): a clause
and a sentence that share a content word and whose vectors meet at
``CANDIDATE_COSINE`` are read by the cross-encoder, and they restate one
another when each is the other's likeliest restatement at a logit of at most
``SAME_LOGIT`` (the ``MAX_READ`` most alike by vector are read). Both findings are then withdrawn. A claim no sentence of the
other side restates stays reported.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from unspin.align.leftovers import CANDIDATE_COSINE, MAX_READ, SAME_LOGIT, span_stems, span_vectors
from unspin.explain.cross_encoder import default_encoder
from unspin.records import Article, Change, Passage, Span


@dataclass(frozen=True, slots=True)
class Reading:
    """A pair's passages and omitted source sentences, less the claims that moved."""

    passages: tuple[Passage, ...]
    omitted: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class _Claim:
    """A claim found on one side only: its side (0 source, 1 copy), its span, and whether it is a whole sentence."""

    side: int
    span: Span
    whole: bool


def moved_claims(source: Article, copy: Article, passages: tuple[Passage, ...], omitted: tuple[Span, ...]) -> Reading:
    """``passages`` (explained, the source on side ``a``) and ``omitted`` (source sentences) less each claim
    inside a sentence that a whole sentence reported on the other side restates, and that sentence."""
    copy_sentences = set(copy.sentences)
    claims = [_Claim(0, s, True) for s in omitted]
    for p in passages:
        for c in p.changes:
            if c.type == "omission" and c.a is not None and c.b is None:
                claims.append(_Claim(0, c.a, False))
            elif c.type == "addition" and c.b is not None and c.a is None:
                claims.append(_Claim(1, c.b, c.b in copy_sentences))
    moved = _restated(source, copy, [x for x in claims if x.side == 0], [x for x in claims if x.side == 1])
    if not moved:
        return Reading(passages, omitted)
    gone = {(x.side, x.span) for x in moved}
    kept = tuple(replace(p, changes=tuple(c for c in p.changes if not _withdrawn(c, gone))) for p in passages)
    return Reading(kept, tuple(s for s in omitted if (0, s) not in gone))


def _withdrawn(change: Change, gone: set[tuple[int, Span]]) -> bool:
    return ((change.type == "omission" and change.b is None and (0, change.a) in gone)
            or (change.type == "addition" and change.a is None and (1, change.b) in gone))


def _restated(source: Article, copy: Article, dropped: list[_Claim], added: list[_Claim]) -> list[_Claim]:
    """The claims of ``dropped`` (source side) and ``added`` (copy side), one of each a whole sentence and the
    other not, that restate one another (see the module docstring)."""
    read = [(x, y) for x in dropped for y in added if x.whole != y.whole]
    if not read:
        return []
    spans_a, spans_b = tuple(x.span for x, _ in read), tuple(y.span for _, y in read)
    va, vb = span_vectors(source.text, spans_a), span_vectors(copy.text, spans_b)
    sa, sb = span_stems(source.text, spans_a), span_stems(copy.text, spans_b)
    alike = {k: float(va[k] @ vb[k]) for k in range(len(read)) if float(va[k] @ vb[k]) >= CANDIDATE_COSINE and sa[k] & sb[k]}
    read = [read[k] for k in sorted(alike, key=lambda k: -alike[k])[:MAX_READ]]
    if not read:
        return []
    logits = [float(v) for v in default_encoder().logits(
        [(source.text[x.span[0]:x.span[1]], copy.text[y.span[0]:y.span[1]]) for x, y in read])]
    best: dict[_Claim, float] = {}
    for (x, y), logit in zip(read, logits):
        best[x] = min(best.get(x, logit), logit)
        best[y] = min(best.get(y, logit), logit)
    moved: list[_Claim] = []
    for (x, y), logit in sorted(zip(read, logits), key=lambda pair: pair[1]):
        if logit <= SAME_LOGIT and logit <= best[x] and logit <= best[y] and x not in moved and y not in moved:
            moved += [x, y]
    return moved
