"""unspin: where a news article came from, and what was changed on the way."""

from unspin.api import article_from_text, compare, load_article
from unspin.ingest.pipeline import IngestSummary, ingest
from unspin.records import Article, Change, Comparison, Passage, SourceMatch, Trace
from unspin.store import Store
from unspin.trace import Tracer, TraceConfig

__version__ = "0.1.0"

__all__ = [
    "Article", "Change", "Comparison", "IngestSummary", "Passage", "SourceMatch", "Store", "Trace",
    "TraceConfig", "Tracer", "article_from_text", "compare", "ingest", "load_article",
]
