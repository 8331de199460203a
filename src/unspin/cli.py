"""The ``unspin`` command: a thin shell over the library.

Every command parses arguments, calls one library function and renders the
result. Failures a user can act on print one line on stderr and exit with
the error's code; nothing prints a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any, Optional

import typer
from rich.console import Console

from unspin.errors import InputError, MissingDependencyError, UnspinError

app = typer.Typer(add_completion=False, no_args_is_help=True)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

def _print_version(value: bool) -> None:
    if value:
        from unspin import __version__

        sys.stdout.write(f"unspin {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Find where a news article came from and what was changed on the way."""


VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Text output: add raw character offsets and the explainer's notes.")]
DbOption = Annotated[Optional[str], typer.Option("--db", help="Store file (default: $UNSPIN_DB or ./unspin.db).")]
ExplainOption = Annotated[bool, typer.Option(
    "--explain/--no-explain", help="Type the meaning changes of each pair (--no-explain: passages only, no models).")]


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


def _require_explain(explain: bool) -> None:
    """Fail before any work when explaining needs the MiniLM weights and they are not installed."""
    if explain:
        from unspin.explain.cross_encoder import base_model_dir

        base_model_dir()


def _require_extra(command: str, modules: tuple[str, ...], extra: str) -> None:
    """Fail before any work, with the install line, when an optional part's packages are missing."""
    missing = [m for m in modules if find_spec(m) is None]
    if missing:
        raise MissingDependencyError(f"{command} needs {' and '.join(missing)}: pip install 'unspin[{extra}]'")


