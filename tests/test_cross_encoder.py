"""The NumPy cross-encoder: the fit script's torch logits reproduced, and padding that changes nothing."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings, strategies as st

from unspin.align.aligner import align
from unspin.api import article_from_text
from unspin.explain.changes import explain_passages
from unspin.explain.cross_encoder import Tokens, default_encoder, load_adapter
from unspin.explain.meaning import deciding_logits, default_model, passage_features, summarise
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


def test_no_logit_lies_outside_the_heads_bound() -> None:
    encoder = default_encoder()
    adapter = load_adapter()
    pairs = list(zip(adapter["reference_a"].tolist(), adapter["reference_b"].tolist()))
    pairs += [("The council approved the budget.", "Heavy rain flooded three villages overnight."),
              ("The council approved the budget.", "The council approved the budget.")]
    logits = encoder.logits(pairs)
    assert 0 < encoder.logit_bound < 50
    assert (np.abs(logits) < encoder.logit_bound).all()


class CountingEncoder:
    """The shipped encoder, counting the passages it reads."""

    def __init__(self) -> None:
        self.inner = default_encoder()
        self.logit_bound = self.inner.logit_bound
        self.read = 0

    def encode(self, pairs: list[tuple[str, str]]) -> Tokens:
        return self.inner.encode(pairs)

    def logits_of(self, tokens: Tokens, rows: np.ndarray, max_tokens: int = 256) -> np.ndarray:
        self.read += len(rows)
        return self.inner.logits_of(tokens, rows)


SOURCE = ("The council approved the £25m harbour budget on Tuesday, officials said. The ferry will run every hour from May. "
          "Fares stay at two pounds for residents. The mayor said the pier would reopen in June. "
          "Work on the sea wall starts next week. Engineers expect the repairs to take a month. "
          "The town's museum will host an exhibition on the harbour's history.")
COPIES = (
    "The council approved the £25m harbour budget on Tuesday, officials said. A ferry is to sail hourly from May. "
    "Residents will keep paying two pounds. The mayor said the pier would reopen in June. "
    "Work on the sea wall begins next week. Engineers expect the repairs to take a month. "
    "The town's museum will host an exhibition on the harbour's history.",
    "The council did not approve the £40m harbour budget on Friday, Mayor Ines Okafor admitted. "
    "The ferry will run every hour from May. "
    "Fares stay at two pounds for residents. The mayor said the pier would reopen in July. "
    "Work on the sea wall starts next week. Engineers say the repairs should take a month. "
    "The town's museum will host an exhibition on the harbour's history.",
    "The council approved the £25m harbour budget on Tuesday, officials said. The ferry will run every hour from May. "
    "Fares double to four pounds for residents. The mayor said the pier would reopen in June. "
    "Work on the sea wall starts next week. Engineers now expect the repairs to take a month. "
    "The town's museum will host an exhibition on the harbour's past.",
)


def full_read(features: np.ndarray, pairs: list[tuple[str, str]]) -> tuple[bool, float]:
    """A pair's result with every passage read by the cross-encoder: what skipping must reproduce."""
    model = default_model()
    every = features.copy()
    every[:, -1] = default_encoder().logits(pairs)
    return bool(model.changed(every).any()), round(float(model.probability(every).max()), 4)


def test_skipping_passages_leaves_each_pairs_result_as_reading_them_all() -> None:
    for copy in COPIES:
        a, b = article_from_text(SOURCE), article_from_text(copy)
        passages = explain_passages(a, b, align(a, b))
        scored = [p for p in passages if p.kind != "verbatim"]
        features = np.stack([passage_features(a.text, b.text, p, 0.0) for p in scored])
        pairs = [(a.text[p.a[0]:p.a[1]], b.text[p.b[0]:p.b[1]]) for p in scored]
        assert summarise(a.text, b.text, passages) == full_read(features, pairs)


def test_a_passage_that_cannot_outscore_the_most_changed_one_is_not_read() -> None:
    model = default_model()
    pairs = [(SOURCE, COPIES[1]), (SOURCE, COPIES[0]), (SOURCE, COPIES[2])]
    features = np.tile(model.mean, (3, 1))
    strongest = int(np.argmax(model.weights[:-1]))
    reach = 2 * abs(model.weights[-1] / model.scale[-1]) * default_encoder().logit_bound + 1
    features[0, strongest] += model.scale[strongest] * reach / model.weights[strongest]  # far above the others
    counting = CountingEncoder()
    features[:, -1] = deciding_logits(model, features, pairs, counting)  # type: ignore[arg-type]
    assert counting.read == 1
    assert (bool(model.changed(features).any()), round(float(model.probability(features).max()), 4)) == full_read(features, pairs)
