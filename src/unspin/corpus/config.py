"""Settings of a corpus reuse run; a run's outputs are valid only for the settings that made them."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field

from unspin.index.fingerprint import FingerprintConfig


@dataclass(frozen=True, slots=True)
class ReuseConfig:
    """Candidate rules and what counts as a reuse pair.

    A candidate pair shares at least ``min_band_hits`` MinHash band (a near
    copy), or ``min_fingerprints`` winnowed 3-gram fingerprints (a copied
    passage), or ``min_vector_sentences`` sentences whose vectors have cosine
    ≥ ``min_vector_similarity`` (a spun copy). Keys shared by more articles
    than the ``max_*_articles`` caps are common phrases or templates and are
    ignored. A candidate becomes a pair when its aligned passages cover at
    least ``min_coverage`` of one side's sentences.
    """

    fingerprint: FingerprintConfig = field(default_factory=FingerprintConfig)
    min_band_hits: int = 1
    min_fingerprints: int = 8
    min_vector_sentences: int = 2
    min_vector_similarity: float = 0.85
    min_sentence_words: int = 6
    vector_bands: int = 12
    vector_bits: int = 18
    max_vector_bits: int = 24
    max_band_articles: int = 1000
    max_fingerprint_articles: int = 50
    max_bucket_sentences: int = 500
    min_coverage: float = 0.2
    explain: bool = True
    seed: int = 20240619

    def __post_init__(self) -> None:
        if not 0.0 < self.min_coverage <= 1.0:
            raise ValueError("min_coverage must be in (0, 1]")
        if not 1 <= self.vector_bits <= self.max_vector_bits <= 30:
            raise ValueError("need 1 <= vector_bits <= max_vector_bits <= 30")

    def digest(self) -> str:
        """A stable fingerprint of these settings, recorded with a run's outputs."""
        return hashlib.sha256(json.dumps(dataclasses.asdict(self), sort_keys=True).encode()).hexdigest()[:16]
