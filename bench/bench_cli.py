"""Cold-start time and memory of the two commands a new user runs first.

    .venv/bin/python bench/bench_cli.py [--runs 5] [--src src] [--label after]

Commands (targets from issue 17: p50 of 5 cold runs <= 1.0 s wall and <= 350 MB peak RSS each):

- ``unspin compare`` of the two seed articles (``--seeds``, default ../shared/seeds);
- ``unspin trace examples/corpus/copies/bridge-spun.txt --db build/example.db``
  (the store is built first with ``unspin add examples/corpus/originals`` when absent).

Each cold run is a fresh ``python -m unspin`` process (the OS file cache is warm, as it is for a
user's second command); wall time, CPU time and peak RSS come from the process itself (``wait4``);
on a shared machine the CPU time is the steadier of the two times. The CLI forks a worker that
loads spaCy's entity model on a second core, so the CPU time includes the worker's, and
"+workers MB" is the peak of the process's RSS summed with the worker's (sampled; the pages
they share count twice), the figure held to the 350 MB target. Wall time on a busy machine says
little, so three more instrumented runs give "path s": the CPU seconds of the longest chain
through the command and its worker (``critical_path``), its wall time on two idle cores. Then one
more fresh process runs the same work step by step in-process (no worker), printing wall time,
CPU time and RSS after each phase:
imports, store open, index load, reading the input, each model's load (sentence vectors, spaCy's
entity recogniser, the cross-encoder), and the work itself (alignment, explanation, the text
report). ``--src`` points at another checkout's ``src`` to measure a before/after pair.
Prints a table and writes bench/results/cli.json (``--label`` keys the entry, so before and
after sit side by side).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "results"
DB = ROOT / "build" / "example.db"
COPY = ROOT / "examples" / "corpus" / "copies" / "bridge-spun.txt"

# One process, the command's work in phases; prints one JSON line of phases.
_PHASES = r"""
import io, json, os, sys, time
_t, _c = time.perf_counter(), time.process_time()
phases = []
def rss_mb():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS")) / 1024
def mark(name):
    global _t, _c
    now, cpu = time.perf_counter(), time.process_time()
    phases.append({"phase": name, "seconds": round(now - _t, 3), "cpu_seconds": round(cpu - _c, 3),
                   "rss_mb": round(rss_mb(), 1)})
    _t, _c = now, cpu
command, args = sys.argv[1], sys.argv[2:]
import unspin.cli
from rich.console import Console
from unspin.api import compare, load_article
from unspin.report.text_report import print_comparison, print_trace
if command == "trace":
    from unspin.store import Store
    from unspin.trace import Tracer
mark("imports")
if command == "trace":
    store = Store(args[1], create=False)
    mark("store open")
    tracer = Tracer(store)
    mark("index load")
articles = [load_article(a) for a in args[:1 if command == "trace" else 2]]
mark("read input")
from unspin.index.vectors import _model
_model()
mark("model: sentence vectors")
from unspin.explain.entities import _nlp
_nlp()
mark("model: spaCy entities")
from unspin.explain.cross_encoder import default_encoder
default_encoder()
mark("model: cross-encoder")
console = Console(file=io.StringIO(), width=100)
if command == "trace":
    print_trace(console, tracer.trace(articles[0]))
else:
    print_comparison(console, compare(*articles))
mark("work")
print(json.dumps(phases))
"""


# One cold command with its entity worker instrumented from outside (nothing in unspin reports this):
# the command's CPU seconds when it forks the worker and when it first waits for names;
# the worker's own CPU seconds when its model is loaded and after each batch it tags. JSON lines on stderr.
_CRITICAL = r"""
import atexit, json, sys, time
try:
    from unspin.explain import entity_worker as W
except ImportError:  # a checkout without the worker: its whole CPU time is the path
    W = None
marks = {}
def say(**kv):
    sys.stderr.write(json.dumps(kv) + "\n"); sys.stderr.flush()
if W is not None:
    start, serve, ask = W.start, W._serve, W.EntityWorker.tag
    def timed_start():
        marks.setdefault("fork", time.process_time()); start()
    def timed_serve(requests, replies):
        import unspin.explain.entities as E
        load, tag = E.load_model, E.tag
        def timed_load():
            model = load(); say(worker_ready=time.process_time()); return model
        def timed_tag(*a):
            began = time.process_time(); found = tag(*a); say(worker_tagged=[began, time.process_time()]); return found
        E.load_model, E.tag = timed_load, timed_tag
        try:
            import unspin.explain.frames as F
        except ImportError:  # a checkout whose worker does not parse
            F = None
        if F is not None and hasattr(F, "read_frames"):
            parse = F.read_frames
            def timed_parse(*a):
                began = time.process_time(); found = parse(*a); say(worker_parsed=[began, time.process_time()]); return found
            F.read_frames = timed_parse
        serve(requests, replies)
    if hasattr(W.EntityWorker, "receive_tag"):  # names asked ahead: the command waits from when it reads the reply
        ask = W.EntityWorker.receive_tag
        def timed_ask(self):
            marks.setdefault("request", time.process_time()); return ask(self)
        W.EntityWorker.receive_tag = timed_ask
    else:
        def timed_ask(self, texts, batched):
            marks.setdefault("request", time.process_time()); return ask(self, texts, batched)
        W.EntityWorker.tag = timed_ask
    W.start, W._serve = timed_start, timed_serve
atexit.register(lambda: say(**marks))
sys.argv = ["unspin", *sys.argv[1:]]
if W is None:
    from unspin.cli import main
else:
    from unspin.__main__ import main
