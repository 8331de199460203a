"""Escaping for text from articles shown in HTML: markup made inert, bidi controls made visible.

:func:`html.escape` stops markup, but not Unicode's bidirectional controls:
an article can carry U+202E (right-to-left override) or an unclosed isolate
that reverses how the rest of a line is drawn, so a report would show words
in an order the text does not have ("Trojan Source" spoofing), or reorder
the report's own labels and figures beside it. Every such control (the
embeddings and overrides U+202A-U+202E, the isolates U+2066-U+2069 and the
marks U+200E, U+200F, U+061C) is replaced by a visible ``[U+202E]``, so
nothing an article carries can change the order in which a report is read,
and a reader sees that the article had one.
"""

from __future__ import annotations

from html import escape

BIDI_CONTROLS: tuple[int, ...] = (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)
_SHOWN = {code: f"[U+{code:04X}]" for code in BIDI_CONTROLS}


def escape_untrusted(text: str, quote: bool = True) -> str:
    """``html.escape(text, quote)`` with each bidi control replaced by its visible code, e.g. ``[U+202E]``."""
    return escape(text.translate(_SHOWN), quote)
