"""Pairing the sentences the aligner left over, so that a changed fact is explained as a change.

A rewrite that changes a fact lowers the similarity of the sentence that
carries it, and the aligner, which must not pair unrelated sentences, often
leaves it unpaired: "sentenced to four years" → "jailed for five years"
would then read as a claim dropped and another added, not as a number
changed. A rewrite also splits a source sentence and moves one of its facts
to a sentence of its own ("… on Monday." → "The decision was announced on
Tuesday."), or merges a source sentence's fact into a copy sentence that
already stands for another.

So, after alignment, each sentence no unit holds is set against the other
article's sentences by what makes a sentence this one rather than any
other about the story: its *distinctive* words (content words, names and
numbers, less the story's own vocabulary that most sentences use). Two
pairs come out:

- ``whole``: both sentences are left over. They pair when they sit between
  the same aligned neighbours (the article's start or end counts), in a
  gap of at most ``MAX_GAP`` sentences, and share a distinctive word
  (``NEAR_SHARE`` of the shorter one's), or anywhere when they share
  ``MIN_SHARED_FAR`` of them (``FAR_SHARE`` of the shorter one's and
  ``FAR_LONG_SHARE`` of the longer one's). Explain reads them as a unit,
  every change type but entity, and keeps the pair only when it finds a
  change of fact there. Two such neighbours that share half their
  distinctive words (``restated``) mean the source sentence was not dropped.
- a *remainder* (``whole`` false): one sentence is left over, the other is
  held by a unit (a split or a merge). They pair when the leftover sentence
  uses ``REMAINDER_SHARE`` of its distinctive words in the other, or the
  held sentence's unit is its aligned neighbour; only substituted facts (a
  number, a date) are read from them, since the rest of the held sentence
  is explained with its own unit.

Before the word tests, left-over sentences are paired by meaning
(``_meaning_pairs``): a rewrite rewords a sentence so heavily, or moves it so
far, that neither the aligner nor the distinctive words pair it, and the
source sentence would read as dropped and the copy's as a claim added. Two
left-over sentences that share a content word and whose vectors meet at a
cosine of ``CANDIDATE_COSINE`` (the ``NEAREST`` of each, at most ``MAX_READ``
pairs) are read together by the cross-encoder
(``explain/cross_encoder.py``, which sees which words answer which); they
restate one another (``whole`` and ``restated``) when each is the other's
likeliest restatement and its logit is at most ``SAME_LOGIT``, or when they
are the only left-over sentence on each side between the same aligned
neighbours (the slot the source sentence held), share ``MIN_SLOT_SHARED``
content words and the logit is at most ``SLOT_LOGIT``. One source sentence
split into two neighbouring copy sentences, or two merged into one, is read
the same way against the two together (their summed vector must meet it at
``CANDIDATE_COSINE``, each sharing a content word with it), and wins only
where it reads as more alike than either sentence alone. The cross-encoder was fitted to
tell paraphrases from other sentences, not to see a changed figure, so
explain then reads a restated pair as a unit, every change type but entity:
a changed fact or a clause added inside the restatement is still reported.

Aligned units next to each other in both texts are also read across
(``_crossings``), for the same substituted facts: a rewrite moves a clause
over a sentence boundary.

Whatever stays unpaired is an addition (copy side) or an omission (source side).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from unspin.align.similarity import STOPWORDS, stem
from unspin.explain.cross_encoder import default_encoder
from unspin.index.vectors import embed_sentences
from unspin.records import Span
from unspin.segment import tokenize

MIN_SHARED_NEAR = 1
"""Distinctive words two left-over sentences between the same aligned neighbours must share."""
NEAR_SHARE = 0.25
"""Share of the shorter sentence's distinctive words that two left-over sentences between the same
aligned neighbours must share."""
MAX_GAP = 3
"""Most left-over sentences between two aligned neighbours for the sentences there to pair by place:
a longer stretch is the copy's own text, or the source's that the copy left out."""
MIN_SHARED_FAR = 3
"""Distinctive words two left-over sentences anywhere in their articles must share."""
FAR_SHARE = 0.4
"""Share of the shorter sentence's distinctive words that two left-over sentences anywhere must share."""
FAR_LONG_SHARE = 0.2
"""Share of the longer sentence's distinctive words that two left-over sentences anywhere must share: a
short sentence whose few words a long one happens to use ("The invasion of Ukraine by Russia changed the
game on the Korean peninsula." against a 30-word sentence on soldiers for Russia) is about the story, not
the same stretch of it, and a cue in the long one ("may") is no change of the short one."""
REMAINDER_SHARE = 0.5
"""Share of a left-over sentence's distinctive words that a held sentence away from it must use to be
what it was split from."""
MIN_REMAINDER = 2
"""Distinctive words a left-over sentence must share with a held sentence away from it."""
MIN_RESTATED = 2
"""Distinctive words two left-over neighbours must share to be one sentence restated."""
RESTATED_SHARE = 0.5
"""Share of the shorter one's distinctive words two left-over neighbours must share to be one sentence restated."""
CANDIDATE_COSINE = 0.3
"""Cosine of two left-over sentences' vectors at which the cross-encoder reads them as a pair (below, a rewording
shares too few words to be one; the bound keeps its cost to a few pairs per article)."""
SAME_LOGIT = -3.0
"""Cross-encoder logit (lower: more alike) at or below which two left-over sentences restate one another wherever
each article puts them. On our development rewrites a dropped source sentence set against the copy's likeliest
sentence scored -2.2 or above, a heavy rewording -3.3 or below."""
SLOT_LOGIT = 1.0
"""Cross-encoder logit at or below which the only left-over sentences between the same aligned neighbours restate
one another: the copy's sentence stands where the source's stood, so less likeness is needed (unrelated
sentences score about +4)."""
WORDED_LOGIT = 0.0
"""Cross-encoder logit at or below which two left-over sentences that are each other's likeliest restatement and
share ``WORDED_SHARE`` of the shorter one's content words (at least ``MIN_WORDED_SHARED``) restate one another
wherever each article puts them: another writer's heavy rewording (a claim moved to another paragraph, its
verbs and nouns restated, its names, dates and places kept) scores between -3 and 0, and the words it keeps
are the second witness that a dropped sentence set against an unrelated added one lacks."""
MIN_WORDED_SHARED = 4
"""Content words two left-over sentences must share to restate one another at ``WORDED_LOGIT``."""
WORDED_SHARE = 0.4
"""Share of the shorter sentence's content words two left-over sentences must share to restate one another at
``WORDED_LOGIT``."""
MIN_SLOT_SHARED = 2
"""Content words the only left-over sentences between the same aligned neighbours must share to restate one another."""
NEAREST = 3
"""Sentences of the other side, likeliest by vector first, that the cross-encoder reads against each left-over sentence."""
MAX_READ = 16
"""Most pairs the cross-encoder reads for one article pair (about 9 ms each on one core): a page that
shares one paragraph with a long article leaves hundreds of sentences over. At 48 the two seed articles
took 0.5 s more; 16 reads them the same, and flags the same sentences of the four development sets."""
COMMON_SHARE = 0.3
"""A word used in more than this share of an article's sentences is the story's vocabulary, not distinctive."""


