"""How a copy turns a claim's polarity round, and faithful rewrites that keep it.

Each row is a short news sentence as a source wrote it and as a copy rewrote it, set between verbatim
neighbours so the aligner pairs them. A changed row gains or loses a negation in any of its words ("not",
"never", "no", "none", "without", "failed to", "refused to", "lacked", "rarely"), states a negated verb by
its affirmative paraphrase with the polarity flipped, or swaps an implicit negative ("none" → "most"): a
``negation`` (issue 18). A faithful row says the same polarity in other words: a double negative, "failed
to" for "did not", "will not reopen" for "will stay shut", "no longer" for "stopped", a negation moved
inside the sentence with the meaning kept. It must draw no reported change over the rewritten sentence and
no omitted source span. Every text is our own.
"""

from __future__ import annotations

import pytest
from sentence_tables import Row, read
from unspin.api import article_from_text, compare
from sentence_tables import types as _is

_AROUND = [
    ("The town has about 40,000 residents.", "A public meeting is planned for the spring."),
    ("The story was first reported by the Kelmouth Gazette.", "Further updates are expected later in the week."),
]
_NEG = _is("negation")
_TURNED = _is("inversion")

CHANGED = [
    # a negation word gained or lost
    Row("not dropped", "The council has not approved the new car park.", "The council has approved the new car park.", _NEG),
    Row("not gained", "The harbour master ordered the boats to leave.", "The harbour master did not order the boats to leave.", _NEG),
    Row("never dropped", "The mayor never visited the flooded estate.", "The mayor visited the flooded estate.", _NEG),
    Row("never gained", "The club paid the players on time.", "The club never paid the players on time.", _NEG),
    Row("no dropped", "There was no evidence of foul play, police said.", "There was evidence of foul play, police said.", _NEG),
    Row("no gained", "The inspectors found damage to the roof.", "The inspectors found no damage to the roof.", _NEG),
    Row("none to all", "None of the stolen paintings have been found.", "All of the stolen paintings have been found.", _NEG),
    Row("nobody to several", "Nobody was arrested after the match.", "Several fans were arrested after the match.", _NEG),
    Row("without to with", "The bill passed without the support of the opposition.",
        "The bill passed with the support of the opposition.", _NEG),
    Row("with to without", "The festival went ahead with a licence.", "The festival went ahead without a licence.", _NEG),
    Row("failed to dropped", "The team failed to reach the final.", "The team reached the final.", _NEG),
    Row("failed to gained", "The firm met its sales target for the year.", "The firm failed to meet its sales target for the year.", _NEG),
    Row("refused to dropped", "The minister refused to resign over the affair.", "The minister resigned over the affair.", _NEG),
    # an opposite word that is a negation too ("refused to") or says one ("denied") is read as the opposite turned round
    Row("refused to gained", "The union agreed to meet the employers.", "The union refused to meet the employers.", _TURNED),
    Row("denied to admitted", "The driver denied causing the crash.", "The driver admitted causing the crash.", _TURNED),
    Row("lacked to had", "The hospital lacked enough nurses for the night shift.",
        "The hospital had enough nurses for the night shift.", _NEG),
    Row("cannot dropped", "Residents cannot park on the seafront in summer.", "Residents can park on the seafront in summer.", _NEG),
    Row("contraction dropped", "The school wasn't told about the inspection.", "The school was told about the inspection.", _NEG),
    Row("contraction gained", "The airline has refunded the passengers.", "The airline hasn't refunded the passengers.", _NEG),
    Row("not at dropped", "The service was not at breaking point last winter.", "The service was at breaking point last winter.", _NEG),
    Row("had not ordered dropped", "The governor had not ordered a curfew.", "The governor ordered a curfew.", _NEG),
    Row("nothing to something", "Nothing was taken from the shop, the owner said.",
        "Something was taken from the shop, the owner said.", _NEG),
    Row("never to often", "The ferry never runs late in winter.", "The ferry often runs late in winter.", _NEG),
    Row("no longer dropped", "The bank no longer offers loans to farmers.", "The bank offers loans to farmers.", _NEG),
    Row("not yet dropped", "The bridge has not yet reopened to traffic.", "The bridge has reopened to traffic.", _NEG),
    Row("neither dropped", "Neither candidate backed the new runway.", "Both candidates backed the new runway.", _NEG),
    # a negated verb restated by its affirmative paraphrase, polarity flipped
    Row("did not blame to blamed", "The coach did not blame the referee for the defeat.",
        "The coach blamed the referee for the defeat.", _NEG),
    Row("did not win to won", "The party did not win a single seat in the city.", "The party won a seat in the city.", _NEG),
    Row("not open to opened", "The new library did not open on time.", "The new library opened on time.", _NEG),
    Row("not guilty to guilty", "The jury found the former manager not guilty of fraud.",
        "The jury found the former manager guilty of fraud.", _NEG),
    # implicit negatives
    Row("kept to lost", "The mayor would keep the power to set the budget.", "The mayor would lose the power to set the budget.", _NEG),
    Row("none to most", "None of the missing funds had been recovered.", "Most of the missing funds had been recovered.", _NEG),
    Row("no side effects to side effects", "There were no serious side effects in the trial.",
        "Three patients had serious side effects in the trial.", _NEG),
    Row("no one to many", "No one was hurt in the fire at the depot.", "Many people were hurt in the fire at the depot.", _NEG),
    Row("rarely to regularly", "The committee rarely meets in public.", "The committee regularly meets in public.", _NEG),
    Row("absent to present", "The chairman was absent from the vote.", "The chairman was present for the vote.", _NEG),
    # a negation moved to another clause
    Row("negation moved to other clause", "The police did not arrest the driver, who had been drinking.",
        "The police arrested the driver, who had not been drinking.", _NEG),
    Row("negation moved to main clause", "The firm said it would close the plant that was not profitable.",
        "The firm said it would not close the plant that was profitable.", _NEG),
    Row("not dropped in second clause", "Prices rose, but wages did not keep pace.", "Prices rose, and wages kept pace.", _NEG),
    Row("not gained after comma", "The plan was cheap, and it worked well.", "The plan was cheap, but it did not work well.", _NEG),
    Row("no gained before noun", "The audit found mistakes in the accounts.", "The audit found no mistakes in the accounts.", _NEG),
    Row("barely dropped", "The stadium was barely half full.", "The stadium was half full.", _NEG),
]

