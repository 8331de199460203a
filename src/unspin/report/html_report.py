"""A self-contained HTML report: the source beside the copy, changes in place.

One file with inline CSS and no script or external request, so it opens
offline, can be mailed, and prints. Every string that comes from an article
(text, title, source, URL, change notes quoting it) is untrusted and passes
through :func:`~unspin.report.escaping.escape_untrusted` (markup escaped,
bidi controls shown as ``[U+202E]``); nothing from an article is ever put in an
attribute other than an escaped ``title``.

Word-level differences come from :class:`difflib.SequenceMatcher` over the
lower-cased words of each aligned pair, and change evidence is overlaid on
the same characters, so a reader sees both what was reworded and what of
that rewording alters meaning.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence

from unspin.records import Article, Block, Change, Comparison, Direction, Passage, Span, Trace
from unspin.report.escaping import escape_untrusted as escape
from unspin.segment import tokenize

KINDS = ("verbatim", "edited", "paraphrase")

_CSS = """
:root{--verbatim:#c62828;--edited:#b26a00;--paraphrase:#00838f;--change:#6a1b9a;--ink:#1d1d1f;--muted:#666}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);margin:0 auto;max-width:1200px;padding:1.5rem}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .6rem;border-bottom:1px solid #ddd}
.meta{color:var(--muted);font-size:.9rem;overflow-wrap:anywhere}
.summary{display:flex;gap:.6rem;flex-wrap:wrap;margin:.6rem 0}
.pill{border-radius:1rem;padding:.1rem .7rem;font-size:.85rem;border:1px solid currentColor}
.pill.verbatim{color:var(--verbatim)}.pill.edited{color:var(--edited)}.pill.paraphrase{color:var(--paraphrase)}
.pill.changed{color:var(--change)}
table.sources{border-collapse:collapse;width:100%;font-size:.92rem}
table.sources td,table.sources th{padding:.3rem .5rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
.bar{background:#eee;border-radius:3px;height:.8rem;width:10rem;display:inline-block;vertical-align:middle}
.bar span{display:block;height:100%;border-radius:3px;background:#37474f}
.passage{border:1px solid #ddd;border-left:6px solid;border-radius:4px;margin:.9rem 0;padding:.6rem .8rem;break-inside:avoid}
.passage.verbatim{border-left-color:var(--verbatim)}.passage.edited{border-left-color:var(--edited)}
.passage.paraphrase{border-left-color:var(--paraphrase)}
.phead{display:flex;gap:.8rem;align-items:baseline;font-size:.88rem;color:var(--muted);margin-bottom:.4rem}
.kind{font-weight:700;text-transform:uppercase;letter-spacing:.04em}
.kind.verbatim{color:var(--verbatim)}.kind.edited{color:var(--edited)}.kind.paraphrase{color:var(--paraphrase)}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.side{white-space:pre-wrap;overflow-wrap:anywhere}
.side .label{display:block;font-size:.75rem;color:var(--muted);text-transform:uppercase}
del,ins{text-decoration:none;border-radius:2px}
del{background:#ffe0e0}ins{background:#dff5df}
.ev{outline:2px solid var(--change);outline-offset:0;border-radius:2px;font-weight:600}
.badges{margin-top:.5rem;display:flex;flex-direction:column;gap:.25rem}
.badge{font-size:.88rem}
.badge b{display:inline-block;min-width:5.5rem;color:#fff;background:var(--change);border-radius:3px;padding:0 .4rem;margin-right:.4rem;text-align:center}
.article{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #eee;padding:.8rem;border-radius:4px}
.reused{background:#eef3f8}
.unexplained{background:#fff4d6;border-bottom:2px dashed #b26a00}
.empty{color:var(--muted);font-style:italic}
.block{border-top:1px dashed #bbb;margin-top:1rem}.block h3{font-size:.95rem;margin:.5rem 0;color:var(--muted)}
.omitted li{margin:.2rem 0}
@media print{body{max-width:none;padding:0;font-size:11pt}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.passage{page-break-inside:avoid}a{color:inherit;text-decoration:none}}
@media (max-width:760px){.sides{grid-template-columns:1fr}}
"""


def comparison_html(result: Comparison) -> str:
    """The report for ``compare``: A on the left, B on the right."""
    body = [
        "<header>",
        f"<h1>{escape(result.b.title or result.b.source)}</h1>",
        _article_meta("A", result.a),
        _article_meta("B", result.b),
        _direction(result.direction, "A", "B"),
        _summary(result.passages, result.meaning_changed, result.change_score),
        "</header>",
        "<h2>Aligned passages</h2>",
        _passages(result.a, result.b, result.passages, "A", "B", result.blocks),
        _omitted(result.a if result.direction == "a_to_b" else result.b, result.omitted),
    ]
    return _page(f"unspin: {result.a.title or result.a.source} / {result.b.title or result.b.source}", body)


def trace_html(result: Trace) -> str:
    """The report for ``trace``: ranked sources, then each source beside the article."""
    article = result.article
    body = [
        "<header>",
        f"<h1>{escape(article.title or article.source)}</h1>",
        _article_meta("Article", article),
        *([f'<p class="meta">This article is stored (id {result.stored_id}); it is traced against the other stored articles.</p>']
          if result.stored_id is not None else []),
        "</header>",
        "<h2>Sources</h2>",
        _source_table(result),
    ]
    for rank, match in enumerate(result.sources, start=1):
        body.append(f'<section class="source" id="source-{rank}">')
        body.append(f"<h2>Source {rank}: {escape(match.source.title or match.source.source)}</h2>")
        body.append(_article_meta("Source", match.source))
        body.append(_direction(match.direction, "A · this article", "B · source"))
        body.append(_summary(match.passages, match.meaning_changed, match.change_score))
        # Sides as in the JSON: passage.a lies in the traced article (A), passage.b in the source (B).
        body.append(_passages(article, match.source, match.passages, "A · this article", "B · source", match.blocks))
        body.append(_omitted(match.source if match.direction == "b_to_a" else article, match.omitted))
        body.append("</section>")
    body.append("<h2>The article, with what no source explains marked</h2>")
    covered = [p.a for m in result.sources for p in m.passages]
    body.append(_marked_article(article, covered, result.unexplained))
    return _page(f"unspin trace: {article.title or article.source}", body)


def _page(title: str, body: Iterable[str]) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(body)
        + '\n<footer class="meta"><p>Report by unspin. Offsets are Unicode code points into each text.</p></footer>'
        + "\n</body></html>\n"
    )


def _article_meta(label: str, article: Article) -> str:
    parts = [f"<b>{escape(label)}</b>: {escape(article.source)}"]
    for key in ("site", "published", "author"):
        value = getattr(article, key)
        if value:
            parts.append(f"{key} {escape(value)}")
    if article.id is not None:
        parts.append(f"id {article.id}")
    return f'<p class="meta">{" · ".join(parts)}</p>'


def _summary(passages: tuple[Passage, ...], changed: bool, score: float) -> str:
    pills = []
    for kind in KINDS:
        n = sum(1 for p in passages if p.kind == kind)
        if n:
            pills.append(f'<span class="pill {kind}">{n} {kind}</span>')
    changes = sum(len(p.changes) for p in passages)
    if changed:
        pills.append(f'<span class="pill changed">{changes} meaning changes · score {score:.2f}</span>')
    else:
        pills.append('<span class="pill">no meaning change found</span>')
    if not passages:
        pills.insert(0, '<span class="pill">no reused passage</span>')
    return f'<div class="summary">{"".join(pills)}</div>'


def _source_table(result: Trace) -> str:
    if not result.sources:
        return '<p class="empty">No stored article is reused by this one.</p>'
    rows = ["<table class=\"sources\"><tr><th>#</th><th>coverage</th><th>passages</th><th>changes</th><th>source</th></tr>"]
    for rank, match in enumerate(result.sources, start=1):
        width = round(100 * match.coverage)
        rows.append(
            f'<tr><td><a href="#source-{rank}">{rank}</a></td>'
            f'<td><span class="bar"><span style="width:{width}%"></span></span> {match.coverage:.0%}</td>'
            f"<td>{len(match.passages)}</td><td>{sum(len(p.changes) for p in match.passages)}</td>"
            f"<td>{escape(match.source.title or '')}<br><span class=\"meta\">{escape(match.source.source)}</span></td></tr>"
        )
    rows.append("</table>")
    return "".join(rows)


def _direction(direction: Direction, a_label: str, b_label: str) -> str:
    source, copy = (a_label, b_label) if direction == "a_to_b" else (b_label, a_label)
    return f'<p class="meta">Changes read source → copy: <b>source</b>: {escape(source)} → <b>copy</b>: {escape(copy)}</p>'


def _omitted(source: Article, omitted: tuple[Span, ...]) -> str:
    if not omitted:
        return ""
    items = "".join(f"<li>{escape(source.text[start:end])}</li>" for start, end in omitted)
    return f'<h2>Source sentences the copy drops</h2><ul class="omitted">{items}</ul>'


def _passages(
    left: Article, right: Article, passages: tuple[Passage, ...], left_label: str, right_label: str, blocks: tuple[Block, ...] = (),
) -> str:
    """Passages grouped under their reuse block (one contiguous copy), then those in no block."""
    if not passages:
        return '<p class="empty">No reused passage.</p>'
    out = []
    held = {i for block in blocks for i in block.passages}
    for number, block in enumerate(blocks, start=1):
        out.append(
            f'<section class="block"><h3>Block {number} · {block.kind} · {escape(left_label)} [{block.a[0]}:{block.a[1]}]'
            f" · {escape(right_label)} [{block.b[0]}:{block.b[1]}]</h3>"
            + "\n".join(_passage(left, right, passages[i], i + 1, left_label, right_label) for i in block.passages)
            + "</section>"
        )
    rest = [i for i in range(len(passages)) if i not in held]
    if rest and blocks:
        out.append('<section class="block"><h3>In no block (too short to count as a copy on its own)</h3>')
    out.extend(_passage(left, right, passages[i], i + 1, left_label, right_label) for i in rest)
    if rest and blocks:
        out.append("</section>")
    return "\n".join(out)


def _passage(left: Article, right: Article, passage: Passage, number: int, left_label: str, right_label: str) -> str:
    lt, rt = _diff_sides(left.text, passage.a, right.text, passage.b, passage.changes)
    badges = "".join(f'<div class="badge"><b>{escape(c.type)}</b>{escape(c.note)}</div>' for c in passage.changes)
    return (
        f'<article class="passage {passage.kind}">'
        f'<div class="phead"><span class="kind {passage.kind}">{passage.kind}</span>'
        f"<span>#{number}</span><span>similarity {passage.similarity:.2f}</span>"
        f"<span>{escape(left_label)} [{passage.a[0]}:{passage.a[1]}] · {escape(right_label)} [{passage.b[0]}:{passage.b[1]}]</span></div>"
        f'<div class="sides"><div class="side"><span class="label">{escape(left_label)}</span>{lt}</div>'
        f'<div class="side"><span class="label">{escape(right_label)}</span>{rt}</div></div>'
        + (f'<div class="badges">{badges}</div>' if badges else "")
        + "</article>"
    )


def _diff_sides(a_text: str, a_span: Span, b_text: str, b_span: Span, changes: tuple[Change, ...]) -> tuple[str, str]:
    """Both sides of a passage as HTML: differing words marked, change evidence outlined."""
    a_words = tokenize(a_text, *a_span)
    b_words = tokenize(b_text, *b_span)
    a_diff = [False] * len(a_words)
    b_diff = [False] * len(b_words)
    matcher = difflib.SequenceMatcher(None, [w[2].lower() for w in a_words], [w[2].lower() for w in b_words], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            a_diff[i1:i2] = [True] * (i2 - i1)
            b_diff[j1:j2] = [True] * (j2 - j1)
    a_html = _render(a_text, a_span, a_words, a_diff, [c.a for c in changes if c.a], [c for c in changes if c.a], "del")
    b_html = _render(b_text, b_span, b_words, b_diff, [c.b for c in changes if c.b], [c for c in changes if c.b], "ins")
    return a_html, b_html


def _render(
    text: str, span: Span, words: list[tuple[int, int, str]], differs: list[bool],
    evidence: list[Span], evidence_changes: list[Change], tag: str,
) -> str:
    """Escape ``text[span]``: evidence spans outlined whole, differing words marked inside."""
    start, end = span
    diff_at = bytearray(end - start)
    for (ws, we, _), flag in zip(words, differs):
        if flag:
            diff_at[ws - start : we - start] = b"\x01" * (we - ws)
    evidence_at: list[Change | None] = [None] * (end - start)
    for (es, ee), change in zip(evidence, evidence_changes):
        for i in range(max(es, start), min(ee, end)):
            evidence_at[i - start] = change
    out: list[str] = []
    for i, j in _runs(evidence_at, 0, end - start):
        inner = "".join(
            f"<{tag}>{escape(text[start + k : start + m])}</{tag}>" if diff_at[k] else escape(text[start + k : start + m])
            for k, m in _runs(diff_at, i, j)
        )
        marked = evidence_at[i]
        if marked is not None:
            inner = f'<span class="ev" title="{escape(marked.type + ": " + marked.note)}">{inner}</span>'
        out.append(inner)
    return "".join(out)


def _runs(labels: Sequence[object], start: int, end: int) -> Iterator[Span]:
    """Maximal ``[i, j)`` runs of equal labels between ``start`` and ``end``."""
    i = start
    while i < end:
        j = i + 1
        while j < end and labels[j] == labels[i]:
            j += 1
        yield i, j
        i = j


def _marked_article(article: Article, covered: list[Span], unexplained: tuple[Span, ...]) -> str:
    marks = sorted([(s, e, "unexplained") for s, e in unexplained] + [(s, e, "reused") for s, e in _union(covered)])
    out: list[str] = []
    position = 0
    for start, end, kind in marks:
        if start < position:
            continue
        out.append(escape(article.text[position:start]))
        out.append(f'<span class="{kind}">{escape(article.text[start:end])}</span>')
        position = end
    out.append(escape(article.text[position:]))
    return f'<div class="article">{"".join(out)}</div>'


def _union(spans: list[Span]) -> list[Span]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]
