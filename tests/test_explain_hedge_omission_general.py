"""How news settles what its source left open, and rewrites of the same frames that keep it open.

Each row is a short news sentence as a source wrote it and as a copy rewrote it, set between verbatim
neighbours so the aligner pairs them. A changed row names the change types that are right for it; a faithful
row must draw no reported change over the rewritten sentence and no omitted source span. The rows cover the
ways a claim's certainty moves without a ``may`` or ``expected`` (``explain/settled.py``): a request stated as
fact, an open question answered, an act under way stated as done, a provisional act made final, a time bound
or a condition dropped, and a modal or negation dropped together with its whole clause. Every text is our own.
"""

from __future__ import annotations

import pytest
from sentence_tables import Row, read
from sentence_tables import types as _is


_AROUND = [
    ("The town has about 40,000 residents.", "A public meeting is planned for the spring."),
    ("The story was first reported by the Kelmouth Gazette.", "Further updates are expected later in the week."),
]

CHANGED = [
    Row("asked to will", "The mayor asked the water company to repair the main by Friday.",
        "The water company will repair the main by Friday.", _is("hedge")),
    Row("urged to has done", "Residents urged the council to reopen the library.",
        "The council has reopened the library.", _is("hedge")),
    Row("recommended that to agreed", "The inspectors recommended that the hospital hire more nurses.",
        "The hospital has agreed to hire more nurses.", _is("hedge")),
    Row("called on to done", "The union called on the airline to restore the bonus.",
        "The airline restored the bonus.", _is("hedge")),
    Row("fact to request", "The council has reopened the library.",
        "Residents urged the council to reopen the library.", _is("hedge")),
    Row("declined to say whether to confirmed", "The club declined to say whether the coach would stay.",
        "The club confirmed that the coach would stay.", _is("addition")),
    Row("would not say whether to said", "Police would not say whether the suspect had been armed.",
        "Police said the suspect had been armed.", _is("addition")),
    Row("is repairing to has repaired", "The council is repairing the sea wall at Harbin Point.",
        "The council has repaired the sea wall at Harbin Point.", _is("hedge")),
    Row("was expanding to has expanded", "The firm was expanding its warehouse in Leeds.",
        "The firm has expanded its warehouse in Leeds.", _is("hedge")),
    Row("suspended to sacked", "The league suspended the referee after the match.",
        "The league sacked the referee after the match.", _is("hedge")),
    Row("postponed to scrapped", "The airline postponed the new route to Oslo.",
        "The airline scrapped the new route to Oslo.", _is("hedge")),
    Row("temporarily dropped", "The bridge is temporarily closed to lorries.",
        "The bridge is closed to lorries.", _is("omission")),
    Row("for now dropped", "The ferry will not sail for now, the operator said.",
        "The ferry will not sail, the operator said.", _is("omission")),
    Row("until further notice dropped", "The plant will stay shut until further notice.",
        "The plant will stay shut.", _is("omission")),
    Row("in the first years dropped", "Pay will be frozen in the first two years of the deal.",
        "Pay will be frozen under the deal.", _is("omission")),
    Row("until further notice added", "The museum is closed to visitors.",
        "The museum is closed to visitors until further notice.", _is("addition")),
    Row("agreed to study to agreed to create", "Ministers agreed on Friday to study a shared ferry network.",
        "Ministers have agreed to create a shared ferry network.", _is("hedge")),
    Row("will review to will scrap", "The board will review the pay deal next month.",
        "The board will scrap the pay deal next month.", _is("hedge")),
    Row("a decade to always", "The band toured Europe every summer in the early 1960s.",
        "The band always toured Europe every summer.", _is("omission")),
    Row("denied thing dropped from a list", "Inspectors found no damage to the roof and no sign of water in the cellar.",
        "Inspectors found no sign of water in the cellar.", _is("omission")),
    Row("pending dropped", "The officer was suspended pending an inquiry into the crash.",
        "The officer was suspended.", _is("omission")),
    Row("once clause dropped", "The road will reopen on Monday once engineers have checked the bridge.",
        "The road will reopen on Monday.", _is("omission")),
    Row("as long as dropped", "The grant will be paid as long as the school meets its targets.",
        "The grant will be paid.", _is("omission")),
    Row("could clause dropped", "The trust said the fence had been repaired and that the path could be reopened next month.",
        "The trust said the fence had been repaired.", _is("omission")),
    Row("negated clause dropped", "The firm said sales had risen and that it did not expect further job cuts this year.",
        "The firm said sales had risen.", _is("omission")),
]

