"""The ``unspin`` command: a thin shell over the library.

Every command parses arguments, calls one library function and renders the
result. Failures a user can act on print one line on stderr and exit with
the error's code; nothing prints a traceback.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from unspin.errors import InputError, UnspinError

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__.splitlines()[0] if __doc__ else None)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[Optional[str], typer.Option("--db", help="Store file (default: $UNSPIN_DB or ./unspin.db).")]


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class ReportFormat(str, Enum):
    """Formats of ``compare`` and ``trace``: html is the self-contained side-by-side report."""

    text = "text"
    json = "json"
    jsonl = "jsonl"
    html = "html"


def _db(path: str | None) -> str:
    from unspin.store import default_path

    return path or default_path()


def _emit(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


@app.command()
def add(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs or http(s) URLs.")],
    db: DbOption = None,
    max_bytes: Annotated[int, typer.Option(help="Largest single file or record accepted.")] = 20_000_000,
    batch_size: Annotated[int, typer.Option(help="Articles per committed transaction.")] = 64,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Ingest articles (txt, HTML, URL, WARC, JSONL) into the store."""
    from unspin.add import ingest
    from unspin.read.readers import ReadConfig
    from unspin.read.untrusted import printable
    from unspin.store import Store

    with Store(_db(db)) as store:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=err, disable=quiet or not err.is_terminal, transient=True) as bar:
            task = bar.add_task("ingesting", total=None)
            summary = ingest(
                inputs, store, ReadConfig(max_bytes=max_bytes), batch_size=batch_size,
                progress=lambda source, outcome: bar.advance(task),
            )
    for problem in summary.problems:
        err.print(f"unspin: {printable(problem.source)}: {printable(problem.reason)}", markup=False, soft_wrap=True)
    err.print(
        f"added {len(summary.added)}, skipped {summary.duplicates} as duplicate, failed {summary.failed}"
        f" -> {_db(db)}",
        markup=False,
        soft_wrap=True,
    )
    if not summary.added and not summary.duplicates:
        raise typer.Exit(InputError.exit_code)


@app.command("ls")
def list_articles(
    db: DbOption = None,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    limit: Annotated[Optional[int], typer.Option(help="At most this many.")] = None,
) -> None:
    """List stored articles."""
    from rich.table import Table
    from rich.text import Text

    from unspin.report.json_report import stored_article_json
    from unspin.store import Store

    with Store(_db(db), create=False) as store:
        articles = list(store.iter_articles(limit=limit))
    if format is not Format.text:
        _emit([stored_article_json(a, full=False) for a in articles])
        return
    table = Table("id", "published", "site", "title", "source")
    for a in articles:
        table.add_row(str(a.id), a.published or "", Text(a.site or ""), Text(a.title or ""), Text(a.source))
    out.print(table)


@app.command()
def show(
    article_id: Annotated[int, typer.Argument(metavar="ID")],
    db: DbOption = None,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
) -> None:
    """Show one stored article with its sentences and boilerplate spans."""
    from rich.text import Text

    from unspin.report.json_report import stored_article_json
    from unspin.store import Store

    with Store(_db(db), create=False) as store:
        article = store.get(article_id)
    if article is None:
        raise InputError(f"article {article_id}: not in {_db(db)}; 'unspin ls' lists the ids")
    if format is not Format.text:
        _emit(stored_article_json(article, full=True))
        return
    for key in ("source", "title", "published", "site", "author", "url"):
        out.print(Text(f"{key}: {getattr(article, key) or ''}"))
    out.print(Text(f"{len(article.sentences)} sentences, {len(article.boilerplate)} boilerplate spans\n"))
    out.print(Text(article.text))


@app.command()
def compare(
    a: Annotated[Optional[str], typer.Argument(help="File, URL or - for stdin.")] = None,
    b: Annotated[Optional[str], typer.Argument(help="File, URL or - for stdin.")] = None,
    pairs: Annotated[Optional[Path], typer.Option(help="JSONL of pairs to compare in one process.")] = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.text,
) -> None:
    """Find every passage two articles share, labelled, with meaning changes."""
    from unspin.api import compare as compare_articles
    from unspin.api import load_article
    from unspin.report.json_report import comparison_json
    from unspin.report.text_report import print_comparison

    if pairs is not None:
        from unspin.batch import compare_pairs

        for line in compare_pairs(pairs, lambda problem: err.print(f"unspin: {problem}", markup=False, soft_wrap=True)):
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        return
    if a is None or b is None:
        raise InputError("compare needs two articles (A B) or --pairs FILE.jsonl")
    result = compare_articles(load_article(a), load_article(b))
    if format is ReportFormat.text:
        print_comparison(out, result)
    elif format is ReportFormat.html:
        from unspin.report.html_report import comparison_html

        sys.stdout.write(comparison_html(result))
    else:
        _emit(comparison_json(result))


