"""The record vocabulary every stage passes around.

This module imports nothing else from the package, so any stage can use it
without pulling in another. Records are frozen and slotted: a stage never
mutates what an earlier stage produced, it returns a new record.

Offsets are Unicode code-point offsets into an article's ``text`` and are
half-open ``(start, end)`` pairs, so ``text[start:end]`` is the span.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Span = tuple[int, int]
ReuseKind = Literal["verbatim", "edited", "paraphrase"]
ChangeType = Literal[
    "entity", "number", "date", "negation", "quote", "hedge", "addition", "omission", "inversion"
]
InputKind = Literal["text", "html"]
Direction = Literal["a_to_b", "b_to_a"]
"""Which side is the source: ``a_to_b`` reads A as the source and B as the copy."""


def spans_overlap(x: Span | None, y: Span | None) -> bool:
    """Whether two half-open character spans share a character (a missing side shares none)."""
    return x is not None and y is not None and x[0] < y[1] and y[0] < x[1]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One unit read from an input, before extraction.

    ``payload`` is plain text for ``kind == "text"`` and markup for ``"html"``.
    Metadata given by the container (a WARC header, a JSONL field) wins over
    what extraction later finds in the page itself.
    """

    source: str
    kind: InputKind
    payload: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    crawled: str | None = None
    external_id: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """An extracted article: its text, metadata and sentence layout.

    ``sentences`` lists the spans later stages align; ``boilerplate`` lists
    page-furniture spans (``Previous post …``) that no stage may index.
    ``id`` is ``None`` until the article is stored.
    """

    source: str
    text: str
    sentences: tuple[Span, ...]
    boilerplate: tuple[Span, ...] = ()
    title: str | None = None
    published: str | None = None
    site: str | None = None
    author: str | None = None
    url: str | None = None
    content_hash: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class IngestProblem:
    """An input that could not be ingested, with a reason a person can act on."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Change:
    """A typed meaning change inside one aligned passage.

    ``a``/``b`` are spans of the evidence on each side, ``None`` when the
    evidence exists on one side only (an omission, say).
    """

    type: ChangeType
    a: Span | None
    b: Span | None
    a_text: str
    b_text: str
    note: str


@dataclass(frozen=True, slots=True)
class Passage:
    """A reused passage: where it sits in A and in B, how it was reused."""

    a: Span
    b: Span
    kind: ReuseKind
    similarity: float
    changes: tuple[Change, ...] = ()
    units: tuple[tuple[Span, Span], ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    """One contiguous copy, as plagiarism evaluations (PAN) count detections.

    ``passages`` are indexes into the pair's passages. A block of copied text
    (kind ``verbatim``, or ``edited`` when any of its passages is not
    verbatim) is cut at its ends to the words both sides share; a block of
    ``paraphrase`` passages shares content, not text.
    """

    a: Span
    b: Span
    kind: ReuseKind
    passages: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """Every reused passage between two articles, in A's order.

    Changes read source → copy: ``direction`` says which side is the source.
    ``omitted`` lists the source's sentences inside the reused stretch that
    the copy dropped, as spans of the source.
    """

    a: Article
    b: Article
    passages: tuple[Passage, ...]
    meaning_changed: bool = False
    change_score: float = 0.0
    direction: Direction = "a_to_b"
    omitted: tuple[Span, ...] = ()
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored article that the index proposes as a possible source."""

    article_id: int
    score: float
    evidence: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SourceMatch:
    """One source of a traced article: the stored article and what it explains.

    Passages keep the traced article on side ``a`` and the source on side
    ``b``, so ``direction`` is ``b_to_a``; ``omitted`` spans lie in the source.
    """

    source: Article
    coverage: float
    passages: tuple[Passage, ...]
    meaning_changed: bool = False
    change_score: float = 0.0
    direction: Direction = "b_to_a"
    omitted: tuple[Span, ...] = ()
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True, slots=True)
class Trace:
    """The sources of an article, best first, and what none of them explains.

    ``stored_id`` is the article's own id when it is already in the store
    (it is then traced against the other stored articles).
    """

    article: Article
    sources: tuple[SourceMatch, ...]
    unexplained: tuple[Span, ...]
    stored_id: int | None = None
