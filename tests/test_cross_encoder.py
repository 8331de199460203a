"""The NumPy cross-encoder: the fit script's torch logits reproduced, and padding that changes nothing."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings, strategies as st

from unspin.explain.cross_encoder import default_encoder, load_adapter
from unspin.explain.meaning import summarise
from unspin.records import Passage


def test_the_numpy_forward_gives_the_logits_torch_gave_at_fit_time() -> None:
    adapter = load_adapter()
    pairs = list(zip(adapter["reference_a"].tolist(), adapter["reference_b"].tolist()))
    assert len(pairs) >= 4
    np.testing.assert_allclose(default_encoder().logits(pairs), adapter["reference_logits"], atol=1e-3)


words = st.sampled_from("the council said on monday that its new budget would rise by four percent after a long vote".split())
sentences = st.lists(words, min_size=1, max_size=40).map(" ".join)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(sentences, sentences), min_size=2, max_size=6))
def test_a_pair_scores_the_same_alone_and_padded_in_a_batch(pairs: list[tuple[str, str]]) -> None:
    encoder = default_encoder()
    together = encoder.logits(pairs, max_tokens=10_000)
    alone = np.array([encoder.logits([pair])[0] for pair in pairs])
    np.testing.assert_allclose(together, alone, atol=1e-4)


def test_a_copy_that_adds_a_claim_outscores_a_faithful_reword() -> None:
    source = "The council approved the new harbour budget on Tuesday after a long debate."
    reworded = "After a long debate on Tuesday, the council passed the new harbour budget."
    added = ("The council approved the new harbour budget on Tuesday after a long debate, "
             "and the mayor promised to resign if the ferry fares rose again.")
    faithful, extended = default_encoder().logits([(source, reworded), (source, added)])
    assert extended > faithful


def test_verbatim_passages_are_not_scored() -> None:
    text = "The council approved the budget on Tuesday."
    passage = Passage((0, len(text)), (0, len(text)), "verbatim", 1.0, (), (((0, len(text)), (0, len(text))),))
    assert summarise(text, text, (passage,)) == (False, 0.0)
