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


def test_piece_cache_gives_the_tokenizers_own_ids_and_both_summing_paths_agree() -> None:
    from unspin.index import vectors

    model = vectors._model()
    tricky = SENTENCES + [
        "Two  spaces and   three, then\na line break.", "naïve café — ‘quoted’ 28,000", "Yes  No   Results", "word",
        "Trade reached $28 billion.",  # a piece met before: its ids now come from the cache
    ]
    ids, counts = vectors._token_ids(model, tricky)
    ends = np.cumsum(counts)
    for sentence, end, count in zip(tricky, ends, counts):
        expected = model.tokenizer.encode_batch([sentence], add_special_tokens=False)[0].ids
        assert ids[end - count : end].tolist() == list(expected), sentence
    numpy_sums = np.zeros((len(tricky), DIM), dtype=np.float32)
    vectors._sum_rows_numpy(model.embedding, ids, ends, numpy_sums)
    try:
        from unspin.index.kernels import _sum_rows
    except ImportError:  # the `fast` extra is not installed: only one path to check
        return
    compiled = np.zeros_like(numpy_sums)
    _sum_rows(model.embedding, ids, ends, compiled)
    assert np.array_equal(compiled, numpy_sums)