FAITHFUL = [
    # double negatives and negations said in other words
    Row("not unlike to like", "The new design is not unlike the old one.", "The new design is like the old one."),
    Row("not unusual to usual", "Such a delay is not unusual on the line.", "Such a delay is usual on the line."),
    Row("failed to for did not", "The team did not reach the final.", "The team failed to reach the final."),
    Row("did not for failed to", "The firm failed to meet its target.", "The firm did not meet its target."),
    Row("will not reopen to stay shut", "The pool will not reopen this year.", "The pool will stay shut this year."),
    Row("no longer to stopped", "The bank no longer offers loans to farmers.", "The bank has stopped offering loans to farmers."),
    Row("refused to for would not", "The minister would not resign over the affair.", "The minister refused to resign over the affair."),
    Row("never to not once", "The mayor never visited the flooded estate.", "Not once did the mayor visit the flooded estate."),
    Row("none to not one", "None of the paintings have been found.", "Not one of the paintings has been found."),
    Row("nobody to no one", "Nobody was arrested after the match.", "No one was arrested after the match."),
    Row("no evidence to did not find", "Police found no evidence of foul play.", "Police did not find any evidence of foul play."),
    Row("without to did not have", "The festival went ahead without a licence.", "The festival went ahead even though it did not have a licence."),
    Row("did not approve to rejected", "The council did not approve the car park.", "The council rejected the car park."),
    Row("not allowed to banned", "Dogs are not allowed on the beach in summer.", "Dogs are banned from the beach in summer."),
    Row("lacked to did not have", "The hospital lacked enough nurses.", "The hospital did not have enough nurses."),
    Row("cannot to unable", "Residents cannot park on the seafront.", "Residents are unable to park on the seafront."),
    Row("contraction expanded", "The school wasn't told about the inspection.", "The school was not told about the inspection."),
    Row("not yet to still", "The bridge has not yet reopened.", "The bridge is still closed."),
    Row("not only but also", "The storm not only closed the road but also cut power.", "The storm closed the road and cut power."),
    Row("never to has yet to", "The club has never won the league.", "The club has yet to win the league."),
    Row("no to not any", "The shop made no profit last year.", "The shop did not make any profit last year."),
    Row("rarely to seldom", "The committee rarely meets in public.", "The committee seldom meets in public."),
    Row("absent to did not attend", "The chairman was absent from the vote.", "The chairman did not attend the vote."),
    Row("not true to false", "The claims were not true, the spokesman said.", "The claims were false, the spokesman said."),
    Row("not keep to lost", "The mayor would not keep the power to set the budget.", "The mayor would lose the power to set the budget."),
    Row("did not survive to died", "The pilot did not survive the crash.", "The pilot died in the crash."),
    Row("not enough to too few", "There were not enough beds on the ward.", "There were too few beds on the ward."),
    # a negation moved inside the sentence, meaning kept
    Row("negation raised", "The manager said he did not expect to stay.", "The manager said he expected not to stay."),
    Row("think not moved", "Officials do not think the dam will fail.", "Officials think the dam will not fail."),
    Row("negated clause fronted", "The road will not reopen until the repairs are done.", "Until the repairs are done, the road will not reopen."),
    Row("negation kept passive", "The police did not charge the driver.", "The driver was not charged by the police."),
    Row("no kept reworded", "There were no injuries in the crash.", "Nobody was injured in the crash."),
    Row("never kept reordered", "The river has never flooded the square.", "The square has never been flooded by the river."),
    Row("none kept reworded", "None of the fans were hurt.", "No fans were hurt."),
    Row("without kept reordered", "Without extra staff, the clinic will close.", "The clinic will close without extra staff."),
    Row("not kept with comma", "The plant, the firm said, will not close.", "The firm said the plant will not close."),
    Row("neither nor kept", "Neither the mayor nor his deputy attended.", "The mayor did not attend, and nor did his deputy."),
    Row("no more kept", "The pier will no more host concerts.", "The pier will no longer host concerts."),
    Row("not before kept", "The results will not be known before Monday.", "The results will not be known until Monday."),
    Row("not a single kept", "Not a single vote was cast against the plan.", "No vote was cast against the plan."),
]


