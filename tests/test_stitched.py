"""Stitched copies: a page blended from several stored articles traces to each, no sentence to two."""

from __future__ import annotations

import json
import random

import pytest

from unspin.add import ingest
from unspin.api import article_from_text
from unspin.evaluation.spinner import stitch
from unspin.records import Trace
from unspin.store import Store
from unspin.trace import Tracer

FERRY = [
    "Island ferry fares to rise in April",
    "The operator of the island ferry said on Monday that fares would rise by eight per cent in April.",
    "Fuel costs for the three vessels have doubled since the last review, the company said.",
    "Residents of the outer islands, who rely on the crossing for work and school, called the rise unfair.",
    "A return ticket for a car and two passengers will cost forty-one pounds under the new tariff.",
    "The council, which subsidises the route, said it would ask the operator to freeze fares for pensioners.",
    "Timetables will not change, and the winter service will keep its two daily sailings.",
    "The operator last raised prices three years ago, when it replaced the oldest of its ships.",
    "A consultation on discounts for regular travellers closes at the end of March.",
]
ORCHARD = [
    "Volunteers replant the old town orchard",
    "More than sixty volunteers spent Saturday replanting the orchard behind the old grammar school.",
    "The apple trees, some of them over a century old, had been felled after a fungus spread through the site.",
    "Saplings grafted from the surviving trees were grown for two years in a nursery near the river.",
    "The local history society says the orchard once supplied cider to half the inns in the county.",
    "Children from the primary school labelled each tree with the name of the variety it came from.",
    "The first fruit is not expected for another four summers.",
    "Organisers hope to hold an apple day in the orchard once the trees begin to crop.",
]
OBSERVATORY = [
    "Hilltop observatory reopens to the public",
    "The observatory on Beacon Hill reopened on Friday after a two-year restoration of its copper dome.",
    "Engineers replaced the rusted rails on which the dome turns and rebuilt the shutter by hand.",
    "The main telescope, a refractor built in 1891, was cleaned and realigned by a team from the university.",
    "Public viewing nights will run every clear Thursday from October until March.",
    "Tickets are free for children, and places can be booked on the trust's website.",
    "The trust raised most of the money through a public appeal and a heritage grant.",
    "Astronomers hope the site will help to persuade the council to limit street lighting on the hill.",
    "A small exhibition on the history of the building opens in the former caretaker's cottage.",
]
# The orchard story again, as a second site ran it: one sentence differs.
ORCHARD_TWIN = ORCHARD[:6] + [
    "The trees should bear their first apples in about four years, the society said.",
] + ORCHARD[7:]


def _text(lines: list[str]) -> str:
    return lines[0] + "\n\n" + " ".join(lines[1:]) + "\n"


@pytest.fixture(scope="module")
def tracer(tmp_path_factory: pytest.TempPathFactory) -> Tracer:
    root = tmp_path_factory.mktemp("stitched")
    corpus = root / "stories.jsonl"
    stories = {"ferry": FERRY, "orchard": ORCHARD, "observatory": OBSERVATORY, "orchard-twin": ORCHARD_TWIN}
    corpus.write_text("".join(json.dumps({"id": name, "text": _text(lines)}) + "\n" for name, lines in stories.items()),
                      encoding="utf-8")
    store = Store(root / "s.db")
    ingest([str(corpus)], store)
    return Tracer(store)


def _name(trace: Trace, k: int) -> str:
    return trace.sources[k].source.source.rsplit("#", 1)[-1]


def _given(trace: Trace, sentence: tuple[int, int]) -> list[str]:
    """The listed sources whose passages hold ``sentence`` of the traced article."""
    return [_name(trace, k) for k, match in enumerate(trace.sources)
            if any(a[0] <= sentence[0] and sentence[1] <= a[1] for p in match.passages for a, _ in p.units)]


