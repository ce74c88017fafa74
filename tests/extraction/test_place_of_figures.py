"""A figure's place from the report's own words: districts name their province, venues nothing."""

from pipelines.extraction.extract import extract_document
from pipelines.text.gazetteer import default_gazetteer


def facts_of(text: str, region: str, year: int = 2023) -> list[dict]:
    return extract_document("t", text, region, default_gazetteer(), year).facts


def test_a_districts_figure_goes_to_its_province_with_the_district_in_the_evidence() -> None:
    (fact,) = facts_of("Năm 2023, huyện Krông Năng đã hỗ trợ 4 cơ sở sản xuất.", "mien-trung-tay-nguyen")
    assert fact["region_id"] == "dak-lak"
    assert "huyện Krông Năng" in fact["evidence"]


def test_a_venue_gives_no_place_to_the_figures_beside_it() -> None:
    (fact,) = facts_of("Năm 2023, hội chợ được tổ chức tại tỉnh Cần Thơ, tỉnh đã hỗ trợ 12 cơ sở tham gia.",
                       "soc-trang")
    assert fact["region_id"] == "soc-trang"


def test_a_facility_count_is_recognised_only_by_its_own_words() -> None:
    facts = facts_of("Năm 2024, tỉnh hỗ trợ 12 cơ sở ứng dụng máy móc và công nhận 9 sản phẩm tiêu biểu.", "nam-dinh", 2024)
    assert [(f["measure"], f["activity"]) for f in facts] == [("beneficiaries", "technology"),
                                                             ("products", "typical_products")]
