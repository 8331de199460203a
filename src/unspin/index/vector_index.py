"""Approximate nearest-neighbour search over stored sentence vectors (usearch).

The index file (``<store>.usearch``) is a cache of the vectors kept in SQLite.
Keys encode ``article_id * 4096 + sentence_number``, so the highest key tells
how far the file is up to date; on open, vectors committed since then are
added from the store, so an ingest killed before it saved the file loses
nothing. Saves go to a temporary file of the process's own renamed over the
old one, so a reader never sees half a file; a missing, partial or unreadable
file (a kill during a save) is rebuilt from the store and saved again on open,
so the next open is fast again.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

import numpy as np

from unspin.index.features import MAX_SENTENCES
from unspin.index.vectors import DIM
from unspin.store import Store


@dataclass(frozen=True, slots=True)
class Neighbour:
    article_id: int
    sentence: int
    query: int
    similarity: float


_SYNC_BATCH = 1 << 16
"""Vectors handed to usearch per call while syncing (64 MB of float32)."""


class VectorIndex:
    """Sentence-vector index for one store, synchronised on open."""

    def __init__(self, store: Store) -> None:
        from usearch.index import Index

        self._path = store.path + ".usearch"
        self._index = Index(ndim=DIM, metric="cos", dtype="f16")
        self._viewed = False
        if os.path.exists(self._path) and os.path.getsize(self._path) > 0:
            try:
                # Memory-mapped, not read: a trace touches a few graph pages, not the whole file.
                self._index.view(self._path)
                self._viewed = True
            except Exception:  # a damaged cache is rebuilt, never trusted
                self._index = Index(ndim=DIM, metric="cos", dtype="f16")
        self._upto = int(np.asarray(self._index.keys).max()) // MAX_SENTENCES if len(self._index) else 0
        self.stale = self.sync(store) > 0
        if self.stale:
            self._save_cache()

    def sync(self, store: Store) -> int:
        """Add vectors of articles stored since the last sync; cheap when there are none.

        Vectors go to usearch in large batches: one call per article kept
        its insertion on one thread and made it most of ``add``'s time.
        """
        added, pending = 0, 0
        keys: list[np.ndarray] = []
        vectors: list[np.ndarray] = []
        for article_id, article_vectors in store.vectors_after(self._upto):
            keys.append(article_id * MAX_SENTENCES + np.arange(len(article_vectors), dtype=np.uint64))
            vectors.append(article_vectors)
            pending += len(article_vectors)
            self._upto = max(self._upto, article_id)
            if pending >= _SYNC_BATCH:
                added += self._add(keys, vectors)
                pending = 0
        return added + self._add(keys, vectors)

    def _add(self, keys: list[np.ndarray], vectors: list[np.ndarray]) -> int:
        """Add and clear the gathered vectors; how many there were."""
        count = sum(map(len, keys))
        if count:
            if self._viewed:  # a mapped index is read-only: read it into memory before it grows
                self._index.load(self._path)
                self._viewed = False
            self._index.add(np.concatenate(keys), np.concatenate(vectors))
        keys.clear()
        vectors.clear()
        return count

    def save(self) -> None:
        """Write the index file atomically: a private temporary file, then a rename."""
        directory, name = os.path.split(os.path.abspath(self._path))
        handle, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
        os.close(handle)
        try:
            self._index.save(tmp)
            os.replace(tmp, self._path)
        except BaseException:
            os.unlink(tmp)
            raise

    def _save_cache(self) -> None:
        """Save after a rebuild or catch-up; a store in a read-only folder still works, uncached."""
        try:
            self.save()
        except (OSError, RuntimeError):
            pass

    def __len__(self) -> int:
        return len(self._index)

    def search(self, queries: np.ndarray, k: int, min_similarity: float) -> list[Neighbour]:
        """The ``k`` nearest stored sentences of each query vector above a similarity."""
        if len(self._index) == 0 or len(queries) == 0:
            return []
        matches = self._index.search(queries, min(k, len(self._index)))
        keys = np.atleast_2d(matches.keys)
        distances = np.atleast_2d(matches.distances)
        found: list[Neighbour] = []
        for q in range(len(queries)):
            for key, distance in zip(keys[q], distances[q]):
                similarity = 1.0 - float(distance)
                if similarity >= min_similarity and int(key) < 2**63:
                    found.append(Neighbour(int(key) // MAX_SENTENCES, int(key) % MAX_SENTENCES, q, similarity))
        return found
