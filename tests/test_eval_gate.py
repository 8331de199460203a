"""Evaluation gate: fixed slices of labelled data must stay above pinned floors.

Floors live in ``eval_baseline.json``; lowering one is a visible change.
Skipped only where ``../shared/data`` is absent (the realistic set is ours and always runs).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from unspin.align.blocks import LEXICAL, reuse_blocks
from unspin.api import article_from_text, compare, load_article
from unspin.evaluation.pan import pan_pairs
from unspin.evaluation.scoring import pan_scores, provenance_scores
from unspin.evaluation.spinner import spin

BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text())


@pytest.mark.gate
def test_pan13_slice(shared_data: Path) -> None:
    pairs = pan_pairs(shared_data)[:30]
    comparisons = [compare(load_article(str(s)), load_article(str(r)), explain=False) for s, r, _ in pairs]
    scores = pan_scores([c for *_, c in pairs], [reuse_blocks(c.a, c.b, c.passages, LEXICAL) for c in comparisons])
    print("PAN-13 slice", scores)
    for key, floor in BASELINE["pan13_first_30_pairs"].items():
        assert scores[key] >= floor, f"{key} {scores[key]:.3f} fell below the pinned floor {floor}"


@pytest.mark.gate
def test_spun_slice(shared_data: Path) -> None:
    from unspin.evaluation.datasets import bbc_articles

    articles = [t for _, t in bbc_articles(shared_data)]
    rng = random.Random(5)
    totals = [0, 0, 0, 0]
    for k, index in enumerate(rng.sample(range(len(articles)), 20)):
        copy = spin(articles[index], 0.2, random.Random(k), donor=articles[(index + 3) % len(articles)])
        source = article_from_text(articles[index])
        result = compare(article_from_text(copy.text), source, explain=False)
        for i, v in enumerate(provenance_scores(copy.sentences, copy.provenance, list(source.sentences), result.passages)):
            totals[i] += v
    recall, precision = totals[0] / totals[1], totals[2] / max(totals[3], 1)
    print(f"spun slice recall {recall:.3f} precision {precision:.3f}")
    floors = BASELINE["spun_20_copies_strength_0.2"]
    assert recall >= floors["recall"] and precision >= floors["precision"]


@pytest.mark.gate
def test_etpc_slice(shared_data: Path) -> None:
    from unspin.evaluation.etpc import etpc_pairs, etpc_relations
    from unspin.evaluation.explain_eval import score_spans
    from unspin.explain.changes import unit_changes

    relations = [r for r in etpc_relations(shared_data) if r.pair_id <= 1000]
    scores = score_spans(etpc_pairs(shared_data), relations, lambda a, b: unit_changes(a, (0, len(a)), b, (0, len(b))))
    print("ETPC slice", scores)
    floors = BASELINE["etpc_pairs_up_to_1000"]
    assert scores.recall["Same Polarity Substitution (named ent.)"][1] >= floors["named_entity_typed_recall"]
    assert scores.recall["Addition/Deletion"][1] >= floors["addition_deletion_typed_recall"]
    assert scores.recall["Opposite polarity substitution (contextual)"][1] >= floors["antonym_typed_recall"]
    assert scores.false_flags <= floors["max_false_flags"]
    assert scores.false_flags_substitution <= floors["max_substitution_false_flags"]
    assert scores.false_flags_unexplained <= floors["max_unexplained_false_flags"]


@pytest.mark.gate
def test_mrpc_slice_meaning_changed(shared_data: Path) -> None:
    from unspin.evaluation.datasets import mrpc_pairs
    from unspin.evaluation.mrpc_eval import cross_validated, features, out_of_fold_logits

    pairs = mrpc_pairs(shared_data)[:1000]
    x, y = features(pairs, out_of_fold_logits(pairs))
    scores = cross_validated(x, y)
    print("MRPC slice, 10-fold CV", scores)
    floors = BASELINE["mrpc_first_1000_pairs_cross_validated"]
    assert scores.f1 >= floors["f1"] and scores.auc >= floors["auc"]
    assert scores.f1_score_alone >= floors["f1_score_alone"]


@pytest.mark.gate
def test_realistic_set() -> None:
    from unspin.evaluation.realistic import load_realistic, score_with_cli

    scores = score_with_cli(load_realistic())
    print("realistic set", scores)
    floors = BASELINE["realistic_set_all_articles"]
    assert scores.typed_recall >= floors["typed_recall"] and scores.any_recall >= floors["any_recall"]
    assert scores.false_flags <= floors["max_false_flags"]
    for change_type, floor in floors["typed_recall_by_type"].items():
        typed = scores.per_type[change_type].typed
        assert typed >= floor, f"{change_type} typed recall {typed:.3f} fell below the pinned floor {floor}"


@pytest.mark.gate
def test_realistic_dev3_set() -> None:
    """The set another writer wrote blind: what the rules learnt from it must not slip back."""
    from unspin.evaluation.realistic import DEV3_DIR, load_realistic, score_with_cli

    scores = score_with_cli(load_realistic(DEV3_DIR))
    print("realistic dev3", scores)
    floors = BASELINE["realistic_dev3"]
    assert scores.typed_recall >= floors["typed_recall"] and scores.any_recall >= floors["any_recall"]
    assert scores.false_flags <= floors["max_false_flags"]


@pytest.mark.gate
def test_planted_bbc_typed_changes(shared_data: Path) -> None:
    from unspin.evaluation.planted import planted_bbc_pairs
    from unspin.evaluation.realistic import score_with_cli

    scores = score_with_cli(planted_bbc_pairs(20, seed=7, root=shared_data))
    print("planted BBC", scores)
    floors = BASELINE["planted_bbc_20_copies_seed_7"]
    assert scores.typed_recall >= floors["typed_recall"] and scores.any_recall >= floors["any_recall"]
    assert scores.false_flags <= floors["max_false_flags"]
