"""Meanings turned round without a negation word, across many kinds of opposite, each with faithful twins.

Every sentence here is our own writing (invented names, news style). A
*turned* case must come back as an ``inversion`` whose evidence holds the
turned word on both sides; a *faithful* twin (a synonym on the same side, a
comparison said from the other end, a passive that keeps the roles) must
come back with no change at all. The table was written before reading the
detector's word lists, so it measures the mechanism, not the lists.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from unspin.explain.changes import changes_in
from unspin.explain.cues import Cue
from unspin.explain.relations import opposed_claims
from unspin.explain.unit import UnitPair
from unspin.records import Change


@dataclass(frozen=True, slots=True)
class Turned:
    """A copy that turns the source's meaning round; ``a_word``/``b_word`` must sit in the evidence.

    A swap of two parties or of cause and effect leaves both words empty: any
    evidence on both sides will do, since either party can carry it.
    """

    kind: str
    source: str
    copy: str
    a_word: str
    b_word: str


@dataclass(frozen=True, slots=True)
class Faithful:
    """A copy that keeps the source's meaning in other words."""

    kind: str
    source: str
    copy: str


TURNED: tuple[Turned, ...] = (
    # stance
    Turned("stance", "The council backed the plan to close the depot.", "The council opposed the plan to close the depot.", "backed", "opposed"),
    Turned("stance", "Critics praised the minister's handling of the floods.", "Critics condemned the minister's handling of the floods.", "praised", "condemned"),
    Turned("stance", "Union leaders welcomed the offer from Harlow Rail.", "Union leaders rejected the offer from Harlow Rail.", "welcomed", "rejected"),
    Turned("stance", "Ms Okafor accepted the board's invitation to stay on.", "Ms Okafor refused the board's invitation to stay on.", "accepted", "refused"),
    Turned("stance", "The regulator approved the merger of Pellin and Drax Foods.", "The regulator blocked the merger of Pellin and Drax Foods.", "approved", "blocked"),
    Turned("stance", "Mr Tasker confirmed that talks had taken place.", "Mr Tasker denied that talks had taken place.", "confirmed", "denied"),
    # direction and movement
    Turned("direction", "The gap between the two parties widened in May.", "The gap between the two parties narrowed in May.", "widened", "narrowed"),
    Turned("direction", "The Corvale fleet expanded last year.", "The Corvale fleet shrank last year.", "expanded", "shrank"),
    Turned("direction", "The storm strengthened as it moved north.", "The storm weakened as it moved north.", "strengthened", "weakened"),
    Turned("direction", "Growth accelerated in the third quarter.", "Growth slowed in the third quarter.", "accelerated", "slowed"),
    Turned("direction", "The lira gained against the dollar on Friday.", "The lira lost ground against the dollar on Friday.", "gained", "lost"),
    Turned("direction", "Tensions eased after the envoys met in Varna.", "Tensions escalated after the envoys met in Varna.", "eased", "escalated"),
    Turned("direction", "Mortgage rates were raised by the central bank.", "Mortgage rates were cut by the central bank.", "raised", "cut"),
    # outcome
    Turned("outcome", "Brenton United won the final against Alder Town.", "Brenton United lost the final against Alder Town.", "won", "lost"),
    Turned("outcome", "The housing bill passed at its second reading.", "The housing bill was defeated at its second reading.", "passed", "defeated"),
    Turned("outcome", "The jury acquitted Mr Dale of fraud.", "The jury convicted Mr Dale of fraud.", "acquitted", "convicted"),
    Turned("outcome", "The appeal court upheld the ruling against Kestrel Mining.", "The appeal court overturned the ruling against Kestrel Mining.", "upheld", "overturned"),
    Turned("outcome", "The firm hired 200 workers at the Leeds plant.", "The firm laid off 200 workers at the Leeds plant.", "hired", "laid off"),
    # cause and effect swapped
    Turned("cause", "The drought led to the rise in grain prices.", "The rise in grain prices led to the drought.", "", ""),
    Turned("cause", "Falling demand caused the layoffs at Tamsin Steel.", "The layoffs at Tamsin Steel caused falling demand.", "", ""),
    # comparison
    Turned("comparison", "More patients were treated at Elmwood than at St Clare's.", "Fewer patients were treated at Elmwood than at St Clare's.", "more", "fewer"),
    Turned("comparison", "Train tickets were cheaper than flights on the route.", "Train tickets were dearer than flights on the route.", "cheaper", "dearer"),
    Turned("comparison", "The vote was held earlier than planned.", "The vote was held later than planned.", "earlier", "later"),
    Turned("comparison", "Nordvik finished ahead of Castell in the poll.", "Nordvik finished behind Castell in the poll.", "ahead", "behind"),
    Turned("comparison", "Sales exceeded the company's forecast.", "Sales fell short of the company's forecast.", "exceeded", "fell short"),
    Turned("comparison", "Turnout was higher in the north than in the south.", "Turnout was higher in the south than in the north.", "", ""),
    Turned("comparison", "The new reactor is larger than the one it replaces.", "The new reactor is smaller than the one it replaces.", "larger", "smaller"),
    Turned("comparison", "Rents in Dunmore rose faster than wages.", "Rents in Dunmore rose slower than wages.", "faster", "slower"),
    Turned("comparison", "Exports outpaced imports for the third month.", "Imports outpaced exports for the third month.", "", ""),
    Turned("comparison", "The Lisbon office is the company's biggest.", "The Lisbon office is the company's smallest.", "biggest", "smallest"),
    # roles
    Turned("role", "Harwell Bank lent £40m to the Pico Group.", "Harwell Bank borrowed £40m from the Pico Group.", "lent", "borrowed"),
    Turned("role", "Mr Abara was the plaintiff in the libel case.", "Mr Abara was the defendant in the libel case.", "plaintiff", "defendant"),
    Turned("role", "Grafton Energy is the buyer in the £2bn deal.", "Grafton Energy is the seller in the £2bn deal.", "buyer", "seller"),
    Turned("role", "Delmont played at home against Rovers on Saturday.", "Delmont played away against Rovers on Saturday.", "home", "away"),
    Turned("role", "Pell Motors acquired its rival Saxby in March.", "Pell Motors was acquired by its rival Saxby in March.", "acquired", "acquired"),
    Turned("role", "The landlord sued the tenant over unpaid rent.", "The tenant sued the landlord over unpaid rent.", "", ""),
    # quantity poles
    Turned("quantity", "A majority of members voted for the strike.", "A minority of members voted for the strike.", "majority", "minority"),
    Turned("quantity", "Most residents said they felt safe.", "Few residents said they felt safe.", "most", "few"),
    Turned("quantity", "The county ran a surplus of £3m last year.", "The county ran a deficit of £3m last year.", "surplus", "deficit"),
    Turned("quantity", "Brightwell posted a profit of £12m for the year.", "Brightwell posted a loss of £12m for the year.", "profit", "loss"),
    # derivations of the same axes (written after the first measure, to test reading words as families)
    Turned("derivation", "The acceleration in growth surprised analysts.", "The slowdown in growth surprised analysts.", "acceleration", "slowdown"),
    Turned("derivation", "The strength of the pound helped importers.", "The weakness of the pound helped importers.", "strength", "weakness"),
    Turned("derivation", "Backing for the plan came from the mayor.", "Opposition to the plan came from the mayor.", "backing", "opposition"),
    Turned("derivation", "The expansion of the airport will go ahead.", "The contraction of the airport will go ahead.", "expansion", "contraction"),
    Turned("derivation", "The escalation of the dispute hit output.", "The easing of the dispute hit output.", "escalation", "easing"),
    Turned("derivation", "The widening gap worried party officials.", "The narrowing gap worried party officials.", "widening", "narrowing"),
    Turned("graded", "The clinic opened sooner than expected.", "The clinic opened later than expected.", "sooner", "later"),
    Turned("graded", "The bridge is older than the castle.", "The bridge is newer than the castle.", "older", "newer"),
    Turned("graded", "The east wing is the oldest part of the house.", "The east wing is the newest part of the house.", "oldest", "newest"),
    # general families added for issue 18's second measure (our own sentences, written before the word lists)
    Turned("trend", "Pensioners make up a growing share of the town's voters.", "Pensioners make up a shrinking share of the town's voters.", "growing", "shrinking"),
    Turned("trend", "Membership of the Varden rowing club has swelled since 2019.", "Membership of the Varden rowing club has dwindled since 2019.", "swelled", "dwindled"),
    Turned("phase", "The dispute began at the start of the harvest.", "The dispute began at the end of the harvest.", "start", "end"),
    Turned("phase", "Ms Ruiz joined the firm early in her career.", "Ms Ruiz joined the firm late in her career.", "early", "late"),
    Turned("punctual", "The council said the repairs to the sea wall were timely.", "The council said the repairs to the sea wall were overdue.", "timely", "overdue"),
    Turned("benchmark", "Quarterly sales at Ferrow beat analysts' forecasts.", "Quarterly sales at Ferrow missed analysts' forecasts.", "beat", "missed"),
    Turned("benchmark", "The Kilbride bypass was finished under budget.", "The Kilbride bypass was finished over budget.", "under", "over"),
    Turned("benchmark", "The farmhouse sold above its asking price.", "The farmhouse sold below its asking price.", "above", "below"),
    Turned("sentiment", "Parents praised the new bus timetable.", "Parents complained about the new bus timetable.", "praised", "complained"),
    Turned("sentiment", "The inspectors' report commended the hospital's night staff.", "The inspectors' report criticised the hospital's night staff.", "commended", "criticised"),
    Turned("sentiment", "The coach thanked the referee after the match.", "The coach blamed the referee after the match.", "thanked", "blamed"),
    Turned("sentiment", "Cabinet ministers hailed the fishing deal.", "Cabinet ministers denounced the fishing deal.", "hailed", "denounced"),
    Turned("sanction", "The federation reinstated the sprinter after the hearing.", "The federation disqualified the sprinter after the hearing.", "reinstated", "disqualified"),
    Turned("placing", "Ms Haldane won the regional final in Perth.", "Ms Haldane finished second in the regional final in Perth.", "won", "finished second"),
    Turned("quality", "The young side performed well in the opening game.", "The young side performed poorly in the opening game.", "well", "poorly"),
    Turned("role", "Ms Pryce led the prosecution in the Hanley fraud trial.", "Ms Pryce led the defence team in the Hanley fraud trial.", "prosecution", "defence"),
    Turned("role", "Mr Lowe is the incumbent in the Carrow mayoral race.", "Mr Lowe is the challenger in the Carrow mayoral race.", "incumbent", "challenger"),
    Turned("role", "Halden Foods is the parent company of Brisk Drinks.", "Halden Foods is a subsidiary of Brisk Drinks.", "parent company", "subsidiary"),
    Turned("converse", "Astra Foods bought the bakery from Melling Group.", "Astra Foods sold the bakery to Melling Group.", "bought", "sold"),
    Turned("converse", "Dunmore Rovers won against Kelby Town on Saturday.", "Dunmore Rovers lost to Kelby Town on Saturday.", "won", "lost"),
    Turned("converse", "The Greens trailed Labour in the Ashby poll.", "Labour trailed the Greens in the Ashby poll.", "", ""),
    Turned("converse", "Orla Credit lent £2m to Fenwick Rugby Club.", "Fenwick Rugby Club lent £2m to Orla Credit.", "", ""),
    Turned("benchmark", "The cottage was expected to fetch more, but it sold for less than its asking price.", "The cottage sold for more than its asking price.", "less than", "more than"),
    Turned("comparison", "Growers said the frost would hurt, but that a drought would be far worse.", "Growers said the frost would be far worse for them than a drought.", "worse", "than a drought"),
    # a sentence that says both poles, turned round about one thing
    Turned("both poles", "The mayor welcomed the transport report but criticised its timing.", "The mayor attacked the transport report, although he praised its timing.", "welcomed", "attacked"),
    Turned("both poles", "Teachers praised the new timetable, though some parents complained about the early start.", "Teachers complained about the new timetable, which parents praised for its early start.", "praised", "complained"),
)

