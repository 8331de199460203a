"""The forked entity worker of ``unspin compare``/``trace``: the same entities as in-process, and no trace left.

The worker forks only from a process with one thread that has not loaded spaCy, so each case
runs in a fresh interpreter; the command's own output is checked with the worker and without it
(one CPU allowed: nothing is forked).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from unspin.explain.entity_worker import wanted

from conftest import EXAMPLES

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    "Mayor Ruth Okafor said the Port Allard council would meet on Tuesday.",
    "The United Nations and the European Union met Kim Jong Un in Singapore.",
    "Nobody is named here at all.",
    "Sergey's brother told Reuters that Gazprom paid $3 million.",
]
pytestmark = pytest.mark.skipif(sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2,
                                reason="the worker forks only on Linux with two cores or more")


def _python(script: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_worker_finds_the_entities_the_process_finds_and_ends_with_it() -> None:
    out = _python(f"""
        import json
        from unspin.explain import entity_worker
        entity_worker.start()
        worker = entity_worker.started()
        from unspin.explain.entities import _nlp, tag
        texts = {TEXTS!r}
        remote = [worker.tag(texts, batched=True), worker.tag(texts[:1], batched=False)]
        local = [tag(_nlp(), texts, True), tag(_nlp(), texts[:1], False)]
        print(json.dumps({{"pid": worker.pid, "same": remote == local,
                          "found": [[e.key for e in found] for found in remote[0]]}}))
    """)
    assert out["same"]
    assert "ruth okafor" in out["found"][0] and "singapore" in out["found"][1] and out["found"][2] == []
    assert not Path(f"/proc/{out['pid']}").exists()  # killed and reaped at exit, no orphan left


def test_a_lost_worker_falls_back_to_the_model_in_process() -> None:
    out = _python(f"""
        import json, os, signal
        from unspin.explain import entity_worker
        entity_worker.start()
        os.kill(entity_worker.started().pid, signal.SIGKILL)
        from unspin.explain.entities import entities, _nlp, tag
        found = entities({TEXTS[0]!r})
        print(json.dumps({{"same": found == tag(_nlp(), [{TEXTS[0]!r}], False)[0], "left": entity_worker.started() is None}}))
    """)
    assert out == {"same": True, "left": True}


def test_the_command_prints_the_same_with_the_worker_and_without() -> None:
    """``-f json`` of a trace that finds an entity change, forked and on one CPU (no worker)."""
    db = ROOT / "build" / "test-entity-worker.db"
    db.unlink(missing_ok=True)
    db.parent.mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "unspin"]
    subprocess.run([*command, "add", str(EXAMPLES / "originals"), "--db", str(db), "-q"], env=env, check=True, timeout=120)
    trace = [*command, "trace", str(EXAMPLES / "copies" / "bridge-spun.txt"), "--db", str(db), "-f", "json"]
    forked = subprocess.run(trace, env=env, capture_output=True, text=True, timeout=120)
    alone = subprocess.run(trace, env=env, capture_output=True, text=True, timeout=120,
                           preexec_fn=lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}))
    db.unlink(missing_ok=True)
    assert forked.returncode == alone.returncode == 0, forked.stderr + alone.stderr
    assert forked.stdout == alone.stdout
    assert any(c["type"] == "entity" for s in json.loads(forked.stdout)["sources"] for p in s["passages"] for c in p["changes"])


@pytest.mark.parametrize(("argv", "expected"), [
    (["compare", "a.txt", "b.txt"], True),
    (["trace", "x.txt", "--db", "s.db", "-f", "json"], True),
    (["compare", "a.txt", "b.txt", "--no-explain"], False),
    (["trace", "--help"], False),
    (["add", "x.txt"], False),
    (["--version"], False),
    ([], False),
])
def test_only_explaining_commands_start_a_worker(argv: list[str], expected: bool) -> None:
    assert wanted(argv) is expected


def test_names_asked_ahead_are_tagged_while_the_command_works_and_cached_as_prefetch_caches_them() -> None:
    """``prefetching``: the request goes out before the body runs, its reply is read after; a second
    request while one is unanswered is refused (the caller drops the worker and tags in-process);
    the work for a wait runs only while the worker has not replied, never without a worker."""
    out = _python(f"""
        import json
        from unspin.explain import entity_worker
        entity_worker.start()
        worker = entity_worker.started()
        from unspin.explain import entities as E
        texts = {TEXTS!r}
        ran = []
        with E.prefetching(texts, while_tagging=lambda: ran.append(worker.pending)):
            pending_inside = worker.pending
            try:
                worker.frames(texts[:1])
                refused = False
            except RuntimeError:
                refused = True
        ahead = {{t: E._CACHE[t] for t in texts}}
        E._CACHE.clear()
        entity_worker.stop()
        E.prefetch(texts)
        same = ahead == {{t: E._CACHE[t] for t in texts}}
        E._CACHE.clear()
        with E.prefetching(texts, while_tagging=lambda: ran.append("without a worker")):
            pass
        print(json.dumps({{"pending_inside": pending_inside, "refused": refused, "pending_after": worker.pending,
                          "same": same, "ran": ran}}))
    """)
    # The worker was still loading spaCy when the body ended, so the work for the wait ran, once.
    assert out == {"pending_inside": True, "refused": True, "pending_after": False, "same": True, "ran": [True]}


def test_a_failing_body_drops_the_worker_whose_reply_is_unread() -> None:
    out = _python(f"""
        import json
        from unspin.explain import entity_worker
        entity_worker.start()
        from unspin.explain import entities as E
        try:
            with E.prefetching({TEXTS!r}):
                raise KeyError("body")
        except KeyError:
            pass
        print(json.dumps({{"dropped": entity_worker.started() is None, "cached": {TEXTS[0]!r} in E._CACHE}}))
    """)
    assert out == {"dropped": True, "cached": False}
