"""Hostile input: every bad item is one line naming it, nothing else stops, the store stays whole.

The corpus of hostile shapes is generated here, at small sizes (the large
sizes are in ``bench/bench_hostile.py``). Each CLI run is a subprocess with a
time limit and an address-space limit, so a hang or a runaway allocation
fails the test instead of the machine.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from unspin.add import ingest
from unspin.errors import InputError
from unspin.read.extract import extract_article
from unspin.read.readers import ReadConfig, read_inputs
from unspin.read.untrusted import quiet_loggers
from unspin.records import IngestProblem, RawDocument
from unspin.segment import MAX_SENTENCE_CHARS, split_sentences
from unspin.store import Store

TIME_LIMIT_S = 120
"""Per CLI run: a hang detector, far above the few seconds a run takes."""
MEMORY_LIMIT = 3 * 1024**3
"""Address space per CLI run (virtual, so above the 1.5 GB RSS budget the bench measures)."""

ARTICLE = (
    "The harbour council voted on Tuesday to close the old ferry pier. "
    "Members said repairs would cost more than a new pier. "
    "The vote was seven to two, with one member away. "
    "Work on the new pier starts in the spring, the council said."
)


def _html(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>Pier vote</title></head><body><article><p>{body}</p></article></body></html>"


def _warc(pages: list[tuple[str, bytes]], gz: bool = False) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for uri, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _add(inputs: list[str], db: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "unspin", "add", *inputs, "--db", str(db), "-q", *options],
        capture_output=True, text=True, timeout=TIME_LIMIT_S, preexec_fn=_limited,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )


def _assert_store_whole(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        duplicates = connection.execute(
            "SELECT count(*) - count(DISTINCT content_hash) FROM articles"
        ).fetchone()[0]
        assert duplicates == 0
        return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])


def _hostile_folder(root: Path) -> tuple[dict[str, str], int]:
    """Write the hostile corpus; the bad inputs (name -> reason pattern) and how many good articles."""
    root.mkdir()
    good = 0

    def article(n: int) -> str:
        return f"Story {n}. " + ARTICLE.replace("Tuesday", f"day {n}")

    (root / "good.txt").write_text(article(1))
    (root / "good.html").write_text(_html(article(2)))
    (root / "charset.html").write_bytes(
        _html(article(3), '<meta charset="undefined">').encode("cp1252") + b"\xe9\xe8"
    )
    (root / "utf16.txt").write_bytes(b"\xff\xfe" + article(4).encode("utf-16-le"))
    (root / os.fsdecode(b"caf\xe9-latin1-name.txt")).write_text(article(5))
    with gzip.open(root / "good.ndjson.gz", "wt") as stream:
        stream.write(json.dumps({"id": "n1", "text": article(6)}) + "\n")
    good += 6
    bad: dict[str, str] = {}

    corrupt = gzip.compress(b"".join(json.dumps({"text": article(100 + i)}).encode() + b"\n" for i in range(3)))
    (root / "truncated.jsonl.gz").write_bytes(corrupt[: len(corrupt) // 2])
    bad["truncated.jsonl.gz"] = "truncated or corrupt gzip"
    (root / "garbage.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(200))
    bad["garbage.jsonl.gz"] = "truncated or corrupt gzip"

    lines = [
        json.dumps({"id": "ok", "text": article(7)}),
        '{"id": "surrogate", "text": "' + article(8) + ' \\ud800 end."}',
        "[" * 100_000 + "]" * 100_000,
        '{"text": "x", "n": ' + "9" * 5000 + "}",
        json.dumps({"id": "long", "text": "w " * 150_000}),
    ]
    (root / "mixed.jsonl").write_text("\n".join(lines) + "\n")
    good += 2
    bad["mixed.jsonl:3"] = "malformed JSON"
    bad["mixed.jsonl:4"] = "malformed JSON"
    bad["mixed.jsonl:5"] = "line over the"

    (root / "bomb.jsonl.gz").write_bytes(gzip.compress((b" " * 100_000 + b"\n") * 400, compresslevel=9))
    bad["bomb.jsonl.gz"] = "gzip bomb"

    pages = [("http://a.example/1", _html(article(9)).encode()), ("http://a.example/2", _html(article(10)).encode())]
    (root / "huge-length.warc").write_bytes(
        re.sub(rb"Content-Length: \d+", b"Content-Length: 9223372036854775808", _warc(pages), count=1)
    )
    bad["huge-length.warc"] = "malformed WARC"
    whole = _warc(pages)
    (root / "cut.warc").write_bytes(whole[: len(whole) - 300])
    good += 1
    bad["cut.warc#http://a.example/2"] = "record cut short"
    gz_whole = _warc([(u, b) for u, b in pages], gz=True)
    (root / "cut.warc.gz").write_bytes(gz_whole[: len(gz_whole) - 100])
    bad["cut.warc.gz#http://a.example/2"] = "record cut short"  # its first page is cut.warc's: a duplicate

    (root / "nul-late.txt").write_bytes(article(11).encode() * 100 + b"\x00" + b"tail")
    bad["nul-late.txt"] = "binary file"
    (root / "over-limit.txt").write_bytes(b"word " * 60_000)
    bad["over-limit.txt"] = "byte limit"

    os.mkfifo(root / "pipe.txt")
    bad["pipe.txt"] = "not a regular file (a FIFO)"
    os.symlink("/dev/zero", root / "zero.txt")
    bad["zero.txt"] = "not a regular file (a character device)"
    os.symlink(root / "loop.txt", root / "loop.txt")
    bad["loop.txt"] = "cannot be read"
    evil = "evil\x1b[31m\u202etxt.txt"
    (root / evil).write_bytes(b"\x00\x01binary")
    bad["evil\\x1b[31m\\u202etxt.txt"] = "binary file"
    return bad, good


def test_hostile_folder_gives_one_line_per_bad_input_and_ingests_the_rest(tmp_path: Path) -> None:
    bad, good = _hostile_folder(tmp_path / "in")
    db = tmp_path / "s.db"
    result = _add([str(tmp_path / "in")], db, "--max-bytes", "200000")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    problem_lines = [line for line in result.stderr.splitlines() if line.startswith("unspin: ")]
    assert len(problem_lines) == len(result.stderr.splitlines()) - 1  # no library warnings, only the summary besides
    for name, reason in bad.items():
        named = [line for line in problem_lines if f"/{name}: " in line]
        assert len(named) == 1, (name, problem_lines)
        assert reason in named[0], named[0]
    assert len(problem_lines) == len(bad), problem_lines
    assert _assert_store_whole(db) == good
    assert f"added {good}," in result.stderr


def test_nothing_ingested_is_the_only_failure_exit(tmp_path: Path) -> None:
    (tmp_path / "a.bin").write_bytes(b"\x00" * 100)
    result = _add([str(tmp_path / "a.bin")], tmp_path / "s.db")
    assert result.returncode != 0
    assert result.stderr.count("\n") == 2 and "a.bin: binary file" in result.stderr


def test_concurrent_writers_create_one_store(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    code = "import sys; from unspin.store import Store; Store(sys.argv[1]).close()"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    writers = [subprocess.Popen([sys.executable, "-c", code, str(db)], stderr=subprocess.PIPE, env=env) for _ in range(12)]
    errors = [(w.wait(timeout=TIME_LIMIT_S), w.stderr.read() if w.stderr else b"") for w in writers]
    assert all(code == 0 for code, _ in errors), errors
    with Store(db) as store:
        assert store.schema_version > 0


@pytest.mark.parametrize(
    "shape",
    [
        "." * 200_000,
        "!?" * 100_000,
        ("x" * 75 + "\n") * 20_000,
        "a" * 1_000_000,
        "A b. " * 100_000,
        "word " * 200_000,
        "\n\n".join(["w"] * 100_000),
    ],
    ids=["dots", "bangs", "hard-wrapped", "one-word", "tiny-sentences", "one-sentence", "one-word-paragraphs"],
)
def test_hostile_text_segments_and_extracts_within_the_caps(shape: str) -> None:
    article = extract_article(RawDocument(source="shape", kind="text", payload=shape))
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in article.sentences)
    assert all(shape[s:e] == shape[s:e].strip() and s < e for s, e in article.sentences)


@pytest.mark.parametrize(
    "html",
    [
        "<p>" * 300_000,
        "<p>w</p>\n" * 100_000,
        "<p " + " ".join(f"a{i}=1" for i in range(100_000)) + ">" + ARTICLE + "</p>",
        "<html><body><p>" + "a" * 2_000_000 + "</p></body></html>",
        "<div>" * 50_000 + ARTICLE + "</div>" * 50_000,
    ],
    ids=["unclosed-p", "one-word-paragraphs", "many-attributes", "one-word", "deep-nesting"],
)
def test_hostile_html_extracts_or_fails_with_a_reason(html: str) -> None:
    try:
        article = extract_article(RawDocument(source="shape", kind="html", payload=html))
    except InputError as exc:
        assert str(exc)
    else:
        assert article.sentences


def _items(path: Path) -> list[IngestProblem | RawDocument]:
    return list(read_inputs([str(path)], ReadConfig(max_bytes=100_000)))


FUZZ_TIME_LIMIT_S = 30
"""Per fuzzed input, read and ingested in-process (a few hundred ms each)."""


@contextmanager
def _time_bound(seconds: int) -> Iterator[None]:
    """Fail the example, rather than hang the suite, when one input takes over ``seconds``."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"one fuzzed input took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _ingest_file(path: Path, db: Path) -> None:
    """Read and ingest one fuzzed file in-process into a new store: only results and one-line problems."""
    with _time_bound(FUZZ_TIME_LIMIT_S):
        _ingest_file_unbounded(path, Path(tempfile.mkdtemp(dir=db.parent)) / db.name)


