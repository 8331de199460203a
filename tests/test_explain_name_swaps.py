"""Names swapped for other names inside paraphrased sentences, and faithful rewrites that keep the names.

Content farms reword a whole sentence and, on the way, put another person, place or organisation in a
name's role ("Transport Secretary Helen Marsh said …" → "… Minister David Quayle confirmed"). The small
entity model often tags neither name, or tags them as different kinds, so a swap must be read from the
capitalised words themselves. The faithful rows are the rewordings that keep every name while changing
how it is written: an acronym, a surname alone, a possessive, title case, a name moved to another clause
or repeated from elsewhere in the source. Each row is set between verbatim neighbours (``sentence_tables``);
a changed row must draw an ``entity`` change with words on both sides, a faithful row nothing at all.
Every sentence here is our own writing; the invented names are not meant to be anyone.
"""

from __future__ import annotations

import pytest
from sentence_tables import Row, read
from sentence_tables import types as _is

_AROUND = [
    ("The decision was announced after a long meeting.", "More details are expected later this week."),
    ("The news came as a surprise to many local people.", "Reaction online was mixed."),
    ("The announcement was made on the first day of the month.", "Critics said the timing was poor."),
]

_ENTITY = _is("entity")

CHANGED = [
    # a person, titled, replaced by another in the same role
    Row("titled speaker, title reworded", "Transport Secretary Helen Marsh said the line would reopen in May.",
        "The line will reopen in May, Minister David Quayle confirmed.", _ENTITY),
    Row("author turned subject", "The plan was drawn up by chief engineer Tomasz Wolski.",
        "Chief engineer Priya Nandakumar drew up the plan.", _ENTITY),
    Row("officer told reporters", "Police Chief Aaron Blake told reporters the suspect had fled.",
        "The suspect had fled, Commissioner Lena Varga told reporters.", _ENTITY),
    Row("mayor opened, passive", "Mayor Ingrid Solberg opened the new library on Saturday.",
        "The new library was opened on Saturday by Mayor Kjersti Dahl.", _ENTITY),
    Row("scorer, clause moved", "The goal was scored by Marco Rinaldi in the second half.",
        "In the second half, Luca Ferretti scored the goal.", _ENTITY),
    Row("according to a professor", "According to Professor Hannah Weiss, the samples were contaminated.",
        "The samples were contaminated, said Dr Oliver Grant.", _ENTITY),
    Row("judge adjourned", "Judge Miriam Achebe adjourned the case until March.",
        "The case was adjourned until March by Judge Paul Henning.", _ENTITY),
    Row("executive steps down", "Chief executive Sanjay Mehra will step down next year.",
        "Next year chief executive Fiona Dunbar will step down.", _ENTITY),
    Row("union leader called", "Union leader Carl Brennan called the offer an insult.",
        "The offer was an insult, union leader Declan Moody said.", _ENTITY),
    Row("critic praised", "The novel won praise from critic Adele Fournier.",
        "Critic Simone Laurent praised the novel.", _ENTITY),
    Row("spokesperson, gender and name", "Spokeswoman Dana Ruiz said the firm regretted the error.",
        "The firm regretted the error, according to spokesman Igor Petrov.", _ENTITY),
    Row("coach to manager", "Coach Sven Larsen praised his players after the win.",
        "After the win, manager Tony Aldridge praised the players.", _ENTITY),
    Row("lead author in apposition", "The study's lead author, Mei Tanaka, said more work was needed.",
        "More work was needed, said Keiko Sato, who led the study.", _ENTITY),
    Row("opposition leader, passive", "Opposition leader Martin Hale called for an inquiry.",
        "An inquiry was demanded by opposition leader Gareth Pryce.", _ENTITY),
    Row("surname only, honorific", "Ms Okoye, who founded the charity, said donations had doubled.",
        "Donations had doubled, said Ms Adeyemi, the charity's founder.", _ENTITY),
    # a place replaced
    Row("in a town, verb reworded", "The warehouse in Tarnby will close by the end of the year.",
        "By the end of the year the warehouse in Kellsgate will shut.", _ENTITY),
    Row("near a town, passive", "Flooding cut off three villages near Ashworth overnight.",
        "Three villages near Brindle were cut off by flooding overnight.", _ENTITY),
    Row("host city, clause moved", "The summit will be held in Lisbon next month.",
        "Next month's summit is to take place in Vienna.", _ENTITY),
    Row("residents of to people in", "Residents of Crowhurst have complained about the noise for years.",
        "For years, people living in Pemberley have complained about the noise.", _ENTITY),
    Row("based adjective to clause", "The Galway-based company employs 300 people.",
        "The company, based in Limerick, has 300 employees.", _ENTITY),
    Row("flew home from", "The team flew home from Madrid on Sunday.",
        "On Sunday the team returned home from Milan.", _ENTITY),
    Row("outskirts to edge", "A fire broke out at a depot on the outskirts of Lindholm.",
        "A depot on the edge of Varberg caught fire.", _ENTITY),
    Row("river at a village", "The river burst its banks at Millbrook on Tuesday.",
        "On Tuesday the river flooded at Caldwell.", _ENTITY),
    Row("country hosts, passive", "Kenya will host the championships in 2027.",
        "The 2027 championships will be hosted by Uganda.", _ENTITY),
    Row("county gets the jobs", "Most of the new jobs will be in Northumberland.",
        "The bulk of the new posts will go to Cumbria.", _ENTITY),
    Row("sailed from a port", "The ship sailed from Rotterdam with 40 crew.",
        "With 40 crew on board, the ship left Antwerp.", _ENTITY),
    Row("tour country", "The orchestra will tour Japan in the autumn.",
        "In the autumn the orchestra will go on tour in Korea.", _ENTITY),
    # an organisation replaced
    Row("list member swapped", "The bid was backed by Nordvik Energy and Halberg Capital.",
        "Nordvik Energy and Brightwater Partners supported the bid.", _ENTITY),
    Row("company shares, same head word", "Shares in Castellan Foods rose 4 percent after the results.",
        "After the results, Merridew Foods shares climbed 4 percent.", _ENTITY),
    Row("funder, trust to foundation", "The research was funded by the Wellbrook Trust.",
        "Funding for the research came from the Aldous Foundation.", _ENTITY),
    Row("regulator swapped", "The drug was approved by the European Medicines Agency last week.",
        "Last week the Food and Drug Administration approved the drug.", _ENTITY),
    Row("hospital staff", "Staff at Ravensworth Hospital voted to strike.",
        "A strike was backed by staff at Greyfriars Hospital.", _ENTITY),
    Row("contract winner, different head", "The contract was awarded to Pellham Construction.",
        "Trask Builders won the contract.", _ENTITY),
    Row("campaign group criticised", "Greenpeace criticised the decision as reckless.",
        "The decision was reckless, Oxfam said.", _ENTITY),
    Row("pollster for a paper", "The survey was carried out by Pollwise for the Herald.",
        "Civica carried out the survey for the Herald.", _ENTITY),
    Row("merger partner", "The merger between Alder Bank and Quill Insurance collapsed.",
        "The planned merger of Alder Bank with Sterling Mutual fell apart.", _ENTITY),
    Row("seller in a list", "Tickets are sold through Ticketline and the venue's own website.",
        "Tickets can be bought from Seatwave or the venue's website.", _ENTITY),
    Row("club adjective", "The Rangers striker has signed a new deal.",
        "The Celtic striker has agreed a new contract.", _ENTITY),
    Row("coordinated hospitals", "Nurses at Eastfield and Burnside hospitals will strike on Monday.",
        "On Monday nurses at Eastfield and Greyfriars hospitals will walk out.", _ENTITY),
    Row("buyer, voice turned", "Microsoft agreed to buy the start-up for an undisclosed sum.",
        "The start-up is being bought by Oracle for an undisclosed sum.", _ENTITY),
    Row("award winner", "The award went to the Brightside Theatre Company.",
        "The Lantern Players took the award.", _ENTITY),
    Row("police force", "Officers from Thames Valley Police searched the house.",
        "Detectives from Avon and Somerset Police searched the house.", _ENTITY),
    Row("university", "The vaccine was developed at Oxford University.",
        "Researchers at Cambridge University developed the vaccine.", _ENTITY),
    Row("surname that is also a word", "Finance chief Tom Price said the shares were cheap.",
        "The shares were cheap at that price, analyst Mia Stone said.", _ENTITY),
    Row("acronym for another acronym", "The WHO warned that cases were rising again.",
        "Cases were rising again, the IMF warned.", _ENTITY),
    Row("institution of generic words", "The emergency loan came from the Central Bank.",
        "The emergency loan was provided by Nordbank.", _ENTITY),
    # a name the copy drops, put in the place of one it names elsewhere
    Row("speaker given to one named before", "Dr Lena Varga leads the inquiry. Deputy Omar Fisk said the report was ready.",
        "Dr Lena Varga leads the inquiry. The report was ready, Varga said.", _ENTITY),
    Row("place given to one named before", "The firm has offices in Tarnby and Brackley. Jobs will go at the site in Holmfirth.",
        "The firm has offices in Tarnby and Brackley. The site in Brackley will lose jobs.", _ENTITY),
]

