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


@pytest.mark.parametrize(
    "text, expected",
    [
        ("tỉnh Lâm Đồng (mới) có 5 đề án", [("lam-dong-2025", "new")]),
        ("Sau sáp nhập, tỉnh Bắc Ninh có 15 đề án", [("bac-ninh-2025", "new")]),
        ("tỉnh Bắc Ninh sau sáp nhập có 15 đề án", [("bac-ninh-2025", "new")]),
        ("kế hoạch của tỉnh Bắc Ninh mới.", [("bac-ninh-2025", "new")]),
        ("tỉnh Bắc Ninh mới có 15 đề án", [("bac-ninh", "")]),  # "mới có": the adverb
        ("tỉnh Bắc Giang cũ đạt 3 tỷ đồng", [("bac-giang", "old")]),
        ("tỉnh Đắk Nông (trước sáp nhập)", [("dak-nong", "old")]),
        ("tỉnh Bắc Ninh cũng đạt", [("bac-ninh", "")]),
        ("Hà Nội (mới)", [("ha-noi", "new")]),  # an unchanged unit keeps its id
        ("khu vực phía Nam (mới)", [("phia-nam", "")]),
    ],
)
def test_names_marked_as_the_new_unit_or_the_former_province(gaz, text: str, expected: list) -> None:
    assert [(p.region_id, p.era) for p in gaz.find(text)] == expected


def test_a_name_borne_only_since_the_merger_is_the_unit(tmp_path) -> None:
    import shutil

    from pipelines.text.gazetteer import Gazetteer

    for name in ("regions.csv", "provinces.csv", "units_2025.csv"):
        shutil.copy(paths.REFERENCE_DIR / name, tmp_path / name)
    units = (tmp_path / "units_2025.csv").read_text(encoding="utf-8")
    renamed = units.replace("bac-ninh,Bắc Ninh,", "bac-ninh,Kinh Bắc,")
    (tmp_path / "units_2025.csv").write_text(renamed, encoding="utf-8")
    places = Gazetteer(tmp_path).find("tỉnh Kinh Bắc và tỉnh Bắc Ninh")
    assert [(p.region_id, p.era) for p in places] == [("bac-ninh-2025", "new"), ("bac-ninh", "")]
