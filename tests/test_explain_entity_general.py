"""Entity changes across many kinds of party, written apart from the rules that find them.

A table of our own news-style pairs, each with one planted ``entity`` change (a person, organisation,
place, nationality, role or list member replaced, a pronoun turned into a name or back), and faithful
twins that only rename the same party. The test measures how many changes are found typed ``entity``
with words on both sides, and how many twins stay silent, against floors set from a measured run:
the table is a check on how far the rules generalise, not a list of cases each rule was fitted to.

Every sentence here is our own writing.
"""

from __future__ import annotations

from dataclasses import dataclass

from unspin.explain.changes import unit_changes


@dataclass(frozen=True, slots=True)
class Case:
    """One pair: ``a`` in the source, ``b`` in the copy, each after its own context sentence(s)."""

    kind: str
    a: str
    b: str
    before_a: str = ""
    before_b: str | None = None  # the copy's context; the source's when None


CHANGED = [
    # a person replaced by another named earlier in the same article
    Case("person", "Finance chief Maren Holt told investors the bond sale would go ahead.",
         "Investors were told by Daniel Ferro that the planned bond sale would go ahead.",
         "The board of Calder Freight met on Monday with chairman Daniel Ferro presiding. "),
    Case("person", "Coach Ilse Brandt picked the squad for the final.",
         "The squad for the final was chosen by captain Tomas Reuel.",
         "Captain Tomas Reuel scored twice in the semi-final. "),
    Case("person", "The report was written by inspector Gwen Talbot after a week on site.",
         "Inspector Ruth Ansel wrote the report after spending a week on site.",
         "Inspectors Gwen Talbot and Ruth Ansel visited the plant in March. "),
    Case("person", "Talks were led by envoy Pavel Strand, officials said.",
         "Officials said envoy Karel Mott had led the talks.",
         "Envoys Pavel Strand and Karel Mott arrived in the capital on Tuesday. "),
    Case("person", "The motion was tabled by councillor Asha Bender.",
         "Councillor Leon Marsh put the motion forward.",
         "Councillors Asha Bender and Leon Marsh both sit on the planning board. "),
    # an organisation replaced by another
    Case("org", "The contract went to Norwick Rail after a two-year tender.",
         "After a tender that lasted two years, Halden Transit won the contract."),
    Case("org", "The appeal was heard by the Supreme Court in Velmar.",
         "Velmar's High Court heard the appeal."),
    Case("org", "The Ministry of Health published the figures on Friday.",
         "Figures released on Friday by the Ministry of Finance showed the rise."),
    Case("org", "Dunmore Rovers signed the striker for an undisclosed fee.",
         "The striker joined Castleford Athletic for a fee that was not disclosed."),
    Case("org", "The study was carried out at the University of Carrow.",
         "Researchers at Elbury University carried out the study."),
    Case("org", "Shares in Tessaly Bank fell after the warning.",
         "After the warning, Orrin Bank saw its shares drop."),
    # a place replaced
    Case("place", "The summit will be held in Lisbon next spring.",
         "Next spring, leaders will gather in Madrid for the summit."),
    Case("place", "Floods forced thousands from their homes across Bavaria.",
         "Thousands were driven from their homes by floods across Saxony."),
    Case("place", "The final is to be played at Wembley Stadium.",
         "Organisers said the final would take place at Hampden Park."),
    Case("place", "Exports to Canada rose sharply last year.",
         "Last year saw a sharp rise in exports to Mexico."),
    Case("place", "The firm will open its new plant in Leeds.",
         "A new plant for the firm is planned in Sheffield."),
    # a person turned into an institution, or back
    Case("person-institution", "Ms Okoro said the scheme would be extended.",
         "The ministry said the scheme would be extended.",
         "Health minister Adaeze Okoro visited the clinic. "),
    Case("person-institution", "The council said the road would reopen in June.",
         "Mr Pellow said the road would reopen in June.",
         "Council leader Arthur Pellow spoke to residents. "),
    Case("person-institution", "Dr Weiss told reporters the trial had been halted.",
         "The hospital told reporters the trial had been halted.",
         "Dr Anke Weiss leads the trial at St Brannoc Hospital. "),
    # a pronoun turned into a different person's name
    Case("pronoun-name", "She said the vote would be held in May.",
         "Lena Oduya said the vote would be held in May.",
         "Her deputy, Lena Oduya, stayed silent. Party leader Carys Venn addressed members. "),
    Case("pronoun-name", "He later resigned from the board.",
         "Felix Armand later resigned from the board.",
         "Director Felix Armand lost a vote on pay. Investor Bruno Kasper then clashed with the board. "),
    Case("pronoun-name", "He denied any wrongdoing in a statement.",
         "In a statement, Gareth Lowe denied any wrongdoing.",
         "Passenger Gareth Lowe was unhurt. Police later questioned the driver, Simon Pell. "),
    Case("pronoun-name", "She told the inquiry she had warned managers.",
         "Nurse Hana Briggs told the inquiry she had warned managers.",
         "Nurse Hana Briggs gave evidence first. Ward sister Ottilie Marsh followed. "),
    # a name turned into a pronoun that now points elsewhere
    Case("name-pronoun", "Mr Quill said the deal was off.",
         "He said the deal was off.",
         "Buyer Jonas Quill met seller Rafael Tunde on Monday. ",
         "Seller Rafael Tunde met buyer Jonas Quill on Monday. Rafael Tunde left early. "),
    Case("name-pronoun", "Ms Varga won the seat by 200 votes.",
         "She won the seat by 200 votes.",
         "Candidates Edit Varga and Noor Amari fought a close race. ",
         "Candidates Edit Varga and Noor Amari fought a close race. Noor Amari led the early count. "),
    Case("name-pronoun", "Dr Hale signed the certificate.",
         "She signed the certificate.",
         "Dr Mira Hale and nurse Jodie Frame were on duty. ",
         "Dr Mira Hale and nurse Jodie Frame were on duty. Jodie Frame took the call. "),
    # a party added to or dropped from a list or coordination
    Case("list", "The treaty was signed with Spain.",
         "The treaty was signed with Spain and Portugal."),
    Case("list", "Troops from France, Italy and Greece took part in the exercise.",
         "Troops from France and Italy took part in the exercise."),
    Case("list", "The merger needs approval from Kestrel Holdings.",
         "The merger needs approval from Kestrel Holdings and Brannock Capital."),
    Case("list", "Ministers from Kenya and Uganda attended the talks.",
         "Ministers from Kenya, Uganda and Tanzania attended the talks."),
    Case("list", "The bill is backed by Labour and the Greens.",
         "The bill is backed by Labour."),
    Case("list", "Flights to Oslo and Bergen were cancelled.",
         "Flights to Oslo, Bergen and Tromso were cancelled."),
    # a nationality or demonym swapped
    Case("demonym", "French officials said the border would stay open.",
         "The border will remain open, German officials said."),
    Case("demonym", "The ship was boarded by Turkish coastguards.",
         "Greek coastguards boarded the vessel."),
    Case("demonym", "Two Dutch climbers were rescued on Sunday.",
         "On Sunday rescuers reached two Belgian climbers."),
    Case("demonym", "The Brazilian company denied the claims.",
         "The claims were denied by the Argentine company."),
    # a title or role moved to another person
    Case("role", "Chairman Otto Lind opened the meeting, with treasurer Rosa Pym beside him.",
         "Chairwoman Rosa Pym opened the meeting, with treasurer Otto Lind beside her."),
    Case("role", "Prime Minister Hal Ekberg met the finance minister, Saga Noren.",
         "Prime Minister Saga Noren met the finance minister, Hal Ekberg."),
    Case("role", "Director Wen Ruo praised the cast, led by actor Sam Keel.",
         "Actor Wen Ruo praised the cast, led by director Sam Keel."),
    Case("role", "Captain Idris Vale thanked goalkeeper Ben Cotter.",
         "Goalkeeper Idris Vale thanked captain Ben Cotter."),
]

