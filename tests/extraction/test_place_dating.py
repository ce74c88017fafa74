"""A place's id is dated by the period of its figure and the report's date (units of 1 July 2025)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.run import ingest
from pipelines.extraction.units import date_units, report_region_as_of
from pipelines.text.gazetteer import default_gazetteer

REPORT = """Khuyến công tỉnh Bắc Ninh tiếp tục hỗ trợ cơ sở công nghiệp nông thôn trong năm
{dateline}
Năm {year}, tỉnh Bắc Ninh đã thực hiện 15 đề án khuyến công địa phương với tổng kinh phí thực hiện là \
6,8 tỷ đồng.
"""


def _ingest_one(tmp_path: Path, dateline: str, year: int) -> tuple[dict, list[dict]]:
    path = tmp_path / "report.txt"
    path.write_text(REPORT.format(dateline=dateline, year=year), encoding="utf-8")
    result = ingest(tmp_path)
    return result.documents.iloc[0].to_dict(), result.facts.to_dict("records")


def test_a_report_after_the_merger_files_the_province_under_its_unit(tmp_path: Path) -> None:
    document, facts = _ingest_one(tmp_path, "Thứ hai - 12/01/2026 08:30", 2025)
    assert document["region_id"] == "bac-ninh-2025"
    assert {(f["measure"], f["region_id"]) for f in facts} == {
        ("budget_spent", "bac-ninh-2025"), ("projects_implemented", "bac-ninh-2025")}
    assert all("region: bac-ninh as named, bac-ninh-2025" in f["evidence"] for f in facts)


def test_a_report_of_2023_files_the_province_as_it_was(tmp_path: Path) -> None:
    document, facts = _ingest_one(tmp_path, "Thứ sáu - 18/08/2023 05:05", 2023)
    assert document["region_id"] == "bac-ninh"
    assert {f["region_id"] for f in facts} == {"bac-ninh"}


def _fact(text: str, number: str, region_id: str, start: str, end: str) -> dict:
    at = text.index(number)
    return {"region_id": region_id, "period_start": start, "period_end": end, "char_start": at,
            "char_end": at + len(number), "number_start": at, "sentence_start": 0, "sentence": text}


@pytest.mark.parametrize("text, period, published, expected", [
    # a figure of the second half of 2025 belongs to the unit, whatever the report's date
    ("tỉnh Bắc Ninh đạt 6,8 tỷ đồng", ("2025-07", "2025-12"), "", "bac-ninh-2025"),
    # "cũ": the text names the former province on purpose
    ("tỉnh Bắc Ninh cũ đạt 6,8 tỷ đồng", ("2025-07", "2025-12"), "2026-01-12", "bac-ninh"),
    # a year that runs past the merger, reported after it, is the unit's
    ("tỉnh Bắc Ninh đạt 6,8 tỷ đồng", ("2025-01", "2025-12"), "2026-01-12", "bac-ninh-2025"),
    ("tỉnh Bắc Ninh đạt 6,8 tỷ đồng", ("2025-01", "2025-06"), "2026-01-12", "bac-ninh"),
    ("tỉnh Bắc Ninh đạt 6,8 tỷ đồng", ("2023-01", "2023-12"), "2026-01-12", "bac-ninh"),
    # a province whose name no unit kept names a part of its unit, not the unit
    ("tỉnh Bắc Giang đạt 6,8 tỷ đồng", ("2025-07", "2025-12"), "2026-01-12", "bac-giang"),
    # an unchanged unit keeps its id
    ("thành phố Hà Nội đạt 6,8 tỷ đồng", ("2025-07", "2025-12"), "", "ha-noi"),
])
def test_facts_are_dated_by_their_period(text: str, period: tuple[str, str], published: str, expected: str) -> None:
    gazetteer = default_gazetteer()
    region_id = gazetteer.find(text)[0].region_id
    facts = [_fact(text, "6,8", region_id, *period)]
    date_units(facts, text, region_id, published, gazetteer)
    assert facts[0]["region_id"] == expected


def test_an_undated_report_follows_its_figures() -> None:
    known = default_gazetteer().regions
    assert report_region_as_of("bac-ninh", "", [{"region_id": "bac-ninh-2025"}], known) == "bac-ninh-2025"
    assert report_region_as_of("bac-ninh", "", [{"region_id": "bac-ninh"}], known) == "bac-ninh"
    assert report_region_as_of("phia-bac", "2026-01-12", [], known) == "phia-bac"
