"""How wire copy is rewritten without changing meaning, and mirrored rewrites on the same frames that do.

Each row is one short news sentence (or two, for splits and merges) as the source wrote it and as a copy
rewrote it, set between the same verbatim neighbours so the aligner pairs them. A faithful row (``want`` is
None) must draw no reported change and no omitted source span over the rewritten sentence on either side.
A changed row names the change types that are right for it (more than one only where the frame is read
either way, as a dropped "up to" is both a lost qualifier and a weaker hedge). Every text is our own writing.
"""

from __future__ import annotations

import pytest
from sentence_tables import Row, read
from sentence_tables import types as _is


_AROUND = [
    ("Residents can read the full notice at the town library.", "Copies will also be posted to every household."),
    ("The news was first reported by the Brenhaven Courier.", "Further updates are promised later in the week."),
    ("Local groups have followed the matter closely for months.", "A public meeting is planned for the spring."),
]

FAITHFUL = [
    # attribution: the verb, the frame and the speaker's place
    Row("speaker moved to front", "The mill will close in March, the owners said.",
        "The owners said the mill will close in March."),
    Row("speaker moved to end", "Police said the road would reopen on Friday.",
        "The road would reopen on Friday, police said."),
    Row("said to according to", "The council said the budget was balanced.",
        "According to the council, the budget was balanced."),
    Row("in a statement moved", "The company said in a statement that it would cut 40 jobs.",
        "The company will cut 40 jobs, it said in a statement."),
    Row("told reporters to said", "The minister told reporters that talks had stalled.",
        "Talks had stalled, the minister said."),
    Row("spokesperson for X to X's spokesperson", "A spokesperson for Harlow Water said supplies were safe.",
        "Harlow Water's spokesperson said supplies were safe."),
    Row("says present to said", "Supplies are safe, says Harlow Water.",
        "Harlow Water said supplies were safe."),
    Row("said on Tuesday moved", "The mayor said on Tuesday that the festival would go ahead.",
        "On Tuesday, the mayor said the festival would go ahead."),
    Row("added to said", "The coach added that the squad was fully fit.",
        "The coach said that the squad was fully fit."),
    Row("noted to said", "The head teacher noted that attendance had risen.",
        "Attendance had risen, the head teacher said."),
    Row("explained to said", "The engineer explained that the pipe had frozen overnight.",
        "The pipe had frozen overnight, the engineer said."),
    Row("said to according to, end", "Officials said the fire started in the kitchen.",
        "The fire started in the kitchen, according to officials."),
    Row("announced to said", "The airline announced that it would add flights to Varna.",
        "The airline said it would add flights to Varna."),
    Row("in a statement to front", "In a statement, the club said the match was postponed.",
        "The club said in a statement that the match had been postponed."),
    Row("told a newspaper moved", "Police told the Courier that two men had been arrested.",
        "Two men had been arrested, police told the Courier."),
    Row("title moved around name", "The school's head, Mark Ellis, said the roof would be repaired.",
        "Mark Ellis, head of the school, said the roof would be repaired."),
    Row("say present tense, reported", "Police say the coast road is closed.",
        "Police said the coast road was closed."),
    Row("confirmed to said", "The hospital confirmed that the ward had reopened.",
        "The ward had reopened, the hospital said."),
    Row("said to stated", "The report said the river was clean.",
        "The river was clean, the report stated."),
    # modality kept at the same strength
    Row("expected to likely to", "The bridge is expected to reopen in May.",
        "The bridge is likely to reopen in May."),
    Row("may to might", "Prices may rise next year.", "Prices might rise next year."),
    Row("could to may", "The storm could bring flooding to the valley.",
        "The storm may bring flooding to the valley."),
    Row("may to could possibly", "Shares may fall further this week.",
        "Shares could possibly fall further this week."),
    Row("plans to intends to", "The council plans to build 200 homes.",
        "The council intends to build 200 homes."),
    Row("aims to plans to", "The firm aims to hire 50 staff.", "The firm plans to hire 50 staff."),
    Row("will to is due to", "The museum will open in June.", "The museum is due to open in June."),
    Row("will to is scheduled to", "The trial will start on Monday.", "The trial is scheduled to start on Monday."),
    Row("is due to to is scheduled to", "The ferry is due to resume sailings next week.",
        "The ferry is scheduled to resume sailings next week."),
    Row("likely to to will probably", "The plant is likely to close.", "The plant will probably close."),
    Row("expected to to forecast to", "The project is expected to cost 2 million pounds.",
        "The project is forecast to cost 2 million pounds."),
    Row("expected to to predicted to, beside a now", "The striker was expected to miss the match, but he is now fit.",
        "The striker was predicted to miss the match, but he is now fit."),
    Row("hopes to to is hoping to", "The minister hopes to finish the talks by June.",
        "The minister is hoping to finish the talks by June."),
    Row("expected to to set to", "The minister is expected to announce the plan on Monday.",
        "The minister is set to announce the plan on Monday."),
    Row("hopes to to wants to", "The club hopes to sign a new striker.", "The club wants to sign a new striker."),
    Row("apparently to appears to", "The fire was apparently started by a candle.",
        "The fire appears to have been started by a candle."),
    Row("an estimated to about", "An estimated 5,000 people joined the march.", "About 5,000 people joined the march."),
    Row("reportedly to according to reports", "The striker has reportedly agreed a new contract.",
        "The striker has agreed a new contract, according to reports."),
    Row("will likely to is likely to", "The vote will likely be delayed.", "The vote is likely to be delayed."),
    Row("would with according to", "The change would affect 3,000 homes, according to the council.",
        "The council said the change would affect 3,000 homes."),
    Row("speaker kept in a split", "Rents will rise more slowly next year and house prices will stall, said Lowe.",
        "Lowe said rents will rise more slowly next year. House prices will stall."),
    # sentence split, merge and clause order
    Row("split a because clause", "The bridge closed on Monday after cracks were found in its supports.",
        "The bridge closed on Monday. It followed the discovery of cracks in its supports."),
    Row("merge into a relative clause", "The library will open in September. It will hold 5,000 books.",
        "The library, which will open in September, will hold 5,000 books."),
    Row("fronted clause moved to end", "After a two-hour meeting, the board approved the plan.",
        "The board approved the plan after a two-hour meeting."),
    Row("because clause moved", "Because of high winds, the ferry was cancelled.",
        "The ferry was cancelled because of high winds."),
    Row("once clause moved", "Once repairs are finished, the road will reopen.",
        "The road will reopen once repairs are finished."),
    Row("coordination to relative clause", "The shop opened in 1990 and closed last year.",
        "The shop, which opened in 1990, closed last year."),
    Row("split a coordination", "The zoo welcomed a baby giraffe and keepers said both animals were well.",
        "The zoo welcomed a baby giraffe. Keepers said both animals were well."),
    # passive and active with the same parties
    Row("active to passive", "Firefighters rescued two children from the house.",
        "Two children were rescued from the house by firefighters."),
    Row("passive to active", "The plan was approved by the council on Monday.",
        "The council approved the plan on Monday."),
    Row("active to passive, paid for", "A local charity paid for the building.",
        "The building was paid for by a local charity."),
    Row("bought to was bought by", "The firm bought the rival brewery.",
        "The rival brewery was bought by the firm."),
    # nominalisation
    Row("decided to took the decision", "The council decided to close the pool.",
        "The council took the decision to close the pool."),
    Row("protested to held a protest", "Workers protested against the cuts on Friday.",
        "Workers held a protest against the cuts on Friday."),
    Row("investigated to carried out an investigation", "The hospital investigated the complaint.",
        "The hospital carried out an investigation into the complaint."),
    Row("would expand to announced the expansion", "The company announced it would expand its Leeds plant.",
        "The company announced the expansion of its Leeds plant."),
    # numbers written another way
    Row("three to 3", "Three people were injured in the crash.", "3 people were injured in the crash."),
    Row("per cent to %", "Inflation rose to 4 per cent.", "Inflation rose to 4%."),
    Row("£2m to £2 million", "The scheme will cost £2m.", "The scheme will cost £2 million."),
    Row("a dozen to twelve", "A dozen homes were flooded.", "Twelve homes were flooded."),
    Row("twenty-seven to 27", "Twenty-seven trains were cancelled.", "27 trains were cancelled."),
    Row("half to 50 percent", "The price of a ticket rose by half.", "The price of a ticket rose by 50 percent."),
    Row("some to around", "Some 1,500 fans attended the match.", "Around 1,500 fans attended the match."),
    # dates written another way
    Row("4 March to March 4", "The vote will take place on 4 March.", "The vote will take place on March 4."),
    Row("Tuesday to on Tuesday", "The strike began Tuesday.", "The strike began on Tuesday."),
    Row("date moved to front", "The club sacked its manager on Friday.", "On Friday, the club sacked its manager."),
    Row("day month year order", "The hearing was adjourned until 12 May 2026.",
        "The hearing was adjourned until May 12, 2026."),
    # synonyms and comparisons restated the same way round
    Row("raised to increased", "The council raised parking charges.", "The council increased parking charges."),
    Row("shut for good to closed permanently", "The school shut its doors for good.",
        "The school closed permanently."),
    Row("longer to shorter, sides swapped", "The new bridge is longer than the old one.",
        "The old bridge is shorter than the new one."),
    Row("lost to to beat, sides swapped", "The team lost to Rovers on Saturday.", "Rovers beat the team on Saturday."),
    Row("fewer voted to turnout lower", "Fewer people voted than in 2020.", "Turnout was lower than in 2020."),
    Row("before clause moved", "Prices rose before the election.", "Before the election, prices rose."),
    # quotes turned into reported speech with the same content
    Row("quote to reported, passive", '"The pier will be rebuilt," the mayor said.',
        "The mayor said the pier would be rebuilt."),
    Row("quote to reported, first person", '"I am proud of the players," said the coach.',
        "The coach said he was proud of the players."),
    Row("colon quote to reported", 'The minister said: "Talks will resume on Monday."',
        "Talks will resume on Monday, the minister said."),
    # names in full, then by surname
    Row("full name to surname on second mention", "Anna Patel chairs the board. Anna Patel said the plan was sound.",
        "Anna Patel chairs the board. Patel said the plan was sound."),
    Row("title and name to surname", "Dr James Hart led the study. Dr James Hart said more work was needed.",
        "Dr James Hart led the study. Hart said more work was needed."),
]

