"""One store and one tracer shared by the service's request threads.

A SQLite connection and the in-memory vector index are not safe to use from
two threads at once, so every call that touches them holds one lock; the
alignment of a ``compare`` touches neither and runs unlocked. Reads that a
client expects at once (``/healthz``'s count, one stored article) go through
a second connection with a lock of its own, so they never queue behind a
trace. Several worker processes (``unspin serve --workers N``) each hold
their own engine, and SQLite's WAL mode lets them share one store file; each
trace first picks up articles that another process committed.
"""

from __future__ import annotations

import threading
from typing import Any

from unspin.add import add_articles
from unspin.records import Article, Trace
from unspin.store import Store
from unspin.trace import Tracer


class Engine:
    """Thread-safe access to a store: trace, add and fetch articles."""

    def __init__(self, db_path: str) -> None:
        self._lock = threading.Lock()
        self._store = Store(db_path)
        self._tracer = Tracer(self._store)
        self._read_lock = threading.Lock()
        self._reader = Store(db_path)

    def trace(self, article: Article) -> Trace:
        with self._lock:
            self._tracer.refresh()
            return self._tracer.trace(article)

    def add(self, article: Article) -> tuple[int, bool]:
        """Store ``article``: its id, and whether it was new."""
        with self._lock:
            [(article_id, added)] = add_articles(self._store, [article])
            self._tracer.refresh()
            return article_id, added

    def get(self, article_id: int) -> Article | None:
        with self._read_lock:
            return self._reader.get(article_id)

    def alerts(self, limit: int) -> list[dict[str, Any]]:
        """Alerts recorded by ``unspin watch``, newest first."""
        with self._lock:
            return self._store.recent_alerts(limit)

    def count(self) -> int:
        with self._read_lock:
            return self._reader.count()

    def close(self) -> None:
        with self._lock, self._read_lock:
            self._store.close()
            self._reader.close()
