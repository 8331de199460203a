"""Turn paths, globs, directories and URLs into a stream of raw documents.

Readers never raise on bad input: each bad item becomes an ``IngestProblem``
in the stream, so one broken file in a directory of thousands costs one line
of the summary, not the run. Containers (WARC, JSONL) stream record by
record, so a multi-gigabyte crawl file never sits in memory.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import json
import os
import re
import stat
import urllib.parse
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from unspin.errors import FetchError, InputError
from unspin.read.fetch import FetchConfig, fetch_url, open_stream
from unspin.read.untrusted import quiet_loggers, without_surrogates
from unspin.records import IngestProblem, InputKind, RawDocument

Item = RawDocument | IngestProblem

_TEXT_SUFFIXES = (".txt", ".text", ".md")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}charset=["']?([\w-]{1,40})""", re.IGNORECASE)
_NOT_TEXT_CODECS = frozenset({"undefined", "idna", "punycode", "unicode_escape", "raw_unicode_escape", "utf_7"})
"""Codecs a page may name in ``<meta charset>`` that are not page encodings (and may raise or make surrogates)."""
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
GZIP_RATIO_LIMIT = 50
"""A ``.gz`` input may decompress to this many times its size (text compresses 3-10x; a bomb 1000x)."""
GZIP_FLOOR_BYTES = 16_000_000
"""...or to this many bytes, whichever is more, before the reader stops with a line."""
_WARC_TRAILER = 4
"""Bytes a complete uncompressed WARC may have after its last record (the ``\\r\\n\\r\\n``)."""
_QUIET_LOGGERS = ("warcio",)


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
        if os.path.isdir(spec):
            yield from _list_directory(Path(spec))
        elif spec.startswith(("http://", "https://")) or os.path.lexists(spec):
            yield spec  # special files and broken links get their line from read_file
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
            yield from _stream_warc(unit, config)  # streamed: a CC-NEWS file is about 1 GB
            return
        yield _read_url(unit, config)
    else:
        yield from read_file(Path(unit), config)


def _list_directory(root: Path) -> Iterator[str | IngestProblem]:
    """Files under ``root``, sorted; a folder that cannot be listed is a problem, not a silent gap."""
    unlisted: list[OSError] = []
    for directory, subdirs, files in os.walk(root, onerror=unlisted.append):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield str(Path(directory) / name)
    for error in unlisted:
        yield IngestProblem(without_surrogates(str(error.filename)), f"cannot be listed ({error.strerror or error})")


def read_file(path: Path, config: ReadConfig = ReadConfig()) -> Iterator[Item]:
    """Read one file of any supported format, chosen by suffix, else by content.

    Only regular files are read (a FIFO would block, a link to ``/dev/zero``
    never ends), and no read takes more than ``max_bytes`` at once.
    """
    source = without_surrogates(str(path))
    name = path.name.lower()
    try:
        stream = _open_regular(path)
    except InputError as exc:
        yield IngestProblem(source, str(exc))
        return
    except OSError as exc:
        yield IngestProblem(source, f"cannot be read ({exc.strerror or exc})")
        return
    with stream:
        if name.endswith(_WARC_SUFFIXES):
            yield from _read_warc(stream, source, config)
            return
        if name.endswith(_JSONL_SUFFIXES):
            yield from _read_jsonl(stream, source, config)
            return
        if name.endswith(".parquet"):
            yield from _read_parquet(stream, source)
            return
        try:
            data = stream.read(config.max_bytes + 1)
        except OSError as exc:
            yield IngestProblem(source, f"cannot be read ({exc.strerror or exc})")
            return
        if len(data) > config.max_bytes:
            size = os.fstat(stream.fileno()).st_size
            yield IngestProblem(source, f"{size:,} bytes is over the {config.max_bytes:,}-byte limit (--max-bytes)")
            return
        kind = _kind_by_suffix(name) or sniff(data)
        if kind == "warc":
            stream.seek(0)
            yield from _read_warc(stream, source, config)
            return
    try:
        yield _document(source, data, kind)
    except InputError as exc:
        yield IngestProblem(source, str(exc))