def _ingest_file_unbounded(path: Path, db: Path) -> None:
    items = _items(path)
    for item in items:
        assert isinstance(item, (IngestProblem, RawDocument))
        if isinstance(item, IngestProblem):
            assert item.source.startswith(str(path)) and item.reason and "\n" not in item.reason
    with Store(db) as store:
        summary = ingest([str(path)], store, ReadConfig(max_bytes=100_000))
        assert len(summary.added) + summary.duplicates + summary.failed == len(items)
        assert store.count() == len(summary.added)
    _assert_store_whole(db)


_FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_WORDS = st.sampled_from(["The", "pier", "Mr.", "closed", "...", "!", "?", "\n", "\n\n", " ", "\u202e", "\x00", "é", "2.5"])
_TEXT = st.lists(_WORDS, max_size=200).map(" ".join) | st.text(max_size=300)
_TAGS = st.sampled_from(["<p>", "</p>", "<div>", "<meta charset='undefined'>", "<br/>", "<!--", "-->", "<script>", "<"])


@_FUZZ
@given(body=st.binary(max_size=2000) | _TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_fuzzed_text_files(tmp_path: Path, body: bytes) -> None:
    path = tmp_path / "fuzz.txt"
    path.write_bytes(body)
    _ingest_file(path, tmp_path / "s.db")


@_FUZZ
@given(parts=st.lists(_TAGS | _TEXT, max_size=60))
def test_fuzzed_html_files(tmp_path: Path, parts: list[str]) -> None:
    path = tmp_path / "fuzz.html"
    path.write_bytes("".join(parts).encode("utf-8", "surrogatepass"))
    _ingest_file(path, tmp_path / "s.db")


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50), lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "text", "html", "url", "title"]), inner, max_size=4), max_leaves=20
)


