"""Every place name maps to a known region; pitfalls of news text are avoided."""

import csv

import pytest

from pipelines import paths
from pipelines.text.gazetteer import COUNTRY, default_gazetteer, slugify


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def test_every_province_and_alias_is_found(gaz) -> None:
    with open(paths.REFERENCE_DIR / "provinces.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for name in [row["name_vi"], *filter(None, row["aliases"].split("|"))]:
                if name == "Hồ Chí Minh":
                    continue
                found = {p.region_id for p in gaz.find(f"tại {name}, ")}
                assert row["region_id"] in found, name


def test_region_ids_are_slugs_of_names(gaz) -> None:
    for rid, region in gaz.regions.items():
        if region.level == "province":
            assert slugify(region.name_vi) == rid


@pytest.mark.parametrize(
    "text, expected",
    [
        ("khu vực MT-TN là 72,8 tỷ đồng", ["mien-trung-tay-nguyen"]),
        ("miền Trung – Tây Nguyên", ["mien-trung-tay-nguyen"]),
        ("Chủ tịch Hồ Chí Minh", []),
        ("TP. Hồ Chí Minh", ["ho-chi-minh"]),
        ("Thái Bình Dương", []),
        ("Bà Rịa Vũng Tàu", ["ba-ria-vung-tau"]),
        ("Đắc Lắc", ["dak-lak"]),
        ("toàn quốc", [COUNTRY]),
    ],
)
def test_names_in_context(gaz, text: str, expected: list[str]) -> None:
    assert [p.region_id for p in gaz.find(text)] == expected


def test_roll_up(gaz) -> None:
    assert gaz.parents("bac-giang") == ["phia-bac", COUNTRY]
    assert gaz.parents("dak-lak") == ["mien-trung-tay-nguyen", COUNTRY]
    assert gaz.parents("phia-nam") == [COUNTRY]
    assert gaz.parents(COUNTRY) == []
