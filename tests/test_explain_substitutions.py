"""Substitutions across change types, written apart from the rules that find them.

A table of our own news-style sentence pairs, each with one planted change that moves no keyword the
older rules knew (a role's classifier, a relative time, a degree word, a belief frame, a number said in
words), and faithful twins that reword the same sentences. The test measures how many changes explain
finds with the right type, and how many twins stay silent, against floors set from a measured run:
the table checks how far the rules generalise, not a list of cases each rule was fitted to.

Every sentence here is our own writing.
"""

from __future__ import annotations

from collections import Counter

from unspin.explain.changes import unit_changes
from unspin.explain.substitutions import substitution_changes, swaps
from unspin.explain.unit import UnitPair

CHANGED: list[tuple[str, str, str]] = [
    ('entity', 'Deputy mayor Lena Ortiz opened the new bus depot on Monday.',
     'Mayor Lena Ortiz opened the new bus depot on Monday.'),
    ('entity', 'The ruling was read out by assistant coroner Hugh Lamb.',
     'Senior coroner Hugh Lamb read out the ruling.'),
    ('entity', 'Health secretary Priya Nandi said the waiting lists were falling.',
     'Education secretary Priya Nandi said the waiting lists were falling.'),
    ('entity', "The company's finance director, Tom Reyes, resigned on Friday.",
     "The company's marketing director, Tom Reyes, resigned on Friday."),
    ('entity', 'Third seed Marta Kovac lost in straight sets.',
     'Top seed Marta Kovac lost in straight sets.'),
    ('entity', 'Former striker Dan Okoro will coach the youth side.',
     'Club captain Dan Okoro will coach the youth side.'),
    ('entity', 'Pupils at the village primary school raised £400 for the hospice.',
     'Pupils at the village secondary school raised £400 for the hospice.'),
    ('entity', 'The fire started in a kitchen at the back of the restaurant.',
     'The fire started in a storeroom at the back of the restaurant.'),
    ('entity', 'The bridge will be repaired by the county council.',
     'The bridge will be repaired by the town council.'),
    ('entity', 'A spokesman for the Ferrand Group said the plant would close.',
     'A spokesman for the Ostley Group said the plant would close.'),
    ('entity', 'The orchestra will perform in Brackley next spring.',
     'The orchestra will perform in Wendover next spring.'),
    ('number', 'About a dozen houses were damaged in the storm.',
     'About 20 houses were damaged in the storm.'),
    ('number', 'Half of the staff will move to the new office.',
     'A third of the staff will move to the new office.'),
    ('number', 'Prices rose by 4 per cent last year.',
     'Prices rose by 6% last year.'),
    ('number', 'Between 30 and 40 jobs will go.',
     'Between 300 and 400 jobs will go.'),
    ('number', 'She finished third in the race.',
     'She finished fifth in the race.'),
    ('number', 'The charity has raised two million pounds.',
     'The charity has raised £3m.'),
    ('number', 'Nine out of ten voters backed the plan.',
     'Six out of ten voters backed the plan.'),
    ('date', 'The museum reopened last week after repairs.',
     'The museum reopened last month after repairs.'),
    ('date', 'The strike will begin on Monday morning.',
     'The strike will begin on Thursday morning.'),
    ('date', 'The road will reopen in the spring.',
     'The road will reopen in the autumn.'),
    ('date', 'Voting closes at midnight on 14 March.',
     'Voting closes at midnight on 4 March.'),
    ('date', 'The plant opened in the 1990s.',
     'The plant opened in the 1970s.'),
    ('date', 'The plan was announced yesterday.',
     'The plan was announced last year.'),
    ('inversion', 'Exports to the region grew faster than imports.',
     'Exports to the region grew slower than imports.'),
    ('inversion', 'The new model is cheaper than the old one.',
     'The new model is dearer than the old one.'),
    ('inversion', 'The river level was falling on Tuesday.',
     'The river level was rising on Tuesday.'),
    ('inversion', 'Critics said the reforms would weaken the regulator.',
     'Critics said the reforms would strengthen the regulator.'),
    ('inversion', 'The team lost to Harwell in the semi-final.',
     'The team beat Harwell in the semi-final.'),
    ('inversion', 'Turnout was lower than at the last election.',
     'Turnout was higher than at the last election.'),
    ('inversion', 'The board rejected the takeover offer.',
     'The board accepted the takeover offer.'),
    ('inversion', 'The drug was less effective in older patients.',
     'The drug was more effective in older patients.'),
    ('inversion', 'Residents welcomed the decision to close the road.',
     'Residents condemned the decision to close the road.'),
    ('inversion', 'The mayor praised the police response.',
     'The mayor criticised the police response.'),
    ('hedge', 'The factory may close next year.',
     'The factory will close next year.'),
    ('hedge', 'Police believe the fire was started deliberately.',
     'The fire was started deliberately.'),
    ('hedge', 'The minister is expected to resign.',
     'The minister has resigned.'),
    ('hedge', 'Officials said the water was probably safe to drink.',
     'Officials said the water was safe to drink.'),
    ('hedge', 'The firm reportedly plans to cut 200 jobs.',
     'The firm will cut 200 jobs.'),
    ('negation', 'The council did not approve the plan.',
     'The council approved the plan.'),
    ('negation', 'Nobody was hurt in the crash.',
     'Several people were hurt in the crash.'),
    ('inversion', "The company's profits rose despite the downturn.",
     "The company's profits fell despite the downturn."),
    ('inversion', 'The plan was backed by most residents at the meeting.',
     'The plan was opposed by most residents at the meeting.'),
    ('inversion', 'The museum gained visitors after the exhibition opened.',
     'The museum lost visitors after the exhibition opened.'),
    ('inversion', 'The vaccine reduced hospital admissions among the elderly.',
     'The vaccine increased hospital admissions among the elderly.'),
    ('inversion', 'Unemployment is at its lowest level since 2008.',
     'Unemployment is at its highest level since 2008.'),
    ('inversion', 'The striker was sent off before half-time.',
     'The striker was sent off after half-time.'),
    ('inversion', 'The airline expanded its fleet last year.',
     'The airline shrank its fleet last year.'),
    ('inversion', 'The appeal judges upheld the conviction.',
     'The appeal judges overturned the conviction.'),
    ('inversion', 'She is the youngest member of the board.',
     'She is the oldest member of the board.'),
    ('inversion', 'The fund ended the year with a surplus of £2m.',
     'The fund ended the year with a deficit of £2m.'),
    ('inversion', 'The agency underestimated the cost of the scheme.',
     'The agency overestimated the cost of the scheme.'),
    ('inversion', 'The council tightened the parking rules in the centre.',
     'The council relaxed the parking rules in the centre.'),
    ('inversion', 'The new engine is heavier than the old one.',
     'The new engine is lighter than the old one.'),
    ('inversion', 'Demand for the service was weaker than forecast.',
     'Demand for the service was stronger than forecast.'),
    ('inversion', 'The minister defended the decision in parliament.',
     'The minister criticised the decision in parliament.'),
    ('inversion', 'Investors sold the shares after the results.',
     'Investors bought the shares after the results.'),
    ('hedge', 'The minister is understood to be considering resigning.',
     'The minister is resigning.'),
    ('hedge', 'Scientists say the drug could slow the disease.',
     'The drug slows the disease, scientists say.'),
    ('hedge', 'Early results indicate a rise in cases.',
     'Early results confirm a rise in cases.'),
    ('hedge', 'The report appears to show a fall in crime.',
     'The report shows a fall in crime.'),
    ('hedge', 'It is unclear whether the plant will reopen.',
     'The plant will reopen.'),
    ('hedge', 'The deal is subject to approval by regulators.',
     'The deal has been approved by regulators.'),
    ('hedge', 'Sources close to the club say the striker will sign.',
     'The striker will sign.'),
    ('number', 'More than 1,000 people attended the rally.',
     'Nearly 1,000 people attended the rally.'),
    ('number', 'House prices are at a ten-year low.',
     'House prices are at a 20-year low.'),
    ('number', 'Hundreds of people were evacuated.',
     'Thousands of people were evacuated.'),
    ('number', 'One in five adults smokes.',
     'One in three adults smokes.'),
    ('number', 'The number of cases doubled in a month.',
     'The number of cases tripled in a month.'),
    ('number', 'The man, in his 40s, was arrested.',
     'The man, in his 50s, was arrested.'),
    ('number', 'A fifth of the budget goes on salaries.',
     'A quarter of the budget goes on salaries.'),
    ('date', 'Sales fell earlier this month.',
     'Sales fell earlier this year.'),
    ('date', 'The plant will close in the first half of the year.',
     'The plant will close in the second half of the year.'),
    ('date', 'The ship sank three weeks ago.',
     'The ship sank three months ago.'),
    ('date', 'The work should be finished by the end of the decade.',
     'The work should be finished by the end of the year.'),
    ('date', 'The vote will take place in early March.',
     'The vote will take place in late March.'),
    ('date', 'The fire broke out overnight.',
     'The fire broke out on Sunday afternoon.'),
]