FAITHFUL = [
    Case("surname", "Maren Holt told investors the bond sale would go ahead.",
         "Holt told investors that the bond sale would proceed."),
    Case("surname", "The report was written by inspector Gwen Talbot.",
         "Ms Talbot wrote the report."),
    Case("alias", "The US imposed new tariffs on steel.",
         "The United States put new tariffs on steel."),
    Case("alias", "The UK will send two ships.",
         "Britain will send two ships."),
    Case("alias", "The UN called for a ceasefire.",
         "A ceasefire was demanded by the United Nations."),
    Case("pronoun", "Ms Varga won the seat by 200 votes.",
         "She won the seat by 200 votes.",
         "Candidate Edit Varga fought a close race. "),
    Case("pronoun", "He later resigned from the board.",
         "Kasper later resigned from the board.",
         "Investor Bruno Kasper clashed with the board over pay. "),
    Case("generic", "Shares in Tessaly Bank fell after the warning.",
         "The bank's shares fell after the warning.",
         "Tessaly Bank issued a profit warning. "),
    Case("generic", "Halden Transit won the contract after a long tender.",
         "The firm won the contract after a long tender.",
         "Halden Transit is based in Orlen. "),
    Case("generic", "The University of Carrow carried out the study.",
         "The study was carried out by the university.",
         "The University of Carrow is the region's largest. "),
    Case("place", "The summit will be held in Lisbon next spring.",
         "Lisbon will host the summit next spring."),
    Case("place", "Floods hit towns across Bavaria.",
         "Towns across the German state of Bavaria were hit by floods."),
    Case("demonym", "French officials said the border would stay open.",
         "Officials in France said the border would remain open."),
    Case("demonym", "The Chinese foreign ministry denied the report.",
         "China's foreign ministry rejected the report."),
    Case("list", "Troops from France and Italy took part.",
         "Troops from Italy and France took part."),
    Case("list", "Ministers from Kenya, Uganda and Tanzania attended.",
         "Kenyan, Ugandan and Tanzanian ministers attended."),
    Case("title", "Prime Minister Hal Ekberg met the press.",
         "Mr Ekberg, the prime minister, met reporters."),
    Case("title", "Dr Anke Weiss halted the trial.",
         "The trial was halted by Weiss, a doctor at the hospital."),
    Case("paraphrase", "Dunmore Rovers signed the striker for an undisclosed fee.",
         "The striker has joined Dunmore Rovers; the fee was not disclosed."),
    Case("paraphrase", "Ministers from Kenya and Uganda attended the talks in Nairobi.",
         "The talks in Nairobi were attended by Kenyan and Ugandan ministers."),
]


