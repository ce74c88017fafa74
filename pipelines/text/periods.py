"""Period grammar: Vietnamese time expressions -> (first month, last month).

"7 tháng đầu năm 2022" -> 2022-01..2022-07; "9 tháng năm 2024" and
"tính đến tháng 9 năm 2024" -> 2024-01..2024-09; "giai đoạn 2012-2022" ->
2012-01..2022-12; "tháng 3" with a context year of 2024 -> 2024-03..2024-03;
"cùng kỳ" -> the same months one year earlier.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from dataclasses import dataclass, replace
from typing import Optional

from pipelines.text.rules import matcher

YEAR = r"(?:19|20)\d{2}"

ROMAN_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class Period:
    start_year: int
    start_month: int
    end_year: int
    end_month: int

    @property
    def start(self) -> str:
        return f"{self.start_year:04d}-{self.start_month:02d}"

    @property
    def end(self) -> str:
        return f"{self.end_year:04d}-{self.end_month:02d}"

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(year, 1, year, 12)

    def shifted_years(self, years: int) -> "Period":
        return Period(self.start_year + years, self.start_month, self.end_year + years, self.end_month)


@dataclass(frozen=True)
class PeriodMention:
    start: int  # character offsets of the expression
    end: int
    kind: str  # year, range, months_to_date, month, quarter, same_period_last_year, ...
    period: Optional[Period]  # None when it needs a context year (resolved later)
    months: tuple[int, int] = (1, 12)  # month span for expressions without a year (years back, for last_years)
    since: int = 0  # the first year of "từ năm 2004 đến nay", which runs to the context's end
    until: int = 0  # the last year of "Chương trình … đến năm 2020", which starts after the context's
    rule: str = ""  # the id of the rule that found it

    def resolve(self, context: Optional[Period]) -> Optional[Period]:
        """Fill in a missing year from the context period (its last year)."""
        if self.period is not None:
            return self.period
        if context is None:
            return None
        if self.kind == "same_period_last_year":
            return context.shifted_years(-1)
        if self.kind == "previous_year":
            return Period.year(context.end_year - 1)
        if self.kind == "until":  # a programme "đến năm 2020" set out in 2015: 2016-2020
            if context.end_year == self.until and context.start_year < self.until:
                return Period(context.start_year, 1, self.until, 12)  # read against its own span
            start = context.end_year + 1 if context.end_year < self.until else self.until
            return Period(start, 1, self.until, 12)
        if self.kind == "since":  # "từ 2004 đến nay": from that year to the report's time
            return Period(self.since, self.months[0], max(self.since, context.end_year), 12)
        if self.kind == "last_years":  # "10 năm qua", up to the context's year
            return Period(context.end_year - self.months[0], 1, context.end_year, 12)
        year = context.end_year
        return Period(year, self.months[0], year, self.months[1])


def _month(value: str) -> Optional[int]:
    month = int(value)
    return month if 1 <= month <= 12 else None


# the time expressions (rules/period.toml, scope "expression"): earlier rules first,
# matches never overlap; the answer is the expression's kind, which _build reads
_EXPRESSIONS = matcher("period", "expression")
_DAY_BEFORE = matcher("period", "day_before")


def find_periods(text: str) -> list[PeriodMention]:
    """Every time expression in ``text``, left to right, non-overlapping."""
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping
    found: list[PeriodMention] = []
    for hit in _EXPRESSIONS.each(text):
        m, kind = hit.match, hit.answer
        assert m is not None
        if _overlaps(taken, m.start(), m.end()):
            continue
        if kind == "month" and _DAY_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "ngày 06 tháng 10 năm 2021" is a date, not a period
        if kind == "duration":  # "qua hơn 2 tháng phát động": how long, not when
            insort(taken, (m.start(), m.end()))
            continue
        mention = _build(kind, m)
        if mention is not None:
            insort(taken, (m.start(), m.end()))
            found.append(replace(mention, rule=hit.rule.id))
    return sorted(found, key=lambda p: p.start)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, disjoint spans: only the span
    starting last at or before ``start`` and the one after it can."""
    index = bisect_right(taken, (start, float("inf"))) - 1
    if index >= 0 and taken[index][1] > start:
        return True
    return index + 1 < len(taken) and taken[index + 1][0] < end


def _build(kind: str, m: re.Match[str]) -> Optional[PeriodMention]:
    g = m.groupdict()
    year = int(g["y"]) if g.get("y") else None
    if kind in ("months_to_date", "months_n"):
        n = int(g["n"])
        if not 1 <= n <= 12:
            return None
        period = Period(year, 1, year, n) if year else None
        return PeriodMention(m.start(), m.end(), kind, period, (1, n))
    if kind == "last_months":
        n = int(g["n"])
        if not 1 <= n <= 12:
            return None
        period = Period(year, 13 - n, year, 12) if year else None
        return PeriodMention(m.start(), m.end(), kind, period, (13 - n, 12))
    if kind == "to_month":
        month = _month(g["m"])
        if month is None:
            return None
        return PeriodMention(m.start(), m.end(), kind, Period(year, 1, year, month) if year else None, (1, month))
    if kind == "since":  # "từ năm 2004 đến nay", "từ tháng 8/2018 đến nay"
        month = _month(g["m"]) if g.get("m") else 1
        return PeriodMention(m.start(), m.end(), kind, None, (month or 1, 12), since=int(g["y1"]))
    if kind == "until":
        return PeriodMention(m.start(), m.end(), kind, None, until=int(g["y"]))
    if kind == "range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y2 < y1:
            return None
        return PeriodMention(m.start(), m.end(), kind, Period(y1, 1, y2, 12))
    if kind == "year_list":
        years = [int(y) for y in re.findall(YEAR, g["list"])]
        return PeriodMention(m.start(), m.end(), kind, Period(min(years), 1, max(years), 12))
    if kind == "quarter":
        q = ROMAN_QUARTERS[g["q"].upper()]
        months = (3 * q - 2, 3 * q)
        period = Period(year, months[0], year, months[1]) if year else None
        return PeriodMention(m.start(), m.end(), kind, period, months)
    if kind == "month":
        month = _month(g["m"])
        if month is None:
            return None
        period = Period(year, month, year, month) if year else None
        return PeriodMention(m.start(), m.end(), kind, period, (month, month))
    if kind == "year":
        return PeriodMention(m.start(), m.end(), kind, Period.year(year))
    if kind in ("same_period_last_year", "previous_year"):
        return PeriodMention(m.start(), m.end(), kind, None)
    if kind == "last_years":
        return PeriodMention(m.start(), m.end(), kind, None, (int(g["n"]), 0))
    raise AssertionError(kind)


def parse_period(text: str, context: Optional[Period] = None) -> Optional[Period]:
    """The period of the first time expression in ``text`` (convenience for tests)."""
    found = find_periods(text)
    return found[0].resolve(context) if found else None
