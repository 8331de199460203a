"""Corpus mode: planted copies found, the same tables from the local and the Spark runner."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from unspin.corpus.export import EXPORT_TABLES, export_tables, parse_formats, top_pairs
from unspin.corpus.local import run_local
from unspin.corpus.tables import SCHEMAS, SORT_KEYS, read_rows
from unspin.evaluation.datasets import data_root
from unspin.evaluation.planted import PlantedCorpus, write_planted_corpus

JAVA = shutil.which("java")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> PlantedCorpus:
    if not data_root().exists():
        pytest.skip("../shared/data is not present")
    root = tmp_path_factory.mktemp("corpus")
    planted = write_planted_corpus(root / "feed.jsonl", originals=200)
    _move_to_warc(root / "feed.jsonl", root / "crawl.warc.gz", take=20)
    return planted


def _move_to_warc(jsonl: Path, warc: Path, take: int) -> None:
    """Serve the first ``take`` records as HTML pages in a WARC instead of JSONL."""
    import io
    import json
    from html import escape

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    lines = jsonl.read_text(encoding="utf-8").splitlines()
    with warc.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for line in lines[:take]:
            record = json.loads(line)
            paragraphs = "".join(f"<p>{escape(p)}</p>" for p in record["text"].split("\n\n")[1:])
            page = (f"<html><head><title>{escape(record['text'].split(chr(10))[0])}</title>"
                    f'<meta property="article:published_time" content="{record["published"]}"></head>'
                    f"<body><article>{paragraphs}</article></body></html>").encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(record["url"], "response", payload=io.BytesIO(page),
                                                          http_headers=headers))
    jsonl.write_text("\n".join(lines[take:]) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def local_run(corpus: PlantedCorpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    summary = run_local([str(corpus.path.parent)], out, workers=2)
    assert summary.problems == [] and summary.articles == corpus.records
    return out


def _record_ids(out: Path) -> dict[int, str]:
    """Article id → the planted record id (from the JSONL id or the WARC URL)."""
    rows = read_rows(out / "articles", "articles", ["id", "url"])
    return {r["id"]: r["url"].rsplit("/", 1)[1] for r in rows}


def test_planted_copies_are_found_with_their_direction(local_run: Path, corpus: PlantedCorpus) -> None:
    names = _record_ids(local_run)
    pairs = read_rows(local_run / "pairs", "pairs")
    found = {frozenset((names[p["a_id"]], names[p["b_id"]])): p for p in pairs}
    for planted, floor in ((corpus.verbatim, 0.95), (corpus.spun, 0.9)):
        hits = [found.get(frozenset(pair)) for pair in planted]
        assert sum(h is not None for h in hits) / len(planted) >= floor
        for (copy, original), hit in zip(planted, hits):
            if hit is not None:
                assert names[hit["source_id"]] == original, "the earlier-published side is the source"
    planted_pairs = {frozenset(p) for p in corpus.verbatim + corpus.spun}
    assert sum(1 for key in found if key in planted_pairs) / len(found) >= 0.9
    passages = read_rows(local_run / "passages", "passages")
    assert {(p["a_id"], p["b_id"]) for p in passages} == {(p["a_id"], p["b_id"]) for p in pairs}
    assert any(p["meaning_changed"] for p in pairs)


def test_clusters_and_sites(local_run: Path, corpus: PlantedCorpus) -> None:
    clusters = read_rows(local_run / "clusters", "clusters")
    assert len(clusters) == corpus.records
    by_id = {c["id"]: c["cluster"] for c in clusters}
    for pair in read_rows(local_run / "pairs", "pairs"):
        assert by_id[pair["a_id"]] == by_id[pair["b_id"]]
    sites = read_rows(local_run / "sites", "sites")
    planted = sum(s["pairs"] for s in sites if s["source_site"].startswith("wire") and s["copy_site"].startswith("farm"))
    assert planted >= 0.9 * sum(s["pairs"] for s in sites)  # the rest: related BBC stories, really shared
    assert all(0 < s["source_share"] <= 1 and 0 < s["copy_share"] <= 1 for s in sites)


def test_rerun_resumes_and_redoes_only_missing_stages(local_run: Path, corpus: PlantedCorpus, tmp_path: Path) -> None:
    out = tmp_path / "copy"
    shutil.copytree(local_run, out)
    shutil.rmtree(out / "clusters")
    summary = run_local([str(corpus.path.parent)], out, workers=1)
    assert summary.skipped == ["articles", "features", "candidates", "pairs", "passages", "sites"]
    assert read_rows(out / "clusters", "clusters") == read_rows(local_run / "clusters", "clusters")


def test_a_run_stops_after_the_stage_asked_for(local_run: Path, corpus: PlantedCorpus, tmp_path: Path) -> None:
    out = tmp_path / "until"
    shutil.copytree(local_run, out)
    for table in ("candidates", "pairs", "passages", "clusters", "sites"):
        shutil.rmtree(out / table)
    summary = run_local([str(corpus.path.parent)], out, workers=1, until="candidates")
    assert list(summary.seconds) == ["candidates"] and not (out / "pairs").exists()
    assert summary.candidates == len(read_rows(local_run / "candidates", "candidates")) and summary.pairs == 0
    assert read_rows(out / "candidates", "candidates") == read_rows(local_run / "candidates", "candidates")
    with pytest.raises(ValueError, match="no stage 'pair'"):
        run_local([str(corpus.path.parent)], out, workers=1, until="pair")


def test_spilling_in_many_id_ranges_and_small_windows_gives_the_same_tables(
    local_run: Path, corpus: PlantedCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bounded-memory paths a large corpus takes (many spill ranges, small pool windows and write
    batches) give the tables a small corpus gets in one piece."""
    import unspin.corpus.local as local

    monkeypatch.setattr(local, "_SPILL_BYTES", 32 << 10)
    monkeypatch.setattr(local, "_WINDOW", 7)
    monkeypatch.setattr(local, "_BUFFERED", 5)
    out = tmp_path / "ranges"
    run_local([str(corpus.path.parent)], out, workers=2)
    assert len(list((out / "features").glob("*.parquet"))) > 4
    for table in ("articles", "features", "candidates", "pairs", "passages", "clusters", "sites"):
        assert read_rows(out / table, table) == read_rows(local_run / table, table), table


