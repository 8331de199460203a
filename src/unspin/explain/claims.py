"""Additions and omissions: a claim present on one side of an aligned unit only.

A word-level diff of the two sides finds stretches that one side has and
the other replaces with little or nothing. A stretch is a claim, not a
rewording, when it carries ``MIN_NOVEL`` content words of its own, none of
which the other side uses anywhere (so moved or paraphrased words do not
count), against at most one new content word opposite. Short asides ("on
Tuesday", "he said") stay below the bar: faithful rewrites add and drop
them all the time.

A stretch is judged one sentence at a time (a unit may hold two), so a
claim's evidence never runs into the next sentence. And a claim that the
other article makes in another sentence was moved, not added or dropped:
rewrites merge and split sentences, so the aligner may pair the sentence
that carries it with another unit.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from unspin.align.similarity import STOPWORDS, stem
from unspin.explain.cues import Cue
from unspin.explain.unit import UnitPair
from unspin.records import Change, Span
from unspin.segment import split_sentences, tokenize

MIN_NOVEL = 5
"""Content words a stretch must carry, none used by the other side, to be a claim."""
MIN_CLAUSE = 3
"""Content words, none used by the other side, that a whole clause one side adds or drops must carry."""
_CLAUSE_OPENERS = frozenset({"but", "and", "although", "though", "because", "before", "after", "while", "whereas", "since",
                             "which", "who", "whose", "where", "if", "unless", "despite", "following", "that",
                             "once", "provided", "providing", "pending", "until"})
"""Words that open a clause (coordinate, subordinate or relative: "which sets the maximum rise"): a
whole clause one side has and the other lacks is a claim of its own."""
_SAYING = frozenset({"said", "says", "told", "added", "according", "stated", "explained", "noted", "warned", "insisted"})
"""Words that open an attribution set off by commas (", said engineer Pia Lindqvist."): who said it is
a ``hedge`` or ``quote`` matter, not a claim."""
_VAGUE = frozenset(stem(w) for w in ("more", "move", "moves", "surprised", "surprise", "few", "details", "detail", "coming",
                                     "days", "expected", "news", "development", "developments", "update", "updates",
                                     "interest", "story", "follow", "follows"))
"""Stock filler words ("in a move that surprised few", "More details are expected in the coming days"): a
stretch of filler alone never reaches a claim's bar."""
MOVED_SHARE = 0.5
"""Share of a stretch's content words that one sentence of the other article must use for the
stretch to count as said there (moved) rather than added or dropped."""

Token = tuple[int, int, str]


def _content(word: str) -> bool:
    return word not in STOPWORDS and (len(word) > 1 or word.isdigit())


def claim_changes(unit: UnitPair) -> list[Change]:
    """Stretches of content words that one side of ``unit`` has and the other says nothing of."""
    sa, sb = unit.a, unit.b
    ta = [(s, e, w.lower()) for s, e, w in tokenize(sa)]
    tb = [(s, e, w.lower()) for s, e, w in tokenize(sb)]
    stems_a = {stem(w) for *_, w in ta if _content(w)}
    stems_b = {stem(w) for *_, w in tb if _content(w)}
    matcher = difflib.SequenceMatcher(None, [stem(w) for *_, w in ta], [stem(w) for *_, w in tb], autojunk=False)
    ends_a, ends_b = _sentence_ends(sa), _sentence_ends(sb)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        kind = _plain(tag, ta[i1:i2], tb[j1:j2])
        novel_a = [t for t in ta[i1:i2] if _content(t[2]) and stem(t[2]) not in stems_b]
        novel_b = [t for t in tb[j1:j2] if _content(t[2]) and stem(t[2]) not in stems_a]
        if len(novel_b) <= 1:
            for start, end in _claims(sa, ta[i1:i2], stems_b, kind, ends_a, unit.b_text, unit.b_span):
                changes.append(clause_claim(unit, Cue(start, end, ""), True))
        if len(novel_a) <= 1:
            for start, end in _claims(sb, tb[j1:j2], stems_a, kind, ends_b, unit.a_text, unit.a_span):
                changes.append(clause_claim(unit, Cue(start, end, ""), False))
    return changes


