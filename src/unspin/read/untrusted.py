"""Make untrusted names and text safe to print and to store.

File names, JSONL ids and page text come from whoever made the input. A
name may hold bytes that are not UTF-8 (Python keeps them as lone
surrogates, which SQLite and ``print`` refuse), terminal escapes, or bidi
controls that reorder a line on screen; a JSON string may hold a lone
surrogate escape. Error lines show such characters as escapes, and stored
text carries U+FFFD in place of a lone surrogate.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

_SURROGATE = re.compile("[\ud800-\udfff]")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (same length, so offsets hold)."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def printable(text: str) -> str:
    """``text`` with control, bidi and surrogate characters written as ``\\xNN``/``\\uNNNN`` escapes."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@contextmanager
def quiet_loggers(names: tuple[str, ...]) -> Iterator[None]:
    """Silence libraries' loggers while they read untrusted input.

    Their warnings (warcio's, trafilatura's) span lines and quote raw bytes of
    the input; the reason an input failed is reported once, as our own line
    naming it. Process-wide while active, like any logging setting.
    """
    loggers = [logging.getLogger(name) for name in names]
    before = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)  # a level, not ``disabled``: child loggers inherit it
    try:
        yield
    finally:
        for logger, level in zip(loggers, before):
            logger.setLevel(level)