GENERAL_CHANGED = [
    # a common-noun party joined to a coordination or list the source gives without it
    Case("coordination", "The scheme is run by the county council with two local charities.",
         "The scheme is run by the county council, two local charities and the regional health board."),
    Case("coordination", "The strike was called off after talks between the union and managers.",
         "The strike was called off after talks between the union, managers and government mediators."),
    Case("coordination", "The bridge will be inspected by engineers before it reopens.",
         "The bridge will be inspected by engineers and insurance assessors before it reopens."),
    Case("coordination", "The festival is funded by the town council.",
         "The festival is funded by the town council and the Arts Lottery Fund."),
    Case("list", "The new campus will have a library and a sports hall.",
         "A library, a sports hall and a concert theatre will be built on the new campus."),
    Case("list", "Stalls sold bread, cheese and cakes at the fair.",
         "Bread, cheese, cakes and cider were on sale at the fair."),
    Case("list", "The grant covers repairs, heating and insulation for older homes.",
         "The grant covers repairs and insulation for older homes."),
    Case("list", "Vans, lorries and coaches must pay the new charge.",
         "Vans, lorries, coaches and taxis must pay the new charge."),
    # a group of people who act put in another's place
    Case("agent", "Firefighters freed the driver from the wreckage after an hour.",
         "After an hour, neighbours freed the driver from the wreckage."),
    Case("agent", "Paramedics treated six people at the scene.",
         "Police treated six people at the scene."),
    Case("agent", "Teachers at the school voted to strike next month.",
         "Parents at the school voted to strike next month."),
    Case("agent", "Shareholders rejected the pay deal at the annual meeting.",
         "Staff rejected the pay deal at the annual meeting."),
    Case("agent", "Tenants complained about damp in the flats for years.",
         "Landlords complained about damp in the flats for years."),
    Case("agent", "Volunteers searched the woods overnight for the missing walker.",
         "Overnight, soldiers searched the woods for the missing walker."),
    # a statement given to another party
    Case("statement", "He said the scheme had already cut waiting times by a third.",
         "According to the audit, the scheme has already cut waiting times by a third.",
         "Health minister Rowan Tillet defended the scheme. "),
    Case("statement", "She said the pool would reopen in the spring.",
         "According to the council, the pool will reopen in the spring.",
         "Swimming club chair Nessa Grove met officials on Monday. "),
    Case("statement", "Residents said the path had been blocked for weeks.",
         "Councillors said the path had been blocked for weeks."),
    # an office of a body given to another post
    Case("office", "Club secretary Amos Redd said the ground would be sold.",
         "Amos Redd, who chairs the club, said the ground would be sold."),
    Case("office", "Treasurer Lydia Furse signed off the accounts.",
         "Lydia Furse, the charity's secretary, signed off the accounts."),
    Case("office", "The letter was written by founder Iris Calloway.",
         "Iris Calloway, the firm's chairwoman, wrote the letter."),
    Case("office", "Vice-chair Tomas Wren opened the hearing.",
         "Tomas Wren, the committee's chairman, opened the hearing."),
    # a name turned into a pronoun that now follows an institution
    Case("stranded", "Quayle said the trial would be extended to two more wards.",
         "She said the trial would be extended to two more wards.",
         "The trial is led by Dr Petra Quayle. \"Early results are good,\" Quayle said. The study was paid for by a charity. ",
         "The trial is led by Dr Petra Quayle. \"Early results are good,\" Quayle said. The hospital trust paid for the study. "),
    # a small or invented place the model does not know, in a place's slot
    Case("place-slot", "The Brackley-based charity runs four food banks.",
         "The Tornsey-based charity runs four food banks."),
    Case("place-slot", "The warehouse in Dunhallow will close next year with the loss of 80 jobs.",
         "The warehouse in Pellingford will close next year with the loss of 80 jobs."),
    Case("place-listed", "The depot in Leeds will close in May.",
         "The depot in Bradford will close in May.",
         "Depots in Leeds, Bradford and York were reviewed last year. "),
    Case("stranded", "Marsh said the figures would be published in June.",
         "He said the figures would be published in June.",
         "The survey was run by economist Colin Marsh. The findings were shared with ministers. ",
         "The survey was run by economist Colin Marsh. The regional development agency received the findings. "),
]