def _open_regular(path: Path) -> BinaryIO:
    """Open ``path`` for reading if it is a regular file (after links).

    Opened without blocking and checked on the open descriptor, so a FIFO
    neither blocks the open nor slips in between a check and the open.

    Raises:
        InputError: for a FIFO, device, socket or directory.
        OSError: when it cannot be opened (missing, no permission, a link loop).
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise InputError(f"not a regular file ({_file_type(mode)}), skipped")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _file_type(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"),
    ):
        if test(mode):
            return name
    return "a special file"


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
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return without_surrogates(data[len(bom):].decode(encoding))
            except UnicodeDecodeError:
                raise InputError(f"not valid {encoding.upper()} after its byte-order mark") from None
    sample = data[:8192]
    if b"\x00" in data or _control_share(sample) > 0.05:
        raise InputError("binary file, not text or HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if html and (declared := _META_CHARSET.search(data[:4096])):
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii"))
            if codec.name.replace("-", "_") not in _NOT_TEXT_CODECS:
                return without_surrogates(data.decode(codec.name))
        except (LookupError, UnicodeError, ValueError):
            pass
    return "".join(_decode_line(line) for line in data.splitlines(keepends=True))


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    # Deleting them in C: a generator over 8 KB of bytes cost 0.1 ms a file.
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / len(sample)


def _read_url(url: str, config: ReadConfig) -> Item:
    try:
        fetched = fetch_url(url, config.fetch)
        kind = "html" if "html" in fetched.content_type or sniff(fetched.body) == "html" else "text"
        return _document(url, fetched.body, kind, url=fetched.url)
    except InputError as exc:
        message = str(exc)
        return IngestProblem(url, message.removeprefix(f"{url}: "))


def _read_jsonl(stream: BinaryIO, source: str, config: ReadConfig) -> Iterator[Item]:
    """One document per line; a line over ``max_bytes`` is skipped unread, a gzip bomb stopped."""
    compressed = source.lower().endswith(".gz")
    lines: BinaryIO | gzip.GzipFile = gzip.GzipFile(fileobj=stream, mode="rb") if compressed else stream
    budget = max(GZIP_FLOOR_BYTES, GZIP_RATIO_LIMIT * os.fstat(stream.fileno()).st_size) if compressed else None
    number = total = 0
    try:
        while raw := lines.readline(config.max_bytes + 1):
            number += 1
            total += len(raw)
            where = f"{source}:{number}"
            if len(raw) > config.max_bytes and not raw.endswith(b"\n"):
                total += _skip_line(lines, config.max_bytes)
                yield IngestProblem(where, f"line over the {config.max_bytes:,}-byte limit (--max-bytes), skipped")
            elif raw.strip():
                yield _jsonl_line(where, source, raw)
            if budget is not None and total > budget:
                yield IngestProblem(
                    source,
                    f"stopped after line {number}: decompresses to over {budget:,} bytes,"
                    f" the limit for a {os.fstat(stream.fileno()).st_size:,}-byte file (a gzip bomb?)",
                )
                return
    except (OSError, EOFError, zlib.error) as exc:
        yield IngestProblem(source, f"truncated or corrupt gzip after line {number} ({_first_line(exc)})")


def _skip_line(lines: BinaryIO | gzip.GzipFile, chunk: int) -> int:
    """Read past the rest of an over-long line without keeping it; the bytes skipped."""
    skipped = 0
    while part := lines.readline(chunk):
        skipped += len(part)
        if part.endswith(b"\n"):
            break
    return skipped


def _jsonl_line(where: str, source: str, raw: bytes) -> Item:
    try:
        record = json.loads(raw)
    except (ValueError, RecursionError) as exc:  # also too deep, and integers over Python's 4,300 digits
        return IngestProblem(where, f"malformed JSON ({exc.__class__.__name__}: {_first_line(exc)})")
    return _jsonl_document(where, source, record)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else exc.__class__.__name__)[:120]


def _read_parquet(stream: BinaryIO, source: str) -> Iterator[Item]:
    """Rows of a Parquet file with the JSONL fields as columns (``text`` or ``html``, ``url``, ...)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield IngestProblem(source, "reading Parquet needs pyarrow: pip install 'unspin[spark]'")
        return
    try:
        parquet = pq.ParquetFile(stream)
        columns = [c for c in ("id", "text", "html", "url", "title", "published") if c in parquet.schema_arrow.names]
        if "text" not in columns and "html" not in columns:
            yield IngestProblem(source, "a Parquet input needs a 'text' or 'html' column")
            return
        number = 0
        for batch in parquet.iter_batches(columns=columns, batch_size=1024):
            for record in batch.to_pylist():
                number += 1
                yield _jsonl_document(f"{source}:{number}", source, record)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        yield IngestProblem(source, f"malformed Parquet ({_first_line(exc)})")