@dataclass(frozen=True, slots=True)
class LeftoverPair:
    """A source sentence ``a`` and a copy sentence ``b`` that say the same stretch of the story.

    ``whole`` is true when neither was aligned (explain reads every change);
    false when one is held by an aligned unit (only substituted facts are read).
    
    """

    a: Span
    b: Span
    whole: bool
    restated: bool = False
    """Both left over, between the same neighbours, neither a headline, and sharing ``RESTATED_SHARE`` of
    the shorter one's distinctive words (at least ``MIN_RESTATED``): the copy restates the source
    sentence, so it was not dropped, whatever explain finds in them. The copy's sentence may still add
    a claim of its own, as any sentence no unit holds (``claims.added_sentences``)."""


@lru_cache(maxsize=32)
def leftover_pairs(a_text: str, a_sentences: tuple[Span, ...], b_text: str, b_sentences: tuple[Span, ...],
                   units: tuple[tuple[Span, Span], ...]) -> tuple[LeftoverPair, ...]:
    """Pairs of sentences, at least one of which no unit in ``units`` holds, that share distinctive content."""
    if not units:
        return ()
    holder_a = _holders(a_sentences, [u[0] for u in units])
    holder_b = _holders(b_sentences, [u[1] for u in units])
    free_a = [i for i, h in enumerate(holder_a) if h is None]
    free_b = [j for j, h in enumerate(holder_b) if h is None]
    if not free_a and not free_b:
        return _crossings(units)
    words_a = _distinctive(a_text, a_sentences, b_text, b_sentences)
    words_b = _distinctive(b_text, b_sentences, a_text, a_sentences)
    near_a, near_b = _neighbours(holder_a), _neighbours(holder_b)
    headlines_a = [is_headline(a_text, x) for x in a_sentences]
    headlines_b = [is_headline(b_text, x) for x in b_sentences]
    restated = _meaning_pairs(a_text, a_sentences, b_text, b_sentences, free_a, free_b, near_a, near_b,
                              headlines_a, headlines_b)
    found = [LeftoverPair(_joined(a_sentences, x.a), _joined(b_sentences, x.b), True, True) for x in restated]
    left_a = [i for i in free_a if not any(i in x.a for x in restated)]
    left_b = [j for j in free_b if not any(j in x.b for x in restated)]
    found += [LeftoverPair(a_sentences[i], b_sentences[j], True, restated)
              for i, j, restated in _whole_pairs(left_a, left_b, words_a, words_b, near_a, near_b,
                                                 headlines_a, headlines_b)]
    found += [LeftoverPair(a_sentences[i], b_sentences[j], False)
              for j, i in _remainders(free_b, words_b, words_a, near_b, holder_a)]
    found += [LeftoverPair(a_sentences[i], b_sentences[j], False)
              for i, j in _remainders(free_a, words_a, words_b, near_a, holder_b)]
    return tuple(found) + _crossings(units)


