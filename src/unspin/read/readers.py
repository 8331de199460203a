"""Turn paths, globs, directories and URLs into a stream of raw documents.

Readers never raise on bad input: each bad item becomes an ``IngestProblem``
in the stream, so one broken file in a directory of thousands costs one line
of the summary, not the run. Containers (WARC, JSONL) stream record by
record, so a multi-gigabyte crawl file never sits in memory.
"""

from __future__ import annotations

import glob
import gzip
import http.client
import json
import os
import re
import urllib.parse
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from unspin.errors import FetchError, InputError
from unspin.read.fetch import FetchConfig, fetch_url, open_stream
from unspin.records import IngestProblem, InputKind, RawDocument

Item = RawDocument | IngestProblem

_TEXT_SUFFIXES = (".txt", ".text", ".md")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ReadConfig:
    """Limits on what a reader accepts."""

    max_bytes: int = 20_000_000
    fetch: FetchConfig = FetchConfig(allow_private=True)

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError("ReadConfig.max_bytes must be positive")


def read_inputs(inputs: Iterable[str], config: ReadConfig = ReadConfig()) -> Iterator[Item]:
    """Yield a raw document or a problem for everything ``inputs`` name."""
    for unit in expand_inputs(inputs):
        if isinstance(unit, IngestProblem):
            yield unit
        else:
            yield from read_unit(unit, config)


def expand_inputs(inputs: Iterable[str]) -> Iterator[str | IngestProblem]:
    """The files and URLs that ``inputs`` name, in a stable order, without reading them.

    Corpus jobs hand these units to workers (one file or URL each), so the
    listing is the same whichever machine runs it.
    """
    for spec in inputs:
        if spec.startswith(("http://", "https://")) or os.path.isfile(spec):
            yield spec
        elif os.path.isdir(spec):
            yield from _list_directory(Path(spec))
        elif glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield IngestProblem(spec, "the pattern matches no file")
            for match in matches:
                yield from _list_directory(Path(match)) if os.path.isdir(match) else [match]
        else:
            yield IngestProblem(spec, "no such file, directory or URL")


def read_unit(unit: str, config: ReadConfig = ReadConfig()) -> Iterator[Item]:
    """Read one file or URL from :func:`expand_inputs`."""
    if unit.startswith(("http://", "https://")):
        if urllib.parse.urlsplit(unit).path.lower().endswith(_WARC_SUFFIXES):
            yield from _read_warc(unit, config)  # streamed: a CC-NEWS file is about 1 GB
            return
        yield _read_url(unit, config)
    else:
        yield from read_file(Path(unit), config)


def _list_directory(root: Path) -> Iterator[str]:
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield str(Path(directory) / name)


def read_file(path: Path, config: ReadConfig = ReadConfig()) -> Iterator[Item]:
    """Read one file of any supported format, chosen by suffix, else by content."""
    source = str(path)
    name = path.name.lower()
    try:
        if name.endswith(_WARC_SUFFIXES):
            yield from _read_warc(path, config)
            return
        if name.endswith(_JSONL_SUFFIXES):
            yield from _read_jsonl(path, config)
            return
        if name.endswith(".parquet"):
            yield from _read_parquet(path)
            return
        size = path.stat().st_size
        if size > config.max_bytes:
            yield IngestProblem(source, f"{size:,} bytes is over the {config.max_bytes:,}-byte limit (--max-bytes)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield IngestProblem(source, f"cannot be read ({exc.strerror or exc})")
        return
    kind = _kind_by_suffix(name) or sniff(data)
    if kind == "warc":
        yield from _read_warc(path, config)
        return
    try:
        yield _document(source, data, kind)
    except InputError as exc:
        yield IngestProblem(source, str(exc))


def _kind_by_suffix(name: str) -> InputKind | None:
    if name.endswith(_HTML_SUFFIXES):
        return "html"
    if name.endswith(_TEXT_SUFFIXES):
        return "text"
    return None


def sniff(data: bytes) -> InputKind | str:
    head = data[:4096].lstrip().lower()
    if head.startswith(b"warc/") or (data[:2] == b"\x1f\x8b" and _gunzip_head(data).startswith(b"WARC/")):
        return "warc"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "html"
    return "text"


def _gunzip_head(data: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65536], 16)
    except zlib.error:
        return b""


def _document(source: str, data: bytes, kind: InputKind | str, **meta: str | None) -> RawDocument:
    """Decode ``data`` and wrap it; raises ``InputError`` for binary or empty input."""
    text = decode_bytes(data, html=kind == "html")
    if not text.strip():
        raise InputError("empty: no text to ingest")
    return RawDocument(source=source, kind="html" if kind == "html" else "text", payload=text, **meta)


