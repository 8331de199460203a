"""Hostile load on the service: heavy requests at once, ``/healthz`` latency and the server's peak memory.

    .venv/bin/python bench/bench_service_hostile.py [--sentences 2000] [--clients 4]

Each scenario starts its own server process on 127.0.0.1 (so its peak
resident memory, ``VmHWM`` summed over it and its extraction workers, is
that scenario's alone), sends ``--clients``
``POST /api/compare`` requests at once while a poller asks ``/healthz``
every 50 ms, and records statuses, the healthz latencies and the peak:

- ``caps``: two articles at the service's caps (``--sentences`` a side, at
  most 200,000 characters, words drawn from a 60,000-word vocabulary: the
  worst case for the aligner's term matrices), default gate, long queue wait;
- ``overload``: twice as many mid-size compares against two slots and no
  queue, to count the 503s;
- ``huge-text`` / ``huge-html``: 4.8 MB bodies (under the 5 MB body limit),
  refused by the article caps (HTML after extraction).

It stops by itself, prints a table and writes bench/results/service_hostile.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

OUT = Path(__file__).resolve().parent / "results"
_SERVE = """
import sys, uvicorn
from unspin.service import ServiceConfig, create_app
db, port, slots, queue, wait = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
config = ServiceConfig(db=db, heavy_slots=slots, heavy_queue=queue, heavy_wait_s=wait)
uvicorn.run(create_app(config), host="127.0.0.1", port=port, log_level="error")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prose(sentences: int, seed: int) -> str:
    rnd = random.Random(seed)
    vocab = ["".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(3, 9))) for _ in range(60_000)]
    return "\n\n".join(" ".join(rnd.choice(vocab) for _ in range(20)).capitalize() + "." for _ in range(sentences))


def peak_rss_mb(pid: int) -> float:
    """Sum of ``VmHWM`` over the server and its children (the extraction workers)."""
    total = 0
    for process in _tree(pid):
        for line in Path(f"/proc/{process}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1])
    return round(total / 1024, 1)


def _tree(pid: int) -> list[int]:
    children = [int(c) for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()]
    return [pid, *(p for child in children for p in _tree(child))]


def scenario(db: Path, bodies: list[dict[str, Any]], slots: int, queue: int, wait_s: float) -> dict[str, Any]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", _SERVE, str(db), str(port), str(slots), str(queue), str(wait_s)])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise SystemExit("the server did not start")
        idle_mb = peak_rss_mb(process.pid)
        latencies: list[float] = []
        done = threading.Event()

        def poll() -> None:
            with httpx.Client(base_url=base, timeout=60) as http:
                while not done.is_set():
                    started = time.perf_counter()
                    http.get("/healthz")
                    latencies.append(time.perf_counter() - started)
                    time.sleep(0.05)

        def send(body: bytes) -> tuple[int, str | None]:
            with httpx.Client(base_url=base, timeout=900) as http:
                response = http.post("/api/compare", content=body, headers={"content-type": "application/json"})
                return response.status_code, response.headers.get("retry-after")

        encoded = [json.dumps(body).encode() for body in bodies]  # before the clock: the poller shares this GIL

        poller = threading.Thread(target=poll)
        poller.start()
        started = time.perf_counter()
        with ThreadPoolExecutor(len(bodies)) as pool:
            answers = list(pool.map(send, encoded))
        seconds = time.perf_counter() - started
        done.set()
        poller.join()
        latencies.sort()
        statuses = Counter(status for status, _ in answers)
        return {
            "requests": len(bodies), "body_mb": round(len(json.dumps(bodies[0])) / 1e6, 2), "seconds": round(seconds, 1),
            "statuses": {str(k): v for k, v in sorted(statuses.items())},
            "retry_after_on_503": all(after for status, after in answers if status == 503),
            "healthz_polls": len(latencies),
            "healthz_p50_ms": round(1000 * statistics.median(latencies), 1),
            "healthz_p95_ms": round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 1),
            "healthz_max_ms": round(1000 * latencies[-1], 1),
            "idle_rss_mb": idle_mb, "peak_rss_mb": peak_rss_mb(process.pid),
        }
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000, help="sentences a side in the 'caps' scenario")
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    caps = {"a": {"text": prose(args.sentences, 1)[:200_000]}, "b": {"text": prose(args.sentences, 2)[:200_000]}}
    mid = {"a": {"text": prose(400, 3)}, "b": {"text": prose(400, 4)}}
    huge_text = {"a": {"text": "The river rose again. " * 109_000}, "b": {"text": "The river fell again. " * 109_000}}
    page = "<html><body>" + "".join(f"<p>Paragraph {n}: the river rose again overnight.</p>" for n in range(48_000)) + "</body></html>"
    huge_html = {"a": {"html": page[:2_400_000]}, "b": {"html": page[:2_350_000]}}
    plan = [
        ("caps", [caps] * args.clients, 2, 8, 900.0),
        ("overload", [mid] * (2 * args.clients), 2, 0, 0.0),
        ("huge-text", [huge_text] * args.clients, 2, 8, 900.0),
        ("huge-html", [huge_html] * args.clients, 2, 8, 900.0),
    ]
    work = Path(tempfile.mkdtemp(prefix="unspin-bench-"))
    rows = []
    try:
        for name, bodies, slots, queue, wait_s in plan:
            result = scenario(work / f"{name}.db", bodies, slots, queue, wait_s)
            rows.append({"scenario": name, "slots": slots, "queue": queue, **result})
            print(f"{name}: done in {result['seconds']} s", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    header = f"{'scenario':<10} {'reqs':>4} {'body MB':>7} {'slots/queue':>11} {'statuses':<18} {'s':>6} {'healthz p50/p95/max ms':>23} {'peak RSS MB':>11}"
    print(header)
    for r in rows:
        statuses = " ".join(f"{k}x{v}" for k, v in r["statuses"].items())
        lat = f"{r['healthz_p50_ms']}/{r['healthz_p95_ms']}/{r['healthz_max_ms']}"
        print(f"{r['scenario']:<10} {r['requests']:>4} {r['body_mb']:>7} {str(r['slots']) + '/' + str(r['queue']):>11} "
              f"{statuses:<18} {r['seconds']:>6} {lat:>23} {r['peak_rss_mb']:>11}")
    OUT.mkdir(exist_ok=True)
    (OUT / "service_hostile.json").write_text(json.dumps({"cpus": os.cpu_count(), "sentences": args.sentences, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
