"""Compute everything the index keeps for a batch of articles, in one pass.

Hashing a whole batch at once is what makes the lexical index fast (see
``fingerprint``), and one embedding call per batch keeps the vector model
busy. Only sentences (never boilerplate) are fingerprinted or embedded.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from unspin.index.fingerprint import (
    FingerprintConfig,
    band_hashes,
    minhash,
    shingle_hashes,
    winnow,
    word_hashes,
)
from unspin.index.vectors import embed_sentences
from unspin.records import Article
from unspin.store import IndexRows

MAX_SENTENCES = 4096
"""Sentences per article that get a vector; vector keys reserve 12 bits for them."""


def indexed_text(article: Article) -> str:
    """The article's sentences, one per line: what fingerprints are taken over."""
    return "\n".join(article.text[s:e] for s, e in article.sentences)


def sentence_texts(article: Article) -> list[str]:
    return [article.text[s:e] for s, e in article.sentences[:MAX_SENTENCES]]


def lexical_rows(texts: Sequence[str], config: FingerprintConfig) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """MinHash signatures, band keys and winnowed fingerprints for ``texts``.

    Returns:
        ``(signatures, bands, fingerprints)``: arrays of shape
        ``(n, num_bins)`` and ``(n, bands)``, and one fingerprint array per text.
    """
    words, bounds = word_hashes(texts)
    doc_shingles, doc_owner = shingle_hashes(words, bounds, config.doc_shingle)
    signatures = minhash(doc_shingles, doc_owner, len(texts), config.num_bins)
    bands = band_hashes(signatures, config.bands)
    fps, fp_owner = winnow(*shingle_hashes(words, bounds, config.passage_shingle), config.winnow_window)
    return signatures, bands, np.split(fps, np.searchsorted(fp_owner, np.arange(1, len(texts))))


def index_rows(articles: Sequence[Article], config: FingerprintConfig = FingerprintConfig()) -> list[IndexRows]:
    """Index rows for each article, in order."""
    signatures, bands, fingerprints = lexical_rows([indexed_text(a) for a in articles], config)
    per_article = [sentence_texts(a) for a in articles]
    vectors = embed_sentences([s for sentences in per_article for s in sentences])
    cuts = np.cumsum([len(s) for s in per_article])[:-1]
    return [
        IndexRows(minhash=signatures[i], bands=bands[i], fingerprints=fingerprints[i], vectors=v)
        for i, v in enumerate(np.split(vectors, cuts))
    ]