FAITHFUL: list[tuple[str, str]] = [
    ('Deputy mayor Lena Ortiz opened the new bus depot on Monday.',
     'The new bus depot was opened on Monday by deputy mayor Lena Ortiz.'),
    ('Club manager Gary Rowe praised his players.',
     'Club boss Gary Rowe praised his players.'),
    ("The company's finance director, Tom Reyes, resigned on Friday.",
     "Tom Reyes, the company's finance director, quit on Friday."),
    ('Pupils at the village primary school raised £400 for the hospice.',
     'Children at the village primary school raised £400 for the hospice.'),
    ('The storm damaged about a dozen houses.',
     'About 12 houses were damaged in the storm.'),
    ('Prices rose by 4 per cent last year.',
     'Prices climbed 4% last year.'),
    ('Half of the staff will move to the new office.',
     '50% of the staff will move to the new office.'),
    ('The large employers in the town backed the plan.',
     'The big employers in the town backed the plan.'),
    ('The firm started trading in 2010.',
     'The company began trading in 2010.'),
    ('The bridge was shut during the busy summer months.',
     'The bridge was closed during the peak summer months.'),
    ('She broke the previous record by two seconds.',
     'She broke the old record by two seconds.'),
    ('The band will play a bigger stage this year.',
     'The band will play a larger stage this year.'),
    ('Exports grew faster than imports.',
     'Imports grew more slowly than exports.'),
    ('The mayor praised the police response.',
     'The mayor commended the police response.'),
    ('The strike will begin on Monday.',
     'The walkout starts on Monday.'),
    ('The charity has raised two million pounds.',
     'The charity has raised £2m.'),
    ('The plant opened in the 1990s.',
     'The plant first opened during the 1990s.'),
    ('Residents welcomed the decision.',
     'Locals applauded the decision.'),
    ('Nine out of ten voters backed the plan.',
     'Ninety per cent of voters backed the plan.'),
    ('The orchestra will perform in Brackley next spring.',
     'Next spring the orchestra will give a concert in Brackley.'),
    ('A spokesman for the Ferrand Group said the plant would close.',
     'The plant will close, a Ferrand Group spokesman said.'),
    ('Senior nurse Ann Pike led the team.',
     'The team was led by senior nurse Ann Pike.'),
    ('The fire started in a kitchen at the back of the restaurant.',
     'The blaze began in a kitchen at the rear of the restaurant.'),
    ("The company's profits rose despite the downturn.",
     "Despite the downturn, the firm's profits climbed."),
    ('She is the youngest member of the board.',
     'No board member is younger than her.'),
    ('Hundreds of people were evacuated.',
     'Several hundred people were evacuated.'),
    ('The ship sank three weeks ago.',
     'The vessel went down three weeks ago.'),
    ('The appeal judges upheld the conviction.',
     'The conviction was upheld by the appeal judges.'),
    ('Sales fell earlier this month.',
     'Sales dropped earlier in the month.'),
    ('The minister defended the decision in parliament.',
     'In parliament, the minister defended the decision.'),
    ('The deal is subject to approval by regulators.',
     'The deal still needs approval from regulators.'),
    ('The vote will take place in early March.',
     'The vote is due in early March.'),
    ('The council tightened the parking rules in the centre.',
     'Parking rules in the centre were tightened by the council.'),
    ('The top official at the ministry resigned.',
     "The ministry's most senior official resigned."),
    ('Demand was weaker than forecast.',
     'Demand fell short of forecasts.'),
]