FAITHFUL = [
    Row("urged to called on", "The mayor urged residents to save water.", "The mayor called on residents to save water."),
    Row("recommended to should", "The inspectors recommended that the hospital hire more nurses.",
        "The hospital should hire more nurses, the inspectors recommended."),
    Row("asked to were urged", "The union asked members to vote against the deal.",
        "Members were urged by the union to vote against the deal."),
    Row("told to were asked", "The school told parents to collect their children early.",
        "Parents were asked to collect their children early, the school said."),
    Row("declined to say to would not say", "The club declined to say whether the coach would stay.",
        "The club would not say whether the coach would stay."),
    Row("temporarily to for now", "The bridge is temporarily closed to lorries.", "The bridge is closed to lorries for now."),
    Row("until further notice kept", "The match was postponed until further notice.",
        "The match was put off until further notice."),
    Row("suspended to halted", "The firm suspended production at the plant.", "Production at the plant was halted by the firm."),
    Row("once clause moved", "Once the survey is complete, the harbour will reopen.",
        "The harbour will reopen once the survey is complete."),
    Row("as long as moved", "The offer stands as long as the union accepts it by Friday.",
        "As long as the union accepts it by Friday, the offer stands."),
    Row("if clause moved", "The grant will be paid if the school meets its targets.",
        "If the school meets its targets, the grant will be paid."),
    Row("could clause kept", "The trust said the fence had been repaired and that the path could be reopened next month.",
        "The fence has been repaired and the path could be reopened next month, the trust said."),
    Row("is repairing kept", "The council is repairing the sea wall at Harbin Point.",
        "Work on the sea wall at Harbin Point is under way, the council said."),
    Row("will review to will look again at", "The board will review the pay deal next month.",
        "The pay deal will be looked at again by the board next month."),
    Row("a decade kept", "The band toured Europe every summer in the early 1960s.",
        "In the early 1960s the band toured Europe every summer."),
    Row("denied thing reworded", "Inspectors found no damage to the roof.", "No damage to the roof was found by inspectors."),
    Row("for now added", "The pool is closed to swimmers.", "The pool is closed to swimmers for now."),
    Row("was hiring to was recruiting", "The company was hiring 200 staff for the new depot.",
        "The company was recruiting 200 staff for the new depot."),
]


def test_the_table_covers_the_frames() -> None:
    assert len(CHANGED) + len(FAITHFUL) >= 30 and len(FAITHFUL) >= 10
    assert len({r.frame for r in CHANGED + FAITHFUL}) == len(CHANGED) + len(FAITHFUL)
    assert all(row.want for row in CHANGED) and all(row.want is None for row in FAITHFUL)


@pytest.mark.parametrize("k, row", list(enumerate(CHANGED)), ids=[r.frame for r in CHANGED])
def test_a_settled_claim_is_typed(k: int, row: Row) -> None:
    assert row.want is not None
    reading = read(row, _AROUND[k % len(_AROUND)])
    found = reading.types | ({"omission"} if reading.omitted else set())
    assert found & row.want, (row.copy, sorted(found), sorted(row.want))


@pytest.mark.parametrize("k, row", list(enumerate(FAITHFUL)), ids=[r.frame for r in FAITHFUL])
def test_a_claim_kept_open_is_not_flagged(k: int, row: Row) -> None:
    reading = read(row, _AROUND[k % len(_AROUND)])
    assert not reading.types and not reading.omitted, (row.copy, sorted(reading.types), reading.omitted)
