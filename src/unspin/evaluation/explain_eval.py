"""Scoring typed meaning changes against ETPC spans and MRPC labels.

A change *finds* an ETPC relation when its evidence overlaps the relation's
span on either side; it finds it *typed* when its type belongs to the
relation's family (a named-entity/number substitution is found by an
``entity``, ``number`` or ``date`` change, an addition/deletion by an
``addition`` or ``omission``, polarity edits by ``negation`` or ``inversion``,
a converse substitution, "bought"/"was bought by", by ``inversion``). A
meaning-preserving span is *falsely flagged* when any change overlaps it.

ETPC's spans overlap: a changed number often lies inside a wider
"Addition/Deletion" or "Change of order" span annotated as preserving, so
the strict rate also counts correct flags. ``false_flags_unexplained``
counts only changes that overlap no meaning-changing span of the pair.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from unspin.evaluation.etpc import EtpcPair, Relation
from unspin.records import Change, Span

Detector = Callable[[str, str], list[Change]]

SUBSTITUTION = 7
"""ETPC's "Same Polarity Substitution (named ent.)": the entity/number target's type."""
FAMILIES: dict[int, tuple[str, ...]] = {
    SUBSTITUTION: ("entity", "number", "date"),
    25: ("addition", "omission"),
    9: ("negation", "hedge", "inversion"),
    10: ("negation", "hedge", "inversion"),
    13: ("inversion",),
    15: ("negation",),
}
IDENTITY = 29


@dataclass(frozen=True, slots=True)
class SpanScores:
    recall: dict[str, tuple[int, float, float]]
    """Per meaning-changing type name: (relations, typed recall, any-change recall)."""
    false_flags: float
    """Share of meaning-preserving edit spans (Identity excluded) that some change overlaps."""
    false_flags_identity: float
    """The same over Identity spans (text both sides keep unchanged)."""
    false_flags_substitution: float
    """Share of meaning-preserving edit spans that an ``entity``, ``number`` or ``date`` change
    overlaps: the precision side of the named-entity/number substitution target, and the one
    the naive rule (which has no other types) is measured by."""
    false_flags_unexplained: float
    """Share of meaning-preserving edit spans overlapped by a change that overlaps no
    meaning-changing span of the same pair (a flag no annotation justifies)."""


def _overlaps(spans: Iterable[Span], evidence: Span | None) -> bool:
    return evidence is not None and any(s < evidence[1] and evidence[0] < e for s, e in spans)


def _hits(relation: Relation, pair: EtpcPair, changes: list[Change], types: tuple[str, ...] | None) -> list[Change]:
    a_spans, b_spans = pair.a.span(relation.a), pair.b.span(relation.b)
    return [
        c for c in changes
        if (types is None or c.type in types) and (_overlaps(a_spans, c.a) or _overlaps(b_spans, c.b))
    ]


def _hit(relation: Relation, pair: EtpcPair, changes: list[Change], types: tuple[str, ...] | None) -> bool:
    return bool(_hits(relation, pair, changes, types))


def score_spans(pairs: dict[int, EtpcPair], relations: list[Relation], detect: Detector) -> SpanScores:
    cache: dict[int, list[Change]] = {}
    found: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    flags: list[bool] = []
    substitution_flags: list[bool] = []
    unexplained_flags: list[bool] = []
    identity_flags: list[bool] = []
    # Character spans of each pair's meaning-changing relations, located once.
    changing: dict[int, list[tuple[tuple[Span, ...], tuple[Span, ...]]]] = defaultdict(list)
    for relation in relations:
        if not relation.preserving and (relation.a or relation.b):
            pair = pairs[relation.pair_id]
            changing[relation.pair_id].append((pair.a.span(relation.a), pair.b.span(relation.b)))
    for relation in relations:
        pair = pairs[relation.pair_id]
        if not relation.a and not relation.b:
            continue
        if relation.pair_id not in cache:
            cache[relation.pair_id] = detect(pair.a.text, pair.b.text)
        changes = cache[relation.pair_id]
        if relation.preserving and relation.type_id == IDENTITY:
            identity_flags.append(_hit(relation, pair, changes, None))
        elif relation.preserving:
            flagged = _hits(relation, pair, changes, None)
            flags.append(bool(flagged))
            substitution_flags.append(_hit(relation, pair, changes, FAMILIES[SUBSTITUTION]))
            unexplained_flags.append(any(
                not any(_overlaps(a, c.a) or _overlaps(b, c.b) for a, b in changing[relation.pair_id]) for c in flagged
            ))
        else:
            typed = _hit(relation, pair, changes, FAMILIES.get(relation.type_id, ())) if relation.type_id in FAMILIES else False
            found[relation.type_name].append((typed, _hit(relation, pair, changes, None)))
    recall = {
        name: (len(hits), round(sum(t for t, _ in hits) / len(hits), 4), round(sum(a for _, a in hits) / len(hits), 4))
        for name, hits in sorted(found.items(), key=lambda kv: -len(kv[1]))
    }
    return SpanScores(recall, _share(flags), _share(identity_flags), _share(substitution_flags),
                      _share(unexplained_flags))


def _share(flags: list[bool]) -> float:
    return round(sum(flags) / max(len(flags), 1), 4)


_TOKEN = re.compile(r"\$?\d[\d.,]*%?|\w+(?:'\w+)?")


def naive_detector(a: str, b: str) -> list[Change]:
    """The baseline the issue names: flag every number or capitalised word found on one side only."""
    def marked(text: str) -> list[tuple[Span, str]]:
        out = []
        for m in _TOKEN.finditer(text):
            word = m.group()
            if (word[0].isdigit() or word[0] == "$" or word[0].isupper()) and m.start() > 0:
                out.append(((m.start(), m.end()), word))
        return out

    ma, mb = marked(a), marked(b)
    words_a, words_b = {w for _, w in ma}, {w for _, w in mb}
    changes = [Change("entity", span, None, w, "", "naive") for span, w in ma if w not in words_b]
    changes += [Change("entity", None, span, "", w, "naive") for span, w in mb if w not in words_a]
    return changes