FOUND_FLOORS = {"entity": 9, "number": 12, "date": 9, "inversion": 21, "hedge": 8, "negation": 2}
"""Measured: entity 9/11, number 12/14, date 9/12, inversion 21/26, hedge 8/12, negation 2/2. With the
substitutions detector off: entity 2, number 10, date 4, inversion 19, hedge 6. Three of the
misses are found with another type ("more than 1,000" → "nearly 1,000" an inversion of its bound,
"in his 40s" a date, "early March" → "late March" an inversion)."""
SILENT_FLOOR = 32
"""Measured: 32 of 35 twins silent (the other three are an approximation, "first" and "no" flagged by
other rules, not by substitutions)."""


def found(kind: str, a: str, b: str) -> bool:
    return any(c.type == kind for c in unit_changes(a, (0, len(a)), b, (0, len(b))))


def test_planted_changes_are_found_with_their_type() -> None:
    hits = Counter(kind for kind, a, b in CHANGED if found(kind, a, b))
    missed = [(kind, a) for kind, a, b in CHANGED if not found(kind, a, b)]
    assert all(hits[kind] >= floor for kind, floor in FOUND_FLOORS.items()), (hits, missed)


def test_faithful_twins_stay_silent() -> None:
    quiet = [a for a, b in FAITHFUL if not unit_changes(a, (0, len(a)), b, (0, len(b)))]
    assert len(quiet) >= SILENT_FLOOR, [a for a, _ in FAITHFUL if a not in quiet]