@dataclass(frozen=True, slots=True)
class _Restatement:
    """Indices of one or two neighbouring left-over sentences on each side that may say the same thing."""

    a: tuple[int, ...]
    b: tuple[int, ...]


def _meaning_pairs(a_text: str, a_sentences: tuple[Span, ...], b_text: str, b_sentences: tuple[Span, ...],
                   free_a: list[int], free_b: list[int], near_a: list[tuple[int, int]], near_b: list[tuple[int, int]],
                   headlines_a: list[bool], headlines_b: list[bool]) -> list[_Restatement]:
    """Left-over sentences (headlines aside) that restate one another by meaning, one to one or one to two
    neighbours, likeliest first, each sentence used once (see the module docstring)."""
    body_a = [i for i in free_a if not headlines_a[i]]
    body_b = [j for j in free_b if not headlines_b[j]]
    if not body_a or not body_b:
        return []
    va, vb = span_vectors(a_text, a_sentences), span_vectors(b_text, b_sentences)
    stems_a, stems_b = span_stems(a_text, a_sentences), span_stems(b_text, b_sentences)
    read = _nearest_pairs(body_a, body_b, va, vb, stems_a, stems_b)
    read += _splits(body_a, body_b, va, vb, stems_a, stems_b)
    read += [_Restatement(x.b, x.a) for x in _splits(body_b, body_a, vb, va, stems_b, stems_a)]
    read = read[:MAX_READ]
    if not read:
        return []
    said = lambda text, sentences, indices: " ".join(text[slice(*sentences[k])] for k in indices)  # noqa: E731
    logits = [float(x) for x in default_encoder().logits([(said(a_text, a_sentences, x.a), said(b_text, b_sentences, x.b))
                                                          for x in read])]
    best_a = {i: min(y for x, y in zip(read, logits) if i in x.a) for x in read for i in x.a}
    best_b = {j: min(y for x, y in zip(read, logits) if j in x.b) for x in read for j in x.b}
    gap_a, gap_b = _gap_sizes(near_a, free_a), _gap_sizes(near_b, free_b)
    chosen: list[_Restatement] = []
    for logit, x in sorted(zip(logits, read), key=lambda pair: (pair[0], pair[1].a, pair[1].b)):
        mutual = all(logit <= best_a[i] for i in x.a) and all(logit <= best_b[j] for j in x.b)
        slot = (len(x.a) == len(x.b) == 1 and near_a[x.a[0]] == near_b[x.b[0]] and gap_a[x.a[0]] == gap_b[x.b[0]] == 1
                and len(stems_a[x.a[0]] & stems_b[x.b[0]]) >= MIN_SLOT_SHARED)
        shared = set().union(*(stems_a[i] for i in x.a)) & set().union(*(stems_b[j] for j in x.b))
        smaller = min(len(set().union(*(stems_a[i] for i in x.a))), len(set().union(*(stems_b[j] for j in x.b))))
        worded = len(shared) >= MIN_WORDED_SHARED and len(shared) >= WORDED_SHARE * smaller
        if ((mutual and (logit <= SAME_LOGIT or (worded and logit <= WORDED_LOGIT))) or (slot and logit <= SLOT_LOGIT)) and not any(
                set(x.a) & set(y.a) or set(x.b) & set(y.b) for y in chosen):
            chosen.append(x)
    return chosen


