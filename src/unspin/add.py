"""Ingest: read → extract → de-duplicate → index → commit, in batches.

Each batch is one transaction (``Store.add``), so a killed ingest keeps
every batch committed before the kill, and a re-run skips them by content
hash. Bad items become problems in the summary; they never stop the run.

Extraction and indexing (``prepare_batch``) are most of the work and need
nothing from the writer, so once an input has more than one batch they run,
for every batch, in worker processes while this process only reads inputs
and commits:
the store keeps one writer, and what it commits is exactly what a
single-process ingest would have committed.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context

from unspin.errors import InputError
from unspin.index.candidates import CandidateRule
from unspin.index.features import index_rows
from unspin.read.extract import extract_article
from unspin.read.readers import ReadConfig, read_inputs
from unspin.records import Article, IngestProblem, RawDocument
from unspin.store import IndexRows, Store


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


@dataclass(frozen=True, slots=True)
class PreparedBatch:
    """A batch of read items after extraction and indexing, ready for the writer.

    ``fresh`` holds the articles not stored when the batch was prepared,
    each with its index rows; ``known`` the sources of articles that were
    stored already or repeat one earlier in the batch; ``problems`` the
    items that failed to read or extract.
    """

    fresh: list[tuple[Article, IndexRows]]
    known: list[str]
    problems: list[IngestProblem]


def default_workers() -> int:
    """Worker processes for a large ingest: one per core.

    The writer needs about a third of the CPU of one worker per article
    (0.4 ms against 1.3 ms, ``docs/scale.md``), so on 2 cores two workers and
    the writer keep both cores busy where one worker would leave one idle.
    """
    return max(os.cpu_count() or 1, 1)


def ingest(
    inputs: Iterable[str],
    store: Store,
    read_config: ReadConfig = ReadConfig(),
    rule: CandidateRule = CandidateRule(),
    batch_size: int = 2048,
    progress: Progress | None = None,
    workers: int | None = None,
) -> IngestSummary:
    """Add every article that ``inputs`` name to ``store``.

    Args:
        workers: processes that extract and index while this one commits;
            ``None`` for :func:`default_workers`, 0 to do everything here.
            They start only when the input has a second batch, and then
            prepare every batch, the first included: the writer only commits.
    """
    summary = IngestSummary()
    report = progress or (lambda source, outcome: None)
    batches = _batches(read_inputs(inputs, read_config), batch_size)
    first = next(batches, None)
    if first is None:
        return summary
    second = next(batches, None)
    count = default_workers() if workers is None else workers
    if second is None or count <= 0:
        # One batch is not worth starting processes for (each loads the model and compiled kernels).
        for batch in [first] if second is None else _chain([first, second], batches):
            _commit(store, prepare_batch(batch, store, rule), summary, report)
        return summary
    with ProcessPoolExecutor(count, mp_context=get_context("spawn"), initializer=_start_worker,
                             initargs=(store.path, os.getpid())) as pool:
        in_flight: deque[Future[PreparedBatch]] = deque()
        for batch in _chain([first, second], batches):
            in_flight.append(pool.submit(_prepare_in_worker, batch, rule))
            if len(in_flight) > count + 1:
                _commit(store, in_flight.popleft().result(), summary, report)
        while in_flight:
            _commit(store, in_flight.popleft().result(), summary, report)
    return summary


def prepare_batch(items: list[RawDocument | IngestProblem], store: Store, rule: CandidateRule) -> PreparedBatch:
    """Extract every item, leave out what ``store`` holds or the batch repeats, and index the rest."""
    problems: list[IngestProblem] = []
    pending: dict[str, Article] = {}
    repeats: list[str] = []
    for item in items:
        if isinstance(item, IngestProblem):
            problems.append(item)
            continue
        try:
            article = extract_article(item)
        except InputError as exc:
            problems.append(IngestProblem(item.source, str(exc)))
            continue
        if article.content_hash in pending:
            repeats.append(article.source)
        else:
            pending[article.content_hash] = article
    stored = store.known_hashes(pending)
    fresh = [a for h, a in pending.items() if h not in stored]
    known = [a.source for h, a in pending.items() if h in stored] + repeats
    return PreparedBatch(list(zip(fresh, index_rows(fresh, rule))) if fresh else [], known, problems)


def add_articles(
    store: Store, articles: list[Article], rule: CandidateRule = CandidateRule()
) -> list[tuple[int, bool]]:
    """Store and index ``articles`` in one transaction: ``(id, added)`` for each.

    An article whose content hash is stored already is not added again;
    its ``id`` is the stored one and ``added`` is False. Articles must have
    distinct content hashes. Every index row, sentence-vector bucket keys
    included, commits with its article: there is no index file to save.
    """
    known = store.known_hashes(a.content_hash for a in articles)
    fresh = [a for a in articles if a.content_hash not in known]
    written = store.add(list(zip(fresh, index_rows(fresh, rule)))) if fresh else []
    ids = {a.content_hash: i for a, i in zip(fresh, written) if i is not None}
    return [
        (ids[a.content_hash], True) if a.content_hash in ids else (store.find_by_hash(a.content_hash) or 0, False)
        for a in articles
    ]


def _commit(store: Store, batch: PreparedBatch, summary: IngestSummary, report: Progress) -> None:
    """Write one prepared batch in one transaction; an article committed meanwhile by an earlier batch is a duplicate."""
    for problem in batch.problems:
        summary.problems.append(problem)
        report(problem.source, "failed")
    written = store.add(batch.fresh) if batch.fresh else []
    for (article, _), article_id in zip(batch.fresh, written):
        if article_id is None:
            summary.duplicates += 1
        else:
            summary.added.append(article_id)
        report(article.source, "duplicate" if article_id is None else "added")
    for source in batch.known:
        summary.duplicates += 1
        report(source, "duplicate")


def _batches(items: Iterator[RawDocument | IngestProblem], size: int) -> Iterator[list[RawDocument | IngestProblem]]:
    batch: list[RawDocument | IngestProblem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _chain(head: list[list[RawDocument | IngestProblem]],
           rest: Iterator[list[RawDocument | IngestProblem]]) -> Iterator[list[RawDocument | IngestProblem]]:
    yield from head
    yield from rest


_WORKER_STORE: list[Store] = []
"""The worker process's read-only use of the store: which articles it holds already."""


def _start_worker(path: str, parent: int) -> None:
    # Ctrl-C goes to the whole process group; the parent alone reports it and stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A parent killed with -9 never tells its pool; without this its workers wait for work forever.
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    _WORKER_STORE.append(Store(path, create=False))


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _prepare_in_worker(items: list[RawDocument | IngestProblem], rule: CandidateRule) -> PreparedBatch:
    prepared = prepare_batch(items, _WORKER_STORE[0], rule)
    if not gc.get_freeze_count():
        # The first batch loaded the word model and compiled kernels: about 120,000 objects that live as long
        # as the worker. Frozen, they leave the cyclic collector, whose full passes over them were 8% of a
        # worker's CPU (``docs/scale.md``); refcounting still frees whatever they let go of.
        gc.collect()
        gc.freeze()
    return prepared
