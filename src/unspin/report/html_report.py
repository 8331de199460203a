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
from dataclasses import dataclass

from unspin.records import Article, Block, Change, Comparison, Passage, Span, Trace
from unspin.report.escaping import escape_untrusted as escape
from unspin.report.summary import (
    CHANGE_MEANING, KIND_MEANING, KINDS, Sides, change_counts, comparison_sides, copied_share, plural, trace_sides, verdict,
)
from unspin.segment import tokenize


@dataclass(frozen=True, slots=True)
class ReportLinks:
    """Links a served report adds; a report written by the CLI has none.

    ``back`` is the page to check another article; ``json`` the result's
    JSON to download as ``json_name``; ``article`` a path with ``{id}`` for
    a stored article's own page.
    """

    back: str | None = None
    json: str | None = None
    json_name: str = "unspin-report.json"
    article: str | None = None

    def article_href(self, article: Article) -> str | None:
        return self.article.format(id=article.id) if self.article and article.id is not None else None

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
.badge b,.legend b.type{display:inline-block;min-width:5.5rem;color:#fff;background:var(--change);border-radius:3px;padding:0 .4rem;margin-right:.4rem;text-align:center}
.article{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #eee;padding:.8rem;border-radius:4px}
.reused{background:#eef3f8}
.unexplained{background:#fff4d6;border-bottom:2px dashed #b26a00}
.empty{color:var(--muted);font-style:italic}
.links{display:flex;gap:.8rem;margin:.2rem 0 .8rem;font-size:.92rem}
.links a{border:1px solid #bbb;border-radius:4px;padding:.15rem .6rem;text-decoration:none;color:var(--ink)}
.verdict{font-size:1.02rem;font-weight:600;margin:.4rem 0}
.legend{border:1px solid #e3e3e3;border-radius:6px;padding:.5rem .8rem;margin:.8rem 0;font-size:.86rem;display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:.3rem 1.2rem}
.legend h3{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:.2rem 0}
.legend dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:.15rem .5rem;align-items:baseline}
.legend dd{margin:0;color:#333}
.swatch{display:inline-block;width:.9rem;height:.9rem;border-radius:2px;vertical-align:-.1rem;margin-right:.3rem}
.swatch.verbatim{background:var(--verbatim)}.swatch.edited{background:var(--edited)}.swatch.paraphrase{background:var(--paraphrase)}
.badge .words{font-weight:600}.badge .none{color:var(--muted);font-style:italic}
.block{border-top:1px dashed #bbb;margin-top:1rem}.block h3{font-size:.95rem;margin:.5rem 0;color:var(--muted)}
.omitted li{margin:.2rem 0}
@media print{.links{display:none}body{max-width:none;padding:0;font-size:11pt}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.passage{page-break-inside:avoid}a{color:inherit;text-decoration:none}}
@media (max-width:760px){.sides{grid-template-columns:1fr}}
"""


def comparison_html(result: Comparison, links: ReportLinks | None = None) -> str:
    """The report for ``compare``: A, the source, on the left; B, the copy, on the right."""
    links = links or ReportLinks()
    sides = comparison_sides(result)
    source, copy = ("A", "B") if sides.source_is_a else ("B", "A")
    line = f"{copy} " + verdict(sides, result.passages, copied_share(sides, result.passages), source)
    body = [
        "<header>",
        _links(links),
        f"<h1>{escape(sides.copy.title or sides.copy.source)}</h1>",
        _article_meta(f"{source} · source", sides.source, links),
        _article_meta(f"{copy} · copy", sides.copy, links),
        f'<p class="verdict">{escape(line)}</p>',
        _summary(result.passages, result.meaning_changed, result.change_score),
        "</header>",
        _legend(result.passages),
        "<h2>Aligned passages</h2>",
        _passages(sides, result.passages, f"{source} · source", f"{copy} · copy", result.blocks),
        _omitted(sides, result.omitted),
    ]
    return _page(f"unspin: {result.a.title or result.a.source} / {result.b.title or result.b.source}", body)


def trace_html(result: Trace, links: ReportLinks | None = None) -> str:
    """The report for ``trace``: ranked sources, then each source (left) beside the article (right)."""
    links = links or ReportLinks()
    article = result.article
    body = [
        "<header>",
        _links(links),
        f"<h1>{escape(article.title or article.source)}</h1>",
        _article_meta("Article", article, links),
        *([f'<p class="meta">This article is stored (id {result.stored_id}); it is traced against the other stored articles.</p>']
          if result.stored_id is not None else []),
        "</header>",
        _legend(tuple(p for m in result.sources for p in m.passages)),
        "<h2>Sources</h2>",
        _source_table(result, links),
    ]
    for rank, match in enumerate(result.sources, start=1):
        sides = trace_sides(result, match)
        body.append(f'<section class="source" id="source-{rank}">')
        body.append(f"<h2>Source {rank}: {escape(match.source.title or match.source.source)}</h2>")
        body.append(_article_meta("Source", match.source, links))
        body.append(f'<p class="verdict">{escape("This article " + verdict(sides, match.passages, match.coverage))}</p>')
        body.append(_summary(match.passages, match.meaning_changed, match.change_score))
        body.append(_passages(sides, match.passages, "Source", "This article", match.blocks))
        body.append(_omitted(sides, match.omitted))
        body.append("</section>")
    body.append("<h2>The article, with what no source explains marked</h2>")
    covered = [p.a for m in result.sources for p in m.passages]
    body.append(_marked_article(article, covered, result.unexplained))
    return _page(f"unspin trace: {article.title or article.source}", body)


def stored_article_html(article: Article, links: ReportLinks | None = None) -> str:
    """One stored article as a page: its metadata and text, for a report's link to a source."""
    links = links or ReportLinks()
    body = [
        "<header>", _links(links), f"<h1>{escape(article.title or article.source)}</h1>",
        _article_meta("Stored article", article, ReportLinks()), "</header>",
        f'<div class="article">{escape(article.text)}</div>',
    ]
    return _page(f"unspin: {article.title or article.source}", body)


def _links(links: ReportLinks) -> str:
    parts = []
    if links.back:
        parts.append(f'<a href="{escape(links.back)}" id="check-another">← Check another</a>')
    if links.json:
        parts.append(f'<a href="{escape(links.json)}" download="{escape(links.json_name)}" id="download-json">Download JSON</a>')
    return f'<nav class="links">{"".join(parts)}</nav>' if parts else ""


def _legend(passages: tuple[Passage, ...]) -> str:
    """What the colours, marks and arrows mean; change types only those this report shows."""
    kinds = "".join(
        f'<dt><span class="swatch {k}"></span><span class="kind {k}">{k}</span></dt><dd>{escape(KIND_MEANING[k])}</dd>'
        for k in KINDS
    )
    marks = (
        "<dt><del>words</del></dt><dd>in the source, changed or dropped in the copy</dd>"
        "<dt><ins>words</ins></dt><dd>in the copy, not in the source</dd>"
        '<dt><span class="ev">words</span></dt><dd>evidence of a meaning change</dd>'
        "<dt>a → b</dt><dd>the source says a, the copy says b</dd>"
    )
    types = "".join(
        f'<dt><b class="type">{escape(t)}</b></dt><dd>{escape(CHANGE_MEANING.get(t, ""))}</dd>'
        for t, _ in change_counts(passages)
    )
    changes = f"<div><h3>Meaning changes</h3><dl>{types}</dl></div>" if types else ""
    return (
        '<section class="legend" aria-label="legend">'
        f"<div><h3>Passages</h3><dl>{kinds}</dl></div><div><h3>Marks</h3><dl>{marks}</dl></div>{changes}</section>"
    )


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


def _article_meta(label: str, article: Article, links: ReportLinks) -> str:
    parts = [f"<b>{escape(label)}</b>: {escape(article.source)}"]
    for key in ("site", "published", "author"):
        value = getattr(article, key)
        if value:
            parts.append(f"{key} {escape(value)}")
    href = links.article_href(article)
    if href:
        parts.append(f'<a href="{escape(href)}" class="stored">stored article {article.id}</a>')
    elif article.id is not None:
        parts.append(f"id {article.id}")
    return f'<p class="meta">{" · ".join(parts)}</p>'


def _summary(passages: tuple[Passage, ...], changed: bool, score: float) -> str:
    pills = [f'<span class="pill">{plural(len(passages), "passage") if passages else "no reused passage"}</span>']
    for kind in KINDS:
        n = sum(1 for p in passages if p.kind == kind)
        if n:
            pills.append(f'<span class="pill {kind}">{n} {kind}</span>')
    if changed:
        changes = plural(sum(len(p.changes) for p in passages), "meaning change")
        pills.append(f'<span class="pill changed">{changes} · score {score:.2f}</span>')
    else:
        pills.append('<span class="pill">no meaning change found</span>')
    return f'<div class="summary">{"".join(pills)}</div>'


def _source_table(result: Trace, links: ReportLinks) -> str:
    if not result.sources:
        return '<p class="empty">No stored article is reused by this one.</p>'
    rows = ["<table class=\"sources\"><tr><th>#</th><th>coverage</th><th>passages</th><th>changes</th><th>source</th></tr>"]
    for rank, match in enumerate(result.sources, start=1):
        width = round(100 * match.coverage)
        href = links.article_href(match.source)
        stored = f' · <a href="{escape(href)}" class="stored">stored article {match.source.id}</a>' if href else ""
        rows.append(
            f'<tr><td><a href="#source-{rank}">{rank}</a></td>'
            f'<td><span class="bar"><span style="width:{width}%"></span></span> {match.coverage:.0%}</td>'
            f"<td>{len(match.passages)}</td><td>{sum(len(p.changes) for p in match.passages)}</td>"
            f"<td>{escape(match.source.title or '')}<br><span class=\"meta\">{escape(match.source.source)}{stored}</span></td></tr>"
        )
    rows.append("</table>")
    return "".join(rows)


def _omitted(sides: Sides, omitted: tuple[Span, ...]) -> str:
    """The source's sentences, inside the stretch the copy reuses, that the copy drops."""
    if not omitted:
        return ""
    items = "".join(f"<li>{escape(sides.source.text[start:end])}</li>" for start, end in omitted)
    return f'<h2>Source sentences the copy drops</h2><ul class="omitted">{items}</ul>'


def _passages(
    sides: Sides, passages: tuple[Passage, ...], source_label: str, copy_label: str, blocks: tuple[Block, ...] = (),
) -> str:
    """Passages grouped under their reuse block (one contiguous copy), then those in no block."""
    if not passages:
        return '<p class="empty">No reused passage.</p>'
    out = []
    held = {i for block in blocks for i in block.passages}
    for number, block in enumerate(blocks, start=1):
        out.append(
            f'<section class="block"><h3>Block {number} · {block.kind} · {plural(len(block.passages), "passage")}</h3>'
            + "\n".join(_passage(sides, passages[i], i + 1, source_label, copy_label) for i in block.passages)
            + "</section>"
        )
    rest = [i for i in range(len(passages)) if i not in held]
    if rest and blocks:
        out.append('<section class="block"><h3>In no block (too short to count as a copy on its own)</h3>')
    out.extend(_passage(sides, passages[i], i + 1, source_label, copy_label) for i in rest)
    if rest and blocks:
        out.append("</section>")
    return "\n".join(out)


def _passage(sides: Sides, passage: Passage, number: int, source_label: str, copy_label: str) -> str:
    """One passage: the source's side on the left, the copy's on the right, change badges below."""
    source, copy = sides.source_span(passage), sides.copy_span(passage)
    left, right = _diff_sides(sides, passage)
    badges = "".join(_badge(sides, c) for c in passage.changes)
    return (
        f'<article class="passage {passage.kind}">'
        f'<div class="phead"><span class="kind {passage.kind}">{passage.kind}</span>'
        f"<span>#{number}</span><span>similarity {passage.similarity:.2f}</span>"
        f"<span>{escape(source_label)} [{source[0]}:{source[1]}] · {escape(copy_label)} [{copy[0]}:{copy[1]}]</span></div>"
        f'<div class="sides"><div class="side"><span class="label">{escape(source_label)}</span>{left}</div>'
        f'<div class="side"><span class="label">{escape(copy_label)}</span>{right}</div></div>'
        + (f'<div class="badges">{badges}</div>' if badges else "")
        + "</article>"
    )


def _badge(sides: Sides, change: Change) -> str:
    """``type  source words → copy words``, the explainer's note on hover."""
    words = sides.change_words(change)

    def side(text: str) -> str:
        return f'<span class="words">{escape(text)}</span>' if text.strip() else '<span class="none">nothing</span>'

    return (
        f'<div class="badge" title="{escape(words.note)}"><b>{escape(words.type)}</b>'
        f"{side(words.source)} → {side(words.copy)}</div>"
    )


def _diff_sides(sides: Sides, passage: Passage) -> tuple[str, str]:
    """The source's and the copy's side of a passage as HTML: differing words marked, change evidence outlined."""
    source, copy = sides.source_span(passage), sides.copy_span(passage)
    s_words = tokenize(sides.source.text, *source)
    c_words = tokenize(sides.copy.text, *copy)
    s_diff = [False] * len(s_words)
    c_diff = [False] * len(c_words)
    matcher = difflib.SequenceMatcher(None, [w[2].lower() for w in s_words], [w[2].lower() for w in c_words], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            s_diff[i1:i2] = [True] * (i2 - i1)
            c_diff[j1:j2] = [True] * (j2 - j1)
    on_a: list[tuple[Span, Change]] = [(c.a, c) for c in passage.changes if c.a]
    on_b: list[tuple[Span, Change]] = [(c.b, c) for c in passage.changes if c.b]
    s_evidence, c_evidence = (on_a, on_b) if sides.source_is_a else (on_b, on_a)
    s_html = _render(sides.source.text, source, s_words, s_diff, s_evidence, "del")
    c_html = _render(sides.copy.text, copy, c_words, c_diff, c_evidence, "ins")
    return s_html, c_html


def _render(
    text: str, span: Span, words: list[tuple[int, int, str]], differs: list[bool],
    evidence: list[tuple[Span, Change]], tag: str,
) -> str:
    """Escape ``text[span]``: evidence spans outlined whole, differing words marked inside."""
    start, end = span
    diff_at = bytearray(end - start)
    for (ws, we, _), flag in zip(words, differs):
        if flag:
            diff_at[ws - start : we - start] = b"\x01" * (we - ws)
    evidence_at: list[Change | None] = [None] * (end - start)
    for (es, ee), change in evidence:
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