@_FUZZ
@given(
    records=st.lists(st.fixed_dictionaries({"text": _TEXT}, optional={"id": _JSON_VALUES, "html": _JSON_VALUES}) | _JSON_VALUES, max_size=8),
    cut=st.integers(min_value=0, max_value=400),
    compress=st.booleans(),
)
def test_fuzzed_jsonl_files(tmp_path: Path, records: list[object], cut: int, compress: bool) -> None:
    data = b"".join(json.dumps(r).encode() + b"\n" for r in records)
    data = data[: max(0, len(data) - cut)] if cut % 3 == 0 else data
    path = tmp_path / ("fuzz.jsonl.gz" if compress else "fuzz.jsonl")
    path.write_bytes(gzip.compress(data)[: None if cut % 2 else -3] if compress else data)
    _ingest_file(path, tmp_path / "s.db")


@_FUZZ
@given(bodies=st.lists(_TEXT, min_size=1, max_size=4), cut=st.integers(min_value=0, max_value=600), compress=st.booleans())
def test_fuzzed_warc_files(tmp_path: Path, bodies: list[str], cut: int, compress: bool) -> None:
    data = _warc([(f"http://f.example/{i}", _html(b).encode("utf-8", "surrogatepass")) for i, b in enumerate(bodies)], compress)
    path = tmp_path / ("fuzz.warc.gz" if compress else "fuzz.warc")
    path.write_bytes(data[: len(data) - cut])
    _ingest_file(path, tmp_path / "s.db")


def test_segmentation_of_normal_text_is_unchanged_by_the_caps() -> None:
    text = ARTICLE + "\n\n" + ARTICLE.replace(". ", ".\n")
    assert split_sentences(text) == split_sentences(text, limit=None)
    assert [text[s:e] for s, e in split_sentences(ARTICLE)] == [
        "The harbour council voted on Tuesday to close the old ferry pier.",
        "Members said repairs would cost more than a new pier.",
        "The vote was seven to two, with one member away.",
        "Work on the new pier starts in the spring, the council said.",
    ]
    assert len(split_sentences("Ab cd. " * 10, limit=3)) == 3


def test_library_warnings_are_silenced_while_reading_and_only_then(caplog: pytest.LogCaptureFixture) -> None:
    child = logging.getLogger("trafilatura.core")  # the logger trafilatura's "discarding data" comes from
    with caplog.at_level(logging.WARNING):
        with quiet_loggers(("trafilatura",)):
            child.warning("discarding data: %s", "http://x/\x1b[31m")
        assert not caplog.records
        child.warning("after reading")
    assert [r.getMessage() for r in caplog.records] == ["after reading"]
