"""The JSON shapes of results: a contract, documented in docs/json-contract.md.

Field names here are what users and evaluations rely on; add fields, never
rename or drop one.
"""

from __future__ import annotations

from typing import Any

from unspin.records import Article, Block, Change, Comparison, Passage, Trace


def article_json(article: Article, with_text: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"source": article.source, "title": article.title}
    if article.id is not None:
        out = {"id": article.id, **out}
    out.update({"published": article.published, "site": article.site, "url": article.url})
    if with_text:
        out["text"] = article.text
    return out


def stored_article_json(article: Article, full: bool) -> dict[str, Any]:
    """``ls`` rows (``full=False``) and ``show`` objects (``full=True``)."""
    out: dict[str, Any] = {
        "id": article.id, "source": article.source, "title": article.title, "published": article.published,
        "site": article.site, "url": article.url, "author": article.author,
    }
    if full:
        out.update({
            "text": article.text,
            "sentences": [list(s) for s in article.sentences],
            "boilerplate": [list(s) for s in article.boilerplate],
            "content_hash": article.content_hash,
        })
    return out


def change_json(change: Change) -> dict[str, Any]:
    return {
        "type": change.type, "a": list(change.a) if change.a else None, "b": list(change.b) if change.b else None,
        "a_text": change.a_text, "b_text": change.b_text, "note": change.note,
    }


def passage_json(passage: Passage) -> dict[str, Any]:
    return {
        "a": list(passage.a), "b": list(passage.b), "kind": passage.kind, "similarity": passage.similarity,
        "changes": [change_json(c) for c in passage.changes],
    }


def block_json(block: Block) -> dict[str, Any]:
    return {"a": list(block.a), "b": list(block.b), "kind": block.kind, "passages": list(block.passages)}


def comparison_json(result: Comparison) -> dict[str, Any]:
    return {
        "a": article_json(result.a),
        "b": article_json(result.b),
        "passages": [passage_json(p) for p in result.passages],
        "meaning_changed": result.meaning_changed,
        "change_score": result.change_score,
        "direction": result.direction,
        "omitted": [list(s) for s in result.omitted],
        "blocks": [block_json(x) for x in result.blocks],
    }


def trace_json(result: Trace) -> dict[str, Any]:
    return {
        "article": article_json(result.article),
        "sources": [
            {
                "id": m.source.id, "source": m.source.source, "title": m.source.title,
                "published": m.source.published, "site": m.source.site, "url": m.source.url,
                "coverage": m.coverage, "meaning_changed": m.meaning_changed, "change_score": m.change_score,
                "passages": [passage_json(p) for p in m.passages],
                "direction": m.direction,
                "omitted": [list(s) for s in m.omitted],
                "blocks": [block_json(x) for x in m.blocks],
            }
            for m in result.sources
        ],
        "unexplained": [list(s) for s in result.unexplained],
        "stored_id": result.stored_id,
    }
