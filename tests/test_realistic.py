"""The labelled realistic sets are well formed, and the scorer reads compare's JSON right.

All four sets are our own fictional writing: tests/data/realistic (used while
the detectors were developed), tests/data/realistic-heldout (written after
them, for measuring only), tests/data/realistic-heldout2 (written blind
later still, for measuring only) and tests/data/realistic-dev3 (written blind by
another writer, a development set). These checks keep every label an exact, unique
substring of its side, every change type represented, and faithful pairs
clear of planted changes, so scoring by character spans means what it says;
and they keep each later set's stories apart from the earlier sets'.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from unspin.evaluation.realistic import (
    CHANGE_TYPES, DEV3_DIR, HELDOUT2_DIR, HELDOUT_DIR, REALISTIC_DIR, FaithfulPair, LabelledChange, LabelledPair, load_pair,
    load_realistic, reported_changes, score,
)


def _overlap(x: tuple[int, int] | None, y: tuple[int, int] | None) -> bool:
    return x is not None and y is not None and x[0] < y[1] and y[0] < x[1]


SETS = [
    pytest.param(REALISTIC_DIR, 30, (150, 350), 1, 20, id="realistic"),
    pytest.param(HELDOUT_DIR, 30, (250, 450), 3, 15, id="heldout"),
    pytest.param(HELDOUT2_DIR, 20, (220, 330), 4, 12, id="heldout2"),
    pytest.param(DEV3_DIR, 16, (230, 300), 5, 10, id="dev3"),
]
"""Each set with its articles, article length in words, faithful pairs per article and changes per type, at least."""


@pytest.mark.parametrize(("root", "articles", "words", "min_faithful", "min_per_type"), SETS)
def test_every_article_loads_and_is_news_length(
    root: Path, articles: int, words: tuple[int, int], min_faithful: int, min_per_type: int,
) -> None:
    pairs = load_realistic(root)
    folders = [f for f in root.iterdir() if f.is_dir()]
    assert len(pairs) == len(folders) >= articles
    for pair in pairs:
        assert words[0] <= len(pair.source.split()) <= words[1], pair.name
        assert len(pair.changes) >= 5, pair.name
        assert len(pair.faithful) >= min_faithful, pair.name


@pytest.mark.parametrize(("root", "articles", "words", "min_faithful", "min_per_type"), SETS)
def test_every_type_is_well_represented(
    root: Path, articles: int, words: tuple[int, int], min_faithful: int, min_per_type: int,
) -> None:
    counts = Counter(change.type for pair in load_realistic(root) for change in pair.changes)
    assert set(counts) == set(CHANGE_TYPES)
    assert min(counts.values()) >= min_per_type, counts


@pytest.mark.parametrize("root", [REALISTIC_DIR, HELDOUT_DIR, HELDOUT2_DIR, DEV3_DIR],
                         ids=["realistic", "heldout", "heldout2", "dev3"])
def test_labels_are_exact_substrings_and_faithful_pairs_hold_no_change(root: Path) -> None:
    for pair in load_realistic(root):
        labels = json.loads((root / pair.name / "labels.json").read_text(encoding="utf-8"))
        for change, item in zip(pair.changes, labels["changes"], strict=True):
            if change.source is not None:
                assert pair.source[change.source[0]:change.source[1]] == item["source_text"]
            if change.copy is not None:
                assert pair.copy[change.copy[0]:change.copy[1]] == item["copy_text"]
        for kept in pair.faithful:
            for change in pair.changes:
                assert not _overlap(kept.source, change.source), (pair.name, change.note)
                assert not _overlap(kept.copy, change.copy), (pair.name, change.note)


def _word_runs(text: str, n: int = 6) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[k:k + n]) for k in range(len(words) - n + 1)}


@pytest.mark.parametrize(("root", "earlier"), [
    pytest.param(HELDOUT_DIR, (REALISTIC_DIR,), id="heldout"),
    pytest.param(HELDOUT2_DIR, (REALISTIC_DIR, HELDOUT_DIR), id="heldout2"),
    pytest.param(DEV3_DIR, (REALISTIC_DIR, HELDOUT_DIR, HELDOUT2_DIR), id="dev3"),
])
def test_heldout_stories_are_not_the_earlier_sets(root: Path, earlier: tuple[Path, ...]) -> None:
    """A six-word run shared with an earlier set's sources would mean a story or phrasing was reused."""
    seen = set().union(*(_word_runs(p.source) for folder in earlier for p in load_realistic(folder)))
    for pair in load_realistic(root):
        shared = _word_runs(pair.source) & seen
        assert not shared, (pair.name, sorted(shared)[:3])


