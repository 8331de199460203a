"""Two parties of a pair that trade places across the article: the school that closes, the society whose
name the merged business keeps, the side that buys.

A story about two named parties ("St Aidan's and Millfield will merge",
"Dunmore and Eastgate agreed terms") says things of each. A rewrite that
turns the story round keeps both names and the claims, and gives a claim
said of one to the other: the source's "St Aidan's … will close at the end
of the school year" becomes the copy's "Millfield … will close at the end of
the school year". Heavy paraphrase often leaves the two sentences unaligned,
and where they are aligned the name alone reads as a party replaced
(``entity``), not as the two parties of the story swapped.

So the pairs are read from the source (two names joined by ``and`` or by a
merger's ``with``, both named in the copy too), and each clause of the source
that names one party of a pair only is matched with the copy's clauses that
name one party only: a copy clause that names the *other* party and says
what the source's clause said (its content words, names aside, overlap
well), where no copy clause naming the *same* party says it as well, is the
claim given to the other party. Other names in the two clauses must not
each name someone the other does not:
"St Aidan's head teacher, Gwen Harcourt" → "Millfield's head teacher, Samuel
Adeyemi" names another person too, which is the entity rules' to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unspin.align.similarity import STOPWORDS, stem
from unspin.explain.cues import Cue
from unspin.explain.unit import UnitPair
from unspin.records import Change, Span
from unspin.segment import tokenize

_NAME = r"(?:[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*){0,3})"
_PAIR = re.compile(rf"(?P<x>{_NAME})\s+(?:and|&)\s+(?P<y>{_NAME})|"
                   rf"(?P<x2>{_NAME})\s+(?:will\s+|is\s+to\s+|has\s+agreed\s+to\s+|agreed\s+to\s+)?"
                   rf"(?:merg\w*|combin\w*|join\w*)\s+with\s+(?P<y2>{_NAME})")
_CLAUSE = re.compile(r"[.!?](?=\s|$)|;|,\s+(?:and|but|while|whereas)\b|\n")
_LEADING = frozenset({"the", "a", "an", "on", "in", "at", "after", "before", "under", "both", "but", "and", "when", "while"})
MIN_SHARED = 3
"""Fewest content words a claim given to the other party must share with the source's claim."""
MIN_SHARE = 0.5
"""Least share of the shorter claim's content words that the two claims must share."""


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause of one article: its span, which party of the pair it names (``x`` or ``y``), where, its
    content stems less the pair's names, and its other names."""

    span: Span
    party: str
    at: Span
    claim: frozenset[str]
    names: frozenset[str]


def _key(name: str) -> str:
    words = [w for w in re.sub(r"['’]s?\b", "", name).lower().split() if w not in _LEADING]
    return " ".join(words)


def pairs(text: str) -> list[tuple[str, str]]:
    """Pairs of names ``text`` joins with ``and`` or with a merger's ``with``, as lower-case keys."""
    found = []
    for m in _PAIR.finditer(text):
        x, y = _key(m.group("x") or m.group("x2")), _key(m.group("y") or m.group("y2"))
        if x and y and x != y and len(x) > 2 and len(y) > 2:
            found.append((x, y))
    return list(dict.fromkeys(found))


def _mentions(text: str, key: str) -> list[Span]:
    pattern = r"\b" + r"\s+".join(re.escape(w) for w in key.split()) + r"(?:['’]s?)?\b"
    return [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]


def clauses(text: str, pair: tuple[str, str]) -> list[Clause]:
    """The clauses of ``text`` that name exactly one party of ``pair``."""
    out = []
    bounds = [0] + [m.end() for m in _CLAUSE.finditer(text)] + [len(text)]
    pair_words = {stem(w) for key in pair for w in key.split()}
    mentions_x, mentions_y = _mentions(text, pair[0]), _mentions(text, pair[1])
    for begin, end in zip(bounds, bounds[1:]):
        at_x = [s for s in mentions_x if begin <= s[0] < end]
        at_y = [s for s in mentions_y if begin <= s[0] < end]
        if bool(at_x) == bool(at_y):
            continue
        words = [(s, re.sub(r"['’]s?$", "", w)) for s, _, w in tokenize(text, begin, end)]
        claim = frozenset(stem(w) for _, w in words if w and w not in STOPWORDS and stem(w) not in pair_words)
        names = frozenset(stem(w) for s, w in words if text[s].isupper() and s > begin + 1 and w not in STOPWORDS
                          and stem(w) not in pair_words)
        out.append(Clause((begin, end), "x" if at_x else "y", (at_x or at_y)[0], claim - names, names))
    return out


def paired_swaps(a_text: str, b_text: str, taken: list[Change]) -> list[Change]:
    """Claims the copy gives to the other party of a pair (see the module docstring), one ``inversion`` each,
    where no inversion in ``taken`` already covers either side's clause."""
    found: list[Change] = []
    for pair in pairs(a_text):
        if not _mentions(b_text, pair[0]) or not _mentions(b_text, pair[1]):
            continue
        theirs = clauses(b_text, pair)
        for x in clauses(a_text, pair):
            same = max((_shared(x, y) for y in theirs if y.party == x.party), default=0)
            for y in theirs:
                shared = _shared(x, y)
                if y.party == x.party or shared < MIN_SHARED or shared <= same or (x.names - y.names and y.names - x.names):
                    continue
                if shared < MIN_SHARE * min(len(x.claim), len(y.claim)):
                    continue
                if any(c.type == "inversion" and (_meets(c.a, x.span) or _meets(c.b, y.span)) for c in (*taken, *found)):
                    continue
                unit = UnitPair(a_text, x.span, b_text, y.span)
                cx = Cue(x.at[0] - x.span[0], x.at[1] - x.span[0], x.party)
                cy = Cue(y.at[0] - y.span[0], y.at[1] - y.span[0], y.party)
                found.append(unit.change("inversion", cx, cy, f"the two parties traded places: what the source says "
                                                              f"of '{a_text[x.at[0]:x.at[1]]}' the copy says of "
                                                              f"'{b_text[y.at[0]:y.at[1]]}'"))
    return found


def _shared(x: Clause, y: Clause) -> int:
    return len(x.claim & y.claim)


def _meets(span: Span | None, other: Span) -> bool:
    return span is not None and span[0] < other[1] and other[0] < span[1]
