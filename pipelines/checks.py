"""Arithmetic cross-checks: do the stated percentages and totals follow from the figures?

- ratio: an execution or share percentage against the money it derives from
  (spent ÷ plan, allocated ÷ plan, part ÷ total); a per-year average against the
  period total;
- sum: the parts of "X, trong đó A, B …" against X;
- growth: "cao hơn x% so với …" against the two figures compared.

Tolerance follows the precision as written: every figure stands for the interval
it rounds from (20,7 tỷ is 20,65–20,75 tỷ; 28,44% is 28,435–28,445%), and a check
passes when the stated and recomputed intervals meet. A mismatch is kept and
flagged, never dropped or corrected; where another figure of the same report
explains it, the description says so.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

import pandas as pd

from pipelines import schema
from pipelines.numbers import format_vi


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    def meets(self, other: "Interval") -> bool:
        return self.lo <= other.hi and other.lo <= self.hi


def stated_interval(fact: pd.Series) -> Interval:
    """The values a figure could have had before it was rounded as written."""
    value = float(fact["value"])
    decimals = int(fact.get("decimals", 0) or 0)
    written = _written_number(str(fact.get("number_text", "")))
    half = 0.5 * 10 ** (-decimals)
    if written:
        half *= abs(value) / written  # the same half-unit, in the figure's own scale
    return Interval(value - half, value + half)


def _written_number(text: str) -> float:
    from pipelines.numbers import parse_number

    try:
        return parse_number(text).value
    except ValueError:
        return 0.0


def _ratio(num: Interval, den: Interval, scale: float = 100.0) -> Interval:
    if den.lo <= 0:
        return Interval(float("-inf"), float("inf"))
    return Interval(num.lo / den.hi * scale, num.hi / den.lo * scale)


def _label(fact: pd.Series) -> str:
    amount = float(fact["value"])
    if fact["unit"] == "VND":
        text = f"{format_vi(amount / 1e9, 3).rstrip('0').rstrip(',')} tỷ"
    elif fact["unit"] == "percent":
        text = f"{format_vi(amount, 2).rstrip('0').rstrip(',')}%"
    else:
        text = format_vi(amount)
    return f"{text} ({fact['measure']}, {fact['program']}, {fact['period_start']}..{fact['period_end']})"


def _row(kind: str, stated_fact: pd.Series, description: str, stated: Interval, computed: Interval,
         used: Iterable[pd.Series], note: str = "") -> dict:
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


# ------------------------------------------------------------------ ratio checks
def _ratio_checks(doc: pd.DataFrame) -> list[dict]:
    rows = []
    money = doc[doc["unit"] == "VND"]
    for _, pct in doc[doc["measure"].isin(["execution_pct", "share_pct"])].iterrows():
        numerators = money[(money["sentence_start"] == pct["sentence_start"])
                           & (money["number_start"] < pct["number_start"])]
        if pct["measure"] == "execution_pct":
            numerators = numerators[numerators["measure"].isin(["budget_spent", "budget_allocated"])]
        if numerators.empty:
            continue
        num = numerators.iloc[-1]
        candidates = money[(money["fact_id"] != num["fact_id"])
                           & (money["period_end"].str[:4] == num["period_end"][:4])]
        den = _denominator(pct, num, candidates)
        if den is None:
            continue
        stated, computed = stated_interval(pct), _ratio(stated_interval(num), stated_interval(den))
        description = f"{pct['measure']} {_label(pct)} = {_label(num)} ÷ {_label(den)}"
        note = ""
        if not stated.meets(computed):
            note = _other_denominator(pct, num, den, candidates)
        rows.append(_row("ratio", pct, description, stated, computed, [num, den], note))
    return rows


def _denominator(pct: pd.Series, num: pd.Series, candidates: pd.DataFrame) -> Optional[pd.Series]:
    """The plan (for execution) or the total (for a share) the percentage is of."""
    if pct["measure"] == "execution_pct":
        pool = candidates[(candidates["measure"] == "budget_plan") & (candidates["program"] == num["program"])]
    else:
        pool = candidates[(candidates["program"] == "all") & (candidates["activity"] == "all")
                          & (candidates["value"] > num["value"])]
        pool = pool.sort_values("measure", key=lambda s: s.map({"budget_plan": 0}).fillna(1))
    pool = pool[pool["activity"].isin(["all", num["activity"]])]
    return pool.iloc[0] if len(pool) else None


def _other_denominator(pct: pd.Series, num: pd.Series, den: pd.Series, candidates: pd.DataFrame) -> str:
    stated = stated_interval(pct)
    for _, other in candidates.iterrows():
        if other["fact_id"] == den["fact_id"]:
            continue
        if stated.meets(_ratio(stated_interval(num), stated_interval(other))):
            return (f"likely explanation: {_label(pct)} matches {_label(num)} ÷ {_label(other)} "
                    f"= {num['value'] / other['value'] * 100:.2f}%, a different denominator in the same report")
    return "no other figure of the report explains it"


def _average_checks(doc: pd.DataFrame) -> list[dict]:
    rows = []
    for _, avg in doc[doc["qualifier"] == "average"].iterrows():
        years = _year(avg["period_end"]) - _year(avg["period_start"]) + 1
        same = doc[(doc["qualifier"] == "") & (doc["measure"] == avg["measure"])
                   & (doc["program"] == avg["program"]) & (doc["activity"] == avg["activity"])
                   & (doc["period_start"] == avg["period_start"]) & (doc["period_end"] == avg["period_end"])]
        if years < 2 or same.empty:
            continue
        total = same.iloc[0]
        t = stated_interval(total)
        computed = Interval(t.lo / years, t.hi / years)
        description = f"average per year {_label(avg)} = {_label(total)} ÷ {years} years"
        rows.append(_row("ratio", avg, description, stated_interval(avg), computed, [total]))
    return rows


# ------------------------------------------------------------------ sum checks
def _sum_checks(doc: pd.DataFrame) -> list[dict]:
    rows = []
    for group_id, group in doc[doc["group_id"] != ""].groupby("group_id", sort=True):
        totals = group[group["role"] == "total"]
        if totals.empty:
            continue
        total = totals.iloc[0]
        parts = group[(group["role"] == "part") & (group["measure"] == total["measure"])
                      & (group["unit"] == total["unit"]) & (group["qualifier"] == total["qualifier"])]
        if len(parts) < 2:
            continue
        intervals = [stated_interval(p) for _, p in parts.iterrows()]
        computed = Interval(sum(i.lo for i in intervals), sum(i.hi for i in intervals))
        description = f"total {_label(total)} = " + " + ".join(_label(p) for _, p in parts.iterrows())
        rows.append(_row("sum", total, description, stated_interval(total), computed,
                         [p for _, p in parts.iterrows()]))
    return rows


# ------------------------------------------------------------------ growth checks
def _growth_checks(doc: pd.DataFrame) -> list[dict]:
    rows = []
    money = doc[doc["unit"] == "VND"]
    for _, growth in doc[doc["measure"] == "growth_pct"].iterrows():
        in_sentence = money[money["sentence_start"] == growth["sentence_start"]]
        current = in_sentence[in_sentence["number_start"] < growth["number_start"]]
        earlier = in_sentence[in_sentence["number_start"] > growth["number_start"]]
        if current.empty or earlier.empty:
            continue
        new, old = current.iloc[-1], earlier.iloc[0]
        if new["measure"] != old["measure"]:
            continue
        ratio = _ratio(stated_interval(new), stated_interval(old), scale=1.0)
        computed = Interval((ratio.lo - 1) * 100, (ratio.hi - 1) * 100)
        description = f"growth {_label(growth)} = {_label(new)} ÷ {_label(old)} − 1"
        rows.append(_row("growth", growth, description, stated_interval(growth), computed, [new, old]))
    return rows


def run_checks(facts: pd.DataFrame) -> pd.DataFrame:
    """Every cross-check the facts allow, one row each (see SCHEMA.md, checks)."""
    rows: list[dict] = []
    for _, doc in facts.groupby("doc_id", sort=True):
        for check in (_ratio_checks, _average_checks, _sum_checks, _growth_checks):
            rows += check(doc)
    checks = pd.DataFrame(rows, columns=schema.CHECKS.names)
    return checks.sort_values("check_id", ignore_index=True)


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


def run_check_command(out_dir: Path, show_all: bool = False) -> int:
    """``khuyencong check``: print the mismatches; exit 1 when there are any."""
    from pipelines.store import read_table

    try:
        checks = read_table("checks", out_dir)
    except FileNotFoundError:
        print(f"error: {out_dir}/checks.parquet not found; run `khuyencong ingest` first", file=sys.stderr)
        return 2
    print(format_checks(checks, show_all))
    return 1 if (checks["status"] == "mismatch").any() else 0