@app.command()
def trace(
    article: Annotated[str, typer.Argument(help="File, URL, - for stdin, or id:N for a stored article.")],
    db: DbOption = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.text,
) -> None:
    """Rank the stored articles that ARTICLE reuses, with aligned passages."""
    from unspin.api import load_article
    from unspin.report.json_report import trace_json
    from unspin.report.text_report import print_trace
    from unspin.store import Store
    from unspin.trace import Tracer

    with Store(_db(db), create=False) as store:
        if article.startswith("id:") and article[3:].isdigit():
            target = store.get(int(article[3:]))
            if target is None:
                raise InputError(f"{article}: not in {_db(db)}")
        else:
            target = load_article(article)
        result = Tracer(store).trace(target)
    if format is ReportFormat.text:
        print_trace(out, result)
    elif format is ReportFormat.html:
        from unspin.report.html_report import trace_html

        sys.stdout.write(trace_html(result))
    else:
        _emit(trace_json(result))


spark_app = typer.Typer(no_args_is_help=True, help="Corpus jobs on Apache Spark.")
app.add_typer(spark_app, name="spark")


def _print_reuse(summary: Any, out_dir: Path) -> None:
    from unspin.read.untrusted import printable

    for problem in summary.problems:
        err.print(f"unspin: {printable(problem.source)}: {printable(problem.reason)}", markup=False, soft_wrap=True)
    skipped = f"; resumed, skipped finished stages: {', '.join(summary.skipped)}" if summary.skipped else ""
    err.print(
        f"articles {summary.articles} ({summary.duplicates} duplicates), candidates {summary.candidates}, "
        f"pairs {summary.pairs}, clusters {summary.clusters}, failed {len(summary.problems)}{skipped} -> {out_dir}",
        markup=False, soft_wrap=True,
    )
    if summary.seconds:
        timings = ", ".join(f"{stage} {seconds:.1f}" for stage, seconds in summary.seconds.items())
        err.print(f"seconds per stage: {timings}", markup=False, soft_wrap=True)
    if summary.articles == 0:
        raise typer.Exit(InputError.exit_code)


InputsArgument = Annotated[list[str], typer.Argument(help="Files, directories, globs or URLs: txt, HTML, JSONL, WARC, Parquet.")]
OutOption = Annotated[Path, typer.Option("--out", help="Output folder of Parquet tables (re-runs resume).")]
ExplainOption = Annotated[bool, typer.Option("--explain/--no-explain", help="Type the meaning changes of each pair.")]


@app.command()
def reuse(
    inputs: InputsArgument,
    out_dir: OutOption,
    workers: Annotated[Optional[int], typer.Option(help="Worker processes (default: one per core).")] = None,
    explain: ExplainOption = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Find which articles and sites copy which across a corpus, on this machine."""
    from unspin.corpus.config import ReuseConfig
    from unspin.corpus.local import run_local

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, disable=quiet or not err.is_terminal, transient=True) as bar:
        tasks: dict[str, Any] = {}

        def progress(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        summary = run_local(inputs, out_dir, ReuseConfig(explain=explain), workers=workers, progress=progress)
    _print_reuse(summary, out_dir)


@spark_app.command("reuse")
def spark_reuse(
    inputs: InputsArgument,
    out_dir: OutOption,
    master: Annotated[str, typer.Option(help="Spark master URL.")] = "local[*]",
    driver_memory: Annotated[str, typer.Option(
        help="Driver JVM heap, which runs every task in local mode (ignored under spark-submit, which sets its own).")] = "4g",
    explain: ExplainOption = True,
) -> None:
    """The same job as 'unspin reuse', on Spark (progress in the Spark UI)."""
    from unspin.corpus.config import ReuseConfig
    from unspin.corpus.spark import run_spark

    summary = run_spark(inputs, out_dir, ReuseConfig(explain=explain), master=master, driver_memory=driver_memory)
    _print_reuse(summary, out_dir)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes sharing the store.")] = 1,
    max_body: Annotated[int, typer.Option(help="Largest request body in bytes (413 above).")] = 5_000_000,
) -> None:
    """Serve the web page and the HTTP API (FastAPI + uvicorn)."""
    import os

    try:
        import uvicorn

        from unspin.service.app import ServiceConfig, create_app
    except ImportError as exc:
        from unspin.errors import MissingDependencyError

        raise MissingDependencyError(f"serve needs the service extra: pip install 'unspin[service]' ({exc})") from None
    path = _db(db)
    err.print(f"unspin: serving {path} on http://{host}:{port}/ (API docs at /docs)", markup=False, soft_wrap=True)
    if workers > 1:
        os.environ["UNSPIN_DB"] = path
        os.environ["UNSPIN_MAX_BODY"] = str(max_body)
        uvicorn.run("unspin.service.app:app_from_env", factory=True, host=host, port=port, workers=workers, log_level="warning")
    else:
        uvicorn.run(create_app(ServiceConfig(db=path, max_body_bytes=max_body)), host=host, port=port, log_level="warning")


def main() -> None:
    """Entry point: run the app, turning known failures into one stderr line."""
    import click

    try:
        code = app(standalone_mode=False)
    except UnspinError as exc:
        err.print(f"unspin: {exc}", markup=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        err.print("unspin: interrupted; committed batches are kept", markup=False)
        sys.exit(130)
    except Exception as exc:  # anything unexpected: one line, no traceback
        err.print(f"unspin: internal error: {exc.__class__.__name__}: {exc}", markup=False, soft_wrap=True)
        sys.exit(70)
    sys.exit(code if isinstance(code, int) else 0)
