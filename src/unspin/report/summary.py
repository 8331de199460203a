"""What a reader wants first from a result, in words: who copied whom, how much, what changed.

The terminal and HTML reports both word their verdicts here, so the two
never disagree. Every change reads source → copy: :class:`Sides` says which
side of a passage (``a`` or ``b``) is the source. ``compare A B`` takes A as
the source unless dates say B is earlier; ``trace`` takes the stored article
as the source, which is each passage's ``b``. The result's ``direction``
(``a_to_b`` or ``b_to_a``) says which.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from unspin.records import Article, Change, Comparison, Passage, SourceMatch, Span, Trace

KINDS = ("verbatim", "edited", "paraphrase")

KIND_MEANING = {
    "verbatim": "copied word for word",
    "edited": "copied with words changed, added or moved",
    "paraphrase": "the same content reworded",
}

# Most telling first; a type missing here (a new one) sorts after these, by name.
CHANGE_MEANING = {
    "number": "a figure differs",
    "date": "a date or time differs",
    "entity": "a person, place or organisation differs, or a name became a pronoun",
    "negation": "a statement is negated or its negation removed",
    "inversion": "a comparison, direction or relation is turned round",
    "quote": "the words inside a quotation differ",
    "hedge": "a claim is made more or less certain, or its attribution changed",
    "addition": "the copy adds a claim the source does not make",
    "omission": "the copy drops a claim the source makes",
}


@dataclass(frozen=True, slots=True)
class Sides:
    """The two articles of a result as source and copy, and which passage side each is."""

    source: Article
    copy: Article
    source_is_a: bool

    def source_span(self, passage: Passage) -> Span:
        return passage.a if self.source_is_a else passage.b

    def copy_span(self, passage: Passage) -> Span:
        return passage.b if self.source_is_a else passage.a

    def change_words(self, change: Change) -> ChangeWords:
        """The change's evidence as the source's words and the copy's words."""
        if self.source_is_a:
            return ChangeWords(change.type, change.a_text, change.b_text, change.note)
        return ChangeWords(change.type, change.b_text, change.a_text, change.note)


@dataclass(frozen=True, slots=True)
class ChangeWords:
    """One change for display: what the source says, what the copy says instead."""

    type: str
    source: str
    copy: str
    note: str


def comparison_sides(result: Comparison) -> Sides:
    """``compare A B``: A is the source when ``direction`` is ``a_to_b``, else B."""
    if result.direction == "a_to_b":
        return Sides(result.a, result.b, source_is_a=True)
    return Sides(result.b, result.a, source_is_a=False)


def trace_sides(result: Trace, match: SourceMatch) -> Sides:
    """``trace``: the stored article (each passage's ``b``) is the source when ``direction`` is ``b_to_a``."""
    if match.direction == "b_to_a":
        return Sides(match.source, result.article, source_is_a=False)
    return Sides(result.article, match.source, source_is_a=True)


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 sentence``, ``2 sentences``; ``many`` for irregular plurals."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def name(article: Article) -> str:
    """The article's title in quotes, else its source."""
    return f"“{' '.join(article.title.split())}”" if article.title and article.title.strip() else article.source


def change_counts(passages: Iterable[Passage]) -> list[tuple[str, int]]:
    """Change types with their counts, most frequent first, ties in :data:`CHANGE_MEANING` order."""
    counts = Counter(c.type for p in passages for c in p.changes)
    order = {t: i for i, t in enumerate(CHANGE_MEANING)}
    return sorted(counts.items(), key=lambda tc: (-tc[1], order.get(tc[0], len(order)), tc[0]))


def changes_phrase(passages: tuple[Passage, ...]) -> str:
    """``5 meaning changes: 2 number, 1 entity, …`` or ``no meaning change found``."""
    counts = change_counts(passages)
    total = sum(n for _, n in counts)
    if not total:
        return "no meaning change found"
    return f"{plural(total, 'meaning change')}: " + ", ".join(f"{n} {t}" for t, n in counts)


def kinds_phrase(passages: tuple[Passage, ...]) -> str:
    """``6 passages: 1 verbatim, 5 edited``."""
    parts = [f"{n} {k}" for k in KINDS if (n := sum(1 for p in passages if p.kind == k))]
    return plural(len(passages), "passage") + (": " + ", ".join(parts) if parts else "")


def copied_share(sides: Sides, passages: tuple[Passage, ...]) -> float:
    """Share of the copy's sentences inside a passage: the measure ``trace`` reports as coverage."""
    spans = [sides.copy_span(p) for p in passages]
    sentences = sides.copy.sentences
    if not sentences:
        return 0.0
    inside = sum(1 for s, e in sentences if any(start <= s and e <= end for start, end in spans))
    return inside / len(sentences)


def verdict(sides: Sides, passages: tuple[Passage, ...], share: float, source_name: str | None = None) -> str:
    """One line: ``copies 88% of its sentences from “Title” — 5 meaning changes: …``.

    ``source_name`` replaces the source's title where the reader already
    knows which article is meant (``A``).
    """
    who = source_name or name(sides.source)
    if not passages:
        return f"shares no passage with {who}"
    return f"copies {share:.0%} of its sentences from {who} — {changes_phrase(passages)}"