CHANGED = [
    Row("admitted to denied", "The company admitted it had broken the rules.",
        "The company denied it had broken the rules.", _is("inversion", "negation")),
    Row("expected to to will", "The bridge is expected to reopen in May.", "The bridge will reopen in May.",
        _is("hedge")),
    Row("may to will", "Prices may rise next year.", "Prices will rise next year.", _is("hedge")),
    Row("plans to to is building", "The council plans to build 200 homes.", "The council is building 200 homes.",
        _is("hedge")),
    Row("police said dropped", "Police said the fire was started deliberately.",
        "The fire was started deliberately.", _is("hedge")),
    Row("likely to to will", "The plant is likely to close.", "The plant will close.", _is("hedge")),
    Row("said it planned to to said it would", "The firm said it planned to close the depot.",
        "The firm said it would close the depot.", _is("hedge")),
    Row("speaker dropped beside another of hers", "Prices will rise next year, said Lowe. Lowe said rents would also climb.",
        "Prices will rise next year. Lowe said rents would also climb.", _is("hedge")),
    Row("hopes to to will", "The club hopes to sign a new striker.", "The club will sign a new striker.", _is("hedge")),
    Row("apparently dropped", "The fire was apparently started by a candle.", "The fire was started by a candle.",
        _is("hedge")),
    Row("expected to to has now", "The bridge is expected to reopen next week.", "The bridge has now reopened.",
        _is("hedge")),
    Row("an estimated dropped", "An estimated 5,000 people joined the march.", "5,000 people joined the march.",
        _is("hedge")),
    Row("reportedly dropped", "The striker has reportedly agreed a new contract.",
        "The striker has agreed a new contract.", _is("hedge")),
    Row("is forecast to to will", "Inflation is forecast to fall to 3% by June.", "Inflation will fall to 3% by June.",
        _is("hedge")),
    Row("another speaker", "The mill will close in March, the owners said.",
        "The mill will close in March, the union said.", _is("quote", "entity")),
    Row("words added inside a quote", '"The pier will be rebuilt," the mayor said.',
        '"The pier will be rebuilt within a year," the mayor said.', _is("quote")),
    Row("three to five", "Three people were injured in the crash.", "Five people were injured in the crash.",
        _is("number")),
    Row("4 March to 14 March", "The vote will take place on 4 March.", "The vote will take place on 14 March.",
        _is("date")),
    Row("Tuesday to Thursday", "The strike began on Tuesday.", "The strike began on Thursday.", _is("date")),
    Row("longer to shorter", "The new bridge is longer than the old one.",
        "The new bridge is shorter than the old one.", _is("inversion")),
    Row("lost to to beat", "The team lost to Rovers on Saturday.", "The team beat Rovers on Saturday.",
        _is("inversion")),
    Row("before to after", "Prices rose before the election.", "Prices rose after the election.", _is("inversion")),
    Row("firefighters to neighbours", "Firefighters rescued two children from the house.",
        "Neighbours rescued two children from the house.", _is("entity")),
    Row("raised to did not raise", "The council raised parking charges.",
        "The council did not raise parking charges.", _is("negation")),
    Row("had stalled to had not stalled", "The minister told reporters that talks had stalled.",
        "The minister told reporters that talks had not stalled.", _is("negation")),
    Row("split with an invented cause", "The bridge closed on Monday after cracks were found in its supports.",
        "The bridge closed on Monday. Cracks were found in its supports after a lorry struck it.", _is("addition")),
    Row("merge that drops a sentence", "The library will open in September. It will hold 5,000 books.",
        "The library will open in September.", _is("omission")),
    Row("invented finding", "The hospital investigated the complaint.",
        "The hospital investigated the complaint and found no wrongdoing.", _is("addition")),
    Row("up to dropped", "Up to 1,500 fans attended the match.", "1,500 fans attended the match.",
        _is("omission", "hedge")),
    Row("full name to another name", "Anna Patel chairs the board. Anna Patel said the plan was sound.",
        "Anna Patel chairs the board. Tom Reid said the plan was sound.", _is("entity", "quote")),
]


