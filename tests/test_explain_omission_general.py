"""How a copy claims more than its source by dropping a word or a short phrase, and faithful rewrites that do not.

Each row is a short news sentence as a source wrote it and as a copy rewrote it, set between verbatim
neighbours so the aligner pairs them. A changed row drops a bound ("up to", "no more than"), a share or a
scope ("some", "in parts of", "for now"), a restrictive modifier of a noun both sides keep ("direct flights",
"pre-tax profit"), a condition, or a short clause of circumstance ("shortly after the raid"): the copy's claim
is stronger than the source's, an ``omission`` (issue 18). A faithful row drops a descriptive word a reader
does not need ("the busy market"), restates a restriction in other words, or moves it: it must draw no
reported change over the rewritten sentence and no omitted source span. Every text is our own.
"""

from __future__ import annotations

import pytest
from sentence_tables import Row, read
from sentence_tables import types as _is

_AROUND = [
    ("The town has about 40,000 residents.", "A public meeting is planned for the spring."),
    ("The story was first reported by the Kelmouth Gazette.", "Further updates are expected later in the week."),
]
_OM = _is("omission")

CHANGED = [
    # bounds
    Row("up to dropped", "The scheme will create up to 300 jobs in the valley.", "The scheme will create 300 jobs in the valley.", _OM),
    Row("no more than dropped", "Each household may keep no more than two dogs.", "Each household may keep two dogs.", _OM),
    Row("as many as dropped", "As many as 5,000 homes lost power overnight.", "Some 5,000 homes lost power overnight.", _OM),
    Row("in excess of dropped", "The repairs will cost in excess of £2 million.", "The repairs will cost £2 million.", _OM),
    Row("under dropped", "Turnout was under 30% in the northern wards.", "Turnout was 30% in the northern wards.", _OM),
    Row("at least dropped", "At least 12 boats were damaged in the storm.", "Twelve boats were damaged in the storm.", _OM),
    Row("for at least dropped", "The bridge will stay closed for at least six weeks, engineers said.",
        "The bridge will stay closed, engineers said.", _OM),
    Row("a maximum of dropped", "Fans can buy a maximum of four tickets each.", "Fans can buy four tickets each.", _OM),
    Row("nearly all dropped", "Nearly all of the stalls reopened on Monday.", "All of the stalls reopened on Monday.", _OM),
    Row("no earlier than dropped", "The new terminal will open no earlier than next spring.",
        "The new terminal will open next spring.", _OM),
    # shares, scopes and frequency
    Row("some dropped", "Some teachers at the school backed the strike.", "Teachers at the school backed the strike.", _OM),
    Row("in some areas dropped", "Water bills will rise by 8% in some areas.", "Water bills will rise by 8%.", _OM),
    Row("in parts of dropped", "Snow fell in parts of the county overnight.", "Snow fell across the county overnight.", _OM),
    Row("for now dropped", "The mine will stay open for now, the owners said.", "The mine will stay open, the owners said.", _OM),
    Row("initially dropped", "The clinic will initially open two days a week.", "The clinic will open two days a week.", _OM),
    Row("for the first time dropped", "Women will referee the final for the first time.", "Women will referee the final.", _OM),
    Row("sometimes dropped", "Patients were sometimes left waiting in corridors.", "Patients were left waiting in corridors.", _OM),
    Row("often dropped", "Night buses often run late on the coast road.", "Night buses run late on the coast road.", _OM),
    Row("partly dropped", "The delay was partly caused by staff shortages.", "The delay was caused by staff shortages.", _OM),
    Row("mainly dropped", "The fund is mainly used to repair village halls.", "The fund is used to repair village halls.", _OM),
    Row("first dropped", "It was the club's first win at the ground.", "It was the club's win at the ground.", _OM),
    Row("only dropped", "The firm is the only bidder for the contract.", "The firm is a bidder for the contract.", _OM),
    # restrictive modifiers of a noun both sides keep
    Row("direct dropped", "The airline will cut direct flights to Lisbon.", "The airline will cut flights to Lisbon.", _OM),
    Row("full-time dropped", "The bakery employs 40 full-time staff.", "The bakery employs 40 staff.", _OM),
    Row("permanent dropped", "The factory will create 120 permanent jobs.", "The factory will create 120 jobs.", _OM),
    Row("domestic dropped", "Domestic sales fell by 4% last year.", "Sales fell by 4% last year.", _OM),
    Row("pre-tax dropped", "The brewer reported a pre-tax profit of £3 million.", "The brewer reported a profit of £3 million.", _OM),
    Row("confirmed dropped", "Health officials recorded 45 confirmed cases this week.", "Health officials recorded 45 cases this week.", _OM),
    Row("adult dropped", "The trial enrolled 200 adult patients at three hospitals.",
        "The trial enrolled 200 patients at three hospitals.", _OM),
    Row("eligible dropped", "Eligible households will receive a £150 payment.", "Households will receive a £150 payment.", _OM),
    Row("mainland dropped", "It is the largest wind farm in mainland Scotland.", "It is the largest wind farm in Scotland.", _OM),
    Row("part-time dropped", "The library will hire six part-time librarians.", "The library will hire six librarians.", _OM),
    Row("registered dropped", "Registered voters can apply for a postal ballot.", "Voters can apply for a postal ballot.", _OM),
    Row("rural dropped", "The bank will close 30 rural branches.", "The bank will close 30 branches.", _OM),
    # conditions
    Row("if clause dropped", "The league will expand to 20 clubs if the vote passes.", "The league will expand to 20 clubs.", _OM),
    Row("subject to dropped", "The sale will go ahead, subject to approval by shareholders.", "The sale will go ahead.", _OM),
    Row("unless clause dropped", "The pier will close in May unless a buyer is found.", "The pier will close in May.", _OM),
    # short clauses of circumstance
    Row("after a poor start dropped", "United won the match after a poor start.", "United won the match.", _OM),
    Row("shortly after the raid dropped", "Two men were arrested shortly after the raid.", "Two men were arrested.", _OM),
    Row("following complaints dropped", "The council closed the car park following complaints from residents.",
        "The council closed the car park.", _OM),
    Row("amid protests dropped", "The mayor resigned on Friday amid protests over the budget.", "The mayor resigned on Friday.", _OM),
    Row("none of them dropped", "Six people were taken to hospital, none of them seriously hurt.",
        "Six people were taken to hospital.", _OM),
    Row("in place of dropped", "The deputy spoke at the summit in place of the minister, who was ill.",
        "The deputy spoke at the summit.", _OM),
]

