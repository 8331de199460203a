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
from unspin.records import Article
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
        # float16 vectors were keyed (version 4), kept as int8 codes (5), then dropped: trace embeds again (6)
        assert store.keyed_sentences() == 1 and {a for _, a, _ in store.bucket_postings(BAND_RANGES)} == {7}
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


BAND_RANGES = [((band << 32), (band << 32) | (2**24 - 1)) for band in range(12)]
"""Every stored sentence key, one range per band: ``bucket_postings`` of these lists every posting."""


def _old_store(db: Path, articles: list[Article], version: int, vectors: list[bytes]) -> None:
    """A store file as schema ``version`` (3, or 5 with ``_old_postings``) wrote it, text and layout as TEXT."""
    with sqlite3.connect(db) as raw:
        for migration in MIGRATIONS[:version]:
            raw.executescript(migration)
        for a, blob in zip(articles, vectors):
            raw.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,'now')",
                        (a.id, a.content_hash, a.source, a.url, a.title, a.published, a.site, a.author, a.text,
                         json.dumps(a.sentences), json.dumps(a.boilerplate)))
            raw.execute("INSERT INTO sentence_vectors VALUES (?,?)", (a.id, blob))
        raw.execute(f"PRAGMA user_version={version}")


def _stored(db: Path) -> tuple[list[Article], int, list[tuple[int, int, int]]]:
    with Store(db) as store:
        return list(store.iter_articles()), store.keyed_sentences(), sorted(store.bucket_postings(BAND_RANGES))


def test_a_store_from_before_sentence_buckets_gets_them_on_open(tmp_path: Path) -> None:
    """Schema 3 had no bucket postings (trace used a usearch file): opening it writes them for every article."""
    from unspin.add import ingest
    from unspin.index.features import sentence_texts

    new = tmp_path / "new.db"
    with Store(new) as store:
        ingest(["examples/corpus/originals"], store)
    articles, keyed, postings = _stored(new)
    float16 = [embed_sentences(sentence_texts(a)).astype(np.float16).tobytes() for a in articles]
    _old_store(tmp_path / "v3.db", articles, 3, float16)
    assert keyed > 0 and postings
    assert _stored(tmp_path / "v3.db") == (articles, keyed, postings)  # postings rebuilt, in segment 0


def test_a_schema_5_store_opens_as_6_without_rewriting_and_keeps_growing(tmp_path: Path) -> None:
    """Schema 6 leaves schema 5's rows and postings as they are (TEXT text, postings in segment 0), drops the
    unread MinHash signatures and the sentence codes, and writes what comes next compressed into a new segment."""
    from unspin.add import ingest
    from unspin.index.features import sentence_texts

    originals = sorted(Path("examples/corpus/originals").iterdir())
    new = tmp_path / "new.db"
    with Store(new) as store:
        ingest([str(originals[0])], store)
    articles, keyed, postings = _stored(new)
    old = tmp_path / "v5.db"
    _old_store(old, articles, 5, [quantise(embed_sentences(sentence_texts(a))).tobytes() for a in articles])
    with sqlite3.connect(old) as raw:  # schema 5's postings: full keys, absolute postings
        raw.executemany("INSERT INTO sentence_keys VALUES (?,?)", [
            (band << 32 | 0, a * 4096 + s) for band, a, s in postings])  # one key per band is enough here
        raw.execute("INSERT INTO signatures VALUES (1, x'00')")
    before = (tmp_path / "v5.db").stat().st_size
    with Store(old) as store:
        assert store.schema_version == SCHEMA_VERSION and store.integrity_ok()
        assert list(store.iter_articles()) == articles
        assert sorted(store.bucket_postings(BAND_RANGES)) == postings
        assert [s.number for s in store.segments()] == [0]
        ingest([str(p) for p in originals[1:]], store)
        assert [s.number for s in store.segments()] == [0, 1]
    assert (tmp_path / "v5.db").stat().st_size <= before + 2**20
    with sqlite3.connect(old) as raw:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert not {"signatures", "sentence_vectors"} & tables and "sentence_keys_1" in tables
        kinds = raw.execute("SELECT id, typeof(text), typeof(sentences) FROM articles ORDER BY id").fetchall()
    assert kinds[0][1:] == ("text", "text") and {k[1:] for k in kinds[1:]} == {("blob", "blob")}
    everything, _, grown = _stored(old)
    assert everything[:len(articles)] == articles and len(everything) == len(originals)
    assert set(postings) < set(grown) and {a for _, a, _ in grown} == {a.id for a in everything}


