"""Figures as the 34 units of 1 July 2025 count them: ``units = "2025"`` in the notebooks.

With ``2025`` every figure stated for a former province counts toward the unit it
merged into, so a unit has one series across the merger. Figures of several former
provinces are added into one figure of the unit only when their period, programme,
activity, measure and qualifier agree and every former province has one; otherwise
each stays a part, named as the former province, with the parts that are missing.
Percentages are never added: a unit's execution or allocation rate is recomputed
from its added amounts, else each former province's rate is shown as its own.

Everything is driven by the reference (``pipelines.tables.regions``): no place is named here.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from pipelines.analysis import labels
from pipelines.tables.regions import Region, as_of_2025, check_units
from pipelines.tables.vocabulary import Measure

ADDABLE_UNITS = ("VND", "count")  # amounts and counts add up; percentages never do
# a rate recomputed from the amounts it divides: measure -> (numerator, denominator)
RATES = {Measure.EXECUTION_PCT: (Measure.BUDGET_SPENT, Measure.BUDGET_PLAN),
         Measure.ALLOCATED_PCT: (Measure.BUDGET_ALLOCATED, Measure.BUDGET_PLAN)}
PART_KEY = ["unit_region", "period_start", "period_end", "program", "activity", "measure", "qualifier"]
SUM_METHOD = "sum"  # a unit's figure added up from its former provinces' figures
RATE_METHOD = "recomputed"  # a unit's rate recomputed from its added amounts
_MARKS = {
    "new": {"vi": "{name} (mới)", "en": "{name} (new)"},
    "former": {"vi": "{name} (cũ)", "en": "former {name}"},
    "split": {"vi": "{name} (mới, thuộc {n} khu vực)", "en": "{name} (new, in {n} regions)"},
    "note": {"vi": "{unit} gồm các tỉnh cũ thuộc {regions}: được tính vào từng khu vực này.",
             "en": "{unit} was formed from provinces in {regions}: it is counted in each of them."},
}


def apply(units: str, facts: pd.DataFrame, known: dict[str, Region],
          lang: str = "vi") -> tuple[pd.DataFrame, dict[str, Region]]:
    """The facts and the region reference the views read for ``units`` (``2024`` or ``2025``).

    The reference comes back with display names: a unit formed from several provinces is
    "(mới)", and with ``2025`` a former province that merged is "(cũ)".
    """
    if check_units(units) == "2024":
        return facts, display_names(known, units, lang)
    as_of = as_of_2025(known)
    return roll_up(facts, as_of, lang), display_names(as_of, units, lang)


def display_names(known: dict[str, Region], units: str, lang: str) -> dict[str, Region]:
    """The reference with the names charts show for units and, with ``2025``, former provinces."""
    named = {}
    for region_id, region in known.items():
        mark = ""
        if len(region.formed_from) > 1:
            mark = "split" if region.also_under else "new"
        elif units == "2025" and region.unit_2025 and region.unit_2025 != region_id:
            mark = "former"
        text = _MARKS[mark][labels.check_lang(lang)] if mark else "{name}"
        named[region_id] = replace(region, name_vi=text.format(name=region.name_vi, n=1 + len(region.also_under)))
    return named


def roll_up(facts: pd.DataFrame, known: dict[str, Region], lang: str = "vi") -> pd.DataFrame:
    """``facts`` as the units count them (``known`` as of 2025, see ``regions.as_of_2025``).

    Adds ``parts`` (the former provinces a row covers), ``missing_parts`` (those of its unit
    without a figure for the same key) and ``note`` (a unit counted in several conference regions).
    """
    unit = facts["region_id"].map(lambda r: _merged_into(r, known))
    own = facts[unit == ""].assign(parts=lambda f: f["region_id"].map(lambda r: ",".join(known[r].formed_from)
                                                                      if r in known else ""), missing_parts="")
    merged = facts[unit != ""].assign(unit_region=unit[unit != ""])
    sums, parts = _add_parts(merged, known)
    rates = _recompute_rates(sums)
    parts = _without_recomputed(parts, rates)
    pieces = [frame.drop(columns="unit_region", errors="ignore") for frame in (own, sums, rates, parts)]
    out = pd.concat([p for p in pieces if len(p)] or pieces[:1], ignore_index=True)
    out = out.astype({column: facts[column].dtype for column in facts.columns})
    return out.assign(note=_notes(out, known, lang))


def _merged_into(region_id: str, known: dict[str, Region]) -> str:
    """The unit a former province merged into; empty for anything else."""
    region = known.get(region_id)
    return region.unit_2025 if region and region.unit_2025 and region.unit_2025 != region_id else ""


def _add_parts(merged: pd.DataFrame, known: dict[str, Region]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One added figure per key where every former province has exactly one value; the rest as parts."""
    sums, parts = [], []
    for key, group in merged.groupby(PART_KEY, sort=True, dropna=False):
        formers = known[key[0]].formed_from
        values = group.groupby("region_id")["value"].unique()
        complete = set(values.index) == set(formers) and all(len(v) == 1 for v in values)
        if complete and group["unit"].iloc[0] in ADDABLE_UNITS:
            sums.append(_sum_row(_first_per_place(group), key[0], formers))
        else:
            missing = ",".join(f for f in formers if f not in set(group["region_id"]))
            parts.append(group.assign(parts=group["region_id"], missing_parts=missing))
    columns = [*merged.columns, "parts", "missing_parts"]
    return pd.DataFrame(sums, columns=columns), (pd.concat(parts) if parts else pd.DataFrame(columns=columns))