GENERAL_FAITHFUL = [
    Case("list-short", "The cheese is sold in delicatessens, farm shops and markets.",
         "Delis, markets and farm shops sell the cheese."),
    Case("list-demonym", "Delegates from Norway, Sweden and Finland attended.",
         "Norwegian, Swedish and Finnish delegates attended."),
    Case("coordination", "The scheme is run by the county council and two local charities.",
         "Two local charities and the county council run the scheme."),
    Case("agent-same", "Police officers found the missing boy near the river.",
         "Officers found the missing boy near the river."),
    Case("agent-same", "Residents said the road had flooded three times this year.",
         "Locals said the road had flooded three times this year."),
    Case("office-same", "Club chairman Amos Redd said the ground would be sold.",
         "Amos Redd, who chairs the club, said the ground would be sold."),
    Case("office-same", "Secretary Lydia Furse signed off the accounts.",
         "Lydia Furse, the charity's secretary, signed off the accounts."),
    Case("pronoun-kept", "Quayle said the trial would be extended to two more wards.",
         "She said the trial would be extended to two more wards.",
         "The trial is led by Dr Petra Quayle. \"Early results are good,\" Quayle said. "),
    Case("description", "The festival will be held in Edinburgh in August.",
         "The Scottish capital will host the festival in August.",
         "Edinburgh has hosted the festival since 1947. "),
    Case("company", "Shares in Varrow Foods rose after the results.",
         "The company's shares rose after the results.",
         "Varrow Foods reported record sales. "),
    Case("title-dropped", "Chief Inspector Gail Ormond said the road would stay shut.",
         "Ormond said the road would stay shut."),
    Case("place-wider", "The depot in Harrowby will close in May.",
         "The depot in Wessex will close in May.",
         "Harrowby, a market town in Wessex, has had a depot since 1950. "),
    Case("place-slot-kept", "The Brackley-based charity runs four food banks.",
         "The charity, based in Brackley, runs four food banks."),
    Case("place-apposition", "The laboratory in Berkeley will close in May.",
         "The laboratory in California will close in May.",
         "The laboratory is in Berkeley, California, near the campus. "),
    Case("agent-same-moved", "Paramedics treated six people at the scene.",
         "At the scene, medics treated six people."),
    Case("possessive", "The plan was drawn up by the council's planning team.",
         "The council planning team drew up the plan."),
]