def decode_bytes(data: bytes, html: bool = False) -> str:
    """Decode text of unknown encoding; mixed UTF-8/Latin-1 files decode line by line.

    Raises:
        InputError: when the bytes look binary (NUL bytes or mostly control codes).
    """
    sample = data[:8192]
    if b"\x00" in sample or _control_share(sample) > 0.05:
        raise InputError("binary file, not text or HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if html and (declared := _META_CHARSET.search(data[:4096])):
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return "".join(_decode_line(line) for line in data.splitlines(keepends=True))


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample)


def _read_url(url: str, config: ReadConfig) -> Item:
    try:
        fetched = fetch_url(url, config.fetch)
        kind = "html" if "html" in fetched.content_type or sniff(fetched.body) == "html" else "text"
        return _document(url, fetched.body, kind, url=fetched.url)
    except InputError as exc:
        message = str(exc)
        return IngestProblem(url, message.removeprefix(f"{url}: "))


def _read_jsonl(path: Path, config: ReadConfig) -> Iterator[Item]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    number = 0
    try:
        with opener(path, "rb") as stream:
            for number, raw in enumerate(stream, start=1):
                where = f"{path}:{number}"
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw)
                except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                    yield IngestProblem(where, f"malformed JSON ({exc.__class__.__name__}: {exc})")
                    continue
                yield _jsonl_document(where, path, record)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        # A cut-off download: keep the lines read before the break, name the file for the rest.
        yield IngestProblem(str(path), f"truncated or malformed gzip after {number} lines ({exc.__class__.__name__})")


def _read_parquet(path: Path) -> Iterator[Item]:
    """Rows of a Parquet file with the JSONL fields as columns (``text`` or ``html``, ``url``, ...)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield IngestProblem(str(path), "reading Parquet needs pyarrow: pip install 'unspin[spark]'")
        return
    try:
        parquet = pq.ParquetFile(path)
        columns = [c for c in ("id", "text", "html", "url", "title", "published") if c in parquet.schema_arrow.names]
        if "text" not in columns and "html" not in columns:
            yield IngestProblem(str(path), "a Parquet input needs a 'text' or 'html' column")
            return
        number = 0
        for batch in parquet.iter_batches(columns=columns, batch_size=1024):
            for record in batch.to_pylist():
                number += 1
                yield _jsonl_document(f"{path}:{number}", path, record)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        yield IngestProblem(str(path), f"malformed Parquet ({str(exc).splitlines()[0][:120]})")


def _jsonl_document(where: str, path: Path, record: object) -> Item:
    if not isinstance(record, dict):
        return IngestProblem(where, "a line must be a JSON object")
    body = record.get("html") if isinstance(record.get("html"), str) else record.get("text")
    if not isinstance(body, str) or not body.strip():
        return IngestProblem(where, "no non-empty 'text' or 'html' field")
    meta = {k: str(record[k]) if record.get(k) is not None else None for k in ("url", "title", "published")}
    external_id = str(record["id"]) if record.get("id") is not None else None
    return RawDocument(
        source=f"{path}#{external_id or where.rsplit(':', 1)[1]}",
        kind="html" if isinstance(record.get("html"), str) else "text",
        payload=body,
        external_id=external_id,
        **meta,
    )


def _read_warc(path: Path | str, config: ReadConfig) -> Iterator[Item]:
    """Yield the HTML responses of a WARC file or http(s) URL, record by record; a truncated
    file or a dropped connection yields what came before."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    try:
        with _open_warc(path, config) as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type not in ("response", "resource"):
                    continue
                mime = (record.http_headers.get_header("Content-Type") if record.http_headers else None) or (
                    record.rec_headers.get_header("Content-Type") or ""
                )
                if "html" not in mime.lower():
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                count += 1
                body = record.content_stream().read(config.max_bytes + 1)
                where = f"{path}#{uri or count}"
                if len(body) > config.max_bytes:
                    yield IngestProblem(where, f"record over the {config.max_bytes:,}-byte limit")
                    continue
                try:
                    yield _document(where, body, "html", url=uri, crawled=record.rec_headers.get_header("WARC-Date"))
                except InputError as exc:
                    yield IngestProblem(where, str(exc))
    except FetchError as exc:
        yield IngestProblem(str(path), str(exc).removeprefix(f"{path}: "))
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError, TypeError,
            http.client.HTTPException) as exc:
        # warcio surfaces malformed records as parser errors of several types.
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        yield IngestProblem(str(path), f"truncated or malformed WARC after {count} records ({detail[:120]})")


def _open_warc(path: Path | str, config: ReadConfig) -> IO[bytes]:
    """A WARC file, or the unread body of a WARC URL (never saved whole)."""
    if isinstance(path, str) and path.startswith(("http://", "https://")):
        return open_stream(path, config.fetch).stream
    return open(path, "rb")
