"""Terminal rendering with rich. Article text is printed as text, never markup."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from unspin.records import Article, Block, Comparison, Direction, Passage, Span, Trace

KIND_STYLE = {"verbatim": "bold red", "edited": "bold yellow", "paraphrase": "bold cyan"}


def _clip(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _passage_lines(console: Console, a: Article, b: Article, passage: Passage, number: int) -> None:
    head = Text(f"#{number} ")
    head.append(passage.kind, style=KIND_STYLE[passage.kind])
    head.append(f"  similarity {passage.similarity:.2f}  A[{passage.a[0]}:{passage.a[1]}]  B[{passage.b[0]}:{passage.b[1]}]")
    console.print(head)
    console.print(Text("  A: ", style="dim") + Text(_clip(a.text[passage.a[0] : passage.a[1]])))
    console.print(Text("  B: ", style="dim") + Text(_clip(b.text[passage.b[0] : passage.b[1]])))
    for change in passage.changes:
        line = Text("  ⚠ ", style="bold magenta")
        line.append(change.type, style="bold magenta")
        line.append(": " + change.note)
        console.print(line)


def _direction_line(direction: Direction, a_name: str, b_name: str) -> Text:
    source, copy = (a_name, b_name) if direction == "a_to_b" else (b_name, a_name)
    return Text(f"Read source -> copy: source: {source} -> copy: {copy}")


def _grouped_passages(console: Console, a: Article, b: Article, passages: tuple[Passage, ...], blocks: tuple[Block, ...]) -> None:
    """Passages under the reuse block (one contiguous copy) each belongs to, then those in none."""
    for number, block in enumerate(blocks, start=1):
        head = Text(f"Block {number}: ", style="bold")
        head.append(block.kind, style=KIND_STYLE[block.kind])
        head.append(f"  A[{block.a[0]}:{block.a[1]}]  B[{block.b[0]}:{block.b[1]}]  {len(block.passages)} passage{'s' if len(block.passages) != 1 else ''}")
        console.print(head)
        for index in block.passages:
            _passage_lines(console, a, b, passages[index], index + 1)
    held = {i for block in blocks for i in block.passages}
    rest = [i for i in range(len(passages)) if i not in held]
    if rest and blocks:
        console.print(Text("In no block (too short to count as a copy on its own):", style="bold"))
    for index in rest:
        _passage_lines(console, a, b, passages[index], index + 1)


def _omitted_lines(console: Console, source: Article, omitted: tuple[Span, ...]) -> None:
    if omitted:
        plural = "s" if len(omitted) != 1 else ""
        console.print(Text(f"The copy drops {len(omitted)} source sentence{plural} inside the stretch it reuses:", style="bold"))
    for start, end in omitted:
        console.print(Text("  - " + _clip(source.text[start:end], 160)))


def print_comparison(console: Console, result: Comparison) -> None:
    console.print(Text(f"A: {result.a.source}  ({result.a.title or 'untitled'})", style="bold"))
    console.print(Text(f"B: {result.b.source}  ({result.b.title or 'untitled'})", style="bold"))
    console.print(_direction_line(result.direction, "A", "B"))
    counts = {k: sum(1 for p in result.passages if p.kind == k) for k in KIND_STYLE}
    summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n) or "no reused passage"
    changes = sum(len(p.changes) for p in result.passages)
    console.print(f"{len(result.passages)} passages ({summary}) in {len(result.blocks)} blocks; {changes} meaning changes\n")
    _grouped_passages(console, result.a, result.b, result.passages, result.blocks)
    _omitted_lines(console, result.a if result.direction == "a_to_b" else result.b, result.omitted)


def print_trace(console: Console, result: Trace) -> None:
    console.print(Text(f"Article: {result.article.source}  ({result.article.title or 'untitled'})", style="bold"))
    if result.stored_id is not None:
        console.print(f"This article is stored (id {result.stored_id}); it is traced against the other stored articles.")
    if not result.sources:
        console.print("No other stored article is reused by this one." if result.stored_id is not None
                      else "No stored article is reused by this one.")
    table = Table("rank", "id", "coverage", "passages", "changes", "source", "title")
    for rank, match in enumerate(result.sources, start=1):
        table.add_row(
            str(rank), str(match.source.id), f"{match.coverage:.0%}", str(len(match.passages)),
            str(sum(len(p.changes) for p in match.passages)), Text(match.source.source), Text(match.source.title or ""),
        )
    if result.sources:
        console.print(table)
    for rank, match in enumerate(result.sources, start=1):
        console.print(Text(f"\nSource {rank}: {match.source.source}", style="bold"))
        console.print(_direction_line(match.direction, "A (this article)", f"B (stored id {match.source.id})"))
        _grouped_passages(console, result.article, match.source, match.passages, match.blocks)
        _omitted_lines(console, match.source if match.direction == "b_to_a" else result.article, match.omitted)
    if result.unexplained:
        console.print(Text(f"\n{len(result.unexplained)} sentences explained by no source:", style="bold"))
        for start, end in result.unexplained[:20]:
            console.print(Text("  · " + _clip(result.article.text[start:end], 160)))
