"""A real uvicorn server on a free loopback port, in a thread or a process, for tests that need sockets."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn

from unspin.service import ServiceConfig, create_app


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(config: ServiceConfig) -> Iterator[str]:
    """Serve ``config`` in a thread; yields the base URL and stops the server after."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(config), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        raise RuntimeError("the test server did not start")
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)


_SERVE = """
import sys, uvicorn
from unspin.service import ServiceConfig, create_app
db, port, slots, queue, wait = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
config = ServiceConfig(db=db, heavy_slots=slots, heavy_queue=queue, heavy_wait_s=wait)
uvicorn.run(create_app(config), host="127.0.0.1", port=port, log_level="warning")
"""


@contextmanager
def server_process(db: str, slots: int = 2, queue: int = 8, wait_s: float = 30.0) -> Iterator[tuple[str, int]]:
    """Serve ``db`` in a separate process (its memory measurable alone); yields the base URL and its pid."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", _SERVE, db, str(port), str(slots), str(queue), str(wait_s)])
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the test server did not start") from None
                time.sleep(0.2)
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def peak_rss_bytes(pid: int) -> int:
    """Peak resident memory of the process and its children (the extraction workers): the sum of each
    one's ``VmHWM``, an upper bound on what they held at any one moment together."""
    total = 0
    for process in _tree(pid):
        for line in Path(f"/proc/{process}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1]) * 1024
    return total


def _tree(pid: int) -> list[int]:
    children = [int(c) for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()]
    return [pid, *(p for child in children for p in _tree(child))]
