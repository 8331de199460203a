"""The terminal report: full names, plurals, one verdict per source, changes read source → copy."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

from conftest import EXAMPLES
from unspin.add import ingest
from unspin.api import compare, load_article
from unspin.records import Comparison, Trace
from unspin.report.summary import changes_phrase, comparison_sides, copied_share, plural
from unspin.report.text_report import print_comparison, print_trace
from unspin.store import Store
from unspin.trace import Tracer

ORIGINAL, COPY = EXAMPLES / "originals" / "harbour-bridge.txt", EXAMPLES / "copies" / "bridge-spun.txt"
OFFSETS = re.compile(r"\[\d+:\d+\]")


def _render(print_result, result: Comparison | Trace, width: int = 80, verbose: bool = False) -> str:  # type: ignore[no-untyped-def]
    stream = io.StringIO()
    print_result(Console(file=stream, width=width, color_system=None, highlight=False), result, verbose=verbose)
    return stream.getvalue()


@pytest.fixture(scope="module")
def bridge() -> Comparison:
    return compare(load_article(str(ORIGINAL)), load_article(str(COPY)))


@pytest.fixture(scope="module")
def traced(tmp_path_factory: pytest.TempPathFactory) -> Trace:
    with Store(tmp_path_factory.mktemp("store") / "s.db") as store:
        ingest([str(EXAMPLES / "originals")], store)
        return Tracer(store).trace(load_article(str(COPY)))


def test_plurals_and_change_phrases() -> None:
    assert [plural(n, "sentence") for n in (0, 1, 2)] == ["0 sentences", "1 sentence", "2 sentences"]
    assert plural(1, "meaning change") == "1 meaning change"
    assert changes_phrase(()) == "no meaning change found"


def test_compare_verdict_counts_what_the_result_holds(bridge: Comparison) -> None:
    text = " ".join(_render(print_comparison, bridge).split())
    share = copied_share(comparison_sides(bridge), bridge.passages)
    changes = [c.type for p in bridge.passages for c in p.changes]
    verdict = re.search(r"B copies (\d+)% of its sentences from A — (\d+) meaning changes?: ([a-z0-9 ,]+?) \d+ passages?: ", text)
    assert verdict, text
    assert int(verdict[1]) == round(100 * share) and int(verdict[2]) == len(changes)
    listed = dict((t, int(n)) for n, t in re.findall(r"(\d+) ([a-z]+)", verdict[3]))
    assert listed == {t: changes.count(t) for t in set(changes)}
    assert f"{plural(len(bridge.passages), 'passage')}: " in text


def test_changes_read_source_to_copy_and_offsets_need_verbose(bridge: Comparison, traced: Trace) -> None:
    for printed in (_render(print_comparison, bridge), _render(print_trace, traced)):
        assert re.search(r"⚠ number +\$42 million → \$24 million", printed), printed  # the source says $42m
        assert re.search(r"⚠ entity +Ines Okafor → She", printed)
        assert not OFFSETS.search(printed)
    assert OFFSETS.search(_render(print_comparison, bridge, verbose=True))
    assert OFFSETS.search(_render(print_trace, traced, verbose=True))


def test_trace_names_sources_in_full_with_one_verdict_each(traced: Trace) -> None:
    long = "examples/corpus/" + "a-very-long-folder-name/" * 6 + "harbour-bridge.txt"
    result = replace(traced, sources=tuple(replace(m, source=replace(m.source, source=long)) for m in traced.sources))
    for width in (80, 120):
        printed = _render(print_trace, result, width=width)
        assert long in "".join(printed.split()), "a long source wraps, it is never cut"
        assert "…" not in "".join(line for line in printed.splitlines() if "examples/" in line)
        assert max(len(line) for line in printed.splitlines()) <= width
        assert all(line == line.rstrip() for line in printed.splitlines())
    flat = " ".join(printed.split())
    verdicts = re.findall(r"This article copies \d+% of its sentences from “[^”]+” — ", flat)
    assert len(verdicts) == len(traced.sources) >= 1
    assert f"{plural(len(traced.sources), 'stored source')}, best first:" in flat
    assert f"{plural(len(traced.unexplained), 'sentence')} explained by no source:" in flat


def test_no_reuse_says_so_in_words(tmp_path: Path) -> None:
    other = load_article(str(EXAMPLES / "originals" / "river-survey.txt"))
    printed = " ".join(_render(print_comparison, compare(load_article(str(ORIGINAL)), other)).split())
    assert "B shares no passage with A" in printed and "passage" in printed
    empty = Trace(article=other, sources=(), unexplained=other.sentences[:1])
    printed = _render(print_trace, empty)
    assert "No stored article is reused by this one." in printed and "1 sentence explained by no source:" in printed
