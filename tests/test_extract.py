"""The extractor on single sentences of the genre (not taken from the five reports)."""

import pytest

from pipelines.extract import extract_document
from pipelines.gazetteer import default_gazetteer


def facts_of(text: str, region: str = "quang-nam", year: int = 2023) -> list[dict]:
    return extract_document("t", text, region, default_gazetteer(), year).facts


def one(text: str, **kw) -> dict:
    (fact,) = facts_of(text, **kw)
    return fact


def test_money_plan_with_period_and_programme() -> None:
    f = one("Năm 2023, kinh phí khuyến công quốc gia giao theo kế hoạch là 12,5 tỷ đồng.")
    assert (f["measure"], f["value"], f["program"]) == ("budget_plan", 12.5e9, "national")
    assert (f["period_start"], f["period_end"]) == ("2023-01", "2023-12")
    assert f["quote"] in "Năm 2023, kinh phí khuyến công quốc gia giao theo kế hoạch là 12,5 tỷ đồng."


def test_spent_and_execution_share_the_period() -> None:
    facts = facts_of("6 tháng đầu năm 2023, kinh phí khuyến công địa phương đã giải ngân 4.250 triệu đồng, đạt 35,2% kế hoạch năm.")
    assert [(f["measure"], f["value"]) for f in facts] == [("budget_spent", 4.25e9), ("execution_pct", 35.2)]
    assert all((f["period_start"], f["period_end"], f["program"]) == ("2023-01", "2023-06", "local") for f in facts)


def test_decrease_is_negative_growth() -> None:
    f = one("Năm 2020, kinh phí khuyến công của tỉnh giảm 12% so với năm 2019.")
    assert (f["measure"], f["value"], f["period_end"]) == ("growth_pct", -12.0, "2020-12")


def test_fraction_and_estimate() -> None:
    facts = facts_of("Năm 2023, ngân sách tỉnh dành cho khuyến công là 2 tỷ đồng; ước 9 tháng đầu năm 2023, triển khai 7/12 đề án.")
    by_measure = {f["measure"]: f for f in facts}
    assert by_measure["projects_implemented"]["value"] == 7
    assert by_measure["projects_implemented"]["qualifier"] == "estimate"
    assert by_measure["projects_implemented"]["period_end"] == "2023-09"
    assert by_measure["projects_planned"]["value"] == 12
    assert by_measure["projects_planned"]["period_end"] == "2023-12"
    assert {f["program"] for f in facts} == {"local"}


def test_parts_after_trong_do_inherit_and_are_grouped() -> None:
    facts = facts_of("Giai đoạn 2016-2020, tỉnh đã thực hiện 40 đề án, trong đó 32 đề án khuyến công tỉnh và 8 đề án khuyến công quốc gia.")
    assert [(f["value"], f["program"], f["role"]) for f in facts] == [
        (40, "all", "total"), (32, "local", "part"), (8, "national", "part")]
    assert {f["measure"] for f in facts} == {"projects_implemented"}
    assert {f["period_start"] for f in facts} == {"2016-01"}


def test_activity_and_beneficiaries() -> None:
    f = one("Năm 2023 hỗ trợ 14 cơ sở ứng dụng máy móc thiết bị tiên tiến vào sản xuất.")
    assert (f["measure"], f["activity"], f["value"]) == ("beneficiaries", "technology", 14)


def test_at_least_but_not_comparative() -> None:
    assert one("Năm 2023 hỗ trợ hơn 20 cơ sở tham gia hội chợ.")["qualifier"] == "at_least"
    plan, growth = facts_of("Năm 2023 kế hoạch kinh phí là 9 tỷ đồng, cao hơn 5% so với năm 2022.")
    assert (plan["measure"], growth["measure"], growth["value"]) == ("budget_plan", "growth_pct", 5.0)
    assert growth["qualifier"] == ""


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện Văn bản số 3384/BCT-CTĐP ngày 15 tháng 6 năm 2022 của Bộ Công Thương.",
        "Hội nghị lần thứ 14 tổ chức ngày 10/10/2024 tại 15 tỉnh, thành phố.",
        "Theo Nghị định 45/2012/NĐ-CP và Quyết định 1881 của Thủ tướng.",
        "Sau dịch Covid-19, năm 2022 các cơ sở phục hồi.",
    ],
)
def test_not_figures(text: str) -> None:
    assert facts_of(text) == []


def test_headlines_and_chrome_are_not_figures() -> None:
    text = "Tỉnh hoàn thành 100% kế hoạch khuyến công\n\nNội dung bài viết không có số liệu nào cả và kết thúc ở đây./.\n\n694 Go top\n987 Sản phẩm được trưng bày"
    extraction = extract_document("t", text, "quang-nam", default_gazetteer(), 2023)
    assert extraction.facts == []
    reasons = {m["text"]: m["reason"] for m in extraction.mentions}
    assert reasons["100"] == "headline"
    assert reasons["987"] == "page_chrome"


def test_repeated_statement_yields_one_fact() -> None:
    sentence = "Năm 2023, kinh phí khuyến công đã thực hiện đạt 3,4 tỷ đồng."
    extraction = extract_document("t", f"{sentence}\n\nMột đoạn khác nói về việc khác nữa.\n\n{sentence}", "quang-nam",
                                  default_gazetteer(), 2023)
    assert len(extraction.facts) == 1
    assert [m["status"] for m in extraction.mentions if m["text"] == "3,4"] == ["fact", "duplicate"]


def test_place_named_in_the_clause() -> None:
    f = one("Năm 2023, tỉnh Quảng Ngãi đã thực hiện 12 đề án khuyến công.", region="quang-nam")
    assert f["region_id"] == "quang-ngai"


def test_trong_do_opening_a_sentence_continues_the_total() -> None:
    text = ("Kinh phí khuyến công năm 2024 của tỉnh được dự toán hơn 6,2 tỷ đồng. Trong đó, kinh phí khuyến công "
            "địa phương khoảng 3,1 tỷ đồng, phần đối ứng của doanh nghiệp trên 3 tỷ đồng.")
    facts = facts_of(text)
    assert [(f["value"], f["measure"], f["program"], f["role"], f["qualifier"]) for f in facts] == [
        (6.2e9, "budget_plan", "all", "total", "at_least"),
        (3.1e9, "budget_plan", "local", "part", ""),
        (3e9, "budget_plan", "counterpart", "part", "at_least"),
    ]


def test_coordinated_programmes_mean_all() -> None:
    f = one("Năm 2025, Sở phấn đấu hoàn thành 100% kế hoạch khuyến công quốc gia, kế hoạch khuyến công địa phương.")
    assert (f["measure"], f["program"], f["qualifier"]) == ("execution_pct", "all", "target")
