"""The units of 1 July 2025 in the region reference: ids, former provinces, conference regions, names."""

from __future__ import annotations

import csv

import pytest

from pipelines import paths
from pipelines.tables import regions


@pytest.fixture(scope="module")
def known() -> dict[str, regions.Region]:
    return regions.known_regions()


def _reference(name: str) -> list[dict[str, str]]:
    with open(paths.REFERENCE_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_ids_follow_the_contract(known) -> None:
    units = regions.units_2025(known)
    assert len(units) == 34
    merged = [u for u in units if known[u].level == regions.MERGED_LEVEL]
    assert len(merged) == 23 and all(u.endswith("-2025") for u in merged)
    unchanged = [u for u in units if u not in merged]
    assert len(unchanged) == 11 and all(known[u].formed_from == (u,) for u in unchanged)
    assert known["bac-ninh-2025"].formed_from == ("bac-giang", "bac-ninh")
    assert set(known["lam-dong-2025"].formed_from) == {"binh-thuan", "dak-nong", "lam-dong"}


def test_every_former_province_knows_its_unit(known) -> None:
    for row in _reference("provinces.csv"):
        unit = known[row["region_id"]].unit_2025
        assert row["region_id"] in known[unit].formed_from
        assert unit.removesuffix("-2025") == row["merged_into_2025"]


def test_a_unit_sits_in_its_former_provinces_conference_regions(known) -> None:
    conference = {row["region_id"]: row["conference_region"] for row in _reference("provinces.csv")}
    for unit in regions.units_2025(known):
        region = known[unit]
        assert {region.parent, *region.also_under} == {conference[f] for f in region.formed_from}
    # the former provinces of the new Lâm Đồng sat in two conference regions: it counts in both
    assert known["lam-dong-2025"].also_under
    assert not known["bac-ninh-2025"].also_under
    assert set(regions.ancestors("lam-dong-2025", known)) == {
        "lam-dong-2025", "mien-trung-tay-nguyen", "phia-nam", "ca-nuoc"}


def test_as_of_2025_former_provinces_count_toward_their_unit(known) -> None:
    as_of = regions.as_of_2025(known)
    assert regions.ancestors("bac-giang", as_of) == ("bac-giang", "bac-ninh-2025", "phia-bac", "ca-nuoc")
    assert regions.ancestors("ha-noi", as_of) == ("ha-noi", "phia-bac", "ca-nuoc")
    assert regions.ancestors("bac-giang", known) == ("bac-giang", "phia-bac", "ca-nuoc")
    assert regions.in_units(["bac-giang", "bac-ninh", "ha-noi", "phia-bac"], "2025", known) == [
        "phia-bac", "bac-ninh-2025", "ha-noi"]
    assert regions.in_units(["bac-giang"], "2024", known) == ["bac-giang"]


@pytest.mark.parametrize("text, units, expected", [
    ("Lâm Đồng", "2024", "lam-dong"),
    ("lam dong", "2024", "lam-dong"),
    ("Lâm Đồng", "2025", "lam-dong-2025"),
    ("LAM DONG", "2025", "lam-dong-2025"),
    ("Bắc Giang", "2025", "bac-ninh-2025"),
    ("bac-ninh-2025", "2024", "bac-ninh-2025"),
    ("TP.HCM", "2024", "ho-chi-minh"),
    ("mien trung tay nguyen", "2025", "mien-trung-tay-nguyen"),
    ("all", "2025", "all"),
])
def test_regions_resolve_by_id_or_name(known, text: str, units: str, expected: str) -> None:
    assert regions.resolve_region(text, known, units) == expected


def test_an_unknown_region_suggests_the_nearest_ids(known) -> None:
    with pytest.raises(ValueError, match=r"did you mean lam-dong, lam-dong-2025"):
        regions.resolve_region("lam dongg", known)
    with pytest.raises(ValueError, match="unknown units"):
        regions.resolve_region("ha-noi", known, "2030")