FAITHFUL = [
    # the same party written another way
    Row("full name to acronym", "The United Nations said aid convoys had been blocked.",
        "Aid convoys had been blocked, the UN said."),
    Row("acronym to full name", "The NHS will hire 500 more nurses next year.",
        "The National Health Service will hire 500 more nurses next year."),
    Row("acronym of an organisation", "The International Monetary Fund cut its forecast for the region.",
        "The IMF lowered its forecast for the region."),
    Row("dotted acronym", "Officials in the U.S. welcomed the deal.", "The deal was welcomed by United States officials."),
    Row("broadcaster acronym", "The BBC said the documentary would air in June.",
        "The documentary will air in June, the broadcaster BBC said."),
    Row("titled full name to surname", "Health Minister Ruth Okafor told the committee the scheme was working.",
        "The scheme was working, Ms Okafor told the committee."),
    Row("full name to honorific", "Club chairman Rob Tanner said the ground would be sold.",
        "The ground will be sold, Mr Tanner said."),
    Row("possessive to clause", "Okafor's department will publish the figures in June.",
        "The figures will be published in June by the department Okafor runs."),
    Row("possessive firm", "The firm Aisha Karim founded has doubled in size.", "Karim's firm has doubled in size."),
    Row("apposition to relative clause", "The company's founder, Aisha Karim, said sales had doubled.",
        "Aisha Karim, who founded the company, said sales had doubled."),
    Row("title after name to before", "Jonas Berg, the prime minister, visited the plant on Friday.",
        "On Friday Prime Minister Jonas Berg visited the plant."),
    Row("doctor to surname", "Dr Hannah Weiss said the samples were clean.",
        "The samples were clean, according to Dr Weiss."),
    Row("initials dropped", "Author P. J. Lindqvist will open the festival.", "Lindqvist will open the festival."),
    Row("party name lengthened", "Labour won the seat by 300 votes.", "The Labour Party won the seat by 300 votes."),
    Row("company suffix dropped", "Vesta Group Ltd reported a profit for the year.", "Vesta Group reported a profit for the year."),
    Row("hospital short form", "Patients at St Mary's Hospital were moved overnight.",
        "Patients at St Mary's were moved overnight."),
    Row("club suffix dropped", "Kellsgate FC sacked their manager on Sunday.", "Kellsgate sacked their manager on Sunday."),
    Row("country to demonym", "Officials in France said the border would stay open.",
        "French officials said the border would stay open."),
    Row("demonym to country's", "The Russian foreign ministry rejected the claim.", "Russia's foreign ministry rejected the claim."),
    Row("Britain to the UK", "Britain will send two more ships.", "The UK will send two more ships."),
    Row("town council to council in town", "Tarnby Town Council approved the budget.", "The council in Tarnby approved the budget."),
    Row("based adjective to clause", "The Halden-based firm employs 80 people.",
        "The firm, which is based in Halden, employs 80 people."),
    Row("region reworded", "Heavy rain fell across northern Italy.", "Heavy rain fell across the north of Italy."),
    # capitals that are no name, or names moved
    Row("headline title case", "Storm Brings Chaos To Kellsgate Roads.", "The storm brought chaos to roads in Kellsgate."),
    Row("title case to sentence case", "Harlow Council Approves New Schools Budget.", "Harlow council approves new schools budget."),
    Row("office capitalised to lower", "The Finance Minister said taxes would not rise.",
        "Taxes would not rise, the finance minister said."),
    Row("sentence-initial word changed", "Police in Tarnby arrested two men on Friday.",
        "Two men were arrested by police in Tarnby on Friday."),
    Row("sentence-initial adverb", "Meanwhile, Orrin Bank said it would close 12 branches.",
        "Orrin Bank, meanwhile, said it would close 12 branches."),
    Row("day opens the sentence", "On Monday, Vesta Group said it had found a buyer.",
        "Vesta Group said on Monday that it had found a buyer."),
    Row("place moved to another clause", "Speaking in Geneva, the envoy said talks would resume.",
        "The envoy said in Geneva that talks would resume."),
    Row("designer moved to a new clause", "The bridge, designed by architect Omar Siddiqui, opened in 2019.",
        "Opened in 2019, the bridge was the work of architect Omar Siddiqui."),
    Row("two names reordered", "Nordvik Energy and Halberg Capital backed the bid.",
        "The bid was backed by Halberg Capital and Nordvik Energy."),
    Row("passive with named agent", "The contract was awarded to Pellham Construction by the council.",
        "The council awarded the contract to Pellham Construction."),
    Row("name pulled into the subject", "Shares in Castellan Foods rose 4 percent after the results.",
        "Castellan Foods shares climbed 4 percent after the results."),
    Row("place to residents of", "People living in Crowhurst have complained about the noise for years.",
        "Residents of Crowhurst have complained about the noise for years."),
    # a name the copy repeats from elsewhere in the source
    Row("surname from the sentence before", "Councillor Asha Bender chairs the planning board. The board rejected the scheme.",
        "Councillor Asha Bender chairs the planning board. The scheme was rejected by Bender's board."),
    Row("club named again", "Kellsgate Rovers won 2-0 on Saturday. The club's fans celebrated late into the night.",
        "Kellsgate Rovers won 2-0 on Saturday. Rovers fans celebrated late into the night."),
    Row("town named again", "The mill is the largest employer in Tarnby. It will close in March.",
        "The mill is the largest employer in Tarnby. The Tarnby mill will close in March."),
    Row("company named again", "Merridew Foods makes biscuits. The company will cut 40 jobs.",
        "Merridew Foods makes biscuits. Merridew will cut 40 jobs."),
    Row("person named again", "Lena Varga was appointed in 2020. She said crime had fallen.",
        "Lena Varga was appointed in 2020. Varga said crime had fallen."),
    Row("two people, sentences reordered", "Omar Fisk set up the inquiry. Lena Varga said the report was ready.",
        "The report was ready, said Lena Varga. The inquiry was set up by Omar Fisk."),
    Row("economist to the bank named before", "Orrin Bank raised its forecast. Its economist, Kurt Maas, said rates would rise.",
        "Orrin Bank raised its forecast. Maas, its economist, said rates would rise."),
    Row("surname that is also a word, kept", "Health Secretary Ann Price said prices would fall.",
        "Prices will fall, Ms Price said."),
    Row("party nickname", "The Conservatives lost two seats on the council.", "The Tories lost two council seats."),
    Row("parliament to MPs", "The bill was passed by Parliament on Tuesday.", "MPs passed the bill on Tuesday."),
    Row("party noun to adjective", "The Democrats have called for a recount.", "The Democratic Party has called for a recount."),
    Row("court in lower case", "The case will go to the High Court in Velmar next month.",
        "Next month the case goes before the high court in Velmar."),
    Row("particle inside a name", "Anna van der Berg said the plan was sound.", "The plan was sound, Van der Berg said."),
    Row("name to role, a holiday added", "Ann Price owns the shop. Price said trade was busiest in late December.",
        "Ann Price owns the shop. Trade is busiest at Christmas, the owner said."),
    Row("newspaper short form", "The figures were first reported by the Kellsgate Herald.",
        "The figures were first reported by the Herald."),
    Row("university reworded", "Researchers at the University of Carrow developed the test.",
        "Carrow University researchers developed the test."),
]


def test_the_table_covers_the_frames() -> None:
    assert len(CHANGED) >= 40 and len(FAITHFUL) >= 40
    assert len({r.frame for r in CHANGED}) == len(CHANGED) and len({r.frame for r in FAITHFUL}) == len(FAITHFUL)
    assert all(row.want == _ENTITY for row in CHANGED) and all(row.want is None for row in FAITHFUL)


@pytest.mark.parametrize("k, row", list(enumerate(CHANGED)), ids=[r.frame for r in CHANGED])
def test_a_name_put_in_another_names_role_is_an_entity_change(k: int, row: Row) -> None:
    reading = read(row, _AROUND[k % len(_AROUND)])
    assert "entity" in reading.paired, (row.copy, sorted(reading.types))


@pytest.mark.parametrize("k, row", list(enumerate(FAITHFUL)), ids=[r.frame for r in FAITHFUL])
def test_a_name_kept_under_rewording_is_not_flagged(k: int, row: Row) -> None:
    reading = read(row, _AROUND[k % len(_AROUND)])
    assert not reading.types and not reading.omitted, (row.copy, sorted(reading.types), reading.omitted)
