"""Store guarantees: durable under kill -9, resumable, concurrent reads, versioned."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import numpy as np

from unspin.errors import StoreError
from unspin.index.candidates import quantise
from unspin.index.vectors import embed_sentences
from unspin.store import MIGRATIONS, SCHEMA_VERSION, Store


def make_corpus(root: Path, n: int) -> None:
    root.mkdir()
    for i in range(n):
        (root / f"story{i:04d}.txt").write_text(
            f"Story {i} headline\n\nThe council met on day {i} to discuss item {i * 7}. "
            f"Members voted {i % 9} to {i % 5} after a long debate about budget line {i}.\n",
            encoding="utf-8",
        )


def test_killed_ingest_keeps_committed_batches_and_resumes(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "s.db"
    make_corpus(corpus, 400)
    cmd = [sys.executable, "-m", "unspin", "add", str(corpus), "--db", str(db), "--batch-size", "5", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = 0
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if db.exists():
            try:  # a reader works while the writer ingests (WAL)
                with sqlite3.connect(db, timeout=5) as reader:
                    seen = reader.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                seen = 0
            if seen >= 20:
                break
        time.sleep(0.05)
    workers = _children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert seen >= 20, "the ingest never committed a batch"
    assert workers, "batches after the first are indexed in worker processes"
    gone = time.time() + 10
    while time.time() < gone and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.1)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers), "add's workers outlived it"
    with Store(db) as store:
        assert store.integrity_ok()
        kept = store.count()
        assert kept >= seen and kept < 400
        assert store.count() == len({a.content_hash for a in store.iter_articles()})
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"skipped {kept} as duplicate" in done.stderr
    with Store(db) as store:
        assert store.count() == 400 and store.integrity_ok()


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc; empty elsewhere)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_newer_schema_is_refused_without_damage(tmp_path: Path) -> None:
    db = tmp_path / "future.db"
    with sqlite3.connect(db) as raw:
        raw.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this unspin"):
        Store(db)
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1


def test_an_older_store_is_upgraded_in_place_and_keeps_its_postings(tmp_path: Path) -> None:
    db = tmp_path / "v1.db"
    with sqlite3.connect(db) as raw:
        raw.executescript(MIGRATIONS[0])
        text = "The council met on Monday to vote on the budget for the coming year."
        raw.execute("INSERT INTO articles VALUES (7, 'h', 's', NULL, NULL, NULL, NULL, NULL, ?, ?, '[]', 'now')",
                    (text, json.dumps([[0, len(text)]])))
        raw.executemany("INSERT INTO fingerprints VALUES (?, 7)", [(h,) for h in (11, 12, 13, 13)])
        raw.execute("INSERT INTO bands VALUES (5, 7)")
        vector = embed_sentences([text])
        raw.execute("INSERT INTO sentence_vectors VALUES (7, ?)", (vector.astype(np.float16).tobytes(),))
        raw.execute("PRAGMA user_version=1")
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION and store.integrity_ok()
        # float16 vectors were keyed (version 4), then kept as the int8 codes the candidate engine compares (5)
        assert store.keyed_sentences() == 1
        assert np.array_equal(store.sentence_codes_of([7])[7], quantise(vector))
        assert np.abs(store.sentence_vectors(7) - vector).max() < 0.005
        assert store.shared_keys("fingerprints", [11, 13, 99], max_articles=1, at_least=1) == {7: 2}
        assert store.shared_keys("fingerprints", [11, 13, 99], max_articles=1, at_least=3) == {}
        assert store.shared_keys("fingerprints", [11, 13, 99], max_articles=0, at_least=1) == {}
        assert store.shared_keys("bands", [5], max_articles=1, at_least=1) == {7: 1}
    with sqlite3.connect(db) as raw:
        # a posting lookup reads one B-tree (the postings are their own primary key), no table rows
        plans = raw.execute("EXPLAIN QUERY PLAN SELECT article_id FROM fingerprints WHERE hash = 11").fetchall()
        assert "USING PRIMARY KEY" in " ".join(str(p) for p in plans)


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "junk.db"
    db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable unspin store"):
        Store(db)


def test_cli_ls_and_show_json(tmp_path: Path) -> None:
    from conftest import EXAMPLES

    db = str(tmp_path / "s.db")
    env = {**os.environ, "UNSPIN_DB": db}
    subprocess.run([sys.executable, "-m", "unspin", "add", str(EXAMPLES / "originals"), "-q"], check=True, env=env, capture_output=True)
    listing = json.loads(subprocess.run([sys.executable, "-m", "unspin", "ls", "--format", "json"], env=env, capture_output=True, text=True, check=True).stdout)
    assert len(listing) == 3 and {"id", "source", "title", "published", "site"} <= set(listing[0])
    shown = json.loads(subprocess.run([sys.executable, "-m", "unspin", "show", str(listing[0]["id"]), "--format", "json"], env=env, capture_output=True, text=True, check=True).stdout)
    assert {"id", "source", "title", "published", "site", "text", "sentences", "boilerplate"} <= set(shown)
    assert all(shown["text"][s:e].strip() for s, e in shown["sentences"])


def test_cli_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bin"
    bad.mkdir()
    (bad / "a.dat").write_bytes(bytes(range(256)) * 4)
    (bad / "b.dat").write_bytes(b"\x00\x01" * 100)
    result = subprocess.run([sys.executable, "-m", "unspin", "add", str(bad), "--db", str(tmp_path / "s.db")], capture_output=True, text=True)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert any("a.dat" in line and "binary" in line for line in lines)
    assert lines[-1].startswith("added 0")
    missing = subprocess.run([sys.executable, "-m", "unspin", "show", "1", "--db", str(tmp_path / "none.db")], capture_output=True, text=True)
    assert missing.returncode == 3 and "Traceback" not in missing.stderr and len(missing.stderr.strip().splitlines()) == 1


def test_a_store_from_before_sentence_buckets_gets_them_on_open(tmp_path: Path) -> None:
    """Schema 3 had no bucket postings (trace used a usearch file): opening it writes them for every article."""
    from unspin.add import ingest
    from unspin.index.features import sentence_texts

    db = tmp_path / "v3.db"
    with Store(db) as store:
        ingest(["examples/corpus/originals"], store)
        keyed = store.keyed_sentences()
        float16 = [(embed_sentences(sentence_texts(a)).astype(np.float16).tobytes(), a.id) for a in store.iter_articles()]
    with sqlite3.connect(db) as raw:  # as schema 3 kept it: float16 vectors, no bucket postings
        postings = raw.execute("SELECT key, posting FROM sentence_keys ORDER BY key, posting").fetchall()
        raw.executemany("UPDATE sentence_vectors SET vectors=? WHERE article_id=?", float16)
        raw.executescript("DROP TABLE sentence_keys; DROP TABLE counters; PRAGMA user_version=3;")
    assert keyed > 0 and postings
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION and store.keyed_sentences() == keyed
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT key, posting FROM sentence_keys ORDER BY key, posting").fetchall() == postings
