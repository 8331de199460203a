"""The embedded store: one SQLite file holding articles and their index.

Guarantees, and how they are kept:
- Durable: ingest writes a batch of articles with all their index rows in
  one transaction, so a killed process leaves only whole, committed
  articles, and SQLite's journal makes the file open cleanly afterwards.
- Resumable: articles are unique by content hash, so re-running an ingest
  skips what was committed and adds the rest.
- Concurrent reads: WAL mode lets readers query while one writer ingests.
- Versioned: ``PRAGMA user_version`` is the schema version; ``MIGRATIONS``
  upgrades older files in place and a newer file is refused, not damaged.
- Steady as it grows: postings live in segments by article-id range
  (``Segment``), so a batch inserts into B-trees of at most
  ``SEGMENT_ARTICLES`` articles, which the writer's page cache holds.

Every index is a table here (postings of MinHash bands, fingerprints and
sentence-vector buckets, see ``index/candidates.py``), written in the
article's transaction, so the SQLite file alone is the whole store. Article
text is kept zlib-compressed; sentence vectors are not kept (the candidate
engine embeds the few stored sentences it compares again).
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np

from unspin.errors import StoreError
from unspin.index.candidates import KEY_BITS, quantise
from unspin.index.vectors import DIM
from unspin.records import Article, Span

DEFAULT_PATH = "unspin.db"

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles(
        id INTEGER PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        url TEXT, title TEXT, published TEXT, site TEXT, author TEXT,
        text TEXT NOT NULL,
        sentences TEXT NOT NULL,
        boilerplate TEXT NOT NULL,
        added_at TEXT NOT NULL
    );
    CREATE TABLE signatures(article_id INTEGER PRIMARY KEY REFERENCES articles(id), minhash BLOB NOT NULL);
    CREATE TABLE bands(key INTEGER NOT NULL, article_id INTEGER NOT NULL REFERENCES articles(id));
    CREATE INDEX bands_key ON bands(key);
    CREATE TABLE fingerprints(hash INTEGER NOT NULL, article_id INTEGER NOT NULL REFERENCES articles(id));
    CREATE INDEX fingerprints_hash ON fingerprints(hash);
    CREATE TABLE sentence_vectors(article_id INTEGER PRIMARY KEY REFERENCES articles(id), vectors BLOB NOT NULL);
    """,
    # Covering indexes: a posting lookup reads (key, article) from the index
    # alone instead of one random table page per posting (3x faster at 100k articles).
    """
    CREATE INDEX bands_key_article ON bands(key, article_id);
    DROP INDEX bands_key;
    CREATE INDEX fingerprints_hash_article ON fingerprints(hash, article_id);
    DROP INDEX fingerprints_hash;
    """,
    # unspin watch: the URLs it has handled, the conditional-GET state of each
    # feed or sitemap, and the alerts it raised (see watch/).
    """
    CREATE TABLE watch_seen(
        url TEXT PRIMARY KEY, first_seen TEXT NOT NULL, content_hash TEXT, outcome TEXT NOT NULL
    );
    CREATE TABLE watch_sources(
        url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, last_polled TEXT NOT NULL
    );
    CREATE TABLE alerts(id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, url TEXT NOT NULL, payload TEXT NOT NULL);
    """,
    # Sentence-vector bucket keys as postings (``posting = article_id * 4096 + sentence``),
    # the candidate engine's vector evidence (index/candidates.py); they replace the
    # usearch graph file. ``counters`` keeps the number of keyed sentences, which sizes
    # the buckets, without counting rows. Rows for articles stored before this version
    # are written by ``Store._backfill_sentence_keys``.
    """
    CREATE TABLE sentence_keys(key INTEGER NOT NULL, posting INTEGER NOT NULL, PRIMARY KEY(key, posting)) WITHOUT ROWID;
    CREATE TABLE counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT INTO counters VALUES ('keyed_sentences', 0);
    """,
    # A store of a million articles: band and fingerprint postings become their
    # own primary keys (one B-tree each instead of a rowid table plus a covering
    # index, half the pages to write and keep), and sentence vectors are kept as
    # the int8 codes the candidate engine compares (``quantise``), half of
    # float16. ``Store._quantise_vectors`` converts the stored vectors.
    """
    CREATE TABLE band_postings(key INTEGER NOT NULL, article_id INTEGER NOT NULL, PRIMARY KEY(key, article_id)) WITHOUT ROWID;
    INSERT OR IGNORE INTO band_postings SELECT key, article_id FROM bands ORDER BY key, article_id;
    DROP TABLE bands;
    ALTER TABLE band_postings RENAME TO bands;
    CREATE TABLE fingerprint_postings(hash INTEGER NOT NULL, article_id INTEGER NOT NULL, PRIMARY KEY(hash, article_id)) WITHOUT ROWID;
    INSERT OR IGNORE INTO fingerprint_postings SELECT hash, article_id FROM fingerprints ORDER BY hash, article_id;
    DROP TABLE fingerprints;
    ALTER TABLE fingerprint_postings RENAME TO fingerprints;
    """,
    # A million articles, written at a steady rate in under 15 GB. Postings go to
    # segments by article-id range (``segments``; see ``Store._segment_for``): the
    # tables above become segment 0, which is never written again, so migrating
    # rewrites no posting. Article text is stored zlib-compressed and spans as int32
    # pairs (BLOB values in the same columns; a TEXT value is a row written before). Sentence
    # vectors are no longer kept: the candidate engine embeds the few stored
    # sentences it compares again from their text, as alignment always did. Nothing
    # ever read the MinHash signatures (band keys are what is compared).
    """
    DROP TABLE signatures;
    DROP TABLE sentence_vectors;
    CREATE TABLE segments(
        number INTEGER PRIMARY KEY, first_article INTEGER NOT NULL, posting_base INTEGER NOT NULL,
        key_shift INTEGER NOT NULL
    );
    INSERT INTO segments VALUES (0, 1, 0, 32);
    """,
)
SENTENCE_KEYS_VERSION = 4
INT8_VECTORS_VERSION = 5
POSTING_SENTENCES = 4096
"""Sentences per article that can have keys: a posting is ``article_id * 4096 + sentence``."""
SCHEMA_VERSION = len(MIGRATIONS)
MAX_SEGMENT_ARTICLES = 2**31 // POSTING_SENTENCES - 2**16
"""Relative postings of a segment stay under 2**31 (4 bytes), with room for the batch that overfills it."""