def _emit(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


@app.command()
def add(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs or http(s) URLs.")],
    db: DbOption = None,
    max_bytes: Annotated[int, typer.Option(help="Largest single file or record accepted.")] = 20_000_000,
    batch_size: Annotated[int, typer.Option(help="Articles per committed transaction.")] = 2048,
    workers: Annotated[Optional[int], typer.Option(help="Processes that extract and index while one commits (0: none; default: one per core).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Ingest articles (txt, HTML, URL, WARC, JSONL) into the store."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from unspin.add import ingest
    from unspin.read.readers import ReadConfig
    from unspin.read.untrusted import printable
    from unspin.store import WRITER_CACHE_MIB, Store

    with Store(_db(db), cache_mib=WRITER_CACHE_MIB) as store:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=err, disable=quiet or not err.is_terminal, transient=True) as bar:
            task = bar.add_task("ingesting", total=None)
            summary = ingest(
                inputs, store, ReadConfig(max_bytes=max_bytes), batch_size=batch_size, workers=workers,
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
    explain: ExplainOption = True,
    verbose: VerboseOption = False,
) -> None:
    """Find every passage two articles share, labelled, with meaning changes read source -> copy."""
    from unspin.api import compare as compare_articles
    from unspin.api import load_article
    from unspin.report.json_report import comparison_json
    from unspin.report.text_report import print_comparison

    _require_explain(explain)
    if pairs is not None:
        from unspin.batch import compare_pairs

        report = lambda problem: err.print(f"unspin: {problem}", markup=False, soft_wrap=True)  # noqa: E731
        for line in compare_pairs(pairs, report, explain):
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        return
    if a is None or b is None:
        raise InputError("compare needs two articles (A B) or --pairs FILE.jsonl")
    result = compare_articles(load_article(a), load_article(b), explain=explain)
    if format is ReportFormat.text:
        print_comparison(out, result, verbose=verbose)
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
    explain: ExplainOption = True,
    verbose: VerboseOption = False,
) -> None:
    """Rank the stored articles that ARTICLE reuses, with aligned passages."""
    from unspin.api import load_article
    from unspin.report.json_report import trace_json
    from unspin.report.text_report import print_trace
    from unspin.store import Store
    from unspin.trace import Tracer

    _require_explain(explain)
    with Store(_db(db), create=False) as store:
        if article.startswith("id:") and article[3:].isdigit():
            target = store.get(int(article[3:]))
            if target is None:
                raise InputError(f"{article}: not in {_db(db)}")
        else:
            target = load_article(article)
        result = Tracer(store).trace(target, explain=explain)
    if format is ReportFormat.text:
        print_trace(out, result, verbose=verbose)
    elif format is ReportFormat.html:
        from unspin.report.html_report import trace_html

        sys.stdout.write(trace_html(result))
    else:
        _emit(trace_json(result))


spark_app = typer.Typer(no_args_is_help=True, help="Corpus jobs on Apache Spark.")
app.add_typer(spark_app, name="spark")


def _print_reuse(summary: Any, out_dir: Path, top: int = 10, export: str | None = None) -> None:
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
    _print_reuse_tables(out_dir, top)
    if export:
        from unspin.corpus.export import export_tables, parse_formats

        written = export_tables(out_dir, parse_formats(export))
        err.print(f"exported {len(written)} files -> {out_dir / 'export'}", markup=False, soft_wrap=True)


def _print_reuse_tables(out_dir: Path, top: int) -> None:
    """The run's ``top`` pairs and site edges, read back from its Parquet tables."""
    from rich.table import Column, Table
    from rich.text import Text

    from unspin.corpus.export import ArticleName, top_pairs, top_sites

    def named(article: ArticleName) -> Text:
        where = article.site or article.source.replace("\\", "/").rsplit("/", 1)[-1]  # a path: its file name
        return Text(article.title or article.source, overflow="fold") + Text(f"\n{where}", style="dim")

    pairs = top_pairs(out_dir, top)
    if pairs:
        table = Table("#", "source", "copy", Column("copies", no_wrap=True), Column("reuse", no_wrap=True),
                      Column("changed", no_wrap=True),
                      title=f"Top {len(pairs)} pairs, by share of the copy reused", title_justify="left")
        for rank, pair in enumerate(pairs, start=1):
            table.add_row(
                str(rank), named(pair.source), named(pair.copy), f"{pair.copy_coverage:.0%}",
                f"{pair.kind} {pair.similarity:.2f}", "yes" if pair.meaning_changed else "no",
            )
        out.print(table)
        if any(not p.dated for p in pairs):
            out.print("Undated pairs: the side more of which is reused is called the copy.", style="dim")
    else:
        out.print("No pair of articles reuses enough to report.")
    sites = top_sites(out_dir, top)
    if sites:
        table = Table("source site", "copy site", "pairs", "source share", "copy share",
                      title=f"Top {len(sites)} site edges, by pairs", title_justify="left",
                      caption="share: of that site's articles, how many are in these pairs", caption_justify="left")
        for site in sites:
            table.add_row(Text(site.source_site, overflow="fold"), Text(site.copy_site, overflow="fold"), str(site.pairs),
                          f"{site.source_share:.0%}", f"{site.copy_share:.0%}")
        out.print(table)


def _export_formats(value: str | None) -> str | None:
    """Check ``--export`` before the job runs, so a typo costs no time (one line, exit 2)."""
    if value is not None:
        from unspin.corpus.export import parse_formats

        try:
            parse_formats(value)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    return value


TopOption = Annotated[int, typer.Option("--top", min=0, help="Print this many top pairs and site edges.")]
ExportOption = Annotated[Optional[str], typer.Option(
    "--export", callback=_export_formats, metavar="jsonl,csv",
    help="Also write the pairs, passages, sites and clusters tables as JSONL and/or CSV in OUT/export/.")]


InputsArgument = Annotated[list[str], typer.Argument(help="Files, directories, globs or URLs: txt, HTML, JSONL, WARC, Parquet.")]
OutOption = Annotated[Path, typer.Option("--out", help="Output folder of Parquet tables (re-runs resume).")]


@app.command()
def reuse(
    inputs: InputsArgument,
    out_dir: OutOption,
    workers: Annotated[Optional[int], typer.Option(help="Worker processes (default: one per core).")] = None,
    explain: ExplainOption = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    top: TopOption = 10,
    export: ExportOption = None,
) -> None:
    """Find which articles and sites copy which across a corpus, on this machine."""
    _require_extra("reuse", ("pyarrow",), "spark")
    _require_explain(explain)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

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
    _print_reuse(summary, out_dir, top, export)


@spark_app.command("reuse")
def spark_reuse(
    inputs: InputsArgument,
    out_dir: OutOption,
    master: Annotated[str, typer.Option(help="Spark master URL.")] = "local[*]",
    driver_memory: Annotated[str, typer.Option(
        help="Driver JVM heap, which runs every task in local mode (ignored under spark-submit, which sets its own).")] = "4g",
    explain: ExplainOption = True,
    top: TopOption = 10,
    export: ExportOption = None,
) -> None:
    """The same job as 'unspin reuse', on Spark (progress in the Spark UI)."""
    _require_extra("spark reuse", ("pyspark", "pyarrow", "pandas"), "spark")
    _require_explain(explain)
    from unspin.corpus.config import ReuseConfig
    from unspin.corpus.spark import run_spark

    summary = run_spark(inputs, out_dir, ReuseConfig(explain=explain), master=master, driver_memory=driver_memory)
    _print_reuse(summary, out_dir, top, export)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes sharing the store.")] = 1,
    max_body: Annotated[int, typer.Option(help="Largest request body in bytes (413 above).")] = 5_000_000,
) -> None:
    """Serve the web page and the HTTP API (FastAPI + uvicorn)."""
    _require_extra("serve", ("fastapi", "uvicorn", "multipart"), "service")
    _require_explain(True)
    import uvicorn

    from unspin.service.app import ServiceConfig, create_app

    path = _db(db)
    err.print(f"unspin: serving {path} on http://{host}:{port}/ (API docs at /docs)", markup=False, soft_wrap=True)
    if workers > 1:
        os.environ["UNSPIN_DB"] = path
        os.environ["UNSPIN_MAX_BODY"] = str(max_body)
        uvicorn.run("unspin.service.app:app_from_env", factory=True, host=host, port=port, workers=workers, log_level="warning")
    else:
        uvicorn.run(create_app(ServiceConfig(db=path, max_body_bytes=max_body)), host=host, port=port, log_level="warning")


@app.command()
def watch(
    sources: Annotated[Optional[list[str]], typer.Argument(metavar="SOURCE", help="Feed, sitemap (or index) or home page URLs.")] = None,
    db: DbOption = None,
    sources_file: Annotated[Optional[Path], typer.Option("--sources", help="A file of SOURCE URLs, one a line (# comments).")] = None,
    once: Annotated[bool, typer.Option("--once", help="One pass, then exit (for cron).")] = False,
    interval: Annotated[float, typer.Option(help="Seconds from the start of one pass to the next.")] = 900.0,
    alert_coverage: Annotated[Optional[float], typer.Option(
        help="Trace each new page; alert when a stored source covers at least this share of it (0-1).")] = None,
    alerts: Annotated[Optional[Path], typer.Option("--alerts", help="Append alert JSON lines here (default: stdout).")] = None,
    alert_html: Annotated[Optional[Path], typer.Option("--alert-html", help="Write each alert's HTML report in this folder.")] = None,
    user_agent: Annotated[Optional[str], typer.Option(help="User-Agent sent (default: unspin/VERSION (+project URL)).")] = None,
    delay: Annotated[float, typer.Option(help="Least seconds between two requests to one host.")] = 1.0,
    timeout: Annotated[float, typer.Option(help="Seconds to wait on a connection or a read.")] = 10.0,
    deadline: Annotated[float, typer.Option(help="Most seconds one whole transfer may take.")] = 30.0,
    max_bytes: Annotated[int, typer.Option(help="Largest feed, sitemap or page accepted.")] = 10_000_000,
) -> None:
    """Poll feeds, sitemaps and home pages; ingest new pages; alert on pages that copy stored ones."""
    import time

    from unspin.read.fetch import FetchConfig
    from unspin.store import Store
    from unspin.watch import WatchConfig, Watcher
    from unspin.watch.alerts import AlertWriter
    from unspin.watch.polite import USER_AGENT, PoliteConfig

    from unspin.report.summary import plural

    urls = list(sources or [])
    if sources_file is not None:
        try:
            lines = sources_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{sources_file}: cannot be read ({exc})") from None
        urls += [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    bad = [u for u in urls if not u.startswith(("http://", "https://"))]
    if not urls or bad:
        raise InputError(f"{bad[0]}: not an http(s) URL" if bad else "give SOURCE URLs or --sources FILE")
    if interval <= 0 or (alert_coverage is not None and not 0 < alert_coverage <= 1):
        raise InputError("--interval must be positive and --alert-coverage in (0, 1]")
    if alert_coverage is None and (alerts is not None or alert_html is not None):
        raise InputError("--alerts and --alert-html need --alert-coverage (the share that makes an alert)")
    try:
        fetch = FetchConfig(timeout_s=timeout, max_bytes=max_bytes, allow_private=True)
        polite = PoliteConfig(user_agent=user_agent or USER_AGENT, delay_s=delay, deadline_s=deadline, fetch=fetch)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    writer = AlertWriter(alerts, alert_html)
    with Store(_db(db)) as store:
        watcher = Watcher(
            store, WatchConfig(polite=polite, alert_coverage=alert_coverage),
            on_problem=lambda url, reason: err.print(f"unspin: {url}: {reason}", markup=False, soft_wrap=True),
            on_alert=writer.write, prepare_alert=writer.prepare,
        )
        while True:
            started = time.monotonic()
            s = watcher.run_pass(urls)
            err.print(
                f"watched {plural(s.sources, 'source')} ({s.unchanged} unchanged): {plural(s.new_pages, 'new page')}, added {s.added}, "
                f"duplicates {s.duplicates}, failed {s.failed}, alerts {s.alerts} -> {_db(db)}",
                markup=False, soft_wrap=True,
            )
            if once:
                return
            time.sleep(max(0.0, interval - (time.monotonic() - started)))


def _click_exceptions() -> ModuleType:
    """The exceptions of the click that Typer runs on: its own bundled copy since Typer 0.29, else click."""
    try:
        return import_module("typer._click.exceptions")
    except ImportError:
        return import_module("click.exceptions")


def _fail(message: str) -> None:
    err.print(f"unspin: {message}", markup=False, soft_wrap=True)


def _usage_error(exc: Any) -> int:
    """A usage line and one sentence: what was wrong and where the help is."""
    ctx = exc.ctx
    if ctx is None:  # raised while parsing, before a command's context exists: the top-level usage
        ctx = typer.main.get_command(app).make_context("unspin", [], resilient_parsing=True)
    err.print(ctx.get_usage(), markup=False, soft_wrap=True)
    _fail(f"{exc.format_message()} (see '{ctx.command_path} --help')")
    return int(exc.exit_code)


def run(argv: list[str] | None = None) -> int:
    """Run the app on ``argv`` (default: the command line); return the exit code.

    Typer runs without its standalone handling so that every failure ends
    here: an ``UnspinError`` prints its one line with its own code, a usage
    mistake a usage line and one sentence (exit 2), Ctrl-C one line (exit
    130); only what nobody anticipated is an "internal error" (exit 70).
    """
    exceptions = _click_exceptions()
    try:
        code = app(args=argv, prog_name="unspin", standalone_mode=False)
    except UnspinError as exc:
        _fail(str(exc))
        return exc.exit_code
    except exceptions.NoArgsIsHelpError as exc:  # `unspin` or `unspin spark` alone: the help
        exc.show()
        return int(exc.exit_code)
    except exceptions.UsageError as exc:
        return _usage_error(exc)
    except exceptions.ClickException as exc:
        exc.show()
        return int(exc.exit_code)
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:  # `unspin ls | head`: the reader left, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the final flush stays quiet
        return 141
    except typer.Abort as exc:
        # Typer turns an EOFError inside a command into Abort; unspin never prompts, so it is a bug.
        cause = exc.__cause__ or exc
        _fail(f"internal error: {cause.__class__.__name__}: {cause}")
        return 70
    except Exception as exc:  # anything unexpected: one line, no traceback
        _fail(f"internal error: {exc.__class__.__name__}: {exc}")
        return 70
    if code == 130:  # Typer answers Ctrl-C inside a command with exit code 130
        _fail("interrupted (an 'add' keeps the batches it committed)")
    return code if isinstance(code, int) else 0


def main() -> None:
    """Entry point of the ``unspin`` command (through ``unspin.__main__``, which starts the entity worker sooner)."""
    from unspin.explain import entity_worker

    if entity_worker.wanted(sys.argv[1:]):
        entity_worker.start()  # a no-op when the entry point already started it
    try:
        code = run()
    except KeyboardInterrupt:  # Ctrl-C while the modules load
        _fail("interrupted")
        code = 130
    sys.exit(code)