FAITHFUL: tuple[Faithful, ...] = (
    Faithful("stance", "The council backed the plan to close the depot.", "The council supported the plan to close the depot."),
    Faithful("stance", "Critics praised the minister's handling of the floods.", "Critics commended the minister's handling of the floods."),
    Faithful("stance", "Union leaders rejected the offer from Harlow Rail.", "Union leaders turned down the offer from Harlow Rail."),
    Faithful("direction", "The gap between the two parties widened in May.", "The gap between the two parties broadened in May."),
    Faithful("direction", "The Corvale fleet expanded last year.", "The Corvale fleet grew last year."),
    Faithful("direction", "The storm strengthened as it moved north.", "The storm intensified as it moved north."),
    Faithful("direction", "Growth slowed in the third quarter.", "Growth cooled in the third quarter."),
    Faithful("outcome", "Brenton United won the final against Alder Town.", "Brenton United beat Alder Town in the final."),
    Faithful("outcome", "The jury acquitted Mr Dale of fraud.", "The jury cleared Mr Dale of fraud."),
    Faithful("outcome", "The appeal court overturned the ruling against Kestrel Mining.", "The appeal court quashed the ruling against Kestrel Mining."),
    Faithful("cause", "The drought led to the rise in grain prices.", "The rise in grain prices was caused by the drought."),
    Faithful("comparison", "More patients were treated at Elmwood than at St Clare's.", "A greater number of patients were treated at Elmwood than at St Clare's."),
    Faithful("comparison", "Train tickets were cheaper than flights on the route.", "Train tickets were less expensive than flights on the route."),
    Faithful("comparison", "The vote was held earlier than planned.", "The vote was held sooner than planned."),
    Faithful("comparison", "Nordvik finished ahead of Castell in the poll.", "Nordvik finished in front of Castell in the poll."),
    Faithful("comparison", "Sales exceeded the company's forecast.", "Sales surpassed the company's forecast."),
    Faithful("comparison", "Turnout was higher in the north than in the south.", "Turnout was lower in the south than in the north."),
    Faithful("comparison", "The new reactor is larger than the one it replaces.", "The new reactor is bigger than the one it replaces."),
    Faithful("comparison", "The Lisbon office is the company's biggest.", "The Lisbon office is the company's largest."),
    Faithful("direction", "Rents in Dunmore rose faster than wages.", "Rents in Dunmore climbed faster than wages."),
    Faithful("role", "Harwell Bank lent £40m to the Pico Group.", "Harwell Bank loaned £40m to the Pico Group."),
    Faithful("role", "Pell Motors acquired its rival Saxby in March.", "Its rival Saxby was acquired by Pell Motors in March."),
    Faithful("role", "Harwell Bank lent £40m to the Pico Group.", "The Pico Group borrowed £40m from Harwell Bank."),
    Faithful("comparison", "Nordvik finished ahead of Castell in the poll.", "Castell finished behind Nordvik in the poll."),
    Faithful("direction", "Tensions eased after the envoys met in Varna.", "Tensions calmed after the envoys met in Varna."),
    Faithful("direction", "Growth accelerated in the third quarter.", "Growth quickened in the third quarter."),
    Faithful("stance", "Union leaders welcomed the offer from Harlow Rail.", "Union leaders backed the offer from Harlow Rail."),
    Faithful("quantity", "Few residents said they felt safe.", "Hardly any residents said they felt safe."),
    Faithful("quantity", "A majority of members voted for the strike.", "Most members voted for the strike."),
    Faithful("derivation", "The firm signed a contract to expand the port.", "The firm signed a deal to expand the port."),
    Faithful("derivation", "Opposition parties supported the bill.", "Opposition parties backed the bill."),
    Faithful("graded", "The bridge is older than the castle.", "The castle is newer than the bridge."),
    Faithful("graded", "The clinic opened sooner than expected.", "The clinic opened earlier than expected."),
    Faithful("derivation", "The strength of the pound helped importers.", "The robustness of the pound helped importers."),
    Faithful("quantity", "The county ran a deficit of £3m last year.", "The county ran a shortfall of £3m last year."),
    # converse restatements: the same relation said from its other end, with the parties swapped too
    Faithful("converse", "Dunmore Rovers won against Kelby Town on Saturday.", "Kelby Town lost to Dunmore Rovers on Saturday."),
    Faithful("converse", "Dunmore Rovers beat Kelby Town on Saturday.", "Kelby Town lost to Dunmore Rovers on Saturday."),
    Faithful("converse", "Kelby Town were defeated by Dunmore Rovers.", "Dunmore Rovers beat Kelby Town."),
    Faithful("converse", "Astra Foods bought the bakery from Melling Group.", "Melling Group sold the bakery to Astra Foods."),
    Faithful("converse", "Orla Credit lent £2m to Fenwick Rugby Club.", "Fenwick Rugby Club borrowed £2m from Orla Credit."),
    Faithful("converse", "The Greens trailed Labour in the Ashby poll.", "Labour led the Greens in the Ashby poll."),
    Faithful("converse", "Exports outpaced imports in May.", "Imports lagged behind exports in May."),
    Faithful("converse", "Brisk Air is ahead of Solent Jet in bookings.", "Solent Jet is behind Brisk Air in bookings."),
    Faithful("converse", "Halden Foods owns Brisk Drinks.", "Brisk Drinks is owned by Halden Foods."),
    Faithful("converse", "Heavy rain triggered the landslide near Bray.", "The landslide near Bray was triggered by heavy rain."),
    Faithful("converse", "Mr Toller succeeded Ms Abbot as chair of Varden Council.", "Ms Abbot was succeeded by Mr Toller as chair of Varden Council."),
    Faithful("both poles", "The mayor welcomed the transport report but criticised its timing.", "The mayor criticised the timing of the transport report, which he welcomed."),
    Faithful("both poles", "Shoppers praised the new market hall but complained about parking.", "Shoppers complained about parking at the new market hall, which they praised."),
    Faithful("converse", "The new Tarn bridge is safer than the old ferry.", "The old ferry is less safe than the new Tarn bridge."),
    # synonyms on one pole of the new families
    Faithful("benchmark", "Quarterly sales at Ferrow beat analysts' forecasts.", "Quarterly sales at Ferrow topped analysts' forecasts."),
    Faithful("benchmark", "The flat in Harrow Road sold for more than its asking price.", "The flat in Harrow Road sold above its asking price."),
    Faithful("benchmark", "The Kilbride bypass was finished under budget.", "The Kilbride bypass was completed below budget."),
    Faithful("sentiment", "Parents praised the new bus timetable.", "Parents applauded the new bus timetable."),
    Faithful("trend", "Membership of the Varden rowing club has dwindled since 2019.", "Membership of the Varden rowing club has diminished since 2019."),
    Faithful("phase", "The dispute began at the start of the harvest.", "The dispute began at the beginning of the harvest."),
)