@dataclass(frozen=True, slots=True)
class SeenPage:
    """A page URL that watch has handled: ingested (``content_hash`` set) or failed for good."""

    url: str
    outcome: str
    content_hash: str | None = None


@dataclass(frozen=True, slots=True)
class SourceState:
    """The validators of a feed or sitemap's last answer, sent back as a conditional GET."""

    url: str
    etag: str | None
    last_modified: str | None
    last_polled: str = ""


@dataclass(frozen=True, slots=True)
class IndexRows:
    """What the store keeps for one article besides its record, computed before the write, where
    ``add`` runs it: in worker processes, so the single writer only inserts (its sentence vectors,
    which its bucket keys were computed from, are not stored and not passed on)."""

    bands: np.ndarray
    fingerprints: np.ndarray
    sentence_keys: np.ndarray
    key_sentences: np.ndarray
    stored_text: bytes
    """The article's text as the store keeps it (:func:`pack_text`)."""


def default_path() -> str:
    """The store path used when none is given: ``$UNSPIN_DB`` or ``./unspin.db``."""
    return os.environ.get("UNSPIN_DB") or DEFAULT_PATH


CACHE_MIB = 256
"""Page cache per connection (an upper bound: only pages read are held)."""

WRITER_CACHE_MIB = 1536
"""Page cache of a bulk writer (``unspin add``): each batch inserts postings at random
keys all over the newest segment's posting B-trees, which fit here
(``SEGMENT_ARTICLES``), so they are written without reading pages back from disk."""

SEGMENT_ARTICLES = 100_000
"""Articles per postings segment: their postings (about 8 KB an article) stay well inside
``WRITER_CACHE_MIB``, and a store of a million articles has ten segments to read."""

