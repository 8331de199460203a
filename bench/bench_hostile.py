"""Time and peak memory against input size for each hostile shape.

Each shape is generated at 1x, 2x, 4x and 8x (8x is the size the hostile
probe of issue 16 used). Segmentation (text shapes) or extraction (HTML
shapes) runs in this process at every size: the ratio time(8x)/time(1x) is
8 for a linear stage and 64 for a quadratic one (a capped stage stays flat).
``unspin add`` runs as a subprocess at 8x, and ``compare``/``trace`` (the latter against a store
holding the same text, its worst case) for the shapes that reach the sentence caps, each with its own peak RSS (``wait4``);
``compare`` pairs the text with a changed copy of it. ``add`` of one small
article gives the start-up cost they include.

    .venv/bin/python bench/bench_hostile.py

Prints a table and writes ``bench/results/hostile.json``. About 3 minutes.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from unspin.read.extract import extract_article  # noqa: E402
from unspin.records import RawDocument  # noqa: E402
from unspin.segment import split_sentences  # noqa: E402

SCALES = (1, 2, 4, 8)


@dataclass(frozen=True, slots=True)
class Shape:
    name: str
    suffix: str
    make: Callable[[int], str]
    """Text of the shape at scale 8 when given 8 (scale 1 is an eighth of it)."""
    deep: bool = False
    """Also run compare and trace at 8x (the shapes that reach the sentence caps)."""


def _news(scale: int) -> str:
    """Sentences full of names and numbers (what explain works hardest on), 4,096 of them at 8x."""
    names = ("Putin", "Merkel", "London", "Reuters", "Kim", "Paris")
    return " ".join(
        f"{names[i % 6]} said on Monday that {i % 997} people met {names[(i * 7) % 6]} in {names[(i * 5) % 6]}."
        for i in range(512 * scale)
    )


def _attributes(scale: int) -> str:
    n = 125_000 * scale
    return "<html><body><p " + " ".join(f"a{i}=1" for i in range(n)) + ">A short paragraph. It ends here.</p></body></html>"


SHAPES = (
    Shape("one 10 MB word", ".txt", lambda s: "a" * (1_250_000 * s), deep=True),
    Shape("run of dots", ".txt", lambda s: "." * (250_000 * s)),
    Shape("4,096 news sentences", ".txt", _news, deep=True),
    Shape("tiny sentences", ".txt", lambda s: "Ab cd. " * (150_000 * s)),
    Shape("one huge sentence", ".txt", lambda s: "word " * (250_000 * s)),
    Shape("hard-wrapped lines", ".txt", lambda s: ("x" * 75 + "\n") * (13_000 * s)),
    Shape("15 MB of <p>", ".html", lambda s: "<html><body>" + "<p>" * (625_000 * s)),
    Shape("1M one-word <p>", ".html", lambda s: "<html><body>" + "<p>w</p>\n" * (125_000 * s)),
    Shape("200k paragraphs", ".html", lambda s: "<html><body>" + "<p>Para says Mr. Smith went. It went.</p>\n" * (25_000 * s)),
    Shape("1M attributes", ".html", _attributes),
)


@dataclass(frozen=True, slots=True)
class Row:
    shape: str
    stage: str
    scale: int
    bytes: int
    seconds: float
    peak_rss_mb: float | None


def _in_process(shape: Shape, text: str) -> float:
    start = time.perf_counter()
    if shape.suffix == ".txt":
        split_sentences(text)
    else:
        try:
            extract_article(RawDocument(source=shape.name, kind="html", payload=text))
        except Exception:  # noqa: BLE001  an InputError is a valid outcome here; only time matters
            pass
    return time.perf_counter() - start


def _cli(*args: str) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one ``unspin`` command."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "unspin", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def main() -> None:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as work:
        _cli("add", str(ROOT / "examples" / "corpus"), "--db", f"{work}/warm.db", "-q")  # compile caches
        small = Path(work) / "small.txt"
        small.write_text("A small article. It has two sentences.")
        rows.append(Row("start-up", "add", 1, small.stat().st_size, *_cli("add", str(small), "--db", f"{work}/small.db", "-q")))
        for shape in SHAPES:
            for scale in SCALES if shape.suffix == ".txt" else (1, 8):  # HTML is capped: flat
                text = shape.make(scale)
                rows.append(Row(shape.name, "segment" if shape.suffix == ".txt" else "extract", scale, len(text), _in_process(shape, text), None))
                if scale != 8:
                    continue
                path = Path(work) / f"shape-{scale}{shape.suffix}"
                path.write_text(text)
                db = f"{work}/s{scale}.db"
                rows.append(Row(shape.name, "add", scale, len(text), *_cli("add", str(path), "--db", db, "-q")))
                if shape.deep and scale == 8:
                    edited = Path(work) / f"edited{shape.suffix}"  # a changed copy, so explain has work to do
                    edited.write_text(text.replace(" said ", " claimed ").replace("a" * 1000, "b" * 1000, 100))
                    rows.append(Row(shape.name, "compare", scale, len(text), *_cli("compare", str(path), str(edited), "-f", "json")))
                    rows.append(Row(shape.name, "trace", scale, len(text), *_cli("trace", str(path), "--db", db, "-f", "json")))
                os.unlink(db)
                path.unlink()
                print(f"{shape.name}: {scale}x done", file=sys.stderr, flush=True)
    _report(rows)


def _report(rows: list[Row]) -> None:
    print(f"{'shape':22} {'stage':8} {'1x s':>7} {'8x s':>7} {'8x/1x':>6} {'8x MB':>7} {'8x peak RSS':>11}")
    summary = []
    for shape in (Shape("start-up", ".txt", str), *SHAPES):
        for stage in ("segment", "extract", "add", "compare", "trace"):
            found = {r.scale: r for r in rows if r.shape == shape.name and r.stage == stage}
            if not found:
                continue
            big, small = found[max(found)], found.get(1) if len(found) > 1 else None
            ratio = big.seconds / small.seconds if small and small.seconds > 0 else None
            rss = f"{big.peak_rss_mb:,.0f} MB" if big.peak_rss_mb else "-"
            print(
                f"{shape.name:22} {stage:8} {small.seconds if small else float('nan'):7.2f} {big.seconds:7.2f} "
                f"{ratio if ratio else float('nan'):6.1f} {big.bytes / 1e6:7.1f} {rss:>11}"
            )
            summary.append({"shape": shape.name, "stage": stage, "ratio_8x_1x": ratio})
    out = ROOT / "bench" / "results" / "hostile.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "rows": [asdict(r) for r in rows],
        "summary": summary,
    }, indent=2) + "\n")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