def _claims(text: str, stretch: list[Token], other_stems: set[str], kind: str, ends: list[int],
            other_text: str, other_span: Span) -> list[Span]:
    """The claims in ``stretch``, one side's part of a diff opcode the other side lacks: its novel
    content words (none used by the other side), per sentence, when they are enough for a claim and
    the other article does not say them elsewhere. A stretch that falls short as a whole is tried
    clause by clause (``_clauses``): a dropped "… because the pumps were old" is a claim inside a
    longer rewording, and so is "… after residents reported shaking" that a replacement adds while the
    other side's words there only move (the caller lets through only stretches opposite at most one
    novel word). Each clause after the first opens with a clause word, so it is judged as a clause the
    other side lacks."""
    def found(piece: list[Token], tag: str) -> list[Span]:
        novel = [t for t in piece if _content(t[2]) and stem(t[2]) not in other_stems]
        least = _least(text, piece, tag)
        weigh = _untimed if least == MIN_CIRCUMSTANCE else _weight
        return [(words[0][0], words[-1][1]) for words in _by_sentence(novel, ends)
                if weigh(words) >= least and not _said_elsewhere(words, other_text, other_span)]

    whole = found(stretch, kind)
    if whole or kind == "equal":
        return whole
    return [span for clause in _clauses(stretch)[1:] for span in found(clause, "insert")]


def clause_claim(unit: UnitPair, clause: Cue, in_a: bool) -> Change:
    """A whole clause one side of ``unit`` says alone, read source → copy: ``omission`` when the source (``a``)
    has it, ``addition`` when the copy does."""
    if in_a:
        return unit.change("omission", clause, None, f"B leaves out: '{unit.a[clause.start:clause.end]}'")
    return unit.change("addition", None, clause, f"B adds: '{unit.b[clause.start:clause.end]}'")


def _weight(words: list[Token]) -> int:
    """How many claim words ``words`` (a stretch's novel content words) count for: all of them, unless they are
    stock filler only (``_VAGUE``)."""
    return 0 if all(stem(w) in _VAGUE for *_, w in words) else len(words)


_TIMES = frozenset(stem(w) for w in """monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december yesterday today tomorrow tonight noon midnight morning
afternoon evening night hours hour minutes day days week weeks month months year years weekend close open trading
trade""".split())
"""Words that date a phrase of circumstance rather than name one ("shortly after noon", "after the close on Friday")."""


def _untimed(words: list[Token]) -> int:
    """How many claim words a phrase of circumstance's novel words count for: those that do not say when."""
    return sum(1 for *_, w in words if stem(w) not in _TIMES and not w[:1].isdigit())


def _clauses(stretch: list[Token]) -> list[list[Token]]:
    """``stretch`` cut before each clause opener inside it that does not follow another ("after which the
    board will review it" is one clause)."""
    cuts = [k for k, t in enumerate(stretch) if k > 0 and t[2] in _CLAUSE_OPENERS and stretch[k - 1][2] not in _CLAUSE_OPENERS]
    return [stretch[a:b] for a, b in zip([0, *cuts], [*cuts, len(stretch)])]


def _plain(tag: str, a: list[Token], b: list[Token]) -> str:
    """A replacement whose one side carries no content word ("if a second trial confirms the
    findings" → "and") is a deletion or insertion of the other side."""
    if tag == "replace" and not any(_content(w) for *_, w in b):
        return "delete"
    if tag == "replace" and not any(_content(w) for *_, w in a):
        return "insert"
    return tag


def _least(text: str, stretch: list[Token], tag: str) -> int:
    """Novel content words a stretch needs to be a claim: ``MIN_CLAUSE`` for a whole clause one side has
    and the other simply lacks (it opens with a conjunction or a relative pronoun: "but declined to give
    figures", "which sets the cap", or it is set off by commas: ", the longest delay this year,"), else
    ``MIN_NOVEL``."""
    if tag not in ("delete", "insert") or not stretch:
        return MIN_NOVEL
    set_off = (text[: stretch[0][0]].rstrip().endswith((",", "(", "—", "–"))
               and text[stretch[-1][1] :].lstrip()[:1] in (",", ".", ";", ")", "—", "–", "")
               and stretch[0][2] not in _SAYING)
    if _CIRCUMSTANCE.match(" ".join(w for *_, w in stretch)):
        return MIN_CIRCUMSTANCE
    return MIN_CLAUSE if stretch[0][2] in _CLAUSE_OPENERS or set_off else MIN_NOVEL


_CIRCUMSTANCE = re.compile(r"(?:(?:shortly|soon|just|moments|hours|days|weeks|months|years|long|only|even)\s+)?"
                          r"(?:after|following|amid|amidst|despite|because of|due to|owing to|in place of|in the wake of"
                          r"|in response to|on the back of|as a result of|thanks to|ahead of)\b")
"""Words that open a phrase of circumstance ("after a poor start", "shortly after the raid", "following
complaints from residents", "amid protests over the budget"): it says when, why or instead of whom the claim
holds, and a copy that drops it states the claim bare."""
MIN_CIRCUMSTANCE = 2
"""Novel content words a phrase of circumstance one side drops must carry: two name a circumstance ("poor
start"), one is an aside ("after the match")."""


