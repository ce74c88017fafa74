"""Figures as the 34 units of 2025 count them: parts, complete sums, rates, conference regions."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from pipelines import paths
from pipelines.analysis import units, views
from pipelines.tables import regions, store

BN = 1e9
UNIT, FORMERS = "lam-dong-2025", ("binh-thuan", "dak-nong", "lam-dong")


@pytest.fixture(scope="module")
def known() -> dict[str, regions.Region]:
    return regions.known_regions()


def fact(region_id: str, measure: str, value: float, start: str = "2023-01", end: str = "2023-12",
         program: str = "local", doc_id: str = "") -> dict:
    unit = "percent" if measure.endswith("_pct") else "VND" if measure.startswith("budget") else "count"
    doc_id = doc_id or f"2024-{region_id}"
    return {"fact_id": f"{doc_id}:{measure}:{value}", "doc_id": doc_id, "region_id": region_id,
            "period_start": start, "period_end": end, "program": program, "activity": "all", "measure": measure,
            "value": value, "unit": unit, "qualifier": "", "quote": f"{value}", "char_start": 0, "char_end": 1,
            "method": "rule"}


def rolled(rows: list[dict], known) -> pd.DataFrame:
    facts, as_of = units.apply("2025", pd.DataFrame(rows), known)
    return views.scope(facts, UNIT, as_of)


def test_parts_add_up_only_when_every_former_province_has_one(known) -> None:
    complete = rolled([fact(f, "budget_spent", i * BN) for i, f in enumerate(FORMERS, 1)], known)
    total = complete[complete["source_region"] == UNIT]
    assert total["value"].tolist() == [6 * BN] and total["method"].tolist() == [units.SUM_METHOD]
    assert total["parts"].tolist() == [",".join(FORMERS)] and set(total["doc_id"].iloc[0].split(",")) == {
        f"2024-{f}" for f in FORMERS}
    partial = rolled([fact(f, "budget_spent", BN) for f in FORMERS[:2]], known)
    assert UNIT not in set(partial["source_region"])  # never drawn as a total
    assert sorted(partial["parts"]) == sorted(FORMERS[:2]) and set(partial["missing_parts"]) == {FORMERS[2]}


@pytest.mark.parametrize("change", [dict(start="2023-07"), dict(program="national"), dict(value=9 * BN)])
def test_parts_that_disagree_are_not_added(known, change: dict) -> None:
    rows = [fact(f, "budget_spent", BN) for f in FORMERS]
    if "value" in change:  # a second, conflicting figure for one former province
        rows.append(fact(FORMERS[0], "budget_spent", change["value"], doc_id="2025-other"))
    else:
        rows[0] = fact(FORMERS[0], "budget_spent", BN, **change)
    assert UNIT not in set(rolled(rows, known)["source_region"])


def test_rates_are_recomputed_from_amounts_never_added(known) -> None:
    rates = [fact(f, "execution_pct", 50.0) for f in FORMERS]
    alone = rolled(rates, known)
    assert UNIT not in set(alone["source_region"]) and len(alone) == 3  # shown per former province
    amounts = [fact(f, m, v * BN) for f in FORMERS for m, v in (("budget_spent", 1), ("budget_plan", 4))]
    both = rolled(rates + amounts, known)
    rate = both[both["measure"] == "execution_pct"]
    assert rate["source_region"].tolist() == [UNIT] and rate["value"].tolist() == [25.0]
    assert rate["method"].tolist() == [units.RATE_METHOD]


def test_a_unit_of_two_conference_regions_is_listed_under_each_with_a_note(known) -> None:
    facts, as_of = units.apply("2025", pd.DataFrame([fact(f, "budget_spent", BN) for f in FORMERS]), known)
    for conference in (as_of[UNIT].parent, *as_of[UNIT].also_under):
        scoped = views.scope(facts, conference, as_of)
        assert UNIT in set(scoped["source_region"])
        assert scoped["note"].str.contains("Miền Trung – Tây Nguyên và Khu vực phía Nam").all()


def test_display_names_say_new_and_former(known) -> None:
    _, named = units.apply("2025", pd.DataFrame([fact("bac-giang", "budget_spent", BN)]), known, "vi")
    assert (named["bac-giang"].name_vi, named["bac-ninh-2025"].name_vi, named["ha-noi"].name_vi) == (
        "Bắc Giang (cũ)", "Bắc Ninh (mới)", "Hà Nội")
    _, english = units.apply("2025", pd.DataFrame([fact("bac-giang", "budget_spent", BN)]), known, "en")
    assert english["bac-giang"].name_vi == "former Bắc Giang"
    facts, as_2024 = units.apply("2024", pd.DataFrame([fact("bac-giang", "budget_spent", BN)]), known)
    assert as_2024["bac-giang"].name_vi == "Bắc Giang" and facts["region_id"].tolist() == ["bac-giang"]


def test_bac_giang_2023_from_the_raw_reports_is_a_part_of_the_new_bac_ninh(known) -> None:
    facts, as_of = units.apply("2025", store.load("facts", paths.PROCESSED_DIR), known)
    budgets = views.budgets(views.scope(facts, "bac-ninh-2025", as_of))
    spent_2023 = budgets[(budgets["period_start"] == "2023-01") & (budgets["measure"] == "budget_spent")]
    assert set(spent_2023["source_region"]) == {"bac-giang"} and spent_2023["value_bn"].tolist() == [3.2, 3.2]
    assert as_of["bac-giang"].name_vi == "Bắc Giang (cũ)"
    mine = facts[facts["region_id"] == "bac-giang"]
    assert set(mine["missing_parts"]) == {"bac-ninh"}


@pytest.mark.parametrize("lang, note", [
    ("vi", "Số liệu chỉ của Bắc Giang (cũ), thiếu Bắc Ninh (cũ)"),
    ("en", "Figures of former Bắc Giang only, without former Bắc Ninh"),
])
def test_every_chart_of_a_unit_missing_a_former_province_says_so(lang: str, note: str) -> None:
    from pipelines.analysis import talk

    tables = talk.load_tables(paths.PROCESSED_DIR, units="2025", lang=lang)
    ctx = talk.context(tables, "bac-ninh-2025", lang)
    for chart in talk.CHARTS:
        data = chart.data(tables, "bac-ninh-2025", lang)
        if len(data):
            assert any(line.startswith(note) for line in ctx.foot(data)), chart.name
    as_2024 = talk.load_tables(paths.PROCESSED_DIR, units="2024", lang=lang)
    data = talk.chart("projects-by-activity").data(as_2024, "bac-giang", lang)
    assert not talk.context(as_2024, "bac-giang", lang).partial_units(data)


def test_no_place_is_named_in_the_roll_up_code() -> None:
    with open(paths.REFERENCE_DIR / "provinces.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    names = {n for row in rows for n in (row["region_id"], row["name_vi"], *row["aliases"].split("|")) if n}
    names |= {n.replace("-", " ") for n in names}
    package = Path(units.__file__).parent.parent
    modules = [package / "analysis" / "units.py", package / "extraction" / "units.py",
               package / "tables" / "regions.py"]
    for module in modules:
        text = module.read_text(encoding="utf-8")
        found = sorted(n for n in names if re.search(rf"(?<![\w-]){re.escape(n)}(?!\w)", text, re.I))
        assert not found, f"{module.name} names {found}"


def test_the_roll_up_keeps_the_columns_and_their_types(known) -> None:
    facts = store.load("facts", paths.PROCESSED_DIR)
    for frame in (facts, facts.iloc[:0]):
        out, _ = units.apply("2025", frame, known)
        assert list(out.columns) == [*frame.columns, "parts", "missing_parts", "note"]
        assert (out[frame.columns].dtypes == frame.dtypes).all()
