"""Claims a copy adds, across the ways rewrites slip them in, and faithful twins that add only filler.

Each row is a source, a copy, and a word of the added claim (None for a faithful twin, where explain
must report no ``addition``). Every text is our own writing.
"""

from __future__ import annotations

from typing import NamedTuple

from unspin.api import article_from_text, compare


class Row(NamedTuple):
    source: str
    copy: str
    added: str | None


_MILL = ("The Harwick paper mill will close in March. The owners said demand for newsprint had fallen for a decade. "
         "About 140 people work at the site. The town council said it would help staff find new jobs.")
_BRIDGE = ("Engineers closed the Lune Street bridge on Monday. An inspection found cracks in two of its supports. "
           "Buses will take a diversion through Oakfield. Repairs are expected to take six weeks.")
_SCHOOL = ("Greyfield Primary School will open a new library in September. The building was paid for by a local charity. "
           "It will hold around 5,000 books. Pupils helped choose the name.")
_FESTIVAL = ("The Tarn Valley folk festival drew 12,000 visitors this year. Organisers moved the main stage to the "
             "riverside meadow. Tickets sold out two weeks before the event. Next year's dates will be announced in May.")

ADDED = [
    # an invented cause
    Row("Workers at the Dunmore depot walked out on Friday.",
        "Workers at the Dunmore depot walked out on Friday after a row over unpaid overtime.", "overtime"),
    Row(_BRIDGE, _BRIDGE.replace("on Monday.", "on Monday after a lorry struck its railings."), "lorry"),
    Row("The library will shut two hours early on weekdays. The change starts in April.",
        "The library will shut two hours early on weekdays because the council slashed its budget. The change starts in April.",
        "budget"),
    # an invented consequence
    Row("A fire broke out at a block of flats in Kelby on Sunday night. Firefighters brought it under control by midnight.",
        "A fire broke out at a block of flats in Kelby on Sunday night, forcing 200 residents to leave their homes. "
        "Firefighters brought it under control by midnight.", "residents"),
    Row(_MILL, _MILL.replace("will close in March.", "will close in March, leaving the town without its largest employer."),
        "employer"),
    Row("The ferry company cancelled all sailings to Rask island on Tuesday because of high winds.",
        "The ferry company cancelled all sailings to Rask island on Tuesday because of high winds, prompting islanders to "
        "stockpile food and fuel.", "stockpile"),
    Row("The bank raised its savings rate to 4 percent.",
        "The bank raised its savings rate to 4 percent, sending its shares sharply higher in early trading.", "shares"),
    # an invented quote or reaction
    Row(_SCHOOL, _SCHOOL + ' "This is the best thing to happen to the village in years," one parent said.', "village"),
    Row(_FESTIVAL, _FESTIVAL.replace("the event.", "the event. Residents complained about noise and traffic all weekend."),
        "noise"),
    Row("The minister announced a review of rail fares on Thursday. The review will report next spring.",
        "The minister announced a review of rail fares on Thursday. Passenger groups called the move long overdue and "
        "too timid. The review will report next spring.", "overdue"),
    # an invented figure attached to a real fact
    Row("The council will spend more on road repairs this year. Work starts on the worst streets in June.",
        "The council will spend an extra 3 million pounds on road repairs this year. Work starts on the worst streets in June.",
        "million"),
    Row(_BRIDGE, _BRIDGE.replace("take a diversion through Oakfield.",
                                 "take a diversion through Oakfield, adding 25 minutes to each journey."), "minutes"),
    Row("The zoo welcomed a baby giraffe last week. Keepers said mother and calf were doing well.",
        "The zoo welcomed a baby giraffe weighing 60 kilograms last week. Keepers said mother and calf were doing well.",
        "kilograms"),
    # a claim slipped into a clause
    Row("The museum will open on Sundays from next month.",
        "The museum will open on Sundays from next month, which has never happened in its 90-year history.", "history"),
    Row("A van was stolen from a car park in Leddon overnight. It was found burnt out near the bypass.",
        "A van was stolen from a car park in Leddon overnight, and police are treating the theft as part of a wider gang "
        "operation. It was found burnt out near the bypass.", "gang"),
    Row(_MILL, _MILL.replace("About 140 people work at the site.",
                             "About 140 people, most of whom have worked there for over twenty years, work at the site."),
        "twenty"),
    Row("The airline will drop its route to Varna in the winter.",
        "The airline, which is facing heavy losses, will drop its route to Varna in the winter.", "losses"),
    # an invented clickbait headline claim
    Row(_FESTIVAL, "Folk festival chaos as thousands stranded by shuttle bus failure\n" + _FESTIVAL, "stranded"),
    Row(_SCHOOL, "Village school library sparks fierce row among parents\n" + _SCHOOL, "row"),
    Row(_BRIDGE, "Bridge on brink of collapse, engineers warn\n" + _BRIDGE, "collapse"),
    # an added detail inside heavy paraphrase
    Row("The Harwick paper mill will close in March, its owners said.",
        "Harwick's paper mill is set to shut its doors for good in March after its owners failed to find a buyer.", "buyer"),
    Row("Repairs to the sea wall at Brenhaven are expected to take six weeks.",
        "Work to fix Brenhaven's sea wall, damaged in last winter's storms, should last around six weeks.", "storms"),
    Row(_SCHOOL, _SCHOOL.replace("The building was paid for by a local charity.",
                                 "A local charity, founded by a retired head teacher, footed the bill for the building."),
        "founded"),
    Row(_BRIDGE, _BRIDGE.replace("An inspection found cracks in two of its supports.",
                                 "Cracks were spotted in two supports during an inspection ordered after residents "
                                 "reported shaking."), "shaking"),
    Row(_SCHOOL, _SCHOOL.replace("It will hold around 5,000 books.",
                                 "Around 5,000 books, many donated by a retired bookseller, will fill its shelves."),
        "bookseller"),
    Row("Tickets for the final sold out in an hour.",
        "Tickets for the final, priced at up to 300 euros, were snapped up within an hour.", "euros"),
    # a speculation stated as fact
    Row(_MILL, _MILL.replace("The town council said it would help staff find new jobs.",
                             "The town council said it would help staff find new jobs. The closure will push the "
                             "town into recession."), "recession"),
    Row("The striker missed training on Wednesday.",
        "The striker missed training on Wednesday because he is about to join a rival club.", "rival"),
    Row(_FESTIVAL, _FESTIVAL.replace("Next year's dates will be announced in May.",
                                     "Next year's dates will be announced in May. The festival is certain to move to a "
                                     "bigger site."), "bigger"),
    Row("The mayor did not attend Tuesday's council meeting. Her office gave no reason.",
        "The mayor did not attend Tuesday's council meeting. She is quietly preparing to resign. Her office gave no reason.",
        "resign"),
    Row("The hospital opened a new maternity ward on Friday.",
        "The hospital opened a new maternity ward on Friday, ending years of overcrowding that had put mothers at risk.",
        "overcrowding"),
    Row("Police closed the coast road after a landslip.",
        "Police closed the coast road after a landslip that swept two cars into the sea.", "swept"),
]