def _sentence_ends(text: str) -> list[int]:
    return [end for _, end in split_sentences(text)]


def _by_sentence(tokens: list[Token], ends: list[int]) -> list[list[Token]]:
    """``tokens`` grouped by the sentence of the unit they lie in."""
    groups: dict[int, list[Token]] = {}
    for token in tokens:
        index = next((k for k, end in enumerate(ends) if token[0] < end), len(ends))
        groups.setdefault(index, []).append(token)
    return list(groups.values())


def _said_elsewhere(piece: list[Token], other_text: str, other_span: Span) -> bool:
    """Whether one sentence of the other article outside its side of the unit uses at least
    ``MOVED_SHARE`` of ``piece``'s content words."""
    wanted = {stem(w) for *_, w in piece}
    return any(len(wanted & used) >= MOVED_SHARE * len(wanted)
               for (start, end), used in _sentence_stems(other_text)
               if not (other_span[0] <= start and end <= other_span[1]))


@lru_cache(maxsize=64)
def _sentence_stems(text: str) -> tuple[tuple[tuple[int, int], frozenset[str]], ...]:
    """Each sentence of an article with its word stems (an article's units all ask about the same text)."""
    return tuple(((start, end), frozenset(stem(w.lower()) for *_, w in tokenize(text, start, end)))
                 for start, end in split_sentences(text))


MIN_ADDED = 2
"""Content words a copy sentence that no unit holds must carry to be reported as an added claim
(fewer is an aside: "He said.", "More follows.")."""
REWRITE_SHARE = 0.5
"""Share of the copy's sentences that aligned units must exceed for the copy to be a rewrite of the source."""


def added_sentences(source_text: str, copy_text: str, copy_sentences: tuple[Span, ...],
                    units: list[tuple[Span, Span]]) -> list[Change]:
    """The copy's sentences that no aligned unit holds and no source sentence says: claims the copy
    adds, the mirror of the source sentences it drops.

    Where the copy is a rewrite of the source (units hold more than ``REWRITE_SHARE`` of
    its sentences), each of its other sentences is a claim added to the
    source's. Where it only reuses a stretch, only sentences inside that
    stretch count: the rest is the copy's own article around the reused text.
    A sentence that uses ``MOVED_SHARE`` of its content words in one source
    sentence and at most one word the source never uses is a paraphrase the
    aligner left unpaired, not an addition: a new claim brings new words.
    """
    held = [b for _, b in units]
    stretch = rewrite_stretch(copy_text, copy_sentences, held)
    if stretch is None:
        return []
    first, last = stretch
    changes = []
    for start, end in copy_sentences:
        if not (first <= start and end <= last) or any(_spans_overlap((start, end), b) for b in held):
            continue
        if not claims_anew(copy_text, (start, end), source_text):
            continue
        text = copy_text[start:end]
        changes.append(Change("addition", None, (start, end), "", text, f"B adds: '{text}'"))
    return changes


def claims_anew(text: str, sentence: Span, other_text: str) -> bool:
    """Whether ``text[sentence]``, a sentence no aligned unit holds, makes a claim ``other_text`` does not.

    It must carry ``MIN_ADDED`` content words, not all stock filler; and a sentence that uses
    ``MOVED_SHARE`` of its content words in one sentence of the other article,
    with at most one word that article never uses, is a paraphrase the aligner
    left unpaired: a new claim brings new words.
    """
    words = [(s, e, w.lower()) for s, e, w in tokenize(text, *sentence) if _content(w.lower())]
    if _weight(words) < MIN_ADDED:
        return False
    other_words = frozenset().union(*(used for _, used in _sentence_stems(other_text)))
    new = {stem(w) for *_, w in words} - other_words
    return len(new) > 1 or not _said_elsewhere(words, other_text, (0, 0))


def rewrite_stretch(text: str, sentences: tuple[Span, ...], held: list[Span]) -> Span | None:
    """The stretch of ``text`` the other article reuses: from the first sentence ``held`` overlaps to the
    last, or the whole text when ``held`` covers more than ``REWRITE_SHARE`` of its sentences (the other article is
    a rewrite of this one, so what it leaves out anywhere it dropped). None when nothing is held."""
    inside = [s for s in sentences if any(_spans_overlap(s, h) for h in held)]
    if not inside:
        return None
    if len(inside) > REWRITE_SHARE * len(sentences):
        return (0, len(text))
    return (inside[0][0], inside[-1][1])


def _spans_overlap(x: Span, y: Span) -> bool:
    return min(x[1], y[1]) > max(x[0], y[0])