FAITHFUL = [
    # descriptive words a reader does not need
    Row("busy dropped", "Police closed the busy market on Saturday.", "Police closed the market on Saturday."),
    Row("historic dropped", "The fire damaged the historic town hall.", "The fire damaged the town hall."),
    Row("popular dropped", "The popular café will reopen next week.", "The café will reopen next week."),
    Row("bustling dropped", "Traffic was halted in the bustling high street.", "Traffic was halted in the high street."),
    Row("quiet dropped", "The quiet village of Elsby has a new school.", "The village of Elsby has a new school."),
    Row("famous dropped", "The famous pier was built in 1890.", "The pier was built in 1890."),
    Row("veteran dropped", "The veteran striker scored twice in the second half.", "The striker scored twice in the second half."),
    Row("beloved dropped", "Fans gathered outside the beloved stadium.", "Fans gathered outside the stadium."),
    Row("sprawling dropped", "The sprawling estate was sold to a developer.", "The estate was sold to a developer."),
    Row("picturesque dropped", "Tourists crowded the picturesque harbour.", "Tourists crowded the harbour."),
    Row("day of week dropped", "The council approved the plan on Tuesday.", "The council approved the plan."),
    Row("title dropped", "Chief executive Maria Holt said sales were strong.", "Maria Holt said sales were strong."),
    # a restriction restated in other words
    Row("direct to non-stop", "The airline will cut direct flights to Lisbon.", "The airline will cut non-stop flights to Lisbon."),
    Row("pre-tax to before tax", "The brewer reported a pre-tax profit of £3 million.",
        "The brewer reported a profit before tax of £3 million."),
    Row("up to to as many as", "The scheme will create up to 300 jobs.", "The scheme will create as many as 300 jobs."),
    Row("at least to no fewer than", "At least 12 boats were damaged in the storm.", "No fewer than 12 boats were damaged in the storm."),
    Row("some to several", "Some teachers backed the strike.", "Several teachers backed the strike."),
    Row("in some areas to in places", "Water bills will rise by 8% in some areas.", "In places, water bills will rise by 8%."),
    Row("full-time to full time", "The bakery employs 40 full-time staff.", "The bakery has 40 staff working full time."),
    Row("sometimes to at times", "Patients were sometimes left waiting in corridors.", "At times patients were left waiting in corridors."),
    Row("often to frequently", "Night buses often run late on the coast road.", "Night buses frequently run late on the coast road."),
    Row("partly to in part", "The delay was partly caused by staff shortages.", "The delay was caused in part by staff shortages."),
    Row("mainly to mostly", "The fund is mainly used to repair village halls.", "The fund is mostly used to repair village halls."),
    Row("first to maiden", "It was the club's first win at the ground.", "It was the club's maiden win at the ground."),
    Row("initially to at first", "The clinic will initially open two days a week.", "At first the clinic will open two days a week."),
    Row("for now to for the time being", "The mine will stay open for now.", "The mine will stay open for the time being."),
    Row("no more than to at most", "Each household may keep no more than two dogs.", "Each household may keep at most two dogs."),
    Row("in excess of to more than", "The repairs will cost in excess of £2 million.", "The repairs will cost more than £2 million."),
    Row("under to less than", "Turnout was under 30% in the northern wards.", "Turnout was less than 30% in the northern wards."),
    Row("eligible to who qualify", "Eligible households will receive a £150 payment.",
        "Households that are eligible will receive a £150 payment."),
    # a restriction or clause moved within the sentence
    Row("condition moved", "If the vote passes, the league will expand to 20 clubs.", "The league will expand to 20 clubs if the vote passes."),
    Row("domestic moved", "Domestic sales fell by 4% last year.", "Sales at home fell by 4% last year, the domestic market being weak."),
    Row("clause moved", "Following complaints from residents, the council closed the car park.",
        "The council closed the car park following complaints from residents."),
    Row("for the first time moved", "For the first time, women will referee the final.", "Women will referee the final for the first time."),
    Row("shortly after moved", "Shortly after the raid, two men were arrested.", "Two men were arrested shortly after the raid."),
    Row("confirmed kept passive", "Health officials recorded 45 confirmed cases this week.",
        "There were 45 confirmed cases this week, health officials said."),
    Row("rural kept", "The bank will close 30 rural branches.", "Thirty rural branches of the bank will close."),
    Row("adult kept", "The trial enrolled 200 adult patients.", "Adult patients, 200 of them, took part in the trial."),
    Row("permanent kept", "The factory will create 120 permanent jobs.", "The factory will bring 120 permanent jobs."),
    Row("mainland kept", "It is the largest wind farm in mainland Scotland.", "Of all the wind farms in mainland Scotland, it is the largest."),
    Row("up to kept", "Fans can buy up to four tickets each.", "Each fan can buy up to four tickets."),
    Row("none of them reworded", "Six people were taken to hospital, none of them seriously hurt.",
        "Six people were taken to hospital, but none was seriously hurt."),
    Row("some kept in some of", "Some of the teachers backed the strike.", "Some teachers backed the strike."),
]


def test_the_table_covers_the_frames() -> None:
    assert len(CHANGED) >= 40 and len(FAITHFUL) >= 40
    assert len({r.frame for r in CHANGED + FAITHFUL}) == len(CHANGED) + len(FAITHFUL)
    assert all(row.want for row in CHANGED) and all(row.want is None for row in FAITHFUL)


@pytest.mark.parametrize("k, row", list(enumerate(CHANGED)), ids=[r.frame for r in CHANGED])
def test_a_stronger_claim_is_an_omission(k: int, row: Row) -> None:
    assert row.want is not None
    reading = read(row, _AROUND[k % len(_AROUND)])
    found = reading.types | ({"omission"} if reading.omitted else set())
    assert found & row.want, (row.copy, sorted(found), sorted(row.want))


@pytest.mark.parametrize("k, row", list(enumerate(FAITHFUL)), ids=[r.frame for r in FAITHFUL])
def test_a_claim_kept_as_strong_is_not_flagged(k: int, row: Row) -> None:
    reading = read(row, _AROUND[k % len(_AROUND)])
    assert not reading.types and not reading.omitted, (row.copy, sorted(reading.types), reading.omitted)
