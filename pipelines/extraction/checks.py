"""Arithmetic cross-checks: do the stated percentages and totals follow from the figures?

- ratio: a percentage against the money it derives from (execution: spent ÷ plan;
  allocated share: allocated ÷ plan; share: part ÷ total); a per-year average
  against the period total;
- sum: the parts of "X, trong đó A, B …" against X;
- growth: "cao hơn x% so với …" against the two figures compared.

Tolerance follows the precision as written: every figure stands for the interval
it rounds from (20,7 tỷ is 20,65–20,75 tỷ; 28,44% is 28,435–28,445%), and a check
passes when the stated and recomputed intervals meet. A mismatch is kept and
flagged, never dropped or corrected; where another figure of the same report
explains it, the description says so.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Hashable, Iterable, Optional

import pandas as pd

from pipelines.tables import schema
from pipelines.tables.vocabulary import Activity, Measure, Program, Qualifier
from pipelines.text.numbers import format_number, parse_number


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    def meets(self, other: "Interval") -> bool:
        return self.lo <= other.hi and other.lo <= self.hi


Fact = dict  # one row of facts, as a plain mapping


def stated_interval(fact: Fact) -> Interval:
    """The values a figure could have had before it was rounded as written."""
    value = float(fact["value"])
    decimals = int(fact.get("decimals", 0) or 0)
    written = _written_number(str(fact.get("number_text", "")))
    half = 0.5 * 10 ** (-decimals)
    if written:
        half *= abs(value) / written  # the same half-unit, in the figure's own scale
    return Interval(value - half, value + half)


def _written_number(text: str) -> float:
    try:
        return parse_number(text).value
    except ValueError:
        return 0.0


def _ratio(num: Interval, den: Interval, scale: float = 100.0) -> Interval:
    if den.lo <= 0:
        return Interval(float("-inf"), float("inf"))
    return Interval(num.lo / den.hi * scale, num.hi / den.lo * scale)


def _label(fact: Fact) -> str:
    amount = float(fact["value"])
    if fact["unit"] == "VND":
        text = f"{format_number(amount / 1e9, 3, trim=True)} tỷ"
    elif fact["unit"] == "percent":
        text = f"{format_number(amount, 2, trim=True)}%"
    else:
        text = format_number(amount)
    return f"{text} ({fact['measure']}, {fact['program']}, {fact['period_start']}..{fact['period_end']})"


def _row(kind: str, stated_fact: Fact, description: str, stated: Interval, computed: Interval,
         used: Iterable[Fact], note: str = "") -> dict:
    value = float(stated_fact["value"])
    ok = stated.meets(computed)
    centre = computed.mid if abs(computed.mid) != float("inf") else float("nan")
    return {
        "check_id": f"{stated_fact['fact_id']}:{kind}",
        "doc_id": stated_fact["doc_id"],
        "kind": kind,
        "description": description + ("" if ok or not note else f"; {note}"),
        "stated": value,
        "computed": centre,
        "rel_error": abs(value - centre) / abs(value) if value else abs(centre),
        "status": "ok" if ok else "mismatch",
        "fact_ids": ",".join([stated_fact["fact_id"], *[f["fact_id"] for f in used]]),
    }


def _year(period: str) -> int:
    return int(period[:4])


def _index(facts: Iterable[Fact], key: Callable[[Fact], Hashable]) -> dict[Hashable, list[Fact]]:
    """Facts grouped by ``key``, each group in text order: look-ups instead of scans."""
    groups: dict[Hashable, list[Fact]] = defaultdict(list)
    for f in facts:
        groups[key(f)].append(f)
    return groups


# ------------------------------------------------------------------ ratio checks
# percentages of the plan, and the money measures that can be their numerator
_OF_THE_PLAN = {Measure.EXECUTION_PCT: (Measure.BUDGET_SPENT, Measure.BUDGET_ALLOCATED),
                Measure.ALLOCATED_PCT: (Measure.BUDGET_ALLOCATED,)}


def _ratio_checks(doc: list[Fact]) -> list[dict]:
    rows = []
    money = [f for f in doc if f["unit"] == "VND"]
    in_sentence = _index(money, lambda f: f["sentence_start"])
    in_year = {year: _YearMoney(facts) for year, facts in _index(money, lambda f: f["period_end"][:4]).items()}
    for pct in (f for f in doc if f["measure"] in (*_OF_THE_PLAN, Measure.SHARE_PCT)):
        numerators = [m for m in in_sentence.get(pct["sentence_start"], []) if m["number_start"] < pct["number_start"]]
        if pct["measure"] in _OF_THE_PLAN:
            numerators = [m for m in numerators if m["measure"] in _OF_THE_PLAN[pct["measure"]]]
        if not numerators:
            continue
        num = numerators[-1]
        year = in_year[num["period_end"][:4]]
        den = _denominator(pct, num, year)
        if den is None:
            continue
        stated, computed = stated_interval(pct), _ratio(stated_interval(num), stated_interval(den))
        description = f"{pct['measure']} {_label(pct)} = {_label(num)} ÷ {_label(den)}"
        note = "" if stated.meets(computed) else _other_denominator(pct, num, den, year)
        rows.append(_row("ratio", pct, description, stated, computed, [num, den], note))
    return rows


class _YearMoney:
    """The money figures of one year, in text order and by value."""

    def __init__(self, facts: list[Fact]) -> None:
        self.facts = facts
        self.plans = _index((f for f in facts if f["measure"] == Measure.BUDGET_PLAN), lambda f: f["program"])
        self.overall = [f for f in facts if f["program"] == Program.ALL and f["activity"] == Activity.ALL]
        self.by_value = sorted(range(len(facts)), key=lambda i: float(facts[i]["value"]))
        self.values = [float(facts[i]["value"]) for i in self.by_value]

    def valued(self, lo: float, hi: float) -> list[int]:
        """Text positions of the figures with a value in [lo, hi] or not above zero."""
        lo_index, hi_index = bisect_left(self.values, lo), bisect_right(self.values, hi)
        nonpositive = bisect_right(self.values, 0.0)
        return sorted(self.by_value[:nonpositive] + self.by_value[max(lo_index, nonpositive):hi_index])


def _denominator(pct: Fact, num: Fact, year: _YearMoney) -> Optional[Fact]:
    """The plan (for execution) or the total (for a share) the percentage is of."""
    def fits(c: Fact) -> bool:
        return c["fact_id"] != num["fact_id"] and c["activity"] in (Activity.ALL, num["activity"])

    if pct["measure"] in _OF_THE_PLAN:
        return next((c for c in year.plans.get(num["program"], []) if fits(c)), None)
    larger = [c for c in year.overall if fits(c) and c["value"] > num["value"]]
    return next((c for c in larger if c["measure"] == Measure.BUDGET_PLAN), larger[0] if larger else None)


def _other_denominator(pct: Fact, num: Fact, den: Fact, year: _YearMoney) -> str:
    stated, numerator = stated_interval(pct), stated_interval(num)
    # a figure's rounding interval is at most half its value either side, so only values
    # within these bounds can explain the percentage (and those not above zero, always)
    lo = numerator.lo * 100 / stated.hi / 1.5 if stated.hi > 0 else 0.0
    hi = numerator.hi * 100 / stated.lo * 2 if stated.lo > 0 else float("inf")
    for index in year.valued(lo, hi):
        other = year.facts[index]
        if other["fact_id"] in (den["fact_id"], num["fact_id"]):
            continue
        if stated.meets(_ratio(numerator, stated_interval(other))):
            return (f"likely explanation: {_label(pct)} matches {_label(num)} ÷ {_label(other)} "
                    f"= {num['value'] / other['value'] * 100:.2f}%, a different denominator in the same report")
    return "no other figure of the report explains it"


def _average_checks(doc: list[Fact]) -> list[dict]:
    rows = []
    keys = ("measure", "program", "activity", "period_start", "period_end")
    plain = _index((f for f in doc if f["qualifier"] == ""), lambda f: tuple(f[k] for k in keys))
    for avg in (f for f in doc if f["qualifier"] == Qualifier.AVERAGE):
        years = _year(avg["period_end"]) - _year(avg["period_start"]) + 1
        same = plain.get(tuple(avg[k] for k in keys))
        if years < 2 or not same:
            continue
        total = same[0]
        t = stated_interval(total)
        computed = Interval(t.lo / years, t.hi / years)
        description = f"average per year {_label(avg)} = {_label(total)} ÷ {years} years"
        rows.append(_row("ratio", avg, description, stated_interval(avg), computed, [total]))
    return rows


# ------------------------------------------------------------------ sum checks
def _sum_checks(doc: list[Fact]) -> list[dict]:
    rows = []
    totals = [f for f in doc if f["role"] == "total" and f["group_id"]]
    parts_of = _index((f for f in doc if f["role"] == "part"), lambda f: f["group_id"])
    for total in sorted(totals, key=lambda f: f["group_id"]):
        parts = [f for f in parts_of.get(total["group_id"], [])
                 if all(f[k] == total[k] for k in ("measure", "unit", "qualifier"))]
        if len(parts) < 2:
            continue
        intervals = [stated_interval(p) for p in parts]
        computed = Interval(sum(i.lo for i in intervals), sum(i.hi for i in intervals))
        description = f"total {_label(total)} = " + " + ".join(_label(p) for p in parts)
        rows.append(_row("sum", total, description, stated_interval(total), computed, parts))
    return rows


# ------------------------------------------------------------------ growth checks
def _growth_checks(doc: list[Fact]) -> list[dict]:
    rows = []
    money_in = _index((f for f in doc if f["unit"] == "VND"), lambda f: f["sentence_start"])
    for growth in (f for f in doc if f["measure"] == Measure.GROWTH_PCT):
        in_sentence = money_in.get(growth["sentence_start"], [])
        current = [f for f in in_sentence if f["number_start"] < growth["number_start"]]
        earlier = [f for f in in_sentence if f["number_start"] > growth["number_start"]]
        if not current or not earlier or current[-1]["measure"] != earlier[0]["measure"]:
            continue
        new, old = current[-1], earlier[0]
        ratio = _ratio(stated_interval(new), stated_interval(old), scale=1.0)
        computed = Interval((ratio.lo - 1) * 100, (ratio.hi - 1) * 100)
        description = f"growth {_label(growth)} = {_label(new)} ÷ {_label(old)} − 1"
        rows.append(_row("growth", growth, description, stated_interval(growth), computed, [new, old]))
    return rows


def document_checks(facts: list[Fact]) -> list[dict]:
    """Every cross-check one report's facts allow (facts in text order)."""
    return [row for check in (_ratio_checks, _average_checks, _sum_checks, _growth_checks) for row in check(facts)]


def checks_frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=schema.CHECKS.names).sort_values("check_id", ignore_index=True)


def format_checks(checks: pd.DataFrame, show_all: bool = False) -> str:
    shown = checks if show_all else checks[checks["status"] == "mismatch"]
    if shown.empty:
        return f"all {len(checks)} cross-checks pass"
    lines = []
    for _, c in shown.iterrows():
        lines.append(f"[{c['status'].upper()}] {c['doc_id']} {c['kind']}: stated {c['stated']:g}, "
                     f"recomputed {c['computed']:.4g} (rel. error {c['rel_error']:.1%})")
        lines.append(f"    {c['description']}")
        lines.append(f"    facts: {c['fact_ids']}")
    mismatches = int((checks["status"] == "mismatch").sum())
    lines.append(f"{mismatches} mismatch(es) among {len(checks)} cross-checks")
    return "\n".join(lines)
