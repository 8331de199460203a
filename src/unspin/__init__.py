"""unspin: where a news article came from, and what was changed on the way.

The public names load on first use, so that ``import unspin.evaluation.datasets`` or the
fit scripts do not pull in spaCy, trafilatura and the index.
"""

import os
from importlib import import_module
from typing import TYPE_CHECKING, Any

# unspin's matrices are small (one article's sentences), so threaded BLAS and tokenizers gain
# nothing per call, and in worker processes, Spark executors or a loaded service they
# oversubscribe the cores and spin: measured, they made a corpus run's per-article work 2.3 times
# slower. Set before NumPy loads; a value the user set wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

if TYPE_CHECKING:
    from unspin.api import article_from, article_from_text, compare, load_article
    from unspin.add import IngestSummary, ingest
    from unspin.records import Article, Change, Comparison, Passage, SourceMatch, Trace
    from unspin.store import Store
    from unspin.trace import Tracer, TraceConfig

__version__ = "0.1.0"

_HOMES = {
    "unspin.api": ("article_from", "article_from_text", "compare", "load_article"),
    "unspin.add": ("IngestSummary", "ingest"),
    "unspin.records": ("Article", "Change", "Comparison", "Passage", "SourceMatch", "Trace"),
    "unspin.store": ("Store",),
    "unspin.trace": ("Tracer", "TraceConfig"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = sorted(_HOME_OF)


def __getattr__(name: str) -> Any:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'unspin' has no attribute {name!r}")
    return getattr(import_module(module), name)