def test_substitutions_flag_no_faithful_twin() -> None:
    flagged = [(a, b) for a, b in FAITHFUL if substitution_changes(UnitPair.of(a, b), [])]
    assert flagged == []


def test_a_role_change_points_at_the_classifier_on_both_sides() -> None:
    a, b = "Health secretary Priya Nandi spoke first.", "Education secretary Priya Nandi spoke first."
    [change] = substitution_changes(UnitPair.of(a, b), [])
    assert (change.type, change.a_text, change.b_text) == ("entity", "Health", "Education")


def test_a_rank_taken_off_a_role_is_an_entity_change() -> None:
    a, b = "Deputy mayor Lena Ortiz opened the depot.", "Mayor Lena Ortiz opened the depot."
    [change] = substitution_changes(UnitPair.of(a, b), [])
    assert (change.type, change.a_text, change.b, change.b_text) == ("entity", "Deputy", None, "")


def test_a_reordered_title_is_compared_beside_its_name() -> None:
    a = "The inquest was opened by assistant coroner Hugh Lamb."
    b = "Senior coroner Hugh Lamb opened the inquest."
    assert [(c.type, c.a_text, c.b_text) for c in substitution_changes(UnitPair.of(a, b), [])] == [
        ("entity", "assistant", "Senior")]


def test_a_paraphrased_relative_time_is_the_same_time() -> None:
    a, b = "Sales fell over the past year.", "Sales fell over the last year."
    assert substitution_changes(UnitPair.of(a, b), []) == []


def test_a_change_already_reported_is_not_reported_again() -> None:
    a, b = "Pupils at the primary school won.", "Pupils at the secondary school won."
    unit = UnitPair.of(a, b)
    [change] = substitution_changes(unit, [])
    assert substitution_changes(unit, [change]) == []


def test_identical_and_reordered_sides_give_no_swap() -> None:
    a = "The county council approved the plan on Monday."
    assert swaps(a, a) == []
    assert substitution_changes(UnitPair.of(a, "On Monday the county council approved the plan."), []) == []