WAL_LIMIT_MIB = 64
"""The WAL is truncated to this after a checkpoint, so the disk holds the store plus at most one batch."""

PAGE_SIZE = 16384
"""Page size of a new store: a compressed article (about 2.2 KB) leaves half of a 4 KB page unused."""

@dataclass(frozen=True, slots=True)
class Segment:
    """Postings of the articles from ``first_article`` on (until the next segment's first).

    Segment 0 is the tables of schema 5 and before (full keys, absolute postings),
    never written after the migration. Later segments keep a sentence key as
    ``band << 24 | code`` and a posting relative to ``posting_base``, 4 bytes each
    instead of 6.
    """

    number: int
    first_article: int
    posting_base: int
    key_shift: int

    def table(self, kind: str) -> str:
        """This segment's table of ``kind``: ``bands``, ``fingerprints`` or ``sentence_keys``."""
        return kind if self.number == 0 else f"{kind}_{self.number}"

    def stored_keys(self, keys: np.ndarray) -> np.ndarray:
        """Full sentence keys (``band << KEY_BITS | code``) as this segment stores them.

        Raises:
            ValueError: a code has more bits than the segment keeps (a rule with ``max_vector_bits`` over 24).
        """
        codes = keys & ((1 << KEY_BITS) - 1)
        if self.key_shift < KEY_BITS and (codes >> self.key_shift).any():
            raise ValueError(f"sentence keys of more than {self.key_shift} bits do not fit this store's segments")
        return (keys >> KEY_BITS << self.key_shift) | codes


