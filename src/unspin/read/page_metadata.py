"""A page's title, date, site and author, read as trafilatura reads them, without what unspin drops.

``bare_extraction(with_metadata=True)`` also looks for categories, tags and
a licence: about 0.7 ms of a 5 ms news page (``bench/bench_html.py``), as
much as the rest of its metadata, for three fields unspin never stores.
:func:`read_metadata` runs the steps of trafilatura's ``extract_metadata``
that give the fields unspin keeps, in the same order and with the same
settings, so they come out the same; ``tests/test_html_extract.py`` checks
that against ``extract_metadata`` itself, so a trafilatura release that
changes those steps fails a test instead of changing what is stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lxml.html import HtmlElement

KEPT_FIELDS = ("title", "author", "url", "hostname", "date", "sitename")
"""The fields of trafilatura's ``Document`` that :func:`read_metadata` fills (``extract_article`` uses four)."""


def read_metadata(tree: HtmlElement, url: str | None) -> dict[str, Any]:
    """``KEPT_FIELDS`` of ``tree``, equal to what ``extract_metadata(tree, url)`` gives for them.

    Raises:
        ImportError: when the installed trafilatura lacks one of the steps
            (then the caller asks trafilatura for all of its metadata).
        TypeError, ValueError: as trafilatura's own reading raises them.
    """
    from courlan import extract_domain
    from htmldate import find_date
    from trafilatura.metadata import (
        META_URL,
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )
    from trafilatura.settings import set_date_params

    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception:  # noqa: BLE001 - trafilatura guards its JSON-LD reader the same way
        pass
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.author:
        metadata.author = extract_author(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    if metadata.url:
        metadata.hostname = extract_domain(metadata.url, fast=True)
    # ``bare_extraction`` passes its ``fast`` flag (False) as the date search's ``extensive``.
    date_config = set_date_params(False)
    date_config["url"] = metadata.url
    metadata.date = find_date(tree, **date_config)
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url and (site := META_URL.match(metadata.url)):
        metadata.sitename = site[1]
    metadata.clean_and_trim()
    return {name: getattr(metadata, name) for name in KEPT_FIELDS}
