"""Quotations and who says them: words changed inside quotation marks, and words given to someone else.

A quotation is the one place where a copy promises the speaker's own words,
so any word changed, added or dropped inside it is a ``quote`` change
("one we can fix" → "one we can easily fix"), except a quotation cut short
(the copy quotes a stretch of the source's quotation, or stretches joined by
an ellipsis). Straight and curly quotation marks are the same.

The same words given to another speaker are a ``quote`` change too
("…," said Heller → "…," said Voss), and reported speech given to another
party ("The agency said the delay…" → "Dr Demir said the delay…"), or a
name turned into a pronoun that now stands for someone else, an ``entity``
change. Speakers are found and pronouns resolved by ``speakers``.
"""

from __future__ import annotations

import difflib
import re

from unspin.align.similarity import STOPWORDS
from unspin.explain.names import one_party
from unspin.explain.cues import Cue, quotes
from unspin.explain.entities import voice_turned
from unspin.explain.speakers import Referent, Speaker, differ, resolve, sentence_at, speakers
from unspin.explain.unit import UnitPair
from unspin.records import Change, Span, spans_overlap as _overlap
from unspin.segment import split_sentences, tokenize

MATCH = 0.5
"""Least word similarity (difflib ratio) at which a copy's quotation is read as one of the source's."""
_SHORTLIST = 8
ARTICLE_QUOTES = 150
"""Most quotations a side may have for quotations to be matched across whole articles (a long
interview has dozens; each copy quotation is set against every source one)."""
LONE_MATCH = 0.2
"""The same for the only quotation on each side of an aligned unit: the aligner already paired them."""


def quote_changes(unit: UnitPair, pair_lone: bool = True) -> list[Change]:
    """Quotations of the copy side whose words differ from the source side's, narrowed to the words that differ.

    Each quotation of the copy is set against the most similar quotation of
    the source (or two consecutive ones, which a copy may quote as one).
    Contractions are spelled out first, so "We're" for "We are" is no change.
    With ``pair_lone``, the one quotation of each side of an aligned unit is
    the same quotation when a fifth of its words still match (``LONE_MATCH``).
    """
    sa, sb = unit.a, unit.b
    qa, qb = quotes(sa), quotes(sb)
    changes: list[Change] = []
    for y in qb:
        best = _best_match(qa, y, sa, MATCH if not (pair_lone and len(qa) == len(qb) == 1) else LONE_MATCH)
        if best is None:
            continue
        xs = best
        source_words = [w for x in xs for w in _words(sa, x)]
        if _excerpt([w for *_, w in source_words], [w for *_, w in _words(sb, y)], sb[y.start : y.end]):
            continue
        differ_at = _differing(source_words, _words(sb, y), xs[0], y, sa)
        if differ_at is not None:
            nx, ny = differ_at
            changes.append(unit.change("quote", nx, ny, f"the quoted words differ: '{sa[nx.start:nx.end]}' → '{sb[ny.start:ny.end]}'"))
    return changes


def _best_match(qa: list[Cue], y: Cue, sa: str, least: float = MATCH) -> list[Cue] | None:
    """The source quotation (or two consecutive ones) most like ``y``, if any is alike enough."""
    words_y = y.key.split()
    if len(qa) > _SHORTLIST:  # an article of many quotations: only those sharing most words are compared closely
        shared = set(words_y)
        keep = set(sorted(range(len(qa)), key=lambda k: -len(shared & set(qa[k].key.split())))[:_SHORTLIST])
        qa = [x for k, x in enumerate(qa) if k in keep]
    candidates = [[x] for x in qa] + [[x, z] for x, z in zip(qa, qa[1:]) if z.start - x.end <= 200]
    scored = [(difflib.SequenceMatcher(None, " ".join(c.key for c in xs).split(), words_y, autojunk=False).ratio(), k)
              for k, xs in enumerate(candidates)]
    if not scored:
        return None
    ratio, k = max(scored)
    return candidates[k] if ratio >= least else None


def article_quote_changes(a_text: str, b_text: str, taken: list[Change]) -> list[Change]:
    """Misquotes and re-given quotations between whole articles, for quotations whose units the aligner
    did not pair: each quotation of the copy set against the most similar anywhere in the source (a
    quotation is distinctive enough to be found without the aligner). Changes overlapping ``taken``
    (found unit by unit) are left out."""
    whole = UnitPair(a_text, (0, len(a_text)), b_text, (0, len(b_text)))
    if not 0 < len(quotes(b_text)) <= ARTICLE_QUOTES or not 0 < len(quotes(a_text)) <= ARTICLE_QUOTES:
        return []  # none to compare, or a page of quotations no article has: units only
    found = quote_changes(whole, pair_lone=False) + _quote_speakers(whole)
    return [c for c in found if not any(t.type == c.type and (_overlap(t.a, c.a) or _overlap(t.b, c.b)) for t in taken)]


