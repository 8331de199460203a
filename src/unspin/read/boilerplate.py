"""Page furniture that survives extraction: find it so no stage indexes it.

Extractors remove most navigation, but lines such as "Previous post …",
"Exit mobile version" or a bare site name are written into the text of
content-farm pages and into plain-text dumps of them. They are kept in the
stored text (offsets must stay file offsets) and recorded as spans instead.
"""

from __future__ import annotations

import re

from unspin.records import Span

_FURNITURE = re.compile(
    r"""^(?:
        (?:previous|next|prev|older|newer)\s+(?:post|article|story|page|entry)\b.*
      | exit\s+mobile\s+version
      | (?:skip\s+to\s+(?:main\s+)?content|toggle\s+navigation|main\s+menu)
      | (?:share|tweet|email|print|pin)(?:\s+(?:this|on\s+\w+))?(?:\s+(?:article|story|post))?
      | (?:related|recommended)(?:\s+(?:posts|articles|stories|content))?:?
      | (?:read\s+more|continue\s+reading|advertisement|sponsored(?:\s+content)?)
      | (?:subscribe|sign\s+up)\b.{0,60}\b(?:newsletter|updates)\b.*
      | (?:copyright\s+)?(?:©|\(c\)|copyright)\s*\d{4}.*
      | .{0,80}\ball\s+rights\s+reserved\.?
      | (?:posted|published|updated)\s+(?:on|in|by)\s+.{0,60}
      | (?:leave\s+a\s+(?:comment|reply)|\d+\s+comments?|no\s+comments?)
      | (?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|news|info|co|io|uk|us|tv)(?:/\S*)?
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_LINE = re.compile(r"[^\n]+")


def find_boilerplate(text: str, site: str | None = None) -> list[Span]:
    """Spans of whole lines that are page furniture.

    Args:
        text: The article text as stored.
        site: The site's name, if known; a line that is only the site's name
            (a masthead repeated in the body) is furniture too.

    Returns:
        Spans of the furniture lines, trimmed of surrounding whitespace.
    """
    site_key = _key(site) if site else None
    site_chars = set(site_key or "")
    spans: list[Span] = []
    for m in _LINE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        if _FURNITURE.match(stripped) or (site_key and _only_word_chars_of(stripped, site_chars)
                                          and _key(stripped) == site_key):
            offset = m.start() + (len(line) - len(line.lstrip()))
            spans.append((offset, offset + len(stripped)))
    return spans


def without_boilerplate(sentences: list[Span], boilerplate: list[Span]) -> list[Span]:
    """Drop the sentences that overlap a furniture span.

    Both lists are sorted and non-overlapping, so one merge pass does it
    (testing every pair was quadratic on a page of many furniture lines).
    """
    if not boilerplate:
        return sentences
    kept: list[Span] = []
    b = 0
    for start, end in sentences:
        while b < len(boilerplate) and boilerplate[b][1] <= start:
            b += 1
        if b == len(boilerplate) or boilerplate[b][0] >= end:
            kept.append((start, end))
    return kept


_NON_WORD = re.compile(r"\W+")


def _only_word_chars_of(line: str, chars: set[str]) -> bool:
    """Whether every word character of ``line`` (lower-cased) is one of ``chars``: a line whose
    :func:`_key` equals a site's key must pass, and a sentence almost never does, so the
    costlier key is computed only for the few lines that pass (a regex word character is ``isalnum`` or ``_``)."""
    return not any(c.isalnum() or c == "_" for c in set(line.lower()).difference(chars))


def _key(name: str) -> str:
    return _NON_WORD.sub("", name.lower())
