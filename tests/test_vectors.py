"""unspin's padding-free pooling against WordLlama's own ``embed``."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from unspin.index.vectors import DIM, embed_sentences

SENTENCES = [
    "Putin and Kim signed a mutual defence treaty in Pyongyang.",
    "Only the hard-line Stalinists shed tears when the relationship broke.",
    "Trade reached $28 billion.",
    "x",
]


def test_pooling_matches_wordllamas_embed_and_does_not_depend_on_the_batch() -> None:
    import wordllama
    from wordllama import WordLlama

    reference = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=DIM)
    ours = embed_sentences(SENTENCES)
    assert ours.shape == (len(SENTENCES), DIM)
    assert np.allclose(ours, reference.embed(SENTENCES, norm=True, batch_size=2), atol=1e-5)
    alone = np.vstack([embed_sentences([s]) for s in SENTENCES])
    assert np.array_equal(ours, alone)
    assert embed_sentences([]).shape == (0, DIM)
