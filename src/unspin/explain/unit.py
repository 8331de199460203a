"""The aligned unit every change detector reads: one stretch of the source and the copy's stretch for it.

A *unit* is what the aligner paired inside a passage (``Passage.units``): a
sentence or two of the source (side A) and the sentence or two of the copy
(side B) that say the same thing. Detectors read the unit's own text and
return changes with offsets into the whole articles, so a unit carries the
articles and its spans, and turns local evidence into a ``Change``.
"""

from __future__ import annotations

from dataclasses import dataclass

from unspin.explain.cues import Cue
from unspin.records import Change, ChangeType, Span


@dataclass(frozen=True, slots=True)
class UnitPair:
    """``a_text[a_span]`` of the source aligned with ``b_text[b_span]`` of the copy."""

    a_text: str
    a_span: Span
    b_text: str
    b_span: Span

    @classmethod
    def of(cls, a: str, b: str) -> UnitPair:
        """Two bare sentences as a unit, each the whole of its text."""
        return cls(a, (0, len(a)), b, (0, len(b)))

    @property
    def a(self) -> str:
        """The source side's words."""
        return self.a_text[self.a_span[0] : self.a_span[1]]

    @property
    def b(self) -> str:
        """The copy side's words."""
        return self.b_text[self.b_span[0] : self.b_span[1]]

    @property
    def a_before(self) -> str:
        """The source's text before the unit: what a pronoun of the unit may refer back to."""
        return self.a_text[: self.a_span[0]]

    @property
    def b_before(self) -> str:
        return self.b_text[: self.b_span[0]]

    def change(self, kind: ChangeType, x: Cue | None, y: Cue | None, note: str) -> Change:
        """A change with evidence ``x`` in the source side and ``y`` in the copy side (offsets local to the unit)."""
        a, b = self.a, self.b
        return Change(
            type=kind,
            a=(self.a_span[0] + x.start, self.a_span[0] + x.end) if x else None,
            b=(self.b_span[0] + y.start, self.b_span[0] + y.end) if y else None,
            a_text=a[x.start : x.end] if x else "",
            b_text=b[y.start : y.end] if y else "",
            note=note,
        )
