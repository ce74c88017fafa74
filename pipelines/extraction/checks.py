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

from pipelines.tables import schema
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


# ------------------------------------------------------------------ ratio checks
def _ratio_checks(doc: list[Fact]) -> list[dict]:
    rows = []
    money = [f for f in doc if f["unit"] == "VND"]
    for pct in (f for f in doc if f["measure"] in ("execution_pct", "share_pct")):
        numerators = [m for m in money if m["sentence_start"] == pct["sentence_start"]
                      and m["number_start"] < pct["number_start"]]
        if pct["measure"] == "execution_pct":
            numerators = [m for m in numerators if m["measure"] in ("budget_spent", "budget_allocated")]
        if not numerators:
            continue
        num = numerators[-1]
        candidates = [m for m in money if m["fact_id"] != num["fact_id"]
                      and m["period_end"][:4] == num["period_end"][:4]]
        den = _denominator(pct, num, candidates)
        if den is None:
            continue
        stated, computed = stated_interval(pct), _ratio(stated_interval(num), stated_interval(den))
        description = f"{pct['measure']} {_label(pct)} = {_label(num)} ÷ {_label(den)}"
        note = "" if stated.meets(computed) else _other_denominator(pct, num, den, candidates)
        rows.append(_row("ratio", pct, description, stated, computed, [num, den], note))
    return rows


def _denominator(pct: Fact, num: Fact, candidates: list[Fact]) -> Optional[Fact]:
    """The plan (for execution) or the total (for a share) the percentage is of."""
    if pct["measure"] == "execution_pct":
        pool = [c for c in candidates if c["measure"] == "budget_plan" and c["program"] == num["program"]]
    else:
        pool = [c for c in candidates if c["program"] == "all" and c["activity"] == "all"
                and c["value"] > num["value"]]
        pool.sort(key=lambda c: c["measure"] != "budget_plan")
    pool = [c for c in pool if c["activity"] in ("all", num["activity"])]
    return pool[0] if pool else None


def _other_denominator(pct: Fact, num: Fact, den: Fact, candidates: list[Fact]) -> str:
    stated = stated_interval(pct)
    for other in candidates:
        if other["fact_id"] == den["fact_id"]:
            continue
        if stated.meets(_ratio(stated_interval(num), stated_interval(other))):
            return (f"likely explanation: {_label(pct)} matches {_label(num)} ÷ {_label(other)} "
                    f"= {num['value'] / other['value'] * 100:.2f}%, a different denominator in the same report")
    return "no other figure of the report explains it"


def _average_checks(doc: list[Fact]) -> list[dict]:
    rows = []
    keys = ("measure", "program", "activity", "period_start", "period_end")
    for avg in (f for f in doc if f["qualifier"] == "average"):
        years = _year(avg["period_end"]) - _year(avg["period_start"]) + 1
        same = [f for f in doc if f["qualifier"] == "" and all(f[k] == avg[k] for k in keys)]
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
    for total in sorted(totals, key=lambda f: f["group_id"]):
        parts = [f for f in doc if f["group_id"] == total["group_id"] and f["role"] == "part"
                 and all(f[k] == total[k] for k in ("measure", "unit", "qualifier"))]
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
    for growth in (f for f in doc if f["measure"] == "growth_pct"):
        in_sentence = [f for f in doc if f["unit"] == "VND" and f["sentence_start"] == growth["sentence_start"]]
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


def run_checks(facts: pd.DataFrame) -> pd.DataFrame:
    """Every cross-check the facts allow, one row each (see SCHEMA.md, checks)."""
    rows: list[dict] = []
    for _, doc in facts.groupby("doc_id", sort=True):
        rows += document_checks(doc.sort_values("number_start").to_dict("records"))
    return checks_frame(rows)


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


def run_check_command(out_dir: Path, show_all: bool = False) -> int:
    """``khuyencong check``: print the mismatches; exit 1 when there are any."""
    from pipelines.tables.store import load

    try:
        checks = load("checks", out_dir)
    except FileNotFoundError:
        print(f"error: {out_dir}/checks.parquet not found; run `khuyencong ingest` first", file=sys.stderr)
        return 2
    print(format_checks(checks, show_all))
    return 1 if (checks["status"] == "mismatch").any() else 0
