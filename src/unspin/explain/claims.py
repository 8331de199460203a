"""Additions and omissions: a claim present on one side of an aligned unit only.

A word-level diff of the two sides finds stretches that one side has and
the other replaces with little or nothing. A stretch is a claim, not a
rewording, when it carries ``MIN_NOVEL`` content words of its own, none of
which the other side uses anywhere (so moved or paraphrased words do not
count), against at most one new content word opposite. Short asides ("on
Tuesday", "he said") stay below the bar: faithful rewrites add and drop
them all the time.
"""

from __future__ import annotations

import difflib

from unspin.align.similarity import STOPWORDS, stem
from unspin.explain.cues import Cue
from unspin.explain.unit import UnitPair
from unspin.records import Change
from unspin.segment import tokenize

MIN_NOVEL = 5
"""Content words a stretch must carry, none used by the other side, to be a claim."""


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
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        novel_a = [t for t in ta[i1:i2] if _content(t[2]) and stem(t[2]) not in stems_b]
        novel_b = [t for t in tb[j1:j2] if _content(t[2]) and stem(t[2]) not in stems_a]
        if len(novel_a) >= MIN_NOVEL and len(novel_b) <= 1:
            start, end = novel_a[0][0], novel_a[-1][1]
            changes.append(unit.change("omission", Cue(start, end, ""), None, f"B leaves out: '{sa[start:end]}'"))
        elif len(novel_b) >= MIN_NOVEL and len(novel_a) <= 1:
            start, end = novel_b[0][0], novel_b[-1][1]
            changes.append(unit.change("addition", None, Cue(start, end, ""), f"B adds: '{sb[start:end]}'"))
    return changes