def test_cli_reuse_reports_one_line_for_bad_input(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "unspin", "reuse", str(tmp_path / "missing"), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "no such file" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.spark
@pytest.mark.skipif(JAVA is None, reason="Spark needs Java: apt-get install -y default-jre-headless")
def test_spark_job_gives_the_same_tables(local_run: Path, corpus: PlantedCorpus, tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    out = tmp_path / "spark"
    done = subprocess.run(
        [sys.executable, "-m", "unspin", "spark", "reuse", str(corpus.path.parent), "--out", str(out), "--master", "local[2]"],
        capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    for table in ("articles", "candidates", "pairs", "passages", "clusters", "sites"):
        assert read_rows(out / table, table) == read_rows(local_run / table, table), table


def test_top_pairs_read_source_to_copy_most_copied_first(local_run: Path, corpus: PlantedCorpus) -> None:
    names = _record_ids(local_run)
    rows = top_pairs(local_run, 10)
    assert len(rows) == 10
    assert [r.copy_coverage for r in rows] == sorted((r.copy_coverage for r in rows), reverse=True)
    planted = set(corpus.verbatim + corpus.spun)  # (copy, original) record ids
    dated = [r for r in rows if r.dated]
    assert dated and all((names[r.copy.id], names[r.source.id]) in planted for r in dated)
    assert len(top_pairs(local_run, 3)) == 3 and top_pairs(local_run, 3) == rows[:3]


def test_export_writes_each_table_as_jsonl_and_csv(local_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    shutil.copytree(local_run, out)
    written = export_tables(out, parse_formats("jsonl, csv"))
    assert sorted(p.name for p in written) == sorted(f"{t}.{f}" for t in EXPORT_TABLES for f in ("jsonl", "csv"))
    for table in EXPORT_TABLES:
        rows = read_rows(out / table, table)
        assert rows, table
        lines = (out / "export" / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(line) for line in lines] == rows
        with (out / "export" / f"{table}.csv").open(encoding="utf-8", newline="") as stream:
            reader = csv.DictReader(stream)
            assert reader.fieldnames == SCHEMAS[table].names
            cells = list(reader)
        assert len(cells) == len(rows)
        assert [int(c[SORT_KEYS[table][0]]) if table != "sites" else c["source_site"] for c in cells] == [
            r[SORT_KEYS[table][0]] for r in rows
        ]
    with pytest.raises(ValueError, match="'xml' is not one of jsonl, csv"):
        parse_formats("csv,xml")


def test_cli_reuse_prints_top_tables_and_exports(local_run: Path, corpus: PlantedCorpus, tmp_path: Path) -> None:
    out = tmp_path / "run"
    shutil.copytree(local_run, out)  # same inputs: every stage resumes, the CLI only reads the tables back
    done = subprocess.run(
        [sys.executable, "-m", "unspin", "reuse", str(corpus.path.parent), "--out", str(out), "--top", "3", "--export", "csv"],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"},
    )
    assert done.returncode == 0, done.stderr
    assert "Top 3 pairs, by share of the copy reused" in done.stdout and "Top 3 site edges, by pairs" in done.stdout
    first = top_pairs(local_run, 1)[0]
    assert first.copy.title in done.stdout and first.source.title in done.stdout
    assert sorted(p.name for p in (out / "export").iterdir()) == sorted(f"{t}.csv" for t in EXPORT_TABLES)
    assert "exported 4 files" in done.stderr

    wrong = subprocess.run([sys.executable, "-m", "unspin", "reuse", str(corpus.path.parent), "--out", str(tmp_path / "o"),
                            "--export", "xml"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "'xml' is not one of jsonl, csv" in wrong.stderr
    assert not (tmp_path / "o").exists(), "a wrong --export stops before the job runs"
