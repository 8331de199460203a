"""Corpus mode: which articles and sites copy which, across a whole collection.

The work is split into functions of one file, one article or one candidate
pair (:mod:`unspin.corpus.features`, :mod:`~unspin.corpus.candidates`,
:mod:`~unspin.corpus.pairs`), which the single-machine runner
(:mod:`~unspin.corpus.local`) and the Spark job (:mod:`~unspin.corpus.spark`)
only distribute; that is why both give the same pairs.
"""

from unspin.corpus.config import ReuseConfig

__all__ = ["ReuseConfig"]