def test_a_label_that_is_not_in_its_text_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "source.txt").write_text("The mayor said 12 homes were built.\n")
    (folder / "copy.txt").write_text("The mayor said 21 homes were built.\n")
    (folder / "labels.json").write_text(json.dumps({"changes": [
        {"type": "number", "source_text": "13", "copy_text": "21", "note": ""}], "faithful": []}))
    with pytest.raises(ValueError, match="bad change 0 source: '13' is not in the text"):
        load_pair(folder)


SOURCE = "Rates rose 2% on Monday. The mayor may resign. Trade was calm."
COPY = "Rates rose 3% on Monday. The mayor will resign. Trade was calm."
PAIR = LabelledPair(
    "toy", SOURCE, COPY,
    (LabelledChange("number", (11, 13), (11, 13), ""), LabelledChange("hedge", (35, 38), (35, 39), "")),
    (FaithfulPair((48, 63), (49, 64)),),
)


def _result(a_text: str, b_text: str, changes: list[dict[str, object]], **extra: object) -> dict[str, object]:
    return {"a": {"text": a_text}, "b": {"text": b_text},
            "passages": [{"a": [0, 10], "b": [0, 10], "changes": changes}], **extra}


def test_scoring_counts_typed_and_any_hits_and_faithful_flags() -> None:
    result = _result(SOURCE, COPY, [
        {"type": "number", "a": [11, 13], "b": [11, 13]},
        {"type": "negation", "a": None, "b": [36, 40]},
        {"type": "entity", "a": [50, 55], "b": None},
    ])
    scores = score([PAIR], [reported_changes(result, PAIR)])
    assert scores.per_type["number"].typed == 1.0
    assert (scores.per_type["hedge"].typed, scores.per_type["hedge"].any) == (0.0, 1.0)
    assert scores.typed_recall == 0.5 and scores.any_recall == 1.0
    assert scores.false_flags == 1.0 and scores.unlabelled == 0.0


def test_sides_follow_the_texts_and_omitted_spans_count_as_omissions() -> None:
    swapped = _result(COPY, SOURCE, [{"type": "hedge", "a": [35, 39], "b": [35, 38]}],
                      direction="b_to_a", omitted=[[0, 5]])
    reported = reported_changes(swapped, PAIR)
    assert reported[0].source == (35, 38) and reported[0].copy == (35, 39)
    assert reported[1].type == "omission" and reported[1].copy == (0, 5) and reported[1].source is None
    assert score([PAIR], [reported]).per_type["hedge"].typed == 1.0


def test_planted_bbc_copies_carry_exact_labels(shared_data: Path) -> None:
    from unspin.evaluation.planted import planted_bbc_pairs

    pairs = planted_bbc_pairs(12, seed=3, root=shared_data)
    counts = Counter(change.type for pair in pairs for change in pair.changes)
    assert set(counts) == set(CHANGE_TYPES)
    for pair in pairs:
        for change in pair.changes:
            assert change.source is not None or change.copy is not None
            if change.source is not None:
                assert 0 <= change.source[0] < change.source[1] <= len(pair.source)
            if change.copy is not None:
                assert 0 <= change.copy[0] < change.copy[1] <= len(pair.copy)
        for kept in pair.faithful:
            assert not any(_overlap(kept.source, c.source) for c in pair.changes)


def test_planters_change_only_what_they_label() -> None:
    from unspin.evaluation.spinner import PLANTERS

    sentence = 'On Monday Mr Hale said that prices rose about 4% and "the market is strong", if trade holds.'
    names = ["Mr Hale", "Ms Ortiz"]
    for kind, planter in PLANTERS.items():
        plant = planter(sentence, random.Random(1), names)
        assert plant is not None, kind
        # a name swapped where it speaks a quotation gives the words to another speaker: a quote change
        speaker_swapped = kind == "entity" and plant.type == "quote" and plant.copy_sentence.count("said") == 1
        assert (plant.type == kind or speaker_swapped) and plant.copy_sentence != sentence
        s = plant.source or (0, 0)
        c = plant.copy or (s[0], s[0])
        assert sentence[: s[0]] == plant.copy_sentence[: c[0]], kind
        assert sentence[s[1]:] == plant.copy_sentence[c[1]:], kind


def test_a_result_for_other_texts_is_refused() -> None:
    with pytest.raises(ValueError, match="toy: compare's texts differ"):
        reported_changes(_result(SOURCE.upper(), COPY, []), PAIR)