def test_the_table_covers_the_frames() -> None:
    assert len(CHANGED) >= 40 and len(FAITHFUL) >= 40
    assert len({r.frame for r in CHANGED + FAITHFUL}) == len(CHANGED) + len(FAITHFUL)
    assert all(row.want for row in CHANGED) and all(row.want is None for row in FAITHFUL)


@pytest.mark.parametrize("k, row", list(enumerate(CHANGED)), ids=[r.frame for r in CHANGED])
def test_a_polarity_turned_round_is_a_negation(k: int, row: Row) -> None:
    assert row.want is not None
    reading = read(row, _AROUND[k % len(_AROUND)])
    assert reading.types & row.want, (row.copy, sorted(reading.types), sorted(row.want))


@pytest.mark.parametrize("k, row", list(enumerate(FAITHFUL)), ids=[r.frame for r in FAITHFUL])
def test_a_polarity_kept_is_not_flagged(k: int, row: Row) -> None:
    reading = read(row, _AROUND[k % len(_AROUND)])
    assert not reading.types and not reading.omitted, (row.copy, sorted(reading.types), reading.omitted)


_MERGE_BEFORE = "The harbour festival was cancelled on Monday after its main sponsor withdrew."
_MERGE_AFTER = "The trust hopes to return next year with a smaller event."


@pytest.mark.parametrize("denial, merged, turned", [
    ("She said she did not blame the council.", "she blamed the council for the delay", True),
    ("She said she did not blame the council.", "she did not blame the council for the delay", False),
    ("She said she never doubted the volunteers.", "she doubted the volunteers from the start", True),
])
def test_a_denial_left_over_beside_a_merged_sentence(denial: str, merged: str, turned: bool) -> None:
    """A sentence the aligner cannot hold, whose predicate the copy's merged sentence states with the other polarity."""
    source = (f"{_MERGE_BEFORE} Anna Price, who runs the café on the quay, said the weekend was usually her busiest "
              f"of the summer. {denial} {_MERGE_AFTER}")
    copy = (f"{_MERGE_BEFORE} Anna Price, owner of the café on the quay, said the weekend was normally the busiest "
            f"of her summer, and {merged}. {_MERGE_AFTER}")
    a, b = article_from_text(source), article_from_text(copy)
    at = source.find(denial)
    found = [c for p in compare(a, b).passages for c in p.changes
             if c.type == "negation" and c.a is not None and at <= c.a[0] < at + len(denial)]
    assert bool(found) == turned, found


@pytest.mark.parametrize("split, turned", [
    ("Police have found most of the stolen goods.", True),
    ("Police have found none of the stolen goods.", False),
])
def test_a_denial_split_off_into_a_plain_sentence(split: str, turned: bool) -> None:
    """A clause the copy split off into a sentence of its own, stating plainly what the source denied."""
    source = (f"{_MERGE_BEFORE} Detectives said none of the stolen goods had been found, and the trial would "
              f"begin in the spring. Two men have been charged with burglary. {_MERGE_AFTER}")
    copy = (f"{_MERGE_BEFORE} Two men have been charged with burglary, and their trial will begin in the spring. "
            f"{split} {_MERGE_AFTER}")
    a, b = article_from_text(source), article_from_text(copy)
    at = source.find("none")
    found = [c for p in compare(a, b).passages for c in p.changes
             if c.type == "negation" and c.a is not None and c.a[0] <= at < c.a[1] + 80]
    assert bool(found) == turned, found