def _quote_speakers(unit: UnitPair) -> list[Change]:
    """Quotations both sides carry whose speakers differ (the sentence's, resolved)."""
    a_text, b_text = unit.a_text, unit.b_text
    qa = quotes(a_text)
    changes: list[Change] = []
    for y in quotes(b_text):
        best = _best_match(qa, y, a_text)
        if best is None:
            continue
        x = best[0]
        said_a, said_b = _quoted_by(a_text, x), _quoted_by(b_text, y)
        change = _given_to_another(unit, said_a, said_b, "quote")
        if change is not None:
            changes.append(change)
    return changes


def _quoted_by(text: str, quote: Cue) -> list[Speaker]:
    """The speakers of a quotation: its sentence's, else the sentence before's when that one ends in a colon."""
    start, end = sentence_at(text, quote.start)
    found = speakers(text, start, end)
    if not found and start > 0:
        before = text[:start].rstrip()
        if before.endswith(":"):
            found = speakers(text, *sentence_at(text, len(before) - 1))
    return found


def _given_to_another(unit: UnitPair, xs: list[Speaker], ys: list[Speaker], kind: str) -> Change | None:
    """A change when the speakers ``xs`` (in the source text) and ``ys`` (in the copy text) are different
    parties: each of ``ys`` differs from each of ``xs`` (a sentence may give words to two)."""
    if not xs or not ys or all(w.kind == "pronoun" for w in xs + ys) and {w.key for w in xs} == {w.key for w in ys}:
        return None  # a pronoun kept: whom it stands for is the same reading on both sides
    resolved_a = [(x, resolve(unit.a_text, x)) for x in xs]
    resolved_b = [(y, resolve(unit.b_text, y)) for y in ys]
    if not all(differ(rx, ry) and not _one_name(rx, ry) for _, rx in resolved_a for _, ry in resolved_b):
        return None
    (x, rx), (y, ry) = resolved_a[0], resolved_b[0]
    a0, b0 = unit.a_span[0], unit.b_span[0]
    said_a, said_b = unit.a_text[x.start : x.end], unit.b_text[y.start : y.end]
    if one_party(said_a, said_b):
        return None  # "the United Nations" and "the UN"
    ca, cb = Cue(x.start - a0, x.end - a0, ""), Cue(y.start - b0, y.end - b0, "")
    if kind == "quote":
        return unit.change("quote", ca, cb, f"the quotation is given to {said_b}; the source gives it to {said_a}")
    if "pronoun" not in (x.kind, y.kind) and voice_turned(unit.a, unit.b, {said_a, said_b}):
        return None  # "X agreed to be bought by Y" → "Y agreed to buy X": the same parties, the voice turned
    if x.kind == "pronoun" and rx is not None:
        note = f"'{said_a}' → {said_b}: in the source '{said_a}' stands for {rx.key.title()}"
    elif y.kind == "pronoun" and ry is not None:
        note = f"{said_a} → '{said_b}', which in the copy stands for {ry.key.title()}"
    else:
        note = f"{said_a} → {said_b}: the copy gives it to another party"
    return unit.change("entity", ca, cb, note)


def _one_name(x: Referent | None, y: Referent | None) -> bool:
    """Whether one key is the other spelled longer ("Niels" and "Nielsen"): the same person named otherwise."""
    return x is not None and y is not None and (x.key.startswith(y.key) or y.key.startswith(x.key))


def speaker_changes(unit: UnitPair) -> list[Change]:
    """Sentences of the unit that say the same thing on both sides but give it to different parties.

    Sentences are paired by their content words; a pair whose speakers (or,
    for a pronoun against a name, leading subjects) resolve to different
    parties is a ``quote`` change when both carry a quotation, else an
    ``entity`` change.
    """
    if _who(unit.a) == _who(unit.b):
        return []  # the same names and pronouns in the same order: nobody's words were moved
    a0, b0 = unit.a_span[0], unit.b_span[0]
    words_a = [((a0 + s, a0 + e), _content(unit.a_text, (a0 + s, a0 + e))) for s, e in split_sentences(unit.a)]
    changes: list[Change] = []
    for s, e in split_sentences(unit.b):
        sb = (b0 + s, b0 + e)
        words_b = _content(unit.b_text, sb)
        share, sa = max(((_share(wa, words_b), span) for span, wa in words_a), default=(0.0, (0, 0)))
        if share < 0.5:
            continue
        xs, ys = speakers(unit.a_text, *sa, subject=True), speakers(unit.b_text, *sb, subject=True)
        if not xs or not ys:
            continue
        if "pronoun" not in {w.kind for w in xs + ys} and not (speakers(unit.a_text, *sa) and speakers(unit.b_text, *sb)):
            continue  # two names as subjects of a sentence that reports nothing: an entity swap, for entities
        quoted = bool(quotes(unit.a_text[sa[0] : sa[1]])) and bool(quotes(unit.b_text[sb[0] : sb[1]]))
        change = _given_to_another(unit, xs, ys, "quote" if quoted else "entity")
        if change is not None:
            changes.append(change)
    return changes