def _nearest_pairs(body_a: list[int], body_b: list[int], va: np.ndarray, vb: np.ndarray,
                   stems_a: tuple[frozenset[str], ...], stems_b: tuple[frozenset[str], ...]) -> list[_Restatement]:
    """Left-over sentences that share a content word and meet at ``CANDIDATE_COSINE``, each among the other's
    ``NEAREST`` likeliest by cosine, most alike first."""
    sims = va[body_a] @ vb[body_b].T
    cosine = {(i, j): float(sims[x, y]) for x, i in enumerate(body_a) for y, j in enumerate(body_b)
              if sims[x, y] >= CANDIDATE_COSINE and stems_a[i] & stems_b[j]}
    ranked = sorted(cosine, key=lambda pair: (-cosine[pair], pair))
    seen_a: dict[int, int] = {}
    seen_b: dict[int, int] = {}
    kept = []
    for i, j in ranked:
        seen_a[i], seen_b[j] = seen_a.get(i, 0) + 1, seen_b.get(j, 0) + 1
        if seen_a[i] <= NEAREST or seen_b[j] <= NEAREST:
            kept.append(_Restatement((i,), (j,)))
    return kept


def _splits(body: list[int], other_body: list[int], vectors: np.ndarray, other_vectors: np.ndarray,
            stems: tuple[frozenset[str], ...], other_stems: tuple[frozenset[str], ...]) -> list[_Restatement]:
    """One left-over sentence against two neighbouring left-over sentences of the other side that each share
    a content word with it and whose summed vector meets it at ``CANDIDATE_COSINE``: a sentence split in two."""
    neighbours = [(k, k + 1) for k in other_body if k + 1 in other_body]
    if not neighbours:
        return []
    summed = np.stack([other_vectors[k] + other_vectors[m] for k, m in neighbours])
    summed /= np.maximum(np.linalg.norm(summed, axis=1, keepdims=True), 1e-9)
    cosine = vectors[body] @ summed.T
    return [_Restatement((i,), neighbours[y]) for x, y in zip(*np.nonzero(cosine >= CANDIDATE_COSINE))
            for i in (body[x],) if stems[i] & other_stems[neighbours[y][0]] and stems[i] & other_stems[neighbours[y][1]]]


def _joined(sentences: tuple[Span, ...], indices: tuple[int, ...]) -> Span:
    """The span from the first of ``indices``' sentences to the last."""
    return (sentences[indices[0]][0], sentences[indices[-1]][1])


@lru_cache(maxsize=64)
def span_vectors(text: str, sentences: tuple[Span, ...]) -> np.ndarray:
    """Each span's unit vector: sentences, or the stretches of a claim (an article's pairs all ask about the same sentences)."""
    return embed_sentences([text[s:e] for s, e in sentences])


def _crossings(units: tuple[tuple[Span, Span], ...]) -> tuple[LeftoverPair, ...]:
    """Each aligned unit's source side against the copy side of the unit that follows it in both texts,
    and the other way round: a rewrite moves a fact across a sentence boundary ("… 4% this year. The
    union wants 7%." → "… 4% this year, but the union is demanding 9%.")."""
    ordered = sorted(units)
    crossed = []
    for (a1, b1), (a2, b2) in zip(ordered, ordered[1:]):
        if b1[1] <= b2[0] and not any(b1[1] <= b[0] and b[1] <= b2[0] for _, b in ordered):
            crossed += [LeftoverPair(a1, b2, False), LeftoverPair(a2, b1, False)]
    return tuple(crossed)


def is_headline(text: str, sentence: Span) -> bool:
    """Whether a sentence is a headline or other line with no closing punctuation: a rewrite gives its
    copy a new one to sell its own angle, so a headline restates nothing."""
    return text[sentence[0] : sentence[1]].rstrip()[-1:] not in (".", "!", "?", '"', "”", "’", "'", ")")


def _holders(sentences: tuple[Span, ...], held: list[Span]) -> list[int | None]:
    """For each sentence, the index of the unit side in ``held`` that overlaps it, or None."""
    return [next((k for k, (lo, hi) in enumerate(held) if min(end, hi) > max(start, lo)), None)
            for start, end in sentences]


