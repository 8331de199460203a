"""Service load test: concurrent clients against ``unspin serve`` on 127.0.0.1.

    .venv/bin/python bench/bench_service.py [--clients 50] [--requests 20] [--workers 1 2]

Serves a store holding the example corpus in a separate process (so the
load generator does not share its interpreter), then ``--clients``
concurrent clients each send ``--requests`` requests, alternating
``POST /api/trace`` (a spun copy) and ``POST /api/compare`` (original vs
copy). It stops by itself, prints a table and writes bench/results/service.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"
OUT = Path(__file__).resolve().parent / "results"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(db: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "unspin", "serve", "--db", str(db), "--port", str(port), "--workers", str(workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


async def load(base: str, clients: int, requests: int) -> dict[str, float]:
    original = (EXAMPLES / "originals" / "harbour-bridge.txt").read_text()
    copy = (EXAMPLES / "copies" / "bridge-spun.txt").read_text()
    latencies: list[float] = []
    errors = 0

    async def client(number: int) -> None:
        nonlocal errors
        async with httpx.AsyncClient(base_url=base, timeout=120) as http:
            for i in range(requests):
                started = time.perf_counter()
                if (number + i) % 2:
                    response = await http.post("/api/trace", json={"text": copy})
                else:
                    response = await http.post("/api/compare", json={"a": {"text": original}, "b": {"text": copy}})
                latencies.append(time.perf_counter() - started)
                errors += response.status_code != 200

    started = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies), "errors": errors, "seconds": round(elapsed, 2),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p95_ms": round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="unspin-bench-"))
    db = work / "service.db"
    subprocess.run([sys.executable, "-m", "unspin", "add", str(EXAMPLES / "originals"), "--db", str(db), "-q"], check=True,
                   stderr=subprocess.DEVNULL)
    rows = []
    try:
        for workers in args.workers:
            process, base = start(db, workers)
            try:
                asyncio.run(load(base, 2, 2))  # warm every worker's models
                rows.append({"workers": workers, "clients": args.clients, **asyncio.run(load(base, args.clients, args.requests))})
            finally:
                process.terminate()
                process.wait(timeout=30)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'workers':>7} {'clients':>7} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for r in rows:
        print(f"{r['workers']:>7} {r['clients']:>7} {r['requests']:>8} {r['errors']:>6} {r['requests_per_s']:>7} {r['p50_ms']:>8} {r['p95_ms']:>8}")
    OUT.mkdir(exist_ok=True)
    (OUT / "service.json").write_text(json.dumps({"cpus": os.cpu_count(), "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