FAITHFUL = [
    Row(_MILL, _MILL.replace("will close in March.", "will close in March, in a move that surprised few."), None),
    Row(_BRIDGE, _BRIDGE.replace("Engineers closed the Lune Street bridge on Monday.",
                                 "The Lune Street bridge was closed by engineers on Monday."), None),
    Row(_SCHOOL, "Greyfield Primary School to open new library\n" + _SCHOOL, None),
    Row(_FESTIVAL, "Tarn Valley folk festival draws 12,000 visitors\n" + _FESTIVAL, None),
    Row("The council will spend more on road repairs this year.",
        "The decision, announced on Tuesday, means the council will spend more on road repairs this year.", None),
    Row(_MILL, _MILL.replace("About 140 people work at the site.", "Around 140 people are employed at the site."), None),
    Row(_BRIDGE, _BRIDGE.replace("Repairs are expected to take six weeks.",
                                 "Repairs are expected to take six weeks, officials said."), None),
    Row("The museum will open on Sundays from next month.",
        "From next month, the museum will also open its doors on Sundays.", None),
    Row(_SCHOOL, _SCHOOL.replace("Pupils helped choose the name.", "The name was chosen with help from pupils."), None),
    Row(_FESTIVAL, _FESTIVAL.replace("this year.", "this year, according to organisers."), None),
    Row("A fire broke out at a block of flats in Kelby on Sunday night. Firefighters brought it under control by midnight.",
        "A fire broke out at a block of flats in Kelby late on Sunday. By midnight, firefighters had it under control.", None),
    Row(_MILL, _MILL + " More details are expected in the coming days.", None),
    Row("The airline will drop its route to Varna in the winter.",
        "In news that will interest travellers, the airline will drop its route to Varna in the winter.", None),
    Row(_BRIDGE, "Lune Street bridge closed after inspection finds cracks\n" + _BRIDGE, None),
    Row("The zoo welcomed a baby giraffe last week. Keepers said mother and calf were doing well.",
        "Last week the zoo welcomed a baby giraffe. Mother and calf are doing well, according to keepers.", None),
]


def additions(row: Row) -> list[str]:
    """The copy's words each ``addition`` the comparison of ``row`` reports points at."""
    result = compare(article_from_text(row.source), article_from_text(row.copy))
    changes = [c for p in result.passages for c in p.changes if c.type == "addition"]
    return [c.b_text.lower() for c in changes]


def found(row: Row) -> bool:
    assert row.added is not None
    return any(row.added in text for text in additions(row))


def test_most_added_claims_are_reported_as_additions_with_the_copy_words() -> None:
    """All but five: three single-sentence paraphrases the aligner does not pair at all (nothing to explain),
    and two figures added without a clause ("an extra 3 million pounds", "weighing 60 kilograms"), which
    a clause-sized bar for numbers would find at the cost of false flags on paraphrase corpora (ETPC)."""
    missed = [row.copy for row in ADDED if not found(row)]
    assert len(missed) <= 5, missed


def test_faithful_twins_add_nothing() -> None:
    loud = [(row.copy, additions(row)) for row in FAITHFUL if additions(row)]
    assert not loud, loud