def _neighbours(holder: list[int | None]) -> list[tuple[int, int]]:
    """For each sentence, the units holding the nearest held sentence before and after it
    (-1 for the article's start, -2 for its end)."""
    before, last = [], -1
    for h in holder:
        before.append(last)
        if h is not None:
            last = h
    after, nxt = [0] * len(holder), -2
    for k in range(len(holder) - 1, -1, -1):
        after[k] = nxt
        if holder[k] is not None:
            nxt = holder[k]  # type: ignore[assignment]
    return list(zip(before, after))


def _whole_pairs(free_a: list[int], free_b: list[int], words_a: list[frozenset[str]], words_b: list[frozenset[str]],
                 near_a: list[tuple[int, int]], near_b: list[tuple[int, int]],
                 headlines_a: list[bool], headlines_b: list[bool]) -> list[tuple[int, int, bool]]:
    """Left-over sentences paired one to one, most shared words first, each marked restated or not."""
    gap_a, gap_b = _gap_sizes(near_a, free_a), _gap_sizes(near_b, free_b)
    candidates = []
    for i in free_a:
        for j in free_b:
            shared = len(words_a[i] & words_b[j])
            if not shared:
                continue
            near = near_a[i] == near_b[j] and gap_a[i] <= MAX_GAP and gap_b[j] <= MAX_GAP
            smaller = max(min(len(words_a[i]), len(words_b[j])), 1)
            larger = max(len(words_a[i]), len(words_b[j]))
            if ((near and shared >= MIN_SHARED_NEAR and shared >= NEAR_SHARE * smaller)
                    or (shared >= MIN_SHARED_FAR and shared >= FAR_SHARE * smaller and shared >= FAR_LONG_SHARE * larger)):
                restated = (near and shared >= MIN_RESTATED and shared >= RESTATED_SHARE * smaller
                            and not (headlines_a[i] or headlines_b[j]))
                candidates.append((-shared, -shared / smaller, i, j, restated))
    pairs: list[tuple[int, int, bool]] = []
    for *_, i, j, restated in sorted(candidates):
        if all(i != x and j != y for x, y, _ in pairs):
            pairs.append((i, j, restated))
    return pairs


def _gap_sizes(near: list[tuple[int, int]], free: list[int]) -> dict[int, int]:
    """For each left-over sentence, how many left-over sentences share its aligned neighbours."""
    return {k: sum(near[m] == near[k] for m in free) for k in free}


def _remainders(free: list[int], words_free: list[frozenset[str]], words_other: list[frozenset[str]],
                near: list[tuple[int, int]], holder_other: list[int | None]) -> list[tuple[int, int]]:
    """Each left-over sentence (index into its side) with the held sentences of the other side it may
    have been split from or merged into, likeliest first: the one using most of its distinctive words,
    if at least ``REMAINDER_SHARE`` of them, then those of the aligned units on either side of it (in a gap of
    at most ``MAX_GAP`` left-over sentences)."""
    gaps = _gap_sizes(near, free)
    pairs = []
    for k in free:
        wanted = words_free[k]
        best = max(((len(wanted & words_other[m]), m) for m, h in enumerate(holder_other) if h is not None),
                   default=(0, -1))
        split_from = best[1] if best[0] >= MIN_REMAINDER and best[0] >= REMAINDER_SHARE * len(wanted) else -1
        if split_from >= 0:
            pairs.append((k, split_from))
        if gaps[k] <= MAX_GAP:
            pairs += [(k, m) for unit in near[k] for m, h in enumerate(holder_other) if h == unit and m != split_from]
    return pairs


def _distinctive(text: str, sentences: tuple[Span, ...], other_text: str, other_sentences: tuple[Span, ...]) -> list[frozenset[str]]:
    """Each sentence's distinctive words: stemmed content words, less those used in more than
    ``COMMON_SHARE`` of the sentences of both articles (the story's own vocabulary)."""
    own, other = span_stems(text, sentences), span_stems(other_text, other_sentences)
    counts: dict[str, int] = {}
    for words in (*own, *other):
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    limit = max(2.0, COMMON_SHARE * (len(own) + len(other)))
    return [frozenset(w for w in words if counts[w] <= limit) for words in own]


@lru_cache(maxsize=64)
def span_stems(text: str, sentences: tuple[Span, ...]) -> tuple[frozenset[str], ...]:
    """Each span's stemmed content words: sentences, or the stretches of a claim (an article's pairs all ask about the same sentences)."""
    return tuple(frozenset(stem(w) for *_, w in tokenize(text, *s) if w not in STOPWORDS and (len(w) > 1 or w.isdigit()))
                 for s in sentences)
