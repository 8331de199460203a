"""Terminal rendering with rich. Article text is printed as text, never markup.

Layout, for each source: its full name (long paths fold, never cut), a
one-line verdict from :mod:`unspin.report.summary`, then each passage,
grouped under its reuse block, with the source's words above the copy's and
each change as ``source → copy``, then the source sentences the copy
drops. Raw offsets appear only with ``verbose``.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from unspin.records import Article, Block, Comparison, Passage, Span, Trace
from unspin.report.summary import (
    Sides, comparison_sides, copied_share, kinds_phrase, plural, trace_sides, verdict,
)

KIND_STYLE = {"verbatim": "bold red", "edited": "bold yellow", "paraphrase": "bold cyan"}
CHANGE_STYLE = "bold magenta"


def _clip(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _print(console: Console, text: Text) -> None:
    """Print wrapped at words; what has no space (a long path) folds instead of being cut."""
    for line in text.wrap(console, console.width, overflow="fold"):
        line.rstrip()
        console.print(line, soft_wrap=True)


def _hanging(console: Console, label: Text | str, body: Text) -> None:
    """``label`` then ``body``, whose wrapped lines stay indented under its first word."""
    label = Text(label) if isinstance(label, str) else label
    indent = label.cell_len + 1
    lines = body.wrap(console, max(20, console.width - indent), overflow="fold")
    for number, line in enumerate(lines):
        line.rstrip()
        console.print(Text.assemble(label if number == 0 else " " * label.cell_len, " ", line), soft_wrap=True)


def _article_lines(console: Console, label: str, article: Article, pad: int = 0) -> None:
    """``label: Title`` then the full source on its own line (a path or URL, folded, never clipped)."""
    where = article.source + (f"  (id {article.id})" if article.id is not None else "")
    label = f"{label}:".ljust(pad)
    _hanging(console, Text(label, style="bold"), Text(" ".join((article.title or "untitled").split()), style="bold"))
    _hanging(console, " " * len(label), Text(where, style="dim"))


def _passage_lines(console: Console, sides: Sides, passage: Passage, number: int, verbose: bool) -> None:
    console.print()
    head = Text(f"#{number} ")
    head.append(passage.kind, style=KIND_STYLE.get(passage.kind, "bold"))
    head.append(f" · similarity {passage.similarity:.2f}")
    if verbose:
        head.append(f" · A[{passage.a[0]}:{passage.a[1]}] B[{passage.b[0]}:{passage.b[1]}]", style="dim")
    _print(console, head)
    source, copy = sides.source_span(passage), sides.copy_span(passage)
    _hanging(console, Text("  source:", style="dim"), Text(_clip(sides.source.text[source[0] : source[1]])))
    _hanging(console, Text("  copy:  ", style="dim"), Text(_clip(sides.copy.text[copy[0] : copy[1]])))
    for change in passage.changes:
        words = sides.change_words(change)
        line = Text()
        line.append(_clip(words.source, 80) if words.source.strip() else "(nothing)", style="" if words.source.strip() else "dim")
        line.append(" → ")
        line.append(_clip(words.copy, 80) if words.copy.strip() else "(nothing)", style="" if words.copy.strip() else "dim")
        if verbose and words.note:
            line.append(f"  ({words.note})", style="dim")
        _hanging(console, Text(f"  ⚠ {words.type:<9}", style=CHANGE_STYLE), line)


def _grouped_passages(console: Console, sides: Sides, passages: tuple[Passage, ...], blocks: tuple[Block, ...], verbose: bool) -> None:
    """Passages under the reuse block (one contiguous copy) each belongs to, then those in none."""
    for number, block in enumerate(blocks, start=1):
        head = Text(f"\nBlock {number} · ", style="bold")
        head.append(block.kind, style=KIND_STYLE.get(block.kind, "bold"))
        head.append(f" · {plural(len(block.passages), 'passage')}", style="bold")
        if verbose:
            head.append(f" · A[{block.a[0]}:{block.a[1]}] B[{block.b[0]}:{block.b[1]}]", style="dim")
        _print(console, head)
        for index in block.passages:
            _passage_lines(console, sides, passages[index], index + 1, verbose)
    held = {i for block in blocks for i in block.passages}
    rest = [i for i in range(len(passages)) if i not in held]
    if rest and blocks:
        _print(console, Text("\nIn no block (too short to count as a copy on its own):", style="bold"))
    for index in rest:
        _passage_lines(console, sides, passages[index], index + 1, verbose)


def _omitted_lines(console: Console, sides: Sides, omitted: tuple[Span, ...], verbose: bool) -> None:
    """The source's sentences, inside the stretch the copy reuses, that the copy drops."""
    if not omitted:
        return
    _print(console, Text(f"\nThe copy drops {plural(len(omitted), 'source sentence')} inside the stretch it reuses:", style="bold"))
    for start, end in omitted:
        _hanging(console, f"  - [{start}:{end}]" if verbose else "  -", Text(_clip(sides.source.text[start:end], 160)))


def print_comparison(console: Console, result: Comparison, verbose: bool = False) -> None:
    """``compare A B``: A is the source and B the copy, unless the result's ``direction`` says B came first."""
    sides = comparison_sides(result)
    source, copy = ("A", "B") if sides.source_is_a else ("B", "A")
    _article_lines(console, f"Source ({source})", sides.source, pad=11)
    _article_lines(console, f"Copy ({copy})", sides.copy, pad=11)
    share = copied_share(sides, result.passages)
    _print(console, Text(f"{copy} " + verdict(sides, result.passages, share, source), style="bold"))
    if result.passages:
        console.print(kinds_phrase(result.passages))
    _grouped_passages(console, sides, result.passages, result.blocks, verbose)
    _omitted_lines(console, sides, result.omitted, verbose)


def print_trace(console: Console, result: Trace, verbose: bool = False) -> None:
    """``trace``: each stored source with its verdict, then its passages, then what nothing explains."""
    _article_lines(console, "Article", result.article)
    if result.stored_id is not None:
        _print(console, Text(f"This article is stored (id {result.stored_id}); it is traced against the other stored articles."))
    if not result.sources:
        console.print("No other stored article is reused by this one." if result.stored_id is not None
                      else "No stored article is reused by this one.")
    else:
        console.print(Text(f"{plural(len(result.sources), 'stored source')}, best first:", style="bold"))
    for rank, match in enumerate(result.sources, start=1):
        sides = trace_sides(result, match)
        _hanging(console, f"  {rank}.", Text("This article " + verdict(sides, match.passages, match.coverage)))
    for rank, match in enumerate(result.sources, start=1):
        sides = trace_sides(result, match)
        console.print()
        _article_lines(console, f"Source {rank}", match.source)
        console.print(kinds_phrase(match.passages))
        _grouped_passages(console, sides, match.passages, match.blocks, verbose)
        _omitted_lines(console, sides, match.omitted, verbose)
    if result.unexplained:
        shown = result.unexplained[:20]
        more = f" (first {len(shown)})" if len(shown) < len(result.unexplained) else ""
        console.print(Text(f"\n{plural(len(result.unexplained), 'sentence')} explained by no source{more}:", style="bold"))
        for start, end in shown:
            label = f"  · [{start}:{end}]" if verbose else "  ·"
            _hanging(console, label, Text(_clip(result.article.text[start:end], 160)))