def test_text_is_stored_compressed_and_read_back_exactly(tmp_path: Path) -> None:
    from dataclasses import replace

    from unspin.add import add_articles
    from unspin.api import article_from_text

    text = "Ünïcode «quotes» — and a line\n\nthat breaks. " * 40 + "\u2028 Last sentence here, with emoji 🙂."
    article = article_from_text(text, "a.txt")
    with Store(tmp_path / "s.db") as store:
        ((stored_id, added),) = add_articles(store, [article])
        stored = store.get(stored_id)
        assert added and stored == replace(article, id=stored_id)
    with sqlite3.connect(tmp_path / "s.db") as raw:
        size, packed = raw.execute("SELECT length(text), typeof(text) FROM articles").fetchone()
    assert packed == "blob" and size < len(text.encode()) / 2


def test_a_store_of_small_segments_finds_what_one_segment_finds(tmp_path: Path) -> None:
    """Segments split postings by article id; every query reads them all, so the candidates and their
    evidence are the same as from one segment (here a segment per 7 articles, over several batches)."""
    from unspin.add import ingest
    from unspin.align.aligner import sentence_vectors
    from unspin.evaluation.planted import write_planted_corpus
    from unspin.trace import Tracer

    corpus = write_planted_corpus(tmp_path / "c.jsonl", 40, copy_share=0.3, spun_share=0.3, chimeric=True).path
    found = []
    for name, segment_articles, batch in (("one", 10**5, 64), ("small", 7, 5)):
        with Store(tmp_path / f"{name}.db", segment_articles=segment_articles) as store:
            ingest([str(corpus)], store, batch_size=batch)
            tracer = Tracer(store)
            found.append([(a.id, [(c.article_id, c.evidence) for c in tracer.candidates(a, sentence_vectors(a))])
                          for a in store.iter_articles()])
            segments = len(store.segments())
    assert segments > 5 and found[0] == found[1]
    assert sum(len(c) for _, c in found[0]) > 10 and any(e["vector_sentences"] for _, c in found[0] for _, e in c)


def test_a_key_is_capped_by_the_articles_that_hold_it_across_segments(tmp_path: Path) -> None:
    """The cap on common keys counts a key's articles in every segment, stopping one past the cap: a key held
    by exactly ``max_articles`` articles counts, one held by more does not, however the segments split them."""
    from unspin.add import ingest
    from unspin.evaluation.planted import write_planted_corpus

    corpus = write_planted_corpus(tmp_path / "c.jsonl", 40, copy_share=0.3, spun_share=0.3, chimeric=True).path
    with Store(tmp_path / "s.db", segment_articles=7) as store:
        ingest([str(corpus)], store, batch_size=5)
        tables = [s.table("fingerprints") for s in store.segments()]
        union = " UNION ALL ".join(f"SELECT hash, article_id FROM {t}" for t in tables)
        with sqlite3.connect(tmp_path / "s.db") as raw:
            key, held, spread = raw.execute(
                f"SELECT hash, count(*), count(DISTINCT article_id / 7) FROM ({union}) GROUP BY hash"
                " ORDER BY count(*) DESC, hash LIMIT 1").fetchone()
        assert held >= 3 and spread >= 2  # a common key whose articles lie in several segments
        assert len(store.shared_keys("fingerprints", [key], max_articles=held, at_least=1)) == held
        assert store.shared_keys("fingerprints", [key], max_articles=held - 1, at_least=1) == {}
