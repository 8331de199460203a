"""Sentence and word segmentation with code-point offsets.

A rule-based splitter rather than spaCy's parser, because ingest is the hot
path and a dependency parse per sentence costs far more than a regex pass
(a side-by-side benchmark is still to be written). spaCy is used where
linguistics matter (named entities in ``explain``).

Why the newline rules: web text arrives both as one paragraph per line and as
hard-wrapped paragraphs (PAN documents wrap at ~150 characters). A blank line
always ends a sentence; a single newline does only after a short line (a
headline, a byline) or after sentence-final punctuation.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections.abc import Iterator

from unspin.records import Span

_BLOCK_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"[^\n]+")
_SHORT_LINE = 70
_TERMINAL = ".!?…:\"”’)"
_ENDINGS = tuple(_TERMINAL)
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"”’')\]]*+(?=\s++[\"“‘'(\[]?[A-Z0-9])")
"""Sentence-final punctuation before a capital. Anchored at the start of a run and
possessive, so a run of dots is tried once, not once per dot (quadratic before)."""
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st gen col lt sgt capt cpt maj adm rep sen gov pres
    rev hon inc ltd co corp plc vs etc jan feb mar apr jun jul aug sep sept oct nov
    dec no nos fig approx dept est u.s u.k u.n e.g i.e a.m p.m""".split()
)
_WORD = re.compile(r"\w+(?:[.,'’]\w+)*")
_LONG_RUN = 80
_PIECE_WORDS = (8, 60)
_ANCHOR_EVERY = 12
MAX_ARTICLE_SENTENCES = 4_096
"""Sentences an article keeps (ingest passes it as ``limit``): alignment is
quadratic in sentences, and a page of 4 million one-word lines is no article.
Equal to the vector index's per-article cap, so every kept sentence has a vector."""
MAX_SENTENCE_CHARS = 2_000
"""Longest sentence kept whole; longer spans (a 10 MB "word", an unpunctuated
dump) are cut at the last space before the cap, else at the cap, so every
later per-sentence stage (tokeniser, aligner, explain) sees bounded units."""


def split_sentences(text: str, limit: int | None = None) -> list[Span]:
    """Split ``text`` into sentence spans.

    Args:
        text: Any text; empty or whitespace-only text has no sentences.
        limit: Stop after this many sentences (the rest of the text is not
            even scanned); ``None`` for all.

    Returns:
        Ordered, non-overlapping spans; each ``text[s:e]`` is non-empty and has
        no leading or trailing whitespace.
    """
    return list(itertools.islice(_sentences(text), limit))


def _sentences(text: str) -> Iterator[Span]:
    """Sentences one at a time, so a ``limit`` stops the scan early even inside one huge paragraph."""
    for line_start, line_end in _logical_lines(text):
        start = line_start
        for match in _BOUNDARY.finditer(text, line_start, line_end):
            if _is_abbreviation(text, line_start, match.start()):
                continue
            yield from _split_long(text, _trimmed(text, start, match.end()))
            start = match.end()
        yield from _split_long(text, _trimmed(text, start, line_end))


def _split_long(text: str, spans: list[Span]) -> Iterator[Span]:
    for span in spans:
        for piece in _pieces(text, span):
            yield from _bounded(text, piece)


def _bounded(text: str, span: Span) -> list[Span]:
    """``span`` cut into pieces of at most ``MAX_SENTENCE_CHARS``, at whitespace where there is some."""
    start, end = span
    if end - start <= MAX_SENTENCE_CHARS:
        return [span]
    pieces: list[Span] = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = _last_space(text, start + MAX_SENTENCE_CHARS // 2, limit)
        pieces.extend(_trimmed(text, start, cut))
        start = cut
    pieces.extend(_trimmed(text, start, end))
    return pieces


def _last_space(text: str, floor: int, limit: int) -> int:
    """The position of the last whitespace in ``text[floor:limit]``, else ``limit``."""
    for position in range(limit - 1, floor - 1, -1):
        if text[position].isspace():
            return position
    return limit


def _pieces(text: str, span: Span) -> Iterator[Span]:
    """A run of over ``_LONG_RUN`` words cut into content-defined pieces.

    Lists, tables and unpunctuated pages give "sentences" of hundreds of
    words, too coarse to align a copy of part of one. Cuts fall after words
    whose hash is 0 modulo ``_ANCHOR_EVERY`` (as content-defined chunking
    does, Muthitacharoen et al. 2001), so two copies of the same words are cut
    at the same places wherever their runs begin; ``_PIECE_WORDS`` bounds a
    piece's length. Words are read lazily: a 20 MB run is never a list.
    """
    if span[1] - span[0] < 2 * _LONG_RUN + 1:  # too few characters for more than _LONG_RUN words
        yield span
        return
    words = _WORD.finditer(text, *span)
    head = list(itertools.islice(words, _LONG_RUN + 1))
    if len(head) <= _LONG_RUN:
        yield span
        return
    least, most = _PIECE_WORDS
    start, count = span[0], 0
    stream = itertools.chain(head, words)
    word = next(stream)
    for following in stream:
        count += 1
        anchor = zlib.crc32(word.group().lower().encode("utf-8")) % _ANCHOR_EVERY == 0
        if count >= most or (count >= least and anchor):
            yield start, word.end()
            start, count = following.start(), 0
        word = following
    yield start, span[1]


def _logical_lines(text: str) -> Iterator[Span]:
    """Group physical lines into paragraphs per the module's newline rules."""
    for block in _split_keep(text, _BLOCK_BREAK):
        current: Span | None = None
        last_line = ""
        for line in _LINE.finditer(text, block[0], block[1]):
            s, e = line.span()
            if current is not None and (len(last_line) < _SHORT_LINE or last_line.endswith(_ENDINGS)):
                yield current
                current, last_line = None, ""
            current = (s, e) if current is None else (current[0], e)
            # The paragraph's last non-blank line, right-stripped: what the rule
            # looks at, kept as it grows so each line is read once (re-slicing
            # the whole paragraph per line was quadratic in hard-wrapped text).
            last_line = line.group().rstrip() or last_line
        if current is not None:
            yield current


def _split_keep(text: str, pattern: re.Pattern[str]) -> Iterator[Span]:
    start = 0
    for m in pattern.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _is_abbreviation(text: str, floor: int, dot: int) -> bool:
    """Whether the period at ``dot`` closes an abbreviation or an initial."""
    if text[dot] != ".":
        return False
    start = dot
    while start > floor and not text[start - 1].isspace() and text[start - 1] not in "(\"“":
        start -= 1
    word = text[start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _trimmed(text: str, start: int, end: int) -> list[Span]:
    # str.strip() drops exactly the characters str.isspace() accepts, at C speed.
    piece = text[start:end]
    core = len(piece.strip())
    if not core:
        return []
    start += len(piece) - len(piece.lstrip())
    return [(start, start + core)]


def count_words(text: str, start: int, end: int) -> int:
    """How many tokens :func:`tokenize` finds in ``text[start:end]``, without building them."""
    return len(_WORD.findall(text, start, end))


def has_words(text: str, start: int, end: int, least: int) -> bool:
    """Whether ``text[start:end]`` has ``least`` tokens or more: :func:`count_words` stopped as soon as it knows."""
    return sum(1 for _ in itertools.islice(_WORD.finditer(text, start, end), least)) >= least


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Word tokens of ``text[start:end]`` as ``(start, end, lowercased form)``.

    Numbers keep their inner separators (``2.5``, ``28,000``) so that number
    changes stay visible to the aligner and to ``explain``.
    """
    stop = len(text) if end is None else end
    return [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text, start, stop)]
