"""HTML extraction and URL fetches in worker processes, so they cannot stall the event loop.

A worker thread does not keep the event loop responsive if what it runs
holds the GIL for long: lxml parsing and cleaning a 2.4 MB page (inside
trafilatura) stalled every other thread of the service for up to 1.3 s,
``/healthz`` included. Extraction is the only stage measured to do that
(alignment and explain stall it under 70 ms), so pages and URLs are
extracted in a small pool of processes; the rest stays in threads, sharing
one copy of the models. A worker that dies (a crash in a parser, the kernel's
OOM killer) fails that one article, and the next call starts a fresh pool.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from unspin.errors import InputError

T = TypeVar("T")

_lock = threading.Lock()
_pools: dict[int, ProcessPoolExecutor] = {}


def _pool(workers: int) -> ProcessPoolExecutor:
    """One pool per size for the whole process: apps in one process (tests) share it."""
    with _lock:
        if workers not in _pools:
            _pools[workers] = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        return _pools[workers]


def warm(workers: int) -> None:
    """Start the workers now rather than on the first page (they import the extractor, a second or two)."""
    _pool(workers).submit(int)


def run_isolated(workers: int, source: str, function: Callable[..., T], *args: object) -> T:
    """``function(*args)`` in a worker process; its exceptions come back as they were raised.

    Raises:
        InputError: naming ``source``, when the worker died on it.
    """
    pool = _pool(workers)
    try:
        return pool.submit(function, *args).result()
    except BrokenProcessPool:
        with _lock:
            if _pools.get(workers) is pool:
                del _pools[workers]
        raise InputError(f"{source}: the page could not be extracted (its worker process stopped)") from None
