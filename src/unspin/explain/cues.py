"""Surface cues of meaning: numbers, dates, negation, hedges, quotes.

Each extractor returns ``Cue`` records over one text, whose ``key`` is a
normal form: two cues with equal keys say the same thing however
they are written ("$2.5 billion" and "2.5 billion dollars" share a key,
"1980s" and "1980's" too). Pure functions; no model needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, wraps


@dataclass(frozen=True, slots=True, order=True)
class Cue:
    """A stretch of one text that says something a rewrite may change: ``text[start:end]``, and ``key``,
    its normal form (equal keys say the same thing)."""

    start: int
    end: int
    key: str


def remembered(find: Callable[[str], list[Cue]]) -> Callable[[str], list[Cue]]:
    """``find`` with the cues of its last 512 texts kept: explain asks one sentence for its numbers a
    dozen times (a detector per kind of change, each side, each split sentence's neighbour), and
    reading them once each was a tenth of explain's time. Each call returns a new list, so a caller
    may change it."""
    kept = lru_cache(maxsize=512)(lambda text: tuple(find(text)))

    @wraps(find)
    def cached(text: str) -> list[Cue]:
        return list(kept(text))

    return cached


_SCALE = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "b": 1e9,
    "billion": 1e9, "tn": 1e12, "trillion": 1e12,
}
_CURRENCY_WORD = {"dollar": "$", "dollars": "$", "pound": "£", "pounds": "£", "euro": "€", "euros": "€",
                  "yen": "¥", "rubles": "₽", "roubles": "₽", "ruble": "₽"}
_NUMBER = re.compile(
    r"(?P<cur>[$£€¥])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|[kmb])\b)?"
    r"(?:\s?(?P<pct>%|per\s?cent|percent))?"
    r"(?:\s(?P<curword>dollars?|pounds?|euros?|yen|rubles?|roubles?)\b)?"
    r"(?:\s(?P<cents>cents?|pence)\b)?",
    re.IGNORECASE,
)
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
                   "tenth": 10, "tenths": 10}
_WORD_NUMBER = re.compile(
    r"\b(?:(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](?P<units>" + _UNITS + r")|"
    r"(?P<word>" + "|".join(_WORD_NUMBERS) + r"))\b(?![\s-](?:" + "|".join(_FRACTION_WORDS) + r")\b)(?!-(?![a-z]))"
    r"(?:\s(?P<scale>thousand|million|billion|trillion)\b)?(?:\s(?P<pct>per\s?cent|percent))?"
    r"(?:\s(?P<curword>dollars?|pounds?|euros?|yen|rubles?|roubles?)\b)?",
    re.IGNORECASE,
)
"""Spelled numbers, compounds included ("Twenty-seven" is 27, "a dozen" 12, "a three-year deal" 3), so
that a copy that writes a number in digits says the same number; "two-thirds" is a fraction."""
_TIMES = re.compile(r"\b(?:twice|thrice)\b", re.IGNORECASE)
_TIMES_AFTER = re.compile(r"\s+times\b", re.IGNORECASE)
"""How many times ("twice", "three times"): keyed ``×`` and the count, a family of its own, since
"twice" never stands for a count of things."""
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
             "twentieth": 20}
_ORDINAL = re.compile(r"\b(?:(?P<word>" + "|".join(_ORDINALS) + r")|(?P<num>\d+)(?:st|nd|rd|th))\b", re.IGNORECASE)
"""A rank or place in a series ("the fourth storm", "third-largest", "21st"): a number of its own
family, since "second" never stands for the count 2."""
_FRACTION = re.compile(
    r"\b(?:(?P<count>a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?(?P<part>" + "|".join(_FRACTION_WORDS) + r")\b",
    re.IGNORECASE,
)
"""A share said in words ("a quarter of", "half a", "two-thirds"): a number of its own family."""
_NOT_A_FRACTION = re.compile(r"\s*(?:-\s*(?:time|term|back|way|hearted)|\s+(?:time|term)\b)", re.IGNORECASE)
_CLOCK = re.compile(r"\b(?P<hour>\d{1,2})(?:[:.](?P<minute>[0-5]\d))?\s?(?P<half>[ap])(?:\.m\.|m\b)|\b(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)\b",
                    re.IGNORECASE)
"""A time of day ("6pm", "6.30 a.m.", "18:30"): a date, not an amount."""
_MONTHS = (r"January|February|March|April|May|June|July|August|September|October|November|December|"
           r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.")
_DAY_OF_MONTH = re.compile(r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>" + _MONTHS + r")(?!\w)|"
                           r"\b(?P<month2>" + _MONTHS + r")\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\b")
"""A day of a month ("9 November", "November 9th", "Nov. 9"): a date, not an amount."""
_DURATION = re.compile(r"[\s-](?P<unit>seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?)\b",
                       re.IGNORECASE)
_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800, "fortnight": 1209600,
            "month": 2629800, "year": 31557600, "decade": 315576000}
_BOUND_BEFORE = re.compile(
    r"\b(?:(?P<above>more than|over|above|at least|upwards of|in excess of)|"
    r"(?P<below>less than|fewer than|under|below|up to|as much as|as many as|almost|nearly|just under))\s+$",
    re.IGNORECASE,
)
_BOUND_AFTER = re.compile(r"\s*(?:(?P<above>or more|and up|or higher)|(?P<below>or less|or fewer|or lower))\b", re.IGNORECASE)
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_DECADE = re.compile(
    r"\b(?:(?P<mod>early|mid|late)[\s-]+)?(?P<dec>(?:1[89]|20)?\d0)(?:['’]?s)\b|\b(?:(?P<mod2>early|mid|late)[\s-]+)?['’](?P<short>\d0)s\b",
    re.IGNORECASE,
)
_YEAR_TOKEN = re.compile(r"\b(?:in|since|by|of|until|from|to|during)?\s?(?P<year>1[89]\d\d|20\d\d)\b(?!['’]?s)")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_MONTH = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s+(?:be|have|not)\b)"
)
_NEGATION = re.compile(
    r"\b(not(?!\s+only\b[^.;]*\bbut\b)|no|never|none|nobody|nothing|neither|nor|without|cannot|hardly|barely|"
    r"rarely|seldom|fail(?:s|ed|ing)?\s+to|refus(?:e|es|ed|ing)\s+to(?=\s+[a-z]+\b)|"
    r"lack(?:s|ed|ing)?|(?:has|have|had|is|are|was|were)\s+yet\s+to|"
    r"declin(?:e|es|ed|ing)\s+to(?=\s+[a-z]+\b)(?!\s+(?:a|an|the|its|their|his|her|this|that|record|new|just|around|about|"
    r"below|under|less|levels?|lows?|one|two|three|four|five|six|seven|eight|nine|ten|zero|nil|nothing)\b)|"
    r"rather\s+than|instead\s+of)\b|n['’]t\b",
    re.IGNORECASE
)
"""Negation words, and verbs that say one ("failed to", "refused to", "lacked", "has yet to",
"declined to comment" = "would not comment"); "declined to 300p" is a price falling,
and "not only … but" adds a claim and denies none. "denied" is left to the admissions, where "did not admit" =
"denied" cancels."""
_HEDGE = re.compile(
    r"\b(reportedly|allegedly|apparently|possibly|probably|likely|unlikely|perhaps|maybe|may|might|could|"
    r"conveniently|supposedly|purportedly|seemingly|suspected|suspect|claimed|claims|rumou?red|"
    r"unconfirmed|presumably|arguably|definitely|certainly|undoubtedly|clearly|will|must|"
    r"(?<!\bthan\s)(?<!\bas\s)(?<!-)(?:expect|predict|anticipat)(?:s|ed|e|ing)?(?!\s+(?:by|than)\b)(?:\s+to)?|plan\s+to|"
    r"(?<!the\s)(?<!its\s)(?<!their\s)(?<!his\s)(?<!her\s)(?<!our\s)(?<!['’]s\s)(?<!of\s)(?<!for\s)(?<!new\s)"
    r"(?<!behind\s)(?<!with\s)(?<!and\s)(?<!on\s)plan(?:s|ned)(?:\s+to|(?=\s+(?:a|an|the|its|their|his|her)\s))|(?:is|are|was|were)\s+planned|"
    r"intend(?:s|ed)?\s+to|meant\s+to|hop(?:e|es|ed|ing)(?:\s+to)?|aim(?:s|ed)?\s+to|would(?!\s+like\s+to)|possible|possibility|"
    r"it\s+is\s+(?:thought|believed|understood)|"
    r"(?:about|around|roughly|approximately|some|at\s+least|up\s+to|close\s+to|an\s+average\s+of|"
    r"on\s+average)(?=\s+(?:[$£€¥]?\d|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|half|hundreds|"
    r"thousands|dozens|an?\s+(?:dozen|hundred|thousand|million|billion|third|quarter|half|fifth|tenth|week|month|"
    r"year|day|decade|mile|kilometre|hour|minute))\b))(?!\s+\d{1,4}\s*(?:GMT|BST|ET|EST|am|pm|a\.m|p\.m)\b)"
    r"(?!\s+\d{1,2}[:.]\d\d)|"
    r"(?:(?:is|are|was|were)\s+)?(?:set|due|poised)\s+to(?=\s+[a-z]+\b)(?!\s+(?:the|a|an|its|their|his|her|this|that)\b)|"
    r"propos(?:es|ed)\s+to|seek(?:s)?\s+to|sought\s+to|would\s+like\s+to|consider(?:s|ed|ing)?|offer(?:s|ed)?\s+to|offered|"
    r"(?:is|are|was|were)\s+(?:thought|believed|understood|said|stated|reported|alleged|claimed|rumou?red|reckoned)\s+to|charged\s+with|accused\s+of|"
    r"(?:is|are|was|were)\s+(?:forecast|projected)\s+to|potentially|according\s+to\s+(?:media\s+)?reports|"
    r"it\s+(?:is|was|has\s+been)\s+(?:reported|alleged|claimed)|"
    r"suggest(?:s|ed)?|estimated?)\b",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[\"“]([^\"“”\n]{3,}?)[\"”]")
"""A quotation, straight or curly, inside one paragraph: news quotes that run on over paragraphs
leave the earlier ones unclosed, and a match across a paragraph break would pair a closing mark with
the next opening one, quoting the narration between them."""


@remembered
def numbers(text: str) -> list[Cue]:
    """Amounts, counts, percentages and money, years excluded (they are dates).

    The key is unit, value and bound: "more than 60" (``60>``) and "60"
    are different claims, "about 60" and "60" the same one.
    """
    cues: list[Cue] = []
    said_as_dates = _date_numbers(text)
    for m in _NUMBER.finditer(text):
        raw = m.group("num")
        if any(start <= m.start("num") < end for start, end in said_as_dates) or re.match(r"(?:st|nd|rd|th)\b", text[m.end():]):
            continue  # a date, a time of day or a rank
        if _YEAR.match(raw) and not (m.group("cur") or m.group("scale") or m.group("pct")):
            continue
        if m.start("num") > 0 and text[m.start("num") - 1] in "'’":
            continue
        if not m.group("cur") and re.search(r"[^\W\d_]-?$", text[max(m.start("num") - 2, 0) : m.start("num")]):
            continue  # part of a name ("Selene-2", "COVID-19", "A320"), not an amount
        if re.match(r"\d0['’]?s\b", text[m.start("num") :]):
            continue
        value = float(raw.replace(",", "")) * _SCALE.get((m.group("scale") or "").lower(), 1.0)
        currency = m.group("cur") or _CURRENCY_WORD.get((m.group("curword") or "").lower(), "")
        if m.group("cents") and not currency:
            currency, value = ("£" if m.group("cents").lower().startswith("p") else "$"), value / 100
        unit = "%" if m.group("pct") else currency
        cues.append(_bounded(text, m.start("cur") if m.group("cur") else m.start("num"), m.end(), f"{unit}{value:g}"))
    for m in _WORD_NUMBER.finditer(text):
        if m.group("tens"):
            base = _WORD_NUMBERS[m.group("tens").lower()] + _WORD_NUMBERS[m.group("units").lower()]
        else:
            base = _WORD_NUMBERS[m.group("word").lower()]
        value = base * _SCALE.get((m.group("scale") or "").lower(), 1.0)
        unit = "%" if m.group("pct") else _CURRENCY_WORD.get((m.group("curword") or "").lower(), "")
        cues.append(_bounded(text, m.start(), m.end(), f"{unit}{value:g}"))
    cues = [Cue(c.start, c.end, "×" + c.key) if _TIMES_AFTER.match(text, c.end) else c for c in cues]
    cues += [Cue(m.start(), m.end(), "×2" if m.group().lower() == "twice" else "×3") for m in _TIMES.finditer(text)]
    return cues + ordinals(text) + fractions(text)


def ordinals(text: str) -> list[Cue]:
    """Ranks and places ("fourth", "third-largest", "21st"), keyed ``#`` and the rank; a day of a month is a date."""
    said_as_dates = _date_numbers(text)
    cues = []
    for m in _ORDINAL.finditer(text):
        if any(start <= m.start() < end for start, end in said_as_dates):
            continue
        word = (m.group("word") or "").lower()
        if word in _FRACTION_WORDS and re.search(r"\b(?:a|one|two)[\s-]+$", text[max(0, m.start() - 5) : m.start()], re.IGNORECASE):
            continue  # "a third of": a share, not a place
        rank = _ORDINALS[word] if word else int(m.group("num"))
        cues.append(Cue(m.start(), m.end(), f"#{rank}"))
    return cues


def fractions(text: str) -> list[Cue]:
    """Shares said in words ("half", "a quarter of", "two-thirds"), keyed ``/`` and the share.

    "Third" and "fifth" with no count before them are ranks (``ordinals``);
    "half-time" and "half term" are not shares.
    """
    cues = []
    for m in _FRACTION.finditer(text):
        part = m.group("part").lower()
        count = (m.group("count") or "").lower()
        if part not in ("half", "halves", "quarter", "quarters") and not count:
            continue
        if _NOT_A_FRACTION.match(text, m.end()):
            continue
        times = 1 if count in ("", "a", "an", "one") else _WORD_NUMBERS[count]
        cues.append(Cue(m.start(), m.end(), f"/{times / _FRACTION_WORDS[part]:.4g}"))
    return cues


def _date_numbers(text: str) -> list[tuple[int, int]]:
    """Stretches whose digits say a date or a time of day, not an amount."""
    return [m.span() for pattern in (_CLOCK, _DAY_OF_MONTH) for m in pattern.finditer(text)]


def durations(text: str) -> list[Cue]:
    """Lengths of time ("two days", "a 48-hour strike"), keyed by their length in seconds: "two days" and
    "48 hours" are the same time; "two days" and "two hours" are not."""
    cues = []
    for number in numbers(text):
        if not re.fullmatch(r"\d[\d.e+]*", number.key):
            continue
        unit = _DURATION.match(text, number.end)
        if unit is not None:
            name = unit.group("unit").lower().rstrip("s")
            cues.append(Cue(number.start, unit.end(), f"{float(number.key) * _SECONDS[name]:g}"))
    return cues


def _bounded(text: str, start: int, end: int, key: str) -> Cue:
    """The cue with its bound: ``>`` for a lower one ("more than 60", "60 or more"), ``<`` for an
    upper one, the bound's words inside the span."""
    before = _BOUND_BEFORE.search(text, max(0, start - 20), start)
    if before:
        return Cue(before.start(), end, key + (">" if before.group("above") else "<"))
    after = _BOUND_AFTER.match(text, end)
    if after:
        return Cue(start, after.end(), key + (">" if after.group("above") else "<"))
    return Cue(start, end, key)


@remembered
def dates(text: str) -> list[Cue]:
    """Years, decades (with early/mid/late), weekdays, months, days of a month ("9 November") and times
    of day ("6pm")."""
    cues: list[Cue] = []
    for m in _DECADE.finditer(text):
        decade = m.group("dec") or m.group("short")
        if len(decade) == 2:
            decade = "19" + decade
        modifier = (m.group("mod") or m.group("mod2") or "").lower()
        cues.append(Cue(m.start(), m.end(), f"{modifier + ' ' if modifier else ''}{decade}s"))
    taken = [(c.start, c.end) for c in cues]
    for m in _YEAR_TOKEN.finditer(text):
        s, e = m.start("year"), m.end("year")
        if not any(a <= s < b for a, b in taken):
            cues.append(Cue(s, e, m.group("year")))
    for pattern in (_WEEKDAY, _MONTH):
        for m in pattern.finditer(text):
            cues.append(Cue(m.start(), m.end(), m.group(1).lower()))
    for m in _DAY_OF_MONTH.finditer(text):
        day, month = (m.group("day"), m.group("month")) if m.group("day") else (m.group("day2"), m.group("month2"))
        if 1 <= int(day) <= 31:
            cues.append(Cue(m.start(), m.end(), f"{month[:3].lower()} {int(day)}"))
    for m in _CLOCK.finditer(text):
        if m.group("hour24") is not None:
            hour, minute = int(m.group("hour24")), int(m.group("minute24"))
        else:
            hour, minute = int(m.group("hour")) % 12 + (12 if m.group("half").lower() == "p" else 0), int(m.group("minute") or 0)
        cues.append(Cue(m.start(), m.end(), f"{hour:02d}:{minute:02d}"))
    return cues


_CURRENCY = re.compile(
    r"(?P<symbol>[$£€¥])|\b(?P<word>dollars?|greenbacks?|euros?|yen|sterling|pounds?|francs?|yuan|renminbi|"
    r"rupees?|pesos?|rubles?|roubles?)\b",
    re.IGNORECASE,
)
_CURRENCY_KEY = {"$": "dollar", "£": "pound", "€": "euro", "¥": "yen", "greenback": "dollar", "sterling": "pound",
                 "renminbi": "yuan", "rouble": "ruble"}


def currencies(text: str) -> list[Cue]:
    """Currencies named or symbolised, keyed by currency: which money a figure is in is a fact."""
    cues: list[Cue] = []
    for m in _CURRENCY.finditer(text):
        word = m.group("symbol") or m.group("word").lower().removesuffix("s")
        cues.append(Cue(m.start(), m.end(), _CURRENCY_KEY.get(word, word)))
    return cues


_MOVED = r"(?:was|were|is|are|closed|ended|finished|edged|inched|crept|moved|ticked|opened|traded)\s+"
_BY_AMOUNT = r"(?=\s+(?:a\s+penny|a\s+cent|[$£€¥]?\d))"
"""Verbs that are a movement only when an amount follows: "added 1.92 points", "lost 2 cents"
(and not "he added that", "lost the vote")."""
_DIRECTION = re.compile(
    r"\b(?P<up>rose|rises?|rising|risen|gain(?:ed|s|ing)?|advanc(?:ed|es|ing)|jump(?:ed|s|ing)?|climb(?:ed|s|ing)?|"
    r"increas(?:e|ed|es|ing)|rall(?:ied|ies|ying)|soar(?:ed|s|ing)?|surg(?:ed|es|ing)|gr(?:ow|ows|ew|owing|own)|"
    r"growth|upturn|upswing|rebound(?:s|ed|ing)?|recover(?:s|ed|ing|y)?|rally|surge|bump(?:s|ed|ing)?\s+up|step(?:s|ped|ping)?\s+up|leap(?:s|t|ed|ing)?|spik(?:e|ed|es|ing)|hik(?:e|ed|es|ing)|"
    r"balloon(?:s|ed|ing)?|mushroom(?:s|ed|ing)|lengthen(?:s|ed|ing)?|(?<!in\s)advances?(?!\s+(?:of|notice|booking|warning|payment|tickets?)\b)|"
    r"gains(?=\s+(?:of|in|on|for)\b)|ramp(?:s|ed|ing)?\s+up|heat(?:s|ed|ing)?\s+up|(?:go|goes|went|gone|going)\s+up(?!\s+(?:to|against|for)\b)|"
    r"(?:got|gets?|getting|grew|grow(?:s|ing)?|became|becom(?:e|es|ing))\s+(?:longer|bigger|larger|higher|greater|dearer|more\s+expensive)|"
    r"(?:add(?:ed|s|ing)?|picked\s+up)" + _BY_AMOUNT + r"|pick(?:ed|s)?\s+up(?=\s*(?:[,.;]|in|on|over|during|after|since|again|sharply|slightly|strongly)\b|[,.;])|"
    r"points?\s+higher|up\s+(?:from|on)|rais(?:e|ed|es|ing)|boost(?:ed|s|ing)?|"
    + _MOVED + r"(?:up|higher))\b|"
    r"\b(?P<down>fell|falls|falling|fallen|drop(?:ped|s|ping)?|dip(?:ped|s|ping)?|declin(?:e|ed|es|ing)|slip(?:ped|s|ping)?|"
    r"eas(?:ed|es|ing)|"
    r"sank|sinks?|sinking|slid|slides|sliding|decreas(?:e|ed|es|ing)|tumbl(?:ed|es|ing)|plung(?:ed|es|ing)|"
    r"(?:shed(?:s|ding)?|lost|los(?:es|ing)|gave\s+up|giv(?:es|ing)\s+up)" + _BY_AMOUNT + r"|points?\s+lower|"
    r"retreat(?:ed|s|ing)?|slump(?:s|ed|ing)?|downturn|downswing|slowdown|plummet(?:s|ed|ing)?|nosediv(?:e|ed|es|ing)|"
    r"fall(?=\s+(?:in|to|from|by|on)\b)|slash(?:es|ed|ing)?|trim(?:s|med|ming)?|(?:scal|par)(?:e|ed|es|ing)\s+back|"
    r"dwindl(?:e|ed|es|ing)|shorten(?:s|ed|ing)?|tail(?:s|ed|ing)?\s+off|drop-?off|losses(?=\s+(?:of|in|on|for)\b)|"
    r"(?:go|goes|went|gone|going)\s+down(?!\s+(?:[\d-]+\s+)?(?:to|against|in\s+(?:history|the\s+books))\b)|"
    r"(?:got|gets?|getting|grew|grow(?:s|ing)?|became|becom(?:e|es|ing))\s+(?:shorter|smaller|lower|cheaper|less\s+expensive)|down\s+(?:from|on)|cut(?:s|ting)?|reduc(?:e|ed|es|ing)|lower(?:ed|s|ing)|"
    + _MOVED + r"(?:down|off|lower))\b",
    re.IGNORECASE,
)


def directions(text: str) -> list[Cue]:
    """Words that say a quantity went up or down, keyed ``up``/``down`` ("rose", "was off")."""
    return [Cue(m.start(), m.end(), "up" if m.group("up") else "down") for m in _DIRECTION.finditer(text)]


_RESULT = re.compile(r"\b(?:(?P<profit>profits?|earnings|income|surplus(?:es)?)|(?P<loss>loss(?:es)?|deficits?))\b",
                     re.IGNORECASE)


def results(text: str) -> list[Cue]:
    """Words that say a business or budget came out ahead or behind, keyed ``profit``/``loss``."""
    return [Cue(m.start(), m.end(), "profit" if m.group("profit") else "loss") for m in _RESULT.finditer(text)]


_OUTCOME = re.compile(
    r"\b(?:(?P<approved>approv(?:e|ed|es|ing|al)|accept(?:ed|s|ing)?|uph(?:eld|olds?|olding)|endors(?:e|ed|es|ing)|"
    r"g(?:ave|ive|iven|ives|iving)\s+(?:\w+\s+)?(?:the\s+)?(?:go-ahead|green\s+light)|grant(?:s|ed|ing)?(?!\s+(?:funding|money|scheme|aid)\b)|clear(?:s|ed|ing)?(?=\s+(?:the|a|an|its|their)\s+(?:\w+\s+)?(?:merger|deal|takeover|bid|plans?|sale|scheme|drug|vaccine|use)\b)|green-?light(?:s|ed)?|rubber-stamp(?:s|ed)?|"
    r"(?:motion|bill|measure|resolution)\s+(?:was\s+)?(?:carried|passed))|"
    r"(?P<rejected>reject(?:ed|s|ing|ion)?|refus(?:ed|es|ing|al)|veto(?:ed|es|ing)?|overturn(?:ed|s|ing)?|block(?:ed|s|ing)?|"
    r"str(?:uck|ikes?|iking)\s+down|turn(?:ed|s|ing)?\s+down|quash(?:ed|es|ing)?|thr(?:ew|own|ows?|owing)\s+out|"
    r"vot(?:ed|es?|ing)\s+down)|"
    r"(?P<won>w(?:on|ins?|inning)|victor(?:y|ies|ious)|s(?:aw|ee|ees|een|eeing)\s+off)|"
    r"(?P<lost>los(?:t|es?|ing)|defeat(?:ed|s)?|(?:went|go|goes|going|gone)\s+down(?=\s+(?:[\d-]+\s+)?(?:to|against)\b))|"
    r"(?P<convicted>convict(?:ed|s|ion)|found\s+guilty)|(?P<acquitted>acquit(?:ted|s|tal)|found\s+innocent|clear(?:ed|s)?(?=\s+(?:of|on)\b))|"
    r"(?P<favoured>welcom(?:e|ed|es|ing)|support(?:ed|s|ing)?|back(?:ed|s|ing)|prais(?:e|ed|es|ing)|applaud(?:ed|s|ing)?|"
    r"(?:voted|votes?|spoke|argued|campaigned)\s+(?:in\s+favou?r|for)|in\s+(?:support|favou?r)\s+of|sid(?:e|ed|es|ing)\s+with|"
    r"supporters?|backers?|proponents?|advocates?)|"
    r"(?P<opposed>oppos(?:e|ed|es|ing|ition(?=\s+to\b))|criti(?:cis|ciz)(?:e|ed|es|ing)|condemn(?:ed|s|ing)?|"
    r"(?:voted|votes?|spoke|argued|campaigned)\s+against|"
    r"(?:ruled|rules?|ruling|found|finds?|decided|sided|c(?:a|o)me\s+(?:out|down))\s+against|opponents?|detractors?))\b",
    re.IGNORECASE,
)
_OUTCOME_AXIS = {"approved": "decision", "rejected": "decision", "won": "contest", "lost": "contest",
                 "convicted": "verdict", "acquitted": "verdict", "favoured": "stance", "opposed": "stance"}
_ASSENT = {"approved": "for", "favoured": "for", "rejected": "against", "opposed": "against"}
"""A decision and a stance are one axis read across: "welcomed the offer" → "rejected the offer" turns
round as surely as "approved" → "rejected" or "backed" → "opposed"."""
OUTCOME_AXES: tuple[str, ...] = ("decision", "contest", "verdict", "stance", "assent")


def outcomes(text: str, axis: str) -> list[Cue]:
    """Words that say how a decision, a contest or a trial came out, or which side a party took, on one
    ``axis`` (``decision``: approved/rejected, ``contest``: won/lost, ``verdict``: convicted/acquitted,
    ``stance``: welcomed/opposed, ``assent``: decision and stance together, for/against)."""
    cues: list[Cue] = []
    for start, end, key in _outcome_words(text):
        if axis == "assent" and key in _ASSENT:
            cues.append(Cue(start, end, _ASSENT[key]))
        elif _OUTCOME_AXIS[key] == axis:
            cues.append(Cue(start, end, key))
    return cues


@lru_cache(maxsize=512)
def _outcome_words(text: str) -> tuple[tuple[int, int, str], ...]:
    """Every outcome word of ``text`` and its key, read once for all the axes ``outcomes`` is asked about."""
    return tuple((m.start(), m.end(), next(k for k, v in m.groupdict().items() if v)) for m in _OUTCOME.finditer(text))


def negations(text: str) -> list[Cue]:
    return [Cue(m.start(), m.end(), "neg") for m in _NEGATION.finditer(text)]


HEDGE_CLASS: dict[str, str] = {
    **dict.fromkeys(["will", "must", "definitely", "certainly", "undoubtedly", "clearly"], "certain"),
    **dict.fromkeys(["probably", "likely"], "probable"),
    **dict.fromkeys(["may", "might", "could", "possibly", "perhaps", "maybe", "possible", "possibility", "potentially"],
                    "possible"),
    "unlikely": "unlikely",
    **dict.fromkeys(
        ["reportedly", "allegedly", "apparently", "supposedly", "purportedly", "seemingly", "suspected", "suspect",
         "claimed", "claims", "rumored", "rumoured", "unconfirmed", "presumably", "arguably"], "attributed"),
    "conveniently": "stance",
    **dict.fromkeys(["hope", "hopes", "hoped", "hoping", "hope to", "hopes to", "hoped to", "hoping to"], "hoped"),
    **dict.fromkeys(["about", "around", "roughly", "approximately", "some", "at least", "up to",
                     "close to", "an average of", "on average"], "approximate"),
}
_PLANNED = re.compile(r"^(?:expect|predict|anticipat|plan|(?:is|are|was|were)\s+planned|intend|meant|hop|aim|propos|seek|sought|would|consider|offer)",
                      re.IGNORECASE)
_WISHED = re.compile(r"^would\s+like", re.IGNORECASE)
"""A wish ("would like to"): what ``hopes to`` says, no plan and no fact."""
_EXPECTED = re.compile(r"^(?:(?:is|are|was|were)\s+)?(?:expect|predict|anticipat|forecast|project)", re.IGNORECASE)
"""A forecast ("is expected to", "is forecast to", "predicts"): news writes it for what is probable and for
what is planned alike, so it is its own class, ``expected``, that reads as either (``changes._hedges``)."""
_REPORTS = re.compile(r"^(?:according\s+to|it\s)", re.IGNORECASE)
"""A claim given to unnamed reports ("according to reports", "it was reported"): ``reportedly`` in other words."""
_SCHEDULED = re.compile(r"^(?:(?:is|are|was|were)\s+)?(?:set|due|poised)\b", re.IGNORECASE)
"""A schedule ("is due to report", "is set to close") says what will happen, as ``will`` does."""
_ATTRIBUTED = re.compile(r"^(?:(?:is|are|was|were)\s|it\s+is\s|estimat|charged|accused)", re.IGNORECASE)
"""Certainty class of each hedge word: a change is a move between classes."""

_REPORTED_BEFORE = re.compile(r"\b(?:sa(?:id|ys?|ying)|t(?:old|ells?|elling)|add(?:s|ed|ing)|stat(?:es|ed|ing)|"
                              r"announc(?:es|ed|ing|ement)|confirm(?:s|ed|ing)|insist(?:s|ed|ing)|warn(?:s|ed|ing)|"
                              r"explain(?:s|ed|ing)|promis(?:es|ed|ing)|pledg(?:es|ed|ing)|wr(?:ote|ites|iting)|"
                              r"argu(?:es|ed|ing)|believ(?:es|ed|ing)|th(?:inks?|ought)|fear(?:s|ed)?|worried|"
                              r"decid(?:es|ed)|agre(?:es|ed)|predict(?:s|ed)|estimat(?:es|ed))\b[^.;]*$", re.IGNORECASE)
_REPORTED_AFTER = re.compile(r"[^.;]*,\s*(?:\w+\s+){0,4}(?:said|says|told|added|stated|announced|insisted|warned|explained|"
                             r"confirmed|noted)\b", re.IGNORECASE)
"""A reporting verb a few words before ``would``, or after its clause ("…would close, the firm said"): the
tense of reported speech, not a condition."""

ALONE_MATTERS = frozenset({"attributed", "stance", "possible", "probable", "planned", "expected", "hoped", "unlikely",
                           "approximate"})
"""Classes that change a claim even when added or dropped on their own: a possibility or a plan
stated as fact ("could sign" → "signs", "plans to open" → "opens"), an approximate figure stated
as exact ("about 300" → "300"). A bare ``will`` or ``must`` ("will act" → "act") does not;
rewriters add and drop them freely."""


def hedges(text: str) -> list[Cue]:
    """Hedge and stance words, keyed by certainty class (``may`` and ``might`` say the same; ``plans to``
    and ``is expected to`` are ``planned``)."""
    cues = []
    for m in _HEDGE.finditer(text):
        if m.group(1) == "May" and (m.start() > 0 or re.match(r"May\s+\d", text)):
            continue  # the month
        word = re.sub(r"\s+", " ", m.group(1).lower())
        if word == "would":  # reported speech's "will" ("said it would"), else a condition
            reported = _REPORTED_BEFORE.search(text, 0, m.start()) or _REPORTED_AFTER.search(text, m.end())
            cues.append(Cue(m.start(), m.end(), "certain" if reported else "conditional"))
            continue
        if word.startswith("hop") and text[m.start()].isupper():
            continue  # a name ("Hope"), or a sentence that opens on a wish, which is rare

        key = HEDGE_CLASS.get(word) or ("hoped" if _WISHED.match(word) else "expected" if _EXPECTED.match(word) else "planned" if _PLANNED.match(word)
                                        else "certain" if _SCHEDULED.match(word)
                                        else "attributed" if _ATTRIBUTED.match(word) or _REPORTS.match(word) else "possible")
        cues.append(Cue(m.start(), m.end(), key))
    return _stacked(text, cues)


_MODAL_ADVERBS = frozenset({"possibly", "probably", "likely", "perhaps", "maybe", "potentially", "certainly", "definitely"})


def _stacked(text: str, cues: list[Cue]) -> list[Cue]:
    """A modal verb and the modal adverb right after it read as one hedge: "could possibly" says what
    "may" says, and "will probably" or "will likely" what "is likely to" says. Of a ``will`` and a weaker
    adverb, the adverb is the claim's strength; two words of one class are that class once."""
    out: list[Cue] = []
    for cue in cues:
        last = out[-1] if out else None
        if last is not None and not text[last.end : cue.start].strip() and text[cue.start:cue.end].lower() in _MODAL_ADVERBS \
                and (last.key == cue.key or "certain" in (last.key, cue.key)):
            key = cue.key if last.key == "certain" else last.key
            out[-1] = Cue(last.start, cue.end, key)
            continue
        out.append(cue)
    return out


_SPEAKER = r"(?:(?:the|[a-z]+)\s+){{0,2}}(?P<{g}>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})"
_ATTRIBUTION = re.compile(
    r"\b(?:(?:said|says|told|stated|claimed|announced|insisted|argued|alleged|added|noted|warned|wrote)\s+"
    + _SPEAKER.format(g="after") + r"|according\s+to\s+" + _SPEAKER.format(g="to") + r"|"
    + _SPEAKER.format(g="before") + r"\s+(?:said|says|told|stated|claimed|announced|insisted|argued|alleged|added|noted|"
    r"warned|wrote|believes)\b)",
)


def attributions(text: str) -> list[Cue]:
    """Claims given to a named speaker ("said Ushakov", "according to the Kremlin", "Ms Okafor said"),
    keyed by the speaker's last name, lower-cased."""
    cues = []
    for m in _ATTRIBUTION.finditer(text):
        speaker = m.group("after") or m.group("to") or m.group("before")
        if m.group("before") and m.start() == 0 and speaker in ("The", "A", "He", "She", "It", "They", "We", "I"):
            continue
        last = speaker.split()[-1].lower().strip(".'’")
        end = m.end() - 1 if text[m.end() - 1] == "." else m.end()
        cues.append(Cue(m.start(), end, "" if last in _NOT_NAMES else last))
    return cues


_NOT_NAMES = frozenset({"he", "she", "it", "they", "we", "i", "the", "a", "an", "this", "that", "there", "on", "in",
                        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def quotes(text: str) -> list[Cue]:
    """Quoted passages, keyed by their lower-cased words."""
    return [Cue(m.start(), m.end(), " ".join(re.findall(r"\w+", m.group(1).lower()))) for m in _QUOTE.finditer(text)]


def _graded(*bases: str) -> str:
    """The comparative and superlative of each base adjective ("big" → bigger, biggest; "heavy" →
    heavier, heaviest; "large" → larger, largest), so a comparison's pole is read from its base word."""
    forms = []
    for base in bases:
        if base.endswith("y"):
            stemmed = base[:-1] + "i"
        elif base.endswith("e"):
            stemmed = base[:-1]
        elif re.search(r"[^aeiou][aeiou][bdgmnpt]$", base):
            stemmed = base + base[-1]
        else:
            stemmed = base
        forms += [stemmed + "er", stemmed + "est"]
    return "|".join(forms)


_MORE = _graded("great", "large", "big", "high", "strong", "rich", "old", "long", "fast", "heavy", "quick", "hard",
                "wide", "deep", "warm", "dear", "costly", "tall", "hot", "loud", "busy")
_LESS = _graded("small", "low", "weak", "poor", "young", "short", "slow", "light", "easy", "narrow", "shallow",
                "cool", "cold", "cheap", "new", "thin", "quiet")
_COMPARISON = re.compile(
    rf"\b(?:(?P<more>more(?!\s+slowly)|upper|{_MORE}|better|best|senior|superior|"
    r"above|outnumber(?:ed|s)?|exceed(?:ed|s)?|outperform(?:ed|s)?|(?:further|farther)\s+(?:from|away))|"
    rf"(?P<less>less|fewer|fewest|lesser|{_LESS}|worse|worst|junior|inferior|"
    r"below|trail(?:ed|s)?|underperform(?:ed|s)?|(?:closer|nearer)\s+to|more\s+slowly))\b"
    r"(?!\s+than\s+(?:[$£€¥]?\d|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|fifty|hundred|a|an|half|"
    r"double|twice|dozens)\b)",
    re.IGNORECASE,
)
"""Comparison words, keyed by which way they compare; "more than 60" is left to ``numbers`` (a bound)."""
_ORDER = re.compile(r"\b(?:(?P<before>before|prior\s+to|ahead\s+of)|(?P<after>after|following))\b(?!-)"
                    r"(?P<what>(?:\s+(?:the|a|an|its|their|his|her|this|that))*\s+[\w'’]+)?", re.IGNORECASE)
"""``before``/``after`` and what they order against; "earlier this year" and "after-hours" order nothing."""
_ADMISSION = re.compile(
    r"\b(?:(?P<admitted>admit(?:s|ted|ting)?|admission|confess(?:ed|es|ing|ion)?|acknowledg(?:e|ed|es|ing)|"
    r"confirm(?:ed|s|ing)?|conced(?:e|ed|es|ing)|own(?:ed|s)?\s+up|pleaded\s+guilty)|"
    r"(?P<denied>den(?:y|ied|ies|ying)|denial|disput(?:e|ed|es|ing)|rebut(?:s|ted)?|"
    r"(?:reject|dismiss|refut)(?:ed|s|ing)?\s+(?:the\s+)?(?:claims?|suggestions?|allegations?|accusations?|reports?)))\b",
    re.IGNORECASE,
)


def comparisons(text: str) -> list[Cue]:
    """Words that compare two things one way or the other, keyed ``more``/``less`` ("higher", "trailed")."""
    return [Cue(m.start(), m.end(), "more" if m.group("more") else "less") for m in _COMPARISON.finditer(text)]


def orders(text: str, other: str) -> list[Cue]:
    """Words that put one event before or after another, keyed ``before``/``after``; only those whose
    event ("before *the vote*") ``other`` names too, so that two sides ordering different events
    against each other are not read as one order turned round."""
    words = set(re.findall(r"[\w'’]+", other.lower()))
    cues = []
    for m in _ORDER.finditer(text):
        what = (m.group("what") or "").split()
        if what and what[-1].lower() in words:
            end = m.end("after") if m.group("after") else m.end("before")
            cues.append(Cue(m.start(), end, "before" if m.group("before") else "after"))
    return cues


def admissions(text: str) -> list[Cue]:
    """Words that say a party admitted or denied something, keyed ``admitted``/``denied``."""
    return [Cue(m.start(), m.end(), "admitted" if m.group("admitted") else "denied") for m in _ADMISSION.finditer(text)]


_PREFIXED = re.compile(r"\b(?P<prefix>un|in|im|dis|non-?)(?P<stem>[a-z]{4,})\b", re.IGNORECASE)


def prefixed_opposites(text: str, other: str) -> list[Cue]:
    """Words of ``text`` that are a word of ``other`` with a negating prefix ("unsafe" where ``other``
    says "safe"), keyed by the word they negate."""
    words = {w.lower() for w in re.findall(r"[\w-]+", other)}
    return [Cue(m.start(), m.end(), m.group("stem").lower()) for m in _PREFIXED.finditer(text)
            if m.group("stem").lower() in words and m.group().lower() not in words]
