"""``unspin spark reuse`` on a real standalone Spark cluster: a master and two workers on this machine.

The cluster is started from the pyspark distribution's own ``spark-class``
(no Spark install needed beyond ``pip install pyspark`` and Java) and
stopped by the test. Every table must equal the local runner's. Slow (a
minute or two): run with ``pytest -m slow tests/test_spark_cluster.py``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import unspin
from unspin.corpus.local import run_local
from unspin.corpus.tables import read_rows
from unspin.evaluation.datasets import data_root
from unspin.evaluation.planted import write_planted_corpus

pytestmark = [pytest.mark.slow, pytest.mark.spark]


@dataclass(frozen=True, slots=True)
class Cluster:
    master: str
    ui: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _master_state(ui: str) -> dict:
    """The master's own account of its workers and applications (its web UI's JSON)."""
    try:
        with urllib.request.urlopen(f"{ui}/json/", timeout=2) as answer:
            return dict(json.load(answer))
    except OSError:
        return {}


def _alive_workers(ui: str) -> int:
    return sum(1 for w in _master_state(ui).get("workers", []) if w.get("state") == "ALIVE")


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java: apt-get install -y default-jre-headless")
    pyspark = pytest.importorskip("pyspark")
    home = Path(pyspark.__file__).parent
    source = str(Path(unspin.__file__).resolve().parents[1])  # this checkout's src, for the executors' Python
    env = {**os.environ, "SPARK_HOME": str(home), "PYSPARK_PYTHON": sys.executable, "SPARK_LOCAL_IP": "127.0.0.1",
           "PYTHONPATH": os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")]))}
    port, ui_port = _free_port(), _free_port()
    master = f"spark://127.0.0.1:{port}"
    ui = f"http://127.0.0.1:{ui_port}"
    spark_class = str(home / "bin" / "spark-class")
    logs = tmp_path / "cluster-logs"
    logs.mkdir()
    commands = [[spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
                 "--webui-port", str(ui_port)]]
    commands += [[spark_class, "org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1", "--cores", "1",
                  "--memory", "1500m", "--webui-port", str(_free_port()), "--work-dir", str(tmp_path / f"work{n}")]
                 for n in range(2)]
    processes = [subprocess.Popen(c, env=env, stdout=(logs / f"{i}.log").open("wb"), stderr=subprocess.STDOUT,
                                  start_new_session=True) for i, c in enumerate(commands)]
    try:
        deadline = time.monotonic() + 120
        while _alive_workers(ui) < 2:
            assert time.monotonic() < deadline, "cluster did not start: " + " | ".join(
                (logs / f"{i}.log").read_text(errors="replace")[-500:] for i in range(3))
            assert all(p.poll() is None for p in processes), "a cluster process exited"
            time.sleep(1)
        yield Cluster(master, ui)
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in reversed(processes):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_spark_reuse_on_a_standalone_cluster_gives_the_local_tables(cluster: Cluster, tmp_path: Path) -> None:
    if not data_root().exists():
        pytest.skip("../shared/data is not present")
    corpus = write_planted_corpus(tmp_path / "corpus" / "feed.jsonl", originals=40, copy_share=0.25, spun_share=0.25)
    local = tmp_path / "local"
    run_local([str(corpus.path)], local, workers=2)
    out = tmp_path / "spark"
    done = subprocess.run(
        [sys.executable, "-m", "unspin", "spark", "reuse", str(corpus.path), "--out", str(out), "--master", cluster.master],
        capture_output=True, text=True, timeout=900, env={**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    state = _master_state(cluster.ui)
    assert [app["name"] for app in state["completedapps"]] == ["unspin reuse"]  # the job ran on this cluster
    assert _alive_workers(cluster.ui) == 2
    assert read_rows(local / "pairs", "pairs"), "the corpus has reuse pairs to compare"
    for table in ("articles", "candidates", "pairs", "passages", "clusters", "sites"):
        assert read_rows(out / table, table) == read_rows(local / table, table), table
