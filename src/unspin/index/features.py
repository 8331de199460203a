"""Compute everything the index keeps for a batch of articles, in one pass.

Hashing a whole batch at once is what makes the lexical index fast (see
``fingerprint``), and one embedding call per batch keeps the vector model
busy. Only sentences (never boilerplate) are fingerprinted or embedded.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from unspin.index.candidates import CandidateRule, sentence_keys
from unspin.index.fingerprint import sketch
from unspin.index.vectors import embed_sentences
from unspin.records import Article
from unspin.store import POSTING_SENTENCES, IndexRows, pack_text



def indexed_text(article: Article) -> str:
    """The article's sentences, one per line: what fingerprints are taken over."""
    return "\n".join(article.text[s:e] for s, e in article.sentences)


def sentence_texts(article: Article) -> list[str]:
    return [article.text[s:e] for s, e in article.sentences[:POSTING_SENTENCES]]


def index_rows(articles: Sequence[Article], rule: CandidateRule = CandidateRule()) -> list[IndexRows]:
    """Index rows for each article, in order: the keys of the candidate ``rule`` and the text as stored."""
    lexical = sketch([indexed_text(a) for a in articles], rule.fingerprint)
    per_article = [sentence_texts(a) for a in articles]
    vectors = embed_sentences([s for sentences in per_article for s in sentences])
    cuts = np.cumsum([len(s) for s in per_article])[:-1]
    rows = []
    for i, v in enumerate(np.split(vectors, cuts)):
        keys, owners = sentence_keys(articles[i], v, rule)
        rows.append(IndexRows(bands=lexical.bands[i], fingerprints=lexical.fingerprints[i],
                              sentence_keys=keys, key_sentences=owners, stored_text=pack_text(articles[i].text)))
    return rows
