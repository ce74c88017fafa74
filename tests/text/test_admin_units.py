"""Districts, towns and communes from the vietnamadminunits library name their province."""

from __future__ import annotations

import csv

import pytest

from pipelines import paths
from pipelines.text.admin_units import find_units, library_provinces, library_units_2025
from pipelines.text.gazetteer import default_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def test_the_library_and_our_reference_name_the_same_provinces_and_units(gaz) -> None:
    ours = {r["region_id"] for r in csv.DictReader(open(paths.REFERENCE_DIR / "provinces.csv", encoding="utf-8"))}
    before, since = gaz._province_codes()
    assert len(library_provinces()) == 63 and set(before.values()) == ours
    units = {r["unit_id"] for r in csv.DictReader(open(paths.REFERENCE_DIR / "units_2025.csv", encoding="utf-8"))}
    assert len(library_units_2025()) == 34
    assert {rid.removesuffix("-2025") for rid in since.values()} == units


@pytest.mark.parametrize("text, region, unit", [
    ("Năm 2023, huyện Krông Năng hỗ trợ 4 cơ sở", "dak-lak", "huyện Krông Năng"),
    ("UBND thị xã Buôn Hồ trích 300 triệu đồng", "dak-lak", "thị xã Buôn Hồ"),
    ("các cơ sở ở xã Ea Kly được hỗ trợ", "dak-lak", "xã Ea Kly"),
    ("Phòng Kinh tế TP. Bà Rịa cho biết", "ba-ria-vung-tau", "TP. Bà Rịa"),
    ("huyện Mường Nhé có 2 đề án", "dien-bien", "huyện Mường Nhé"),
])
def test_a_unit_behind_its_kind_names_its_province(gaz, text: str, region: str, unit: str) -> None:
    places = [p for p in gaz.find_all(text) if p.within]
    assert [(p.region_id, text[p.start:p.end]) for p in places] == [(region, unit)]


@pytest.mark.parametrize("text", [
    "xã hội hóa các nguồn lực",          # a common word, not a commune
    "huyện nông thôn mới",               # no capital: no name
    "Thành phố Hồ Chí Minh",             # a province, found as such
    "thị xã đã hỗ trợ 5 cơ sở",
])
def test_ordinary_words_are_no_unit(gaz, text: str) -> None:
    assert not [p for p in gaz.find_all(text) if p.within]


def test_a_name_several_provinces_share_needs_a_province_or_unit_that_agrees(gaz) -> None:
    alone = "huyện Châu Thành hỗ trợ 3 cơ sở"
    assert not [p for p in gaz.find_all(alone) if p.within]
    assert gaz.ambiguous_units(alone)[0][0] == "huyện Châu Thành"
    with_province = "tỉnh Bến Tre: huyện Châu Thành hỗ trợ 3 cơ sở"
    assert {p.region_id for p in gaz.find_all(with_province)} == {"ben-tre"}
    # a second unit of one province settles the shared name: Mỏ Cày Nam is only in Bến Tre
    with_unit = "huyện Mỏ Cày Nam và huyện Châu Thành hỗ trợ 3 cơ sở"
    assert {p.region_id for p in gaz.find_all(with_unit)} == {"ben-tre"}


def test_finding_units_is_linear_in_long_lines() -> None:
    import time
    line = "huyện " + "Ab " * 20000
    start = time.perf_counter()
    find_units(line)
    assert time.perf_counter() - start < 2.0