class Store:
    """A connection to one store file. Not shared between threads."""

    def __init__(
        self, path: str | os.PathLike[str], create: bool = True, cache_mib: int = CACHE_MIB,
        segment_articles: int = SEGMENT_ARTICLES,
    ) -> None:
        self.path = os.fspath(path)
        if not create and not os.path.exists(self.path):
            raise StoreError(f"{self.path}: no store here; add articles first with 'unspin add ... --db {self.path}'")
        if not 1 <= segment_articles <= MAX_SEGMENT_ARTICLES:
            raise ValueError(f"segment_articles must be between 1 and {MAX_SEGMENT_ARTICLES}")
        self.segment_articles = segment_articles
        try:
            self._db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
            self._db.execute(f"PRAGMA page_size={PAGE_SIZE}")  # a new file only: an existing one keeps its own
            self._db.execute("PRAGMA journal_mode=WAL")
            # A batch's commit can grow the WAL to a segment's size; truncate it after each checkpoint.
            self._db.execute(f"PRAGMA journal_size_limit={WAL_LIMIT_MIB * 2**20}")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            # Index inserts and lookups touch random B-tree pages; SQLite's
            # default 2 MB page cache made add slow down as the store grew.
            self._db.execute(f"PRAGMA cache_size=-{int(cache_mib) * 1024}")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable unspin store ({exc})") from None

    def _migrate(self) -> None:
        """Bring the file to ``SCHEMA_VERSION``, one migration per immediate transaction.

        The version is read again inside each transaction: several processes
        opening a new store at once each see version 0 first, and only the
        one that takes the write lock first may create the tables.
        """
        while (version := self.schema_version) < SCHEMA_VERSION:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if self.schema_version == version:
                    for statement in filter(str.strip, MIGRATIONS[version].split(";")):
                        self._db.execute(statement)
                    if version + 1 == SENTENCE_KEYS_VERSION:
                        self._backfill_sentence_keys()
                    if version + 1 == INT8_VECTORS_VERSION:
                        self._quantise_vectors()
                    self._db.execute(f"PRAGMA user_version={version + 1}")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {version} is newer than this unspin ({SCHEMA_VERSION}); upgrade unspin"
            )

    def _backfill_sentence_keys(self) -> None:
        """Bucket keys for articles stored before the schema had them, in the migration's transaction."""
        from unspin.index.candidates import CandidateRule, sentence_keys

        rule = CandidateRule()
        for article in self.iter_articles():
            row = self._db.execute("SELECT vectors FROM sentence_vectors WHERE article_id=?", (article.id,)).fetchone()
            if row is not None:  # float16 until INT8_VECTORS_VERSION
                vectors = np.frombuffer(row[0], dtype=np.float16).reshape(-1, DIM).astype(np.float32)
                keys, owners = sentence_keys(article, vectors, rule)
                self._write_sentence_keys([(article.id or 0, keys, owners)], _LEGACY)

    def _quantise_vectors(self) -> None:
        """Float16 sentence vectors become int8 codes, in the migration's transaction."""
        rows = self._db.execute("SELECT article_id, vectors FROM sentence_vectors").fetchall()
        self._db.executemany("UPDATE sentence_vectors SET vectors=? WHERE article_id=?", (
            (quantise(np.frombuffer(blob, dtype=np.float16).reshape(-1, DIM)).tobytes(), article_id)
            for article_id, blob in rows))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of ``hashes`` are stored already."""
        wanted = list(hashes)
        found: set[str] = set()
        for chunk in _chunks(wanted, 500):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT content_hash FROM articles WHERE content_hash IN ({marks})", chunk)
            found.update(r[0] for r in rows)
        return found

    def add(
        self, batch: Sequence[tuple[Article, IndexRows]], seen: Sequence[SeenPage] = (), alerts: Sequence[dict] = ()
    ) -> list[int | None]:
        """Write a batch of articles with their index rows in one transaction.

        Articles whose content hash is already stored (by this or another
        writer) are skipped. ``seen`` pages and ``alerts`` (watch) commit in
        the same transaction, so a page is never marked handled without its article.

        Returns:
            For each article in batch order, its new id, or None if skipped.
        """
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            ids = self._insert_articles(batch, now)
            kept = [(i, rows) for i, (_, rows) in zip(ids, batch) if i is not None]
            if kept:
                segment = self._segment_for(kept[0][0], kept[-1][0])
                for kind in ("bands", "fingerprints"):
                    keys = np.concatenate([getattr(rows, kind) for _, rows in kept]).astype(np.int64)
                    owners = np.repeat(np.asarray([i for i, _ in kept], dtype=np.int64),
                                       [len(getattr(rows, kind)) for _, rows in kept])
                    # Key order walks each index B-tree once instead of jumping to a random page per row.
                    order = np.lexsort((owners, keys))
                    db.executemany(f"INSERT OR IGNORE INTO {segment.table(kind)} VALUES (?,?)",
                                   zip(keys[order].tolist(), owners[order].tolist()))
                self._write_sentence_keys([(i, rows.sentence_keys, rows.key_sentences) for i, rows in kept], segment)
            db.executemany(
                "INSERT OR IGNORE INTO watch_seen(url, first_seen, content_hash, outcome) VALUES (?,?,?,?)",
                [(page.url, now, page.content_hash, page.outcome) for page in seen],
            )
            db.executemany(
                "INSERT INTO alerts(created_at, url, payload) VALUES (?,?,?)",
                [(now, str(alert.get("url") or ""), json.dumps(alert, ensure_ascii=False)) for alert in alerts],
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return ids

    def _insert_articles(self, batch: Sequence[tuple[Article, IndexRows]], now: str) -> list[int | None]:
        """Insert the batch's article records in one statement (inside the transaction): each one's new id,
        or None where its content hash is stored already or repeats one earlier in the batch.

        Ids are given in batch order from the largest stored id on, as one
        INSERT per article gave them; the new ones are read back by content hash.
        """
        db = self._db
        before = self.max_id()
        db.executemany(
            "INSERT OR IGNORE INTO articles(content_hash, source, url, title, published, site, author,"
            " text, sentences, boilerplate, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(article.content_hash, article.source, article.url, article.title, article.published, article.site,
              article.author, rows.stored_text, _packed_spans(article.sentences),
              _packed_spans(article.boilerplate), now) for article, rows in batch],
        )
        new = dict(db.execute("SELECT content_hash, id FROM articles WHERE id > ?", (before,)).fetchall())
        ids: list[int | None] = []
        for article, _ in batch:
            ids.append(new.pop(article.content_hash, None))
        return ids

    def segments(self) -> list[Segment]:
        """The postings segments, oldest first, leaving out an empty segment 0 (a store created at schema 6)."""
        rows = [Segment(*row) for row in self._db.execute(
            "SELECT number, first_article, posting_base, key_shift FROM segments ORDER BY number")]
        return [s for s, after in itertools.zip_longest(rows, rows[1:]) if after is None or after.first_article > s.first_article]

    def _segment_for(self, first_id: int, last_id: int) -> Segment:
        """The segment that a batch of articles with ids ``first_id`` to ``last_id`` is written to (inside its transaction).

        A new segment starts when the newest one holds ``segment_articles``
        or is segment 0 (the tables of schema 5), so a batch inserts postings
        into B-trees of at most that many articles, whatever the store's size.
        """
        newest = Segment(*self._db.execute(
            "SELECT number, first_article, posting_base, key_shift FROM segments ORDER BY number DESC LIMIT 1").fetchone())
        if (newest.number > 0 and first_id - newest.first_article < self.segment_articles
                and (last_id - newest.posting_base + 1) * POSTING_SENTENCES <= 2**31):
            return newest
        segment = Segment(newest.number + 1, first_id, first_id, SEGMENT_KEY_SHIFT)
        self._db.execute("INSERT INTO segments VALUES (?,?,?,?)",
                         (segment.number, segment.first_article, segment.posting_base, segment.key_shift))
        for kind, columns in (("bands", "key, article_id"), ("fingerprints", "hash, article_id"),
                              ("sentence_keys", "key, posting")):
            self._db.execute(f"CREATE TABLE {segment.table(kind)}({columns.replace(',', ' INTEGER NOT NULL,')}"
                             f" INTEGER NOT NULL, PRIMARY KEY({columns})) WITHOUT ROWID")
        return segment

    def _write_sentence_keys(self, keyed: Sequence[tuple[int, np.ndarray, np.ndarray]], segment: Segment) -> None:
        """Insert ``(article_id, keys, sentence of each key)`` postings into ``segment`` and count the keyed
        sentences (inside a transaction)."""
        if not keyed:
            return
        keys = segment.stored_keys(np.concatenate([k for _, k, _ in keyed]).astype(np.int64))
        postings = np.concatenate([(a - segment.posting_base) * POSTING_SENTENCES + s.astype(np.int64)
                                   for a, _, s in keyed])
        order = np.lexsort((postings, keys))
        self._db.executemany(f"INSERT OR IGNORE INTO {segment.table('sentence_keys')} VALUES (?,?)",
                             zip(keys[order].tolist(), postings[order].tolist()))
        sentences = sum(len(np.unique(s)) for _, _, s in keyed)
        self._db.execute("UPDATE counters SET value = value + ? WHERE name = 'keyed_sentences'", (sentences,))

    def shared_keys(self, table: str, keys: Sequence[int], max_articles: int, at_least: int) -> dict[int, int]:
        """Article id -> distinct ``keys`` it holds in ``table`` (``bands`` or ``fingerprints``),
        counting only keys held by at most ``max_articles`` articles, for articles holding ``at_least``.

        Common phrases put a query's fingerprints in tens of thousands of
        articles of a large store; capping and counting inside SQLite keeps
        those rows out of Python.
        """
        column = {"bands": "key", "fingerprints": "hash"}[table]
        tables = [s.table(table) for s in self.segments()]

        def hits(keys: str) -> str:  # (key, article) of every posting of ``keys`` in every segment
            return " UNION ALL ".join(f"SELECT t.{column} AS k, t.article_id AS a FROM {keys} CROSS JOIN {name} t"
                                      f" ON t.{column} = {keys}.k" for name in tables)

        # A key's postings name distinct articles (its primary key is key and article, and segments hold
        # disjoint articles), so counting at most ``max_articles + 1`` of them per segment decides the cap
        # without reading every posting of a key that tens of thousands of articles share.
        over = max(int(max_articles) + 1, 0)
        held = " + ".join(f"(SELECT count(*) FROM (SELECT 1 FROM {name} t WHERE t.{column} = q.k LIMIT {over}))"
                          for name in tables)
        rows = self._db.execute(
            f"WITH q(k) AS (SELECT DISTINCT value FROM json_each(?)),"
            f" kept(k) AS (SELECT k FROM q WHERE {held} <= ?)"
            f" SELECT a, count(DISTINCT k) AS n FROM ({hits('kept')}) GROUP BY a HAVING n >= ?",
            (json.dumps([int(k) for k in keys]), max_articles, at_least),
        )
        return {int(article_id): int(n) for article_id, n in rows}

    def keyed_sentences(self) -> int:
        """How many stored sentences have bucket keys (sizes the buckets, see ``index/candidates.py``)."""
        return int(self._db.execute("SELECT value FROM counters WHERE name = 'keyed_sentences'").fetchone()[0])

    def bucket_postings(self, ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int, int]]:
        """``(range number, article id, sentence)`` of every sentence key inside one of the ``[low, high]`` ranges."""
        if not ranges:
            return []
        bounds = np.asarray(ranges, dtype=np.int64)
        found: list[tuple[int, int, int]] = []
        for segment in self.segments():
            stored = segment.stored_keys(bounds)
            rows = self._db.execute(
                f"SELECT r.key, k.posting FROM json_each(?) r CROSS JOIN {segment.table('sentence_keys')} k"
                " ON k.key BETWEEN r.value->>0 AND r.value->>1", (json.dumps(stored.tolist()),))
            found.extend((int(r), segment.posting_base + p // POSTING_SENTENCES, p % POSTING_SENTENCES) for r, p in rows)
        return found

    def sentence_texts_of(self, article_ids: Sequence[int]) -> dict[int, list[str]]:
        """The sentences (the first ``POSTING_SENTENCES``, as ``add`` embedded them) of each stored article
        of ``article_ids``, read without building whole articles: a trace asks for hundreds."""
        rows = self._db.execute(
            "SELECT id, text, sentences FROM articles WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps([int(a) for a in article_ids]),),
        )
        found = {}
        for article_id, stored, spans in rows:
            text = _unpacked(stored)
            found[int(article_id)] = [text[start:end] for start, end in _spans(spans)[:POSTING_SENTENCES]]
        return found

    def sentence_counts(self, article_ids: Sequence[int]) -> dict[int, int]:
        """How many sentences (up to ``POSTING_SENTENCES``, as ``add`` embedded them) each of ``article_ids`` has,
        without reading its text."""
        rows = self._db.execute(
            f"SELECT id, min({_SPAN_COUNT}, {POSTING_SENTENCES}) FROM articles"
            " WHERE id IN (SELECT value FROM json_each(?))", (json.dumps([int(a) for a in article_ids]),))
        return {int(a): int(n) for a, n in rows}

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def get(self, article_id: int) -> Article | None:
        rows = self.get_many([article_id])
        return rows[0] if rows else None

    def get_many(self, ids: Sequence[int]) -> list[Article]:
        """Articles by id, in the order asked, missing ids left out."""
        found: dict[int, Article] = {}
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(f"SELECT {_COLUMNS} FROM articles WHERE id IN ({marks})", chunk):
                found[row[0]] = _article(row)
        return [found[i] for i in ids if i in found]

    def find_by_hash(self, content_hash: str) -> int | None:
        row = self._db.execute("SELECT id FROM articles WHERE content_hash=?", (content_hash,)).fetchone()
        return int(row[0]) if row else None

    def iter_articles(self, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        query = f"SELECT {_COLUMNS} FROM articles ORDER BY id LIMIT ? OFFSET ?"
        for row in self._db.execute(query, (-1 if limit is None else limit, offset)):
            yield _article(row)

    def max_id(self) -> int:
        return int(self._db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])

    def unseen(self, urls: Sequence[str]) -> list[str]:
        """The URLs of ``urls`` that watch has not handled yet, in order, each once."""
        seen: set[str] = set()
        for chunk in _chunks(list(dict.fromkeys(urls)), 500):
            marks = ",".join("?" * len(chunk))
            seen.update(r[0] for r in self._db.execute(f"SELECT url FROM watch_seen WHERE url IN ({marks})", chunk))
        return [u for u in dict.fromkeys(urls) if u not in seen]

    def seen_pages(self) -> list[SeenPage]:
        rows = self._db.execute("SELECT url, outcome, content_hash FROM watch_seen ORDER BY url")
        return [SeenPage(url, outcome, content_hash) for url, outcome, content_hash in rows]

    def source_state(self, url: str) -> SourceState | None:
        row = self._db.execute(
            "SELECT url, etag, last_modified, last_polled FROM watch_sources WHERE url=?", (url,)
        ).fetchone()
        return SourceState(*row) if row else None

    def save_source_state(self, state: SourceState) -> None:
        """Record a feed's validators once every page it listed is handled (so a kill re-lists them)."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self._db.execute(
            "INSERT INTO watch_sources(url, etag, last_modified, last_polled) VALUES (?,?,?,?)"
            " ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, last_modified=excluded.last_modified,"
            " last_polled=excluded.last_polled",
            (state.url, state.etag, state.last_modified, now),
        )

    def recent_alerts(self, limit: int = 50) -> list[dict]:
        """Alerts newest first, each the JSON object watch wrote, with ``alert_id`` and ``created_at`` added."""
        rows = self._db.execute("SELECT id, created_at, payload FROM alerts ORDER BY id DESC LIMIT ?", (limit,))
        return [{"alert_id": i, "created_at": created, **json.loads(payload)} for i, created, payload in rows]

    def integrity_ok(self) -> bool:
        return self._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