FOUND_FLOOR = 38
"""40 of 40 found when measured (34 before the rules were generalised); two of slack for the model's drift."""
SILENT_FLOOR = 19
"""19 of 20 twins silent when measured: "an undisclosed fee" → "the fee was not disclosed" reads as a negation."""


def entity_found(case: Case) -> bool:
    """Whether explain reports an ``entity`` change with words on both sides."""
    before_b = case.before_a if case.before_b is None else case.before_b
    ta, tb = case.before_a + case.a, before_b + case.b
    found = unit_changes(ta, (len(case.before_a), len(ta)), tb, (len(before_b), len(tb)))
    return any(c.type == "entity" and c.a_text and c.b_text for c in found)


def silent(case: Case) -> bool:
    """Whether explain reports nothing at all on a faithful twin."""
    before_b = case.before_a if case.before_b is None else case.before_b
    ta, tb = case.before_a + case.a, before_b + case.b
    return not unit_changes(ta, (len(case.before_a), len(ta)), tb, (len(before_b), len(tb)))


def test_the_table_has_forty_changes_and_twenty_twins() -> None:
    assert len(CHANGED) == 40 and len(FAITHFUL) == 20


def test_most_planted_entity_changes_are_found_across_kinds() -> None:
    found = [c for c in CHANGED if entity_found(c)]
    assert len(found) >= FOUND_FLOOR, [(c.kind, c.a) for c in CHANGED if c not in found]


def test_faithful_renamings_stay_silent() -> None:
    quiet = [c for c in FAITHFUL if silent(c)]
    assert len(quiet) >= SILENT_FLOOR, [(c.kind, c.a) for c in FAITHFUL if c not in quiet]



GENERAL_FOUND_FLOOR = 23
"""25 of 26 found when measured: tenants turned landlords (reported as an inversion) missed; two of slack."""
GENERAL_SILENT_FLOOR = 15
"""16 of 16 twins silent when measured; one of slack."""


def test_general_changes_are_found() -> None:
    found = [c for c in GENERAL_CHANGED if entity_found(c) or _one_sided(c)]
    assert len(found) >= GENERAL_FOUND_FLOOR, [(c.kind, c.a) for c in GENERAL_CHANGED if c not in found]


def test_general_faithful_rows_stay_silent() -> None:
    quiet = [c for c in GENERAL_FAITHFUL if silent(c)]
    assert len(quiet) >= GENERAL_SILENT_FLOOR, [(c.kind, c.a) for c in GENERAL_FAITHFUL if c not in quiet]


def _one_sided(case: Case) -> bool:
    """Whether explain reports an ``entity`` change with words on one side at least: a party joined to a
    coordination has no words in the source."""
    before_b = case.before_a if case.before_b is None else case.before_b
    ta, tb = case.before_a + case.a, before_b + case.b
    found = unit_changes(ta, (len(case.before_a), len(ta)), tb, (len(before_b), len(tb)))
    return any(c.type == "entity" and (c.a_text or c.b_text) for c in found)
