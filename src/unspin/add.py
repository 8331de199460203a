"""Ingest: read → extract → de-duplicate → index → commit, in batches.

Each batch is one transaction (``Store.add``), so a killed ingest keeps
every batch committed before the kill, and a re-run skips them by content
hash. Bad items become problems in the summary; they never stop the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from unspin.errors import InputError
from unspin.index.features import index_rows
from unspin.index.fingerprint import FingerprintConfig
from unspin.index.vector_index import VectorIndex
from unspin.read.extract import extract_article
from unspin.read.readers import ReadConfig, read_inputs
from unspin.records import Article, IngestProblem, RawDocument
from unspin.store import Store


@dataclass(slots=True)
class IngestSummary:
    """What one ingest did; ``failed`` counts the problems."""

    added: list[int] = field(default_factory=list)
    duplicates: int = 0
    problems: list[IngestProblem] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.problems)


Progress = Callable[[str, str], None]
"""Called once per item with ``(source, outcome)``; outcome is added/duplicate/failed."""


def ingest(
    inputs: Iterable[str],
    store: Store,
    read_config: ReadConfig = ReadConfig(),
    fingerprint_config: FingerprintConfig = FingerprintConfig(),
    batch_size: int = 64,
    progress: Progress | None = None,
) -> IngestSummary:
    """Add every article that ``inputs`` name to ``store``."""
    summary = IngestSummary()
    report = progress or (lambda source, outcome: None)
    pending: dict[str, Article] = {}

    def flush() -> None:
        if not pending:
            return
        batch = list(pending.values())
        for article, (article_id, added) in zip(batch, add_articles(store, batch, fingerprint_config)):
            if added:
                summary.added.append(article_id)
            else:
                summary.duplicates += 1
            report(article.source, "added" if added else "duplicate")
        pending.clear()

    for item in read_inputs(inputs, read_config):
        if isinstance(item, IngestProblem):
            summary.problems.append(item)
            report(item.source, "failed")
            continue
        article = _extract(item, summary)
        if article is None:
            report(item.source, "failed")
        elif article.content_hash in pending:
            summary.duplicates += 1
            report(article.source, "duplicate")
        else:
            pending[article.content_hash] = article
            if len(pending) >= batch_size:
                flush()
    flush()
    if summary.added:
        VectorIndex(store)  # opening catches the cache file up and saves it
    return summary


def add_articles(
    store: Store, articles: list[Article], fingerprint_config: FingerprintConfig = FingerprintConfig()
) -> list[tuple[int, bool]]:
    """Store and index ``articles`` in one transaction: ``(id, added)`` for each.

    An article whose content hash is stored already is not added again;
    its ``id`` is the stored one and ``added`` is False. Articles must have
    distinct content hashes. The vector-index cache file is not rewritten
    here (callers save it once, after many batches).
    """
    known = store.known_hashes(a.content_hash for a in articles)
    fresh = [a for a in articles if a.content_hash not in known]
    written = store.add(list(zip(fresh, index_rows(fresh, fingerprint_config)))) if fresh else []
    ids = {a.content_hash: i for a, i in zip(fresh, written) if i is not None}
    return [
        (ids[a.content_hash], True) if a.content_hash in ids else (store.find_by_hash(a.content_hash) or 0, False)
        for a in articles
    ]


def _extract(raw: RawDocument, summary: IngestSummary) -> Article | None:
    try:
        return extract_article(raw)
    except InputError as exc:
        summary.problems.append(IngestProblem(raw.source, str(exc)))
        return None