def _first_per_place(group: pd.DataFrame) -> pd.DataFrame:
    """One row per former province: a figure repeated by several reports counts once."""
    return group.sort_values(["doc_id", "char_start", "fact_id"], kind="stable").drop_duplicates("region_id")


def _sum_row(rows: pd.DataFrame, unit: str, formers: tuple[str, ...]) -> dict:
    """The unit's figure added up from its former provinces', keeping every part's source."""
    first = rows.iloc[0].to_dict()
    return {**first, "region_id": unit, "value": float(rows["value"].sum()), "method": SUM_METHOD,
            "fact_id": ",".join(rows["fact_id"]), "doc_id": ",".join(sorted(set(rows["doc_id"]))),
            "quote": " + ".join(rows["quote"]), "char_start": -1, "char_end": -1,
            "parts": ",".join(formers), "missing_parts": ""}


def _recompute_rates(sums: pd.DataFrame) -> pd.DataFrame:
    """A unit's execution and allocation rates from its added amounts, never from added rates."""
    key = ["region_id", "period_start", "period_end", "program", "activity", "qualifier"]
    rows = []
    for rate, (numerator, denominator) in RATES.items():
        pairs = sums[sums["measure"] == numerator].merge(sums[sums["measure"] == denominator], on=key,
                                                         suffixes=("", "_of"))
        for pair in pairs[pairs["value_of"] > 0].to_dict("records"):
            rows.append({**{column: pair[column] for column in sums.columns}, "measure": rate, "unit": "percent",
                         "value": pair["value"] / pair["value_of"] * 100, "method": RATE_METHOD,
                         "fact_id": f"{pair['fact_id']},{pair['fact_id_of']}",
                         "doc_id": ",".join(sorted({*pair["doc_id"].split(","), *pair["doc_id_of"].split(",")})),
                         "quote": f"({pair['quote']}) / ({pair['quote_of']})"})
    return pd.DataFrame(rows, columns=sums.columns)


def _without_recomputed(parts: pd.DataFrame, rates: pd.DataFrame) -> pd.DataFrame:
    """Former provinces' own rates give way where their unit's rate was recomputed."""
    if rates.empty or parts.empty:
        return parts
    done = set(rates[["region_id", *PART_KEY[1:]]].itertuples(index=False, name=None))
    keys = parts[PART_KEY].itertuples(index=False, name=None)
    return parts[[key not in done for key in keys]]


def _notes(frame: pd.DataFrame, known: dict[str, Region], lang: str) -> pd.Series:
    """For a unit whose former provinces sat in several conference regions, say it counts in each."""
    def note(region_id: str) -> str:
        unit = known[region_id].parent if _merged_into(region_id, known) else region_id
        region = known.get(unit)
        if region is None or not region.also_under:
            return ""
        names = " và " if lang == "vi" else " and "
        regions = names.join(labels.region(r, lang) for r in (region.parent, *region.also_under))
        unit_name = _MARKS["new"][lang].format(name=region.name_vi)
        return _MARKS["note"][lang].format(unit=unit_name, regions=regions)
    return frame["region_id"].map(note) if len(frame) else pd.Series(dtype=str)