def test_a_page_stitched_from_three_stories_traces_to_each_with_no_sentence_given_twice(tracer: Tracer) -> None:
    # Reworded by hand, in blocks from each story, interleaved as a content farm would.
    page = [
        ("ferry", "Ferry fares to the islands will go up by eight per cent from April, the operator announced on Monday."),
        ("ferry", "The firm said fuel bills for its three boats had doubled since the previous review."),
        ("observatory", "Meanwhile the Beacon Hill observatory has reopened after its copper dome was restored over two years."),
        ("observatory", "Its 1891 refractor telescope was cleaned and realigned by a university team."),
        ("observatory", "Viewing nights are planned for every clear Thursday between October and March."),
        ("orchard", "Elsewhere, over sixty volunteers replanted the orchard behind the old grammar school on Saturday."),
        ("orchard", "Its apple trees, a few more than a hundred years old, were cut down after a fungus spread across the site."),
        ("ferry", "Islanders who depend on the crossing to get to work and school said the increase was unfair."),
        ("ferry", "Under the new tariff a return ticket for a car and two passengers will cost forty-one pounds."),
        ("orchard", "The local history society says the orchard used to supply cider to half the inns in the county."),
    ]
    text = "Round-up: fares, telescopes and apples\n\n" + "\n\n".join(sentence for _, sentence in page) + "\n"
    article = article_from_text(text, "roundup")
    trace = tracer.trace(article, explain=False)
    listed = [_name(trace, k) for k in range(len(trace.sources))]
    assert {"ferry", "orchard", "observatory"} <= set(listed[:3])
    for match in trace.sources:
        assert match.coverage > 0 and match.passages
    body = article.sentences[1:]
    assert len(body) == len(page)
    for (truth, _), sentence in zip(page, body):
        given = _given(trace, sentence)
        assert len(given) <= 1, f"{article.text[sentence[0]:sentence[1]]!r} given to {given}"
        assert given in ([], [truth]) or (truth == "orchard" and given == ["orchard-twin"])
    found = sum(bool(_given(trace, s)) for s in body)
    assert found >= len(page) - 1
    explained = sum(round(m.coverage * len(article.sentences)) for m in trace.sources)
    assert explained == len(article.sentences) - len(trace.unexplained)


def test_a_copy_of_one_of_two_near_duplicates_goes_to_the_one_it_copies(tracer: Tracer) -> None:
    text = _text(ORCHARD_TWIN[:1] + [s.replace("volunteers", "helpers") for s in ORCHARD_TWIN[1:]])
    trace = tracer.trace(article_from_text(text, "twin-copy"), explain=False)
    assert _name(trace, 0) == "orchard-twin"
    article = trace.article
    assert all(len(_given(trace, s)) <= 1 for s in article.sentences)
    assert "orchard" not in [_name(trace, k) for k in range(len(trace.sources))]


def test_stitch_labels_every_sentence_with_its_source_and_keeps_shares_in_bounds() -> None:
    sources = [_text(FERRY), _text(ORCHARD), _text(OBSERVATORY)]
    for seed in range(20):
        n = 2 + seed % 2
        copy = stitch(sources[:n], 0.2, random.Random(seed))
        assert len(copy.sentences) == len(copy.origins)
        assert {o.source for o in copy.origins} == set(range(n))
        assert copy.origins[0].source == 0
        for (start, end), origin in zip(copy.sentences, copy.origins):
            assert copy.text[start:end].strip() == copy.text[start:end] != ""
            assert origin.sentences and max(origin.sentences) < len(article_from_text(sources[origin.source], "s").sentences)
        for k in range(n):
            assert len(copy.contributed(k)) >= 2
            assert 0.1 <= len(copy.contributed(k)) / len(copy.origins) <= 0.75
        assert [s for s, _ in copy.sentences] == sorted(s for s, _ in copy.sentences)


@pytest.mark.parametrize("count", [1, 4])
def test_stitch_takes_two_or_three_sources(count: int) -> None:
    with pytest.raises(ValueError, match="two or three"):
        stitch([_text(FERRY)] * count, 0.2, random.Random(0))