def test_the_table_covers_the_frames() -> None:
    assert len(FAITHFUL) >= 60 and len(CHANGED) >= 20
    assert len({r.frame for r in FAITHFUL}) == len(FAITHFUL) and len({r.frame for r in CHANGED}) == len(CHANGED)
    assert set(UNSEEN_REWORDING) <= {r.frame for r in FAITHFUL} and set(UNSEEN_CHANGE) <= {r.frame for r in CHANGED}
    assert all(row.want is None for row in FAITHFUL) and all(row.want for row in CHANGED)


UNSEEN_REWORDING = {
    "fewer voted to turnout lower": "only '2020' in common: the aligner leaves both sentences unpaired, and two "
                                    "left-over sentences in one slot must share two content words to pair",
}
"""Faithful rows still flagged: a whole sentence reworded with no content word kept, which unspin reads without
a thesaurus. Strict, so a fix shows up as an unexpected pass."""

UNSEEN_CHANGE = {
    "another speaker": "'the owners' → 'the union': unnamed speakers, so neither quote nor entity reads them",
}
"""Changed rows on the same frames that explain does not yet type right; strict, as above."""


def _rows(rows: list[Row], known: dict[str, str]) -> list[object]:
    return [pytest.param(k, row, id=row.frame,
                         marks=[pytest.mark.xfail(strict=True, reason=known[row.frame])] if row.frame in known else [])
            for k, row in enumerate(rows)]


@pytest.mark.parametrize("k, row", _rows(FAITHFUL, UNSEEN_REWORDING))
def test_faithful_paraphrase_is_not_flagged(k: int, row: Row) -> None:
    reading = read(row, _AROUND[k % len(_AROUND)])
    assert not reading.types and not reading.omitted, (row.copy, sorted(reading.types), reading.omitted)


@pytest.mark.parametrize("k, row", _rows(CHANGED, UNSEEN_CHANGE))
def test_changed_meaning_on_the_same_frame_is_typed(k: int, row: Row) -> None:
    assert row.want is not None
    reading = read(row, _AROUND[k % len(_AROUND)])
    found = reading.types | ({"omission"} if reading.omitted else set())
    assert found & row.want, (row.copy, sorted(found), sorted(row.want))