# Turned cases the detector still misses, named by their source's first words, so a fix shows up as an XPASS.
MISSED: frozenset[str] = frozenset({
    'The housing bill passed',
})
# Faithful twins it still flags.
FLAGGED: frozenset[str] = frozenset({
    'Few residents said they',
})


def found(case: Turned) -> bool:
    """The copy's change is an inversion whose evidence holds the turned word on both sides."""
    return any(
        c.type == "inversion" and c.a_text and c.b_text and case.a_word in c.a_text.lower() and case.b_word in c.b_text.lower()
        for c in changes_in(UnitPair.of(case.source, case.copy))
    )


def silent(case: Faithful) -> bool:
    return not changes_in(UnitPair.of(case.source, case.copy))


def _key(source: str) -> str:
    return " ".join(source.split()[:4])


def _marked(cases: tuple[Turned, ...] | tuple[Faithful, ...], known: frozenset[str]) -> list[object]:
    return [pytest.param(c, id=_key(c.source), marks=[pytest.mark.xfail(strict=True)] if _key(c.source) in known else [])
            for c in cases]


@pytest.mark.parametrize("case", _marked(TURNED, MISSED))
def test_a_meaning_turned_round_is_an_inversion(case: Turned) -> None:
    assert found(case), [(c.type, c.a_text, c.b_text) for c in changes_in(UnitPair.of(case.source, case.copy))]


