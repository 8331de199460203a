"""Terminal rendering with rich. Article text is printed as text, never markup."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from unspin.records import Article, Comparison, Passage, Trace

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


def print_comparison(console: Console, result: Comparison) -> None:
    console.print(Text(f"A: {result.a.source}  ({result.a.title or 'untitled'})", style="bold"))
    console.print(Text(f"B: {result.b.source}  ({result.b.title or 'untitled'})", style="bold"))
    counts = {k: sum(1 for p in result.passages if p.kind == k) for k in KIND_STYLE}
    summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n) or "no reused passage"
    changes = sum(len(p.changes) for p in result.passages)
    console.print(f"{len(result.passages)} passages ({summary}); {changes} meaning changes\n")
    for number, passage in enumerate(result.passages, start=1):
        _passage_lines(console, result.a, result.b, passage, number)


def print_trace(console: Console, result: Trace) -> None:
    console.print(Text(f"Article: {result.article.source}  ({result.article.title or 'untitled'})", style="bold"))
    if not result.sources:
        console.print("No stored article is reused by this one.")
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
        for number, passage in enumerate(match.passages, start=1):
            _passage_lines(console, result.article, match.source, passage, number)
    if result.unexplained:
        console.print(Text(f"\n{len(result.unexplained)} sentences explained by no source:", style="bold"))
        for start, end in result.unexplained[:20]:
            console.print(Text("  · " + _clip(result.article.text[start:end], 160)))
