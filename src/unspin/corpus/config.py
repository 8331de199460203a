"""Settings of a corpus reuse run; a run's outputs are valid only for the settings that made them."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field

from unspin.index.candidates import CandidateRule


@dataclass(frozen=True, slots=True)
class ReuseConfig:
    """The candidate rule and what counts as a reuse pair.

    Candidates are decided by ``rule``, the one rule ``trace`` uses too
    (see :mod:`unspin.index.candidates`). A candidate becomes a pair when
    its aligned passages cover at least ``min_coverage`` of one side's sentences.
    """

    rule: CandidateRule = field(default_factory=CandidateRule)
    min_coverage: float = 0.2
    explain: bool = True

    def __post_init__(self) -> None:
        if not 0.0 < self.min_coverage <= 1.0:
            raise ValueError("min_coverage must be in (0, 1]")

    def digest(self) -> str:
        """A stable fingerprint of these settings, recorded with a run's outputs."""
        return hashlib.sha256(json.dumps(dataclasses.asdict(self), sort_keys=True).encode()).hexdigest()[:16]
