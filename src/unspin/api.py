"""The typed Python API: everything the CLI, the service and scripts call.

    >>> import unspin
    >>> result = unspin.compare(unspin.load_article("a.txt"), unspin.load_article("b.html"))

Articles come from ``unspin.read.article.article_from`` (a path, a URL, a
string or bytes); ``load_article`` and ``article_from_text`` name its two
commonest uses.
"""

from __future__ import annotations

from unspin.align.aligner import AlignConfig, align
from unspin.pair import compare_direction, read_pair
from unspin.read.article import article_from
from unspin.read.readers import ReadConfig
from unspin.records import Article, Comparison


def load_article(spec: str, read_config: ReadConfig = ReadConfig()) -> Article:
    """Read one article from a path, a URL, or ``-`` (standard input).

    A container (WARC, JSONL) gives its first article.

    Raises:
        InputError: naming ``spec`` and the reason it holds no article.
    """
    return article_from(path=spec, read=read_config)


def article_from_text(text: str, source: str = "<text>", kind: str = "text") -> Article:
    """An article from a string of plain text or HTML (``kind="html"``) already in memory."""
    if kind == "html":
        return article_from(html=text, source=source)
    return article_from(text=text, source=source)


def compare(a: Article, b: Article, config: AlignConfig = AlignConfig(), explain: bool = True) -> Comparison:
    """Every passage ``b`` shares with ``a``, labelled, with meaning changes read source → copy.

    ``a`` is the source unless the publication dates say ``b`` is earlier
    (:func:`unspin.pair.compare_direction`); spans stay on their own side either way.
    """
    passages = align(a, b, config=config)
    reading = read_pair(a, b, passages, compare_direction(a, b), explain)
    return Comparison(a, b, reading.passages, reading.meaning_changed, reading.change_score,
                      reading.direction, reading.omitted, reading.blocks)


__all__ = ["article_from", "article_from_text", "compare", "load_article"]
