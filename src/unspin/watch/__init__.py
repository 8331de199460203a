"""Watch feeds, sitemaps and home pages: keep the store current and raise alerts.

``discover`` reads what a source lists (trafilatura's feed and sitemap
parsers), ``polite`` fetches it the way a good crawler should (robots.txt,
per-host delay, conditional GETs, bounded size and time), ``alerts`` turns a
trace into an alert line, and ``run`` is one pass over the sources.
"""

from unspin.watch.run import PassSummary, WatchConfig, Watcher

__all__ = ["PassSummary", "WatchConfig", "Watcher"]