def _jsonl_document(where: str, source: str, record: object) -> Item:
    """A record's document; strings lose lone surrogates (``"\\ud800"`` is valid JSON, not valid text)."""
    if not isinstance(record, dict):
        return IngestProblem(where, "a line must be a JSON object")
    body = record.get("html") if isinstance(record.get("html"), str) else record.get("text")
    if not isinstance(body, str) or not body.strip():
        return IngestProblem(where, "no non-empty 'text' or 'html' field")
    meta = {k: _field(record[k]) if record.get(k) is not None else None for k in ("url", "title", "published")}
    external_id = _field(record["id"]) if record.get("id") is not None else None
    return RawDocument(
        source=f"{source}#{external_id or where.rsplit(':', 1)[1]}",
        kind="html" if isinstance(record.get("html"), str) else "text",
        payload=without_surrogates(body),
        external_id=external_id,
        **meta,
    )


def _field(value: object) -> str:
    """A metadata field as a short string (a nested object or a huge number is not a title)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)[:1000]
    return without_surrogates(text[:1000])


def _read_warc(stream: BinaryIO, source: str, config: ReadConfig) -> Iterator[Item]:
    """Yield the HTML responses of a WARC; a record cut short is reported, not stored shortened."""
    from warcio.archiveiterator import ArchiveIterator

    class QuietIterator(ArchiveIterator):
        INC_RECORD = ""  # warcio writes this multi-line warning straight to stderr; counted below instead

    count = end = 0
    records = QuietIterator(stream)
    try:
        with quiet_loggers(_QUIET_LOGGERS):
            for record in records:
                item = _warc_item(record, source, count + 1, config)
                records.read_to_end(record)
                end = records.get_record_offset() + records.get_record_length()
                if getattr(record.raw_stream, "limit", 0) > 0:  # bytes the record promised and the file lacks
                    uri = record.rec_headers.get_header("WARC-Target-URI")
                    item = IngestProblem(
                        without_surrogates(f"{source}#{uri or count + 1}"), "record cut short: the file ends inside it"
                    )
                if item is not None:
                    count += 1
                    yield item
        size = _file_size(stream)
        if size is not None and size - end > _WARC_TRAILER:
            yield IngestProblem(source, f"cut off: the last {size - end:,} bytes are not a whole record")
        if records.err_count:
            yield IngestProblem(
                source, f"a wrong Content-Length? {records.err_count} of its records run on past their stated length"
            )
    except Exception as exc:  # noqa: BLE001  warcio raises parser errors of many types on hostile input
        yield IngestProblem(source, f"truncated or malformed WARC after {count} records ({_first_line(exc)})")


def _stream_warc(url: str, config: ReadConfig) -> Iterator[Item]:
    """The records of a WARC URL as they arrive, never saved whole; those before a dropped connection are kept."""
    try:
        opened = open_stream(url, config.fetch)
    except FetchError as exc:
        yield IngestProblem(url, str(exc).removeprefix(f"{url}: "))
        return
    with opened:
        yield from _read_warc(opened.stream, url, config)


def _file_size(stream: Any) -> int | None:
    """The size of a file stream; None for a network stream, whose end is where the sender stopped."""
    try:
        return os.fstat(stream.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        return None


def _warc_item(record: Any, source: str, number: int, config: ReadConfig) -> Item | None:
    """The document in one WARC record (warcio's, untyped), a problem, or None for a non-HTML record."""
    if record.rec_type not in ("response", "resource"):
        return None
    http_headers, rec_headers = record.http_headers, record.rec_headers
    mime = (http_headers.get_header("Content-Type") if http_headers else None) or rec_headers.get_header("Content-Type") or ""
    if "html" not in mime.lower():
        return None
    uri = rec_headers.get_header("WARC-Target-URI")
    where = without_surrogates(f"{source}#{uri or number}")
    body = record.content_stream().read(config.max_bytes + 1)
    if len(body) > config.max_bytes:
        return IngestProblem(where, f"record over the {config.max_bytes:,}-byte limit")
    try:
        return _document(where, body, "html", url=uri, crawled=rec_headers.get_header("WARC-Date"))
    except InputError as exc:
        return IngestProblem(where, str(exc))