main()
"""


def critical_path(python: list[str], command: list[str], env: dict[str, str]) -> float:
    """CPU seconds on the longest chain of a cold command that overlaps with its entity worker: what
    its wall time would be with two idle cores, measurable on a busy machine where wall time is not.

    The command's own CPU time (``wait4``'s, less the worker's), plus its wait: from when it first
    waits for names (it may ask for them earlier and work meanwhile) until the worker has its model
    loaded and has tagged them, and the worker's CPU for each later batch and parse (role swaps). Without a worker
    (or a request) it is the process's whole CPU time.
    """
    process = subprocess.Popen([*python, "-c", _CRITICAL, *command], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read() if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"bench_cli: instrumented {' '.join(command)} failed: {stderr[-800:]}")
    cpu = usage.ru_utime + usage.ru_stime
    marks: dict[str, float] = {}
    tagged: list[list[float]] = []
    parsed: list[list[float]] = []
    for line in stderr.splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            tagged += [record["worker_tagged"]] if "worker_tagged" in record else []
            parsed += [record["worker_parsed"]] if "worker_parsed" in record else []
            marks.update({k: v for k, v in record.items() if k not in ("worker_tagged", "worker_parsed")})
    if "request" not in marks or not tagged:
        return round(cpu, 3)
    worker = max(end for _, end in tagged + parsed)  # after its last reply it waits until the command ends it
    first_answer = marks["fork"] + min(end for _, end in tagged)
    # The command waits for each later batch of names and each parse; the worker's parser load
    # between them runs while the command works, and is not counted.
    later = sum(end - began for began, end in sorted(tagged)[1:] + parsed)
    return round(cpu - worker + max(0.0, first_answer - marks["request"]) + later, 3)


def tree_rss_mb(pid: int) -> float:
    """Resident MB of a process and all its descendants now (the CLI's entity worker is a child)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:  # it ended between two reads
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")), 0)
        pending += map(int, children)
    return total / 1024


def cold_run(argv: list[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """Wall seconds, CPU seconds (user + system), peak RSS (MB) of one fresh process, and the peak of
    its RSS summed with its children's (sampled every 10 ms; shared pages count in each).

    ``wait4`` gives the process's CPU time and peak RSS with those of the children it reaped: the
    CPU time is the sum, the peak RSS the larger of the two, hence the sampled sum.
    """
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tree_peak = 0.0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        tree_peak = max(tree_peak, tree_rss_mb(process.pid))
        time.sleep(0.01)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"bench_cli: {' '.join(argv)} exited {process.returncode}: {process.stderr.read().decode()[-500:]}")
    peak = usage.ru_maxrss / 1024
    return wall, usage.ru_utime + usage.ru_stime, peak, max(tree_peak, peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="The unspin source to measure.")
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--label", default="current")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(args.src.resolve())}
    python = [sys.executable]
    if not DB.exists():
        DB.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([*python, "-m", "unspin", "add", str(ROOT / "examples" / "corpus" / "originals"), "--db", str(DB)],
                       env=env, check=True, capture_output=True)
    seeds = sorted(str(p) for p in args.seeds.glob("*.txt"))[:2]
    commands = {"trace example": ["trace", str(COPY), "--db", str(DB)]}
    if len(seeds) == 2:
        commands = {"compare seeds": ["compare", *seeds], **commands}
    else:
        print(f"no two seed articles in {args.seeds}: compare is not measured (--seeds names the folder)")
    results: dict[str, object] = {}
    print(f"{'command':<14} {'p50 s':>6} {'max s':>6} {'cpu s':>6} {'path s':>6} {'peak RSS MB':>12} {'+workers MB':>12}   phases (wall s / cpu s / RSS MB after)")
    for name, command in commands.items():
        runs = [cold_run([*python, "-m", "unspin", *command], env) for _ in range(args.runs)]
        walls, cpus, peaks, trees = ([r[i] for r in runs] for i in range(4))
        inputs = [command[1], command[3]] if command[0] == "trace" else command[1:]
        done = subprocess.run([*python, "-c", _PHASES, command[0], *inputs], env=env, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"bench_cli: phases of {name} failed: {done.stderr[-800:]}")
        phases = json.loads(done.stdout.strip().splitlines()[-1])
        chain = statistics.median(critical_path(python, command, env) for _ in range(3))
        results[name] = {
            "command": "unspin " + " ".join(command).replace(str(ROOT) + "/", ""),
            "runs": args.runs,
            "wall_p50_s": round(statistics.median(walls), 3),
            "wall_max_s": round(max(walls), 3),
            "cpu_p50_s": round(statistics.median(cpus), 3),
            "critical_path_cpu_s": chain,
            "peak_rss_mb_p50": round(statistics.median(peaks), 1),
            "peak_rss_with_workers_mb_p50": round(statistics.median(trees), 1),
            "targets": {"wall_p50_s": 1.0, "peak_rss_mb": 350},
            "phases": phases,
        }
        print(f"{name:<14} {statistics.median(walls):>6.2f} {max(walls):>6.2f} {statistics.median(cpus):>6.2f} {chain:>6.2f} "
              f"{statistics.median(peaks):>12.0f} {statistics.median(trees):>12.0f}   "
              + ", ".join(f"{p['phase']} {p['seconds']:.2f}/{p['cpu_seconds']:.2f}/{p['rss_mb']:.0f}" for p in phases))
    path = OUT / "cli.json"
    previous = json.loads(path.read_text()) if path.exists() else {}
    previous[args.label] = {"python": sys.version.split()[0], "load_average": os.getloadavg()[0], "commands": results}
    OUT.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(previous, indent=2) + "\n")
    print(f"wrote {path} [{args.label}] (load average {os.getloadavg()[0]:.1f}: a busy machine slows every number)")


if __name__ == "__main__":
    main()
