"""Per-file work of a corpus run: read, extract and fingerprint its articles.

:func:`process_item` is called once per document read (a file, a JSONL
line, a WARC record), by a local worker process or a Spark executor alike,
so that one large JSONL or WARC file is spread over every worker. Everything it computes depends on one
article only (ids come from content hashes, vectors are embedded one article
at a time), so the rows do not depend on how the corpus was partitioned.
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass
from typing import Any

import numpy as np

from unspin.corpus.config import ReuseConfig
from unspin.errors import InputError
from unspin.index.candidates import sentence_keys
from unspin.index.features import indexed_text, sentence_texts
from unspin.index.fingerprint import sketch
from unspin.index.vectors import DIM, embed_sentences
from unspin.read.extract import extract_article
from unspin.read.readers import Item
from unspin.records import Article, IngestProblem

ARTICLE_COLUMNS = ("id", "source", "url", "site", "title", "published", "content_hash")
"""The public ``articles`` table; the run also keeps text and sentence spans beside them."""


@dataclass(frozen=True, slots=True)
class Processed:
    """One article's row for ``articles`` and its index features."""

    article: dict[str, Any]
    features: dict[str, Any]


ID_BITS = 60
"""Bits of an article id: ids are below ``1 << ID_BITS`` and evenly spread."""


def article_id(content_hash: str) -> int:
    """A stable 60-bit id from the content hash: the same article gets the same id in every run."""
    return int(content_hash[: ID_BITS // 4], 16)


def process_item(item: Item, config: ReuseConfig) -> Processed | IngestProblem:
    """One document's article row and features, or the problem met reading or extracting it."""
    if isinstance(item, IngestProblem):
        return item
    try:
        article = extract_article(item)
    except InputError as exc:
        return IngestProblem(item.source, str(exc))
    return Processed(article_row(article), feature_row(article, config))


def article_row(article: Article) -> dict[str, Any]:
    return {
        "id": article_id(article.content_hash),
        "source": article.source,
        "url": article.url,
        "site": article.site or _host(article.url),
        "title": article.title,
        "published": article.published,
        "content_hash": article.content_hash,
        "author": article.author,
        "text": article.text,
        "sentences": json.dumps(article.sentences),
        "boilerplate": json.dumps(article.boilerplate),
    }


def row_article(row: dict[str, Any]) -> Article:
    """The :class:`Article` an ``articles`` row was made from."""
    return Article(
        source=row["source"], text=row["text"],
        sentences=tuple((s, e) for s, e in json.loads(row["sentences"])),
        boilerplate=tuple((s, e) for s, e in json.loads(row["boilerplate"])),
        title=row["title"], published=row["published"], site=row["site"], author=row["author"], url=row["url"],
        content_hash=row["content_hash"], id=row["id"],
    )


def feature_row(article: Article, config: ReuseConfig) -> dict[str, Any]:
    """MinHash band keys, winnowed fingerprints, sentence vectors and their bucket keys (the rule's keys)."""
    lexical = sketch([indexed_text(article)], config.rule.fingerprint)
    vectors = embed_sentences(sentence_texts(article)).astype(np.float16)
    keys, owners = sentence_keys(article, vectors, config.rule)
    return {
        "id": article_id(article.content_hash),
        "bands": np.unique(lexical.bands[0]).tolist(),
        "fingerprints": np.unique(lexical.fingerprints[0]).tolist(),
        "vectors": vectors.tobytes(),
        "vector_keys": keys.tolist(),
        "vector_key_sentences": owners.tolist(),
    }


def vectors_of(stored: bytes) -> np.ndarray:
    """Sentence vectors from a ``features`` row's ``vectors`` column (float16 bytes)."""
    return np.frombuffer(stored, dtype=np.float16).reshape(-1, DIM).astype(np.float32)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urllib.parse.urlsplit(url).hostname
    return host.removeprefix("www.") if host else None