@pytest.mark.parametrize("case", _marked(FAITHFUL, FLAGGED))
def test_the_same_meaning_in_other_words_stays_silent(case: Faithful) -> None:
    assert silent(case), [(c.type, c.a_text, c.b_text) for c in changes_in(UnitPair.of(case.source, case.copy))]


def test_the_table_is_varied() -> None:
    assert len(TURNED) >= 40 and len(FAITHFUL) >= 20
    assert len({c.kind for c in TURNED}) >= 7
    assert len({_key(c.source) for c in TURNED}) == len(TURNED)



def _claims(source: str, copy: str, dropped: str, added: str) -> tuple[UnitPair, list[Change]]:
    unit = UnitPair.of(source, copy)
    x, y = source.index(dropped), copy.index(added)
    return unit, [unit.change("omission", Cue(x, x + len(dropped), ""), None, "B leaves out"),
                  unit.change("addition", None, Cue(y, y + len(added), ""), "B adds")]


def test_a_dropped_and_an_added_stretch_on_opposite_poles_are_one_inversion() -> None:
    """Claims the copy drops and adds in one unit that stand on opposite poles of one axis pair up."""
    unit, claims = _claims("Fans said the keeper had played well in the rain.", "Fans said the keeper had been dismal all night.",
                           "played well in the rain", "been dismal all night")
    paired = opposed_claims(claims, unit)
    assert [(c.type, c.a_text, c.b_text) for c in paired.inversions] == [("inversion", "played well in the rain", "been dismal all night")]
    assert paired.rest == []


def test_a_dropped_and_an_added_stretch_on_the_same_pole_stay_claims() -> None:
    unit, claims = _claims("Fans said the keeper had played well in the rain.", "Fans said the keeper had been impressive all night.",
                           "played well in the rain", "been impressive all night")
    assert opposed_claims(claims, unit).inversions == [] and opposed_claims(claims, unit).rest == claims