def _content(text: str, span: Span) -> set[str]:
    """A sentence's content words, names left out, since who says it is what is being compared."""
    return {w for s, _, w in tokenize(text, *span) if w not in STOPWORDS and w.isalpha() and not text[s].isupper()}


def _share(x: set[str], y: set[str]) -> float:
    """Share of the smaller set's words that the other has too."""
    return len(x & y) / max(min(len(x), len(y)), 1)


_WHO = re.compile(r"\b(?:[A-Z][\w'’-]+|he|she|He|She)\b")


def _who(text: str) -> list[str]:
    """The capitalised words and personal pronouns of ``text``, in order."""
    return _WHO.findall(text)


_DISCOURSE = frozenset({"also", "indeed", "further", "furthermore", "moreover", "additionally", "now", "still"})
"""Words that join a clause to the one before and say nothing of their own; spinners scatter them."""
_CONTRAST = frozenset({"but", "yet", "however", "nevertheless", "though", "although"})


def _discourse_only(gone: set[str], new: set[str]) -> bool:
    """Whether a difference inside a quotation is only a discourse word added or dropped ("we also
    agreed"), or one contrast word for another ("but" → "yet"): the speaker's claim is the same."""
    if not gone or not new:
        return (gone | new) <= _DISCOURSE
    return gone <= _CONTRAST and new <= _CONTRAST


_CONTRACTIONS = {"'re": "are", "n't": "not", "'m": "am", "'ve": "have", "'ll": "will", "'d": "would"}


def _words(text: str, cue: Cue) -> list[tuple[int, int, str]]:
    """Word tokens of a quotation with contractions spelled out (``we're`` → ``we``, ``are``)."""
    out: list[tuple[int, int, str]] = []
    for start, end, word in tokenize(text, cue.start, cue.end):
        word = word.replace("’", "'")
        ending = next((c for c in _CONTRACTIONS if word.endswith(c) and len(word) > len(c)), None)
        if ending is None:
            out.append((start, end, word))
        else:
            stem_part = word[: -len(ending)]
            out += [(start, end, "will" if stem_part == "wo" else "can" if stem_part == "ca" else stem_part),
                    (start, end, _CONTRACTIONS[ending])]
    return out


def _differing(wa: list[tuple[int, int, str]], wb: list[tuple[int, int, str]], x: Cue, y: Cue,
               source: str) -> tuple[Cue, Cue] | None:
    """The stretch of each quotation from its first to its last differing word, or None if none differs.

    Words the copy has where the source's quotation marks a gap with an ellipsis ("poor ... there" →
    "poor, the water is dirty ... there") are the speaker's, which the source left out: no change.
    (The gap is looked for a word either side of the insertion, since a word repeated around it
    may be matched on either side of the ellipsis.)
    """
    ops = [op for op in difflib.SequenceMatcher(None, [w for *_, w in wa], [w for *_, w in wb], autojunk=False).get_opcodes()
           if op[0] != "equal" and not _discourse_only({w for *_, w in wa[op[1] : op[2]]}, {w for *_, w in wb[op[3] : op[4]]})
           and not (op[0] == "insert" and _ELLIPSIS.search(source, wa[op[1] - 2][1] if op[1] > 1 else x.start,
                                                            wa[op[1] + 1][0] if op[1] + 1 < len(wa) else x.end))]
    if not ops:
        return None

    def stretch(words: list[tuple[int, int, str]], first: int, last: int, whole: Cue) -> Cue:
        if first >= last:  # nothing on this side: point at the words around the gap
            first, last = max(first - 1, 0), min(first + 1, len(words))
        if not words or first >= last:
            return whole
        return Cue(words[first][0], words[last - 1][1], "")

    return (stretch(wa, ops[0][1], ops[-1][2], x), stretch(wb, ops[0][3], ops[-1][4], y))


_ELLIPSIS = re.compile(r"\.\.\.|…|\[\.\.\.\]")


def _excerpt(source: list[str], copy: list[str], copy_said: str) -> bool:
    """Whether the copy's quotation is the source's cut short: one stretch of the source's words, in
    order, or as many stretches as the copy marks with an ellipsis plus one.

    Quoting part of a statement keeps the words quoted; a word added, dropped or changed inside the
    quoted stretch is still a change.
    """
    if not copy or len(copy) >= len(source):
        return False
    blocks = [b for b in difflib.SequenceMatcher(None, source, copy, autojunk=False).get_matching_blocks() if b.size]
    if sum(b.size for b in blocks) != len(copy):
        return False
    return len(blocks) <= 1 + len(_ELLIPSIS.findall(copy_said))


def unspoken(entity: list[Change], said: list[Change]) -> list[Change]:
    """Entity changes less those that name the speakers of a quotation given to another (``said``
    reports them as a ``quote`` change) or repeat a speaker change's evidence."""
    return [c for c in entity if not any(_overlap(c.a, s.a) and _overlap(c.b, s.b) for s in said)]
