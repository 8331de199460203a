"""unspin: where a news article came from, and what was changed on the way."""

import os

# unspin's matrices are small (one article's sentences), so threaded BLAS and tokenizers gain
# nothing per call, and in worker processes, Spark executors or a loaded service they
# oversubscribe the cores and spin: measured, they made a corpus run's per-article work 2.3 times
# slower. Set before NumPy loads; a value the user set wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

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
