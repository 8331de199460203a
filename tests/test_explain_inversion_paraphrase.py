"""Meanings turned round inside heavy paraphrase, and faithful rewrites that say the same thing another way.

Every sentence is our own writing (invented names, news style), written for
issue 18's third measure before any rule was changed: each copy rewords the
whole sentence (voice, order, nouns for verbs) as a content farm does, and
turns one comparison, direction, outcome, admission, order or pair of roles
round. A *turned* case must come back as an ``inversion`` (any evidence: the
turned words are often reworded too). A *faithful* case (a converse
restatement, a passive that keeps the roles, a synonym, a double negation)
must come back with no ``inversion`` and no ``negation``: those are the types
that say the copy claims the opposite.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from unspin.explain.changes import changes_in
from unspin.explain.unit import UnitPair


class Pair(NamedTuple):
    kind: str
    source: str
    copy: str


TURNED: tuple[Pair, ...] = (
    # trend verbs and nouns
    Pair("trend", "Shares in Corrow Foods slid 4% on Tuesday after the chain warned on profits.",
         "Corrow Foods stock climbed 4% on Tuesday following a profit warning from the chain."),
    Pair("trend", "House prices in Westmere dipped by 2% over the year, the land registry said.",
         "According to the land registry, Westmere saw a 2% jump in house prices across the year."),
    Pair("trend", "The pound suffered a sharp slump against the euro in early trading.",
         "Early trading brought a sharp rally for the pound against the euro."),
    Pair("trend", "Retail footfall edged down by 1.5% last month.", "Last month footfall at shops crept up by 1.5%."),
    Pair("trend", "Calder Bank reported gains of £30m on its bond holdings.", "Calder Bank booked losses of £30m on the bonds it holds."),
    Pair("trend", "Enrolment at Harte College has dwindled for three years.",
         "Student numbers at Harte College have ballooned over the past three years."),
    Pair("trend", "Output from the Skerry field tailed off in the spring.", "In the spring the Skerry field ramped up its output."),
    Pair("trend", "Waiting lists lengthened across the region in the winter.", "Across the region, waiting lists got shorter over the winter."),
    Pair("trend", "The Farlow index posted its steepest decline since March.", "The Farlow index notched up its steepest advance since March."),
    Pair("trend", "Crime in the borough went down last year, police figures show.",
         "Police figures show that crime in the borough went up last year."),
    Pair("trend", "Vacancies at Morland Hospital have soared since January.", "Since January, Morland Hospital has seen vacancies plummet."),
    Pair("trend", "Bus fares in the county will be lowered from April.", "From April, the county's bus fares are going up."),
    Pair("trend", "Sales of electric vans picked up sharply in the autumn.", "The autumn saw a sharp drop-off in sales of electric vans."),
    # outcomes
    Pair("outcome", "Ferrow Rovers saw off Alston 2-1 on Saturday.", "Ferrow Rovers went down 2-1 to Alston on Saturday."),
    Pair("outcome", "Ms Ward passed her driving test at the third attempt.", "At the third attempt, Ms Ward failed her driving test."),
    Pair("outcome", "The planning committee gave the go-ahead for 300 homes at Brook Farm.",
         "Plans for 300 homes at Brook Farm were thrown out by the planning committee."),
    Pair("outcome", "The board accepted the takeover offer from Lintel Group.", "Lintel Group's takeover offer was turned down by the board."),
    Pair("outcome", "The High Court upheld the council's decision to close the pool.",
         "The council's decision to close the pool was quashed by the High Court."),
    Pair("outcome", "Voters endorsed the new constitution in Sunday's referendum.", "In Sunday's referendum, voters threw out the new constitution."),
    Pair("outcome", "The tribunal ruled in favour of the sacked nurse.", "The tribunal found against the sacked nurse."),
    Pair("outcome", "The vaccine trial met its main goal, the company said.", "The company said the vaccine trial missed its main goal."),
    Pair("outcome", "Mr Hale was cleared of all charges at Bristol Crown Court.", "At Bristol Crown Court, Mr Hale was found guilty on all charges."),
    Pair("outcome", "The pay deal was accepted in a ballot of the union's members.", "Union members voted to reject the pay deal in a ballot."),
    # admissions and stances
    Pair("admission", "Mr Pask admitted two counts of careless driving.", "Two counts of careless driving were denied by Mr Pask."),
    Pair("admission", "The company acknowledged that customer data had been exposed.", "The company disputed that customer data had been exposed."),
    Pair("admission", "Ms Rhee denied stealing from her employer.", "Ms Rhee confessed to stealing from her employer."),
    Pair("admission", "The minister conceded that the scheme had been rushed.", "The minister rejected claims that the scheme had been rushed."),
    Pair("admission", "The club confirmed it had held talks with the striker's agent.", "The club denied holding talks with the striker's agent."),
    Pair("stance", "Farmers' leaders have come out in support of the levy.", "Farmers' leaders have come out against the levy."),
    Pair("stance", "The senator is a vocal supporter of the pipeline.", "The senator is a vocal opponent of the pipeline."),
    # roles swapped
    Pair("roles", "Benfield acquired its rival Tarrow Holdings last year.", "Last year, Tarrow Holdings acquired its rival Benfield."),
    Pair("roles", "Ms Coyle is suing Draydon Ltd over unpaid wages.", "Draydon Ltd is suing Ms Coyle over wages it says are unpaid."),
    Pair("roles", "Keswick Power was bought by Arden Energy for £1.2bn.", "Keswick Power bought Arden Energy in a £1.2bn deal."),
    Pair("roles", "The Halden site was sold to Mercer Homes by the county council.",
         "Mercer Homes sold the Halden site to the county council."),
    Pair("roles", "Verity Motors overtook Sandler as the country's biggest carmaker.",
         "Sandler overtook Verity Motors to become the country's biggest carmaker."),
    Pair("roles", "Skyhaven will take over Pellow Airlines under the agreement.", "Under the agreement, Pellow Airlines will take over Skyhaven."),
    Pair("roles", "Under the deal, Norcross will trade under the Bellamy name.", "Under the deal, Bellamy will trade under the Norcross name."),
    Pair("roles", "Dunmore Building Society will become part of Eastgate, and its branches will carry the Eastgate name.",
         "Eastgate will become part of Dunmore Building Society, with branches carrying the Dunmore name."),
    Pair("roles", "Ravel Pharma licensed the drug from Osler Biotech.", "Osler Biotech licensed the drug from Ravel Pharma."),
    Pair("roles", "Lowther Council owes Brightwater Ltd £2m for the work.", "Brightwater Ltd owes Lowther Council £2m for the work."),
    Pair("roles", "Arkwright replaced Finch as club captain in August.", "In August, Finch replaced Arkwright as club captain."),
    Pair("roles", "Harland was knocked out by Rudd in the second round.", "Harland knocked Rudd out in the second round."),
    Pair("roles", "Tolland Water is paying compensation to Millbrook residents.", "Millbrook residents are paying compensation to Tolland Water."),
    Pair("roles", "Corvin Steel sold its Redcar plant to Ashby Metals.", "Corvin Steel bought the Redcar plant from Ashby Metals."),
    # comparatives
    Pair("comparison", "Women in the study outnumbered men by two to one.", "In the study, men outnumbered women two to one."),
    Pair("comparison", "The north of the county had fewer burglaries than the south.",
         "Burglaries were more common in the north of the county than in the south."),
    Pair("comparison", "Road spending was greater than spending on rail.", "Road spending was smaller than the amount spent on rail."),
    Pair("comparison", "Westfield's turnout was higher than Eastfield's.", "Eastfield recorded a higher turnout than Westfield."),
    Pair("comparison", "Nurses at Orme hospital earn less than those at Cray.", "Orme's nurses are paid more than their counterparts at Cray."),
    Pair("comparison", "The Liberal party is trailing its main rival by six points.", "The Liberal party holds a six-point lead over its main rival."),
    Pair("comparison", "Costs at the plant were well below the industry average.", "The plant's costs were well above the industry average."),
    # temporal order
    Pair("order", "The minister resigned before the report was published.", "The report was published before the minister resigned."),
    Pair("order", "Police arrived after the fire had spread to the roof.", "Police got there before the fire spread to the roof."),
    Pair("order", "The strike preceded the closure of the Ebbw plant.", "The strike followed the closure of the Ebbw plant."),
    Pair("order", "Talks began after the ceasefire took hold.", "The ceasefire took hold after talks had begun."),
    Pair("order", "The company cut jobs ahead of its stock market listing.", "The company shed jobs after its listing on the stock market."),
    Pair("order", "Ms Lund joined the board prior to the merger.", "Ms Lund joined the board in the wake of the merger."),
    # written after the first measure: movements that a side says both ways, told apart by their figures
    Pair("trend", "Water bills fell 3% in May after rising 2% in April.", "Water bills rose 3% in May after falling 2% in April."),
    Pair("trend", "Coal exports dropped by 4% last year, while imports climbed 6%.",
         "Last year coal exports climbed 4% and imports dropped 6%."),
    # written after the first measure: an act named by a noun ("takeover", "sale", "victory")
    Pair("roles", "Tarrow Holdings bought Benfield last year.", "Benfield's takeover of Tarrow Holdings was completed last year."),
    Pair("roles", "The sale of the Redcar plant to Ashby Metals by Corvin Steel was agreed.",
         "Ashby Metals agreed to sell the Redcar plant to Corvin Steel."),
    Pair("roles", "Gorran Bank's loan to Mellis Farms was repaid early.", "Mellis Farms' loan to Gorran Bank was repaid early."),
    # written after the second measure, as probes of word families the first rows did not reach
    Pair("trend", "Lenders raised mortgage rates on Monday.", "On Monday lenders slashed mortgage rates."),
    Pair("trend", "The firm trimmed its forecast for the year.", "The firm bumped up its forecast for the year."),
    Pair("trend", "The council scaled back its spending plans.", "The council stepped up its spending plans."),
    Pair("trend", "Inflation eased to 2.1% in March.", "Inflation accelerated to 2.1% in March."),
    Pair("trend", "The airline posted a surge in passenger numbers.", "The airline reported a sharp fall in passenger numbers."),
    Pair("outcome", "The watchdog cleared the merger of the two grocers.", "The watchdog blocked the merger of the two grocers."),
    Pair("outcome", "The bypass plan was shelved by ministers.", "Ministers pressed ahead with the bypass plan."),
    Pair("outcome", "The nurses' strike was called off.", "The nurses' strike went ahead."),
    # written after the third development set was opened (our own sentences for the families it showed)
    Pair("trend", "Reading scores at Tulloch Primary had got better since 2022.", "At Tulloch Primary, reading scores had got worse since 2022."),
    Pair("outcome", "The licensing panel refused the pub's application for later hours.",
         "The pub's application for later hours was granted by the licensing panel."),
    Pair("trend", "The kick-off was brought forward by two hours.", "Kick-off was put back by two hours."),
    Pair("trend", "Bookings were expected to keep sliding, the agency said.", "The agency said bookings were expected to recover."),
    Pair("order", "The crew had left the platform by 6pm, before the storm reached the coast.",
         "The crew had left the platform by 6pm, after the storm reached the coast."),
    Pair("roles", "The trust will sell the old infirmary to Halcombe Developments next year.",
         "Next year, Halcombe Developments will sell the old infirmary to the trust."),
)

FAITHFUL: tuple[Pair, ...] = (
    # converse restatements
    Pair("converse", "Ferrow Rovers beat Alston 2-1 on Saturday.", "Alston lost 2-1 to Ferrow Rovers on Saturday."),
    Pair("converse", "Mercer Homes bought the Halden site from the county council.", "The county council sold the Halden site to Mercer Homes."),
    Pair("converse", "Women outnumbered men in the study.", "There were more women than men in the study."),
    Pair("converse", "The north had fewer burglaries than the south.", "The south had more burglaries than the north."),
    Pair("converse", "The Liberal party is trailing its rival by six points.", "Its rival is six points ahead of the Liberal party."),
    Pair("converse", "The minister resigned before the report was published.", "The report was published after the minister resigned."),
    Pair("converse", "The strike preceded the closure of the plant.", "The closure of the plant followed the strike."),
    Pair("converse", "Talks began after the ceasefire took hold.", "The ceasefire took hold before talks began."),
    Pair("converse", "Nurses at Orme earn less than those at Cray.", "Nurses at Cray earn more than those at Orme."),
    Pair("converse", "Westfield's turnout was higher than Eastfield's.", "Eastfield's turnout was lower than Westfield's."),
    Pair("converse", "Tolland Water is paying compensation to Millbrook residents.",
         "Millbrook residents are receiving compensation from Tolland Water."),
    Pair("converse", "Ravel Pharma lent £5m to Osler Biotech.", "Osler Biotech borrowed £5m from Ravel Pharma."),
    Pair("converse", "Dunmore will become part of Eastgate.", "Eastgate will absorb Dunmore."),
    # passive and active with the roles kept
    Pair("passive", "Keswick Power was bought by Arden Energy for £1.2bn.", "Arden Energy bought Keswick Power for £1.2bn."),
    Pair("passive", "Arden Energy acquired Keswick Power last year.", "Keswick Power was acquired by Arden Energy last year."),
    Pair("passive", "The High Court upheld the ruling against Mr Tate.", "The ruling against Mr Tate was upheld by the High Court."),
    Pair("passive", "The board turned down the offer from Lintel Group.", "The offer from Lintel Group was rejected by the board."),
    Pair("passive", "Lowther Council owes Brightwater Ltd £2m.", "Brightwater Ltd is owed £2m by Lowther Council."),
    Pair("passive", "Arkwright replaced Finch as club captain.", "Finch was replaced as club captain by Arkwright."),
    Pair("passive", "Ms Coyle is suing Draydon Ltd over unpaid wages.", "Draydon Ltd is being sued by Ms Coyle over unpaid wages."),
    Pair("passive", "Verity Motors overtook Sandler in the sales table.", "Sandler was overtaken by Verity Motors in the sales table."),
    Pair("passive", "Harland was beaten by Rudd in the second round.", "Rudd defeated Harland in the second round."),
    Pair("passive", "The Halden site was sold to Mercer Homes by the county council.",
         "The county council sold the Halden site to Mercer Homes."),
    # synonyms on one pole
    Pair("synonym", "Shares in Corrow Foods rose 4% on Tuesday.", "Corrow Foods stock increased 4% on Tuesday."),
    Pair("synonym", "Prices climbed 3% in May.", "May saw a 3% jump in prices."),
    Pair("synonym", "Enrolment at Harte College has dwindled for three years.", "Enrolment at Harte College has fallen for three years."),
    Pair("synonym", "Vacancies have soared since January.", "Since January vacancies have risen steeply."),
    Pair("synonym", "The index posted its steepest decline since March.", "The index had its biggest fall since March."),
    Pair("synonym", "Crime in the borough went down last year.", "Crime in the borough fell last year."),
    Pair("synonym", "Mr Hale was cleared of all charges.", "Mr Hale was acquitted on every count."),
    Pair("synonym", "The tribunal ruled in favour of the nurse.", "The nurse won her case at the tribunal."),
    Pair("synonym", "Farmers' leaders backed the levy.", "The levy has the support of farmers' leaders."),
    Pair("synonym", "The senator opposes the pipeline.", "The senator is against the pipeline."),
    Pair("synonym", "Ms Lund joined the board prior to the merger.", "Ms Lund joined the board before the merger."),
    Pair("synonym", "The company cut jobs ahead of its listing.", "The company cut jobs before its listing."),
    Pair("synonym", "The vaccine trial met its main goal.", "The vaccine trial achieved its primary aim."),
    Pair("synonym", "The motion was carried by 40 votes to 12.", "MPs passed the motion by 40 votes to 12."),
    Pair("synonym", "Mr Pask admitted two counts of careless driving.", "Mr Pask pleaded guilty to two counts of careless driving."),
    Pair("synonym", "Costs at the plant were below the industry average.", "Costs at the plant were lower than the industry average."),
    Pair("synonym", "Under the deal, Norcross will trade under the Bellamy name.",
         "Under the deal, Norcross's branches will carry the Bellamy name."),
    # double negations
    Pair("double negation", "Mr Pask denied the charges.", "Mr Pask pleaded not guilty to the charges."),
    Pair("double negation", "The motion did not fail.", "The motion passed."),
    Pair("double negation", "Prices did not fall in June.", "Prices held steady in June."),
    Pair("double negation", "The board did not reject the bid.", "The board did not turn the bid down."),
    # written after the first measure: movements said both ways, reordered with their figures
    Pair("synonym", "Coal exports dropped by 4% last year, while imports climbed 6%.",
         "Imports of coal climbed 6% last year, while exports dropped 4%."),
    Pair("synonym", "Water bills fell 3% in May after rising 2% in April.", "After a 2% rise in April, water bills fell by 3% in May."),
    # written after the first measure: an act named by a noun, the roles kept
    Pair("passive", "Tarrow Holdings bought Benfield last year.", "Benfield's acquisition by Tarrow Holdings was completed last year."),
    Pair("converse", "The sale of the Redcar plant to Ashby Metals by Corvin Steel was agreed.",
         "Ashby Metals agreed to buy the Redcar plant from Corvin Steel."),
    Pair("converse", "Brenton beat Alston 3-1 in the final.", "Brenton's 3-1 victory over Alston came in the final."),
    # written after the second measure: the same probes' synonyms
    Pair("synonym", "The harbour concert was cancelled.", "The harbour concert was called off."),
    Pair("synonym", "Inflation eased to 2.1% in March.", "Inflation slowed to 2.1% in March."),
    # written after the third development set was opened
    Pair("converse", "The trust will sell the old infirmary to Halcombe Developments next year.",
         "Next year, Halcombe Developments will buy the old infirmary from the trust."),
    Pair("synonym", "The kick-off was brought forward by two hours.", "Kick-off was moved forward by two hours."),
)

# Turned cases still missed and faithful ones still flagged, named by the source's first words (a fix shows as an XPASS).
MISSED: frozenset[str] = frozenset()
FLAGGED: frozenset[str] = frozenset({'Mr Pask denied the charges.', 'Prices did not fall in'})

_TURNED_TYPES = frozenset({"inversion", "negation"})


def _key(pair: Pair) -> str:
    return " ".join(pair.source.split()[:5])


def _marked(pairs: tuple[Pair, ...], known: frozenset[str]) -> list[object]:
    return [pytest.param(p, id=_key(p), marks=[pytest.mark.xfail(strict=True)] if _key(p) in known else []) for p in pairs]


def _found(pair: Pair) -> list[tuple[str, str, str]]:
    return [(c.type, c.a_text, c.b_text) for c in changes_in(UnitPair.of(pair.source, pair.copy))]


@pytest.mark.parametrize("pair", _marked(TURNED, MISSED))
def test_a_meaning_turned_round_in_other_words_is_an_inversion(pair: Pair) -> None:
    found = _found(pair)
    assert any(kind == "inversion" for kind, *_ in found), found


@pytest.mark.parametrize("pair", _marked(FAITHFUL, FLAGGED))
def test_the_same_meaning_in_other_words_is_not_turned_round(pair: Pair) -> None:
    found = _found(pair)
    assert not any(kind in _TURNED_TYPES for kind, *_ in found), found


def test_the_table_is_large_and_varied() -> None:
    assert len(TURNED) >= 50 and len(FAITHFUL) >= 40
    assert len({p.kind for p in TURNED}) >= 7 and len({p.kind for p in FAITHFUL}) >= 4
    assert len({_key(p) for p in TURNED}) == len(TURNED) and len({_key(p) for p in FAITHFUL}) == len(FAITHFUL)
