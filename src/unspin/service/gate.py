"""A bound on concurrent heavy work: a few requests run, a few wait briefly, the rest get 503.

Each trace or compare holds its article texts, their sentence vectors and
similarity matrices until it answers; many at once would take the server's
memory without bound. The gate lets ``slots`` requests work at once and
``queue`` more wait up to ``wait_s`` seconds for a slot; any request beyond
that, or one that waited too long, is refused with :class:`Busy` (a 503 with
``Retry-After``) before its body is read. Light requests (``/healthz``,
reading a stored article) never pass through it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from unspin.errors import UnspinError


class Busy(UnspinError):
    """Every heavy-work slot is taken and the queue is full, or a slot did not free in time."""

    def __init__(self, retry_after_s: int) -> None:
        super().__init__(f"the service is busy with other requests; try again in {retry_after_s} s")
        self.retry_after_s = retry_after_s


class HeavyGate:
    """``slots`` concurrent holders, ``queue`` waiters of at most ``wait_s`` seconds each."""

    def __init__(self, slots: int, queue: int, wait_s: float, retry_after_s: int) -> None:
        if slots < 1 or queue < 0 or wait_s < 0 or retry_after_s < 1:
            raise ValueError("the heavy-work gate needs slots >= 1, queue >= 0, wait_s >= 0, retry_after_s >= 1")
        self.slots, self.queue, self.wait_s, self.retry_after_s = slots, queue, wait_s, retry_after_s
        self._free = slots
        self._waiting = 0
        self._changed: asyncio.Condition | None = None

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one slot for the body of the ``async with``.

        Raises:
            Busy: no slot now, and none within ``wait_s`` or no room to wait.
        """
        changed = self._changed = self._changed or asyncio.Condition()
        async with changed:
            if self._free == 0:
                if self._waiting >= self.queue:
                    raise Busy(self.retry_after_s)
                self._waiting += 1
                try:
                    await asyncio.wait_for(changed.wait_for(lambda: self._free > 0), self.wait_s)
                except TimeoutError:
                    raise Busy(self.retry_after_s) from None
                finally:
                    self._waiting -= 1
            self._free -= 1
        try:
            yield
        finally:
            async with changed:
                self._free += 1
                changed.notify_all()