_COLUMNS = "id, source, url, title, published, site, author, text, sentences, boilerplate, content_hash"


_LEGACY = Segment(0, 1, 0, KEY_BITS)
"""The posting tables of schema 5 and before, as the migrations that fill them write them."""

SEGMENT_KEY_SHIFT = 24
"""Segments after 0 keep a sentence key as ``band << 24 | code`` (the code has ``max_vector_bits`` = 24 bits)."""


def pack_text(text: str) -> bytes:
    """Text as stored from schema 6 on: zlib, about 55% of news text's UTF-8.

    Level 6 (zlib's default): level 1 would save 0.02 ms of a worker's CPU an
    article and store 3% more bytes (2,033 against 1,974 per chimeric article).
    """
    return zlib.compress(text.encode("utf-8"), 6)


def _unpacked(value: str | bytes) -> str:
    """A stored text column: a BLOB is ``pack_text``, a TEXT value was written before schema 6."""
    return zlib.decompress(value).decode("utf-8") if isinstance(value, bytes) else value


def _packed_spans(spans: Sequence[Span]) -> bytes:
    """Spans as stored from schema 6 on: little-endian int32 pairs, so SQL counts them (``_SPAN_COUNT``)."""
    return np.asarray(spans, dtype="<i4").reshape(-1, 2).tobytes()


def _spans(value: str | bytes) -> list[list[int]]:
    """A stored span column: a BLOB is ``_packed_spans``, a TEXT value is the JSON written before schema 6."""
    if isinstance(value, bytes):
        return np.frombuffer(value, dtype="<i4").reshape(-1, 2).tolist()
    return [list(span) for span in json.loads(value)]


_SPAN_COUNT = "CASE typeof(sentences) WHEN 'blob' THEN length(sentences) / 8 ELSE json_array_length(sentences) END"


def _article(row: tuple) -> Article:
    sentences: tuple[Span, ...] = tuple((s, e) for s, e in _spans(row[8]))
    boilerplate: tuple[Span, ...] = tuple((s, e) for s, e in _spans(row[9]))
    return Article(
        id=row[0], source=row[1], url=row[2], title=row[3], published=row[4], site=row[5], author=row[6],
        text=_unpacked(row[7]), sentences=sentences, boilerplate=boilerplate, content_hash=row[10],
    )


def _chunks(values: list, size: int) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
