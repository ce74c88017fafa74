"""The extractor on single sentences of the genre (not taken from the five reports)."""

import pytest

from pipelines.extraction.budget import BUDGET_ENV
from pipelines.extraction.evidence import evidence_text
from pipelines.extraction.document import read_document
from pipelines.extraction.extract import extract_document
from pipelines.extraction.figure import Evidence
from pipelines.ingest.run import ingest
from pipelines.evaluation.synthetic import make_long_report
from pipelines.tables.schema import MENTION_REASONS
from pipelines.text.reading import BadInputError
from pipelines.text.gazetteer import default_gazetteer


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


# --- announced plans and results -------------------------------------------------------------

def test_approved_plan_is_planned_not_spent() -> None:
    facts = facts_of("Năm 2022, UBND tỉnh đã phê duyệt giao cho Trung tâm triển khai thực hiện 40 đề án, "
                     "với tổng kinh phí là 6,5 tỷ đồng.")
    assert [(f["measure"], f["value"]) for f in facts] == [("projects_planned", 40), ("budget_plan", 6.5e9)]


def test_plan_then_result_in_one_sentence() -> None:
    facts = facts_of("Năm 2022, kinh phí khuyến công quốc gia được phê duyệt là 12 tỷ đồng, thực hiện 11,4 tỷ đồng, "
                     "đạt 95% so với kế hoạch.")
    assert [f["measure"] for f in facts] == ["budget_plan", "budget_spent", "execution_pct"]


def test_connector_carries_the_plan_frame() -> None:
    text = ("UBND tỉnh đã ban hành Kế hoạch khuyến công địa phương năm 2024.\n\n"
            "Theo đó, năm 2024 có 9 đề án với tổng kinh phí gần 3 tỷ đồng.")
    assert [f["measure"] for f in facts_of(text)] == ["projects_planned", "budget_plan"]


def test_completing_the_plan_is_a_result() -> None:
    f = one("Năm 2023, Sở đã hoàn thành tốt kế hoạch khuyến công tỉnh, tổng kinh phí là 2,1 tỷ đồng.")
    assert f["measure"] == "budget_spent"


def test_a_year_not_over_when_published_is_a_plan() -> None:
    text = "Năm 2020, tỉnh có 12 đề án khuyến công được thực hiện với tổng kinh phí 2,4 tỷ đồng."
    early = extract_document("t", text, "quang-nam", default_gazetteer(), 2020, published="2020-03-25").facts
    late = extract_document("t", text, "quang-nam", default_gazetteer(), 2020, published="2021-02-01").facts
    assert [f["measure"] for f in early] == ["projects_planned", "budget_plan"]
    assert [f["measure"] for f in late] == ["projects_implemented", "budget_spent"]


def test_to_date_ends_at_publication() -> None:
    text = "Năm 2023, đến nay đã phân bổ kinh phí 3,2 tỷ đồng."
    (f,) = extract_document("t", text, "quang-nam", default_gazetteer(), 2023, published="2023-07-31").facts
    assert (f["measure"], f["period_start"], f["period_end"]) == ("budget_allocated", "2023-01", "2023-07")


# --- number shapes and what is not a figure ----------------------------------------------------

def test_ranges_give_both_ends() -> None:
    facts = facts_of("Năm 2023, tỉnh hỗ trợ từ 20 - 25 cơ sở ứng dụng máy móc thiết bị tiên tiến.")
    assert [(f["value"], f["measure"], f["activity"]) for f in facts] == [
        (20, "beneficiaries", "technology"), (25, "beneficiaries", "technology")]


def test_same_figure_twice_in_one_sentence_is_kept() -> None:
    facts = facts_of("Năm 2023, kết nối 30 cơ sở sản xuất trong tỉnh với 30 cơ sở cung ứng nguyên liệu.")
    assert len(facts) == 2


def test_stopped_and_unallocated_are_not_figures() -> None:
    facts = facts_of("Năm 2021, tỉnh cho ngừng thực hiện 03 đề án; kinh phí chưa phân bổ 250 triệu đồng.")
    assert facts == []


def test_revenue_growth_of_firms_is_not_a_programme_figure() -> None:
    assert facts_of("Năm 2022, doanh thu của các cơ sở được hỗ trợ tăng 12%.") == []


def test_money_in_brackets_belongs_to_the_project_count() -> None:
    text = ("UBND tỉnh đã phê duyệt đề án khuyến công năm 2019. Cụ thể, 5 đề án hỗ trợ máy móc thiết bị "
            "(1,2 tỷ đồng); 2 đề án tập huấn (150 triệu đồng).")
    facts = facts_of(text)
    assert [(f["measure"], f["value"], f["activity"]) for f in facts] == [
        ("projects_planned", 5, "technology"), ("budget_plan", 1.2e9, "technology"),
        ("projects_planned", 2, "training"), ("budget_plan", 150e6, "training")]


def test_a_date_is_not_a_period() -> None:
    f = one("Ngày 06 tháng 10 năm 2021, UBND tỉnh đã phê duyệt 4 đề án khuyến công.")
    assert (f["period_start"], f["period_end"]) == ("2021-01", "2021-12")


def test_list_after_a_colon_takes_the_heading_period() -> None:
    facts = facts_of("Kết quả năm 2022 như sau: kế hoạch kinh phí là 10 tỷ đồng; kinh phí thực hiện 9,1 tỷ đồng.")
    assert {(f["period_start"], f["period_end"]) for f in facts} == {("2022-01", "2022-12")}


def test_bare_region_word_in_a_regional_report() -> None:
    facts = extract_document("t", "Năm 2022, cả nước thực hiện 300 tỷ đồng, khu vực là 60 tỷ đồng.",
                             "phia-bac", default_gazetteer(), 2022).facts
    assert [f["region_id"] for f in facts] == ["ca-nuoc", "phia-bac"]


def test_the_centres_name_is_not_an_activity() -> None:
    f = one("Năm 2022, Trung tâm Khuyến công và Tư vấn phát triển công nghiệp đã thực hiện 14 đề án.")
    assert f["activity"] == "all"


def test_products_entered_are_not_products_recognised() -> None:
    text = ("Năm 2023, tỉnh có 40 sản phẩm đăng ký tham gia bình chọn, trong đó 25 sản phẩm được công nhận "
            "sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh.")
    assert [(f["value"], f["measure"]) for f in facts_of(text)] == [(25, "products")]


def test_existing_businesses_are_not_beneficiaries() -> None:
    assert facts_of("Hiện nay, toàn tỉnh có 1.850 cơ sở công nghiệp nông thôn, giải quyết việc làm cho nhiều lao động.") == []


def test_year_glued_to_the_next_sentence() -> None:
    text = "Kết quả bình chọn năm 2022.45 sản phẩm được công nhận sản phẩm tiêu biểu."
    assert [(f["number_text"], f["measure"]) for f in facts_of(text)] == [("45", "products")]


def test_per_unit_rates_are_not_amounts() -> None:
    facts = facts_of("Năm 2023, UBND huyện phân bổ 300 triệu đồng cho 12 cơ sở; mỗi cơ sở được hỗ trợ tối đa "
                     "30 triệu đồng.")
    assert [(f["measure"], f["value"]) for f in facts] == [("budget_allocated", 300e6), ("beneficiaries", 12)]


def test_growth_needs_a_programme_subject() -> None:
    assert facts_of("Năm 2023, nhờ máy móc mới, công ty giảm được 30% số công nhân.") == []
    assert one("Năm 2023, kinh phí khuyến công giảm 30% so với năm 2022.")["value"] == -30.0


def test_purpose_after_the_amount_marks_a_plan() -> None:
    f, _ = facts_of("Năm 2025, tỉnh được hỗ trợ hơn 4 tỷ đồng để thực hiện 6 đề án.")
    assert (f["measure"], f["qualifier"]) == ("budget_plan", "at_least")


def test_the_approver_names_the_programme() -> None:
    f = one("Năm 2024, UBND tỉnh đã phê duyệt 11 đề án.")
    assert (f["measure"], f["program"]) == ("projects_planned", "local")
    g = one("Năm 2024, Bộ Công Thương đã phê duyệt cho tỉnh 3 đề án.")
    assert g["program"] == "national"


def test_a_connector_opening_the_report_keeps_the_report_year() -> None:
    f = one("Theo đó, tỉnh đã tổ chức thực hiện 120 đề án khuyến công.", year=2022)
    assert (f["period_start"], f["period_end"]) == ("2022-01", "2022-12")


def test_per_year_amounts_are_averages_not_rates() -> None:
    f = one("Giai đoạn 2015 - 2020, ngân sách tỉnh hỗ trợ mỗi năm 3 tỷ đồng cho hoạt động khuyến công.")
    assert (f["measure"], f["qualifier"], f["value"]) == ("budget_spent", "average", 3e9)


def test_percentages_of_other_things_are_not_figures() -> None:
    assert facts_of("Năm 2022, tỷ trọng công nghiệp trong cơ cấu kinh tế của tỉnh chiếm 29,5%.") == []
    assert facts_of("Năm 2022, số lao động có việc làm đạt tỷ lệ 70%.") == []


def test_parts_of_an_approved_total_are_planned() -> None:
    text = ("UBND tỉnh đã phê duyệt đề án khuyến công năm 2017. Theo đó, tổng kinh phí thực hiện 4 đề án là "
            "5,2 tỷ đồng, trong đó ngân sách tỉnh hỗ trợ 700 triệu đồng và vốn đối ứng là 4,5 tỷ đồng.")
    assert {f["measure"] for f in facts_of(text) if f["unit"] == "VND"} == {"budget_plan"}


def test_under_way_is_a_result_and_units_may_follow_extra_spaces() -> None:
    text = "Năm 2011, toàn tỉnh đang triển khai 9 đề án, với tổng kinh phí thực hiện là 690  triệu đồng."
    facts = extract_document("t", text, "quang-nam", default_gazetteer(), 2011, published="2011-05-04").facts
    assert [(f["measure"], f["value"]) for f in facts] == [("projects_implemented", 9), ("budget_spent", 690e6)]


# --- size ------------------------------------------------------------------------------------

def test_a_report_over_its_time_budget_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BUDGET_ENV, "0")
    with pytest.raises(BadInputError, match="extraction took longer than 0 s"):
        facts_of("Năm 2023 hỗ trợ 14 cơ sở ứng dụng máy móc thiết bị tiên tiến vào sản xuất.")


def test_ingest_names_each_report_over_budget_and_carries_on(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Năm 2023, tỉnh Quảng Nam hỗ trợ 14 cơ sở tham gia hội chợ triển lãm.\n",
                                    encoding="utf-8")
    monkeypatch.setenv(BUDGET_ENV, "0")
    result = ingest(tmp_path, jobs=1)
    assert [e.reason.split(" (")[0] for e in result.errors] == ["extraction took longer than 0 s"]
    monkeypatch.setenv(BUDGET_ENV, "60")
    assert not ingest(tmp_path, jobs=1).errors


def test_indexed_lookups_give_what_a_scan_gives() -> None:
    """The bisected look-ups that keep extraction linear find what a scan from the start finds."""
    text = make_long_report(200_000).text
    doc = read_document("t", text, "quang-nam", default_gazetteer(), 2023, "")
    last = doc.paragraphs[-3].sentences[-1]
    assert doc.periods_in(last.start, last.end) == [p for p in doc.periods if last.start <= p.start and p.end <= last.end]
    assert doc.numbers_from(last.start, last.end) == [n for n in doc.numbers if last.start <= n.start < last.end]
    assert all(doc.paragraph_of(p.start + 1) is p for p in doc.paragraphs)


# --- shares of the plan and levels of recognition -------------------------------------------

def test_allocated_then_chiem_is_the_allocated_share_of_the_plan() -> None:
    plan, allocated, pct = facts_of("Năm 2023, kế hoạch kinh phí khuyến công quốc gia giao 20 tỷ đồng; "
                                    "đến nay kinh phí được phân bổ 8 tỷ đồng, chiếm 40%.")
    assert (allocated["measure"], pct["measure"], pct["value"]) == ("budget_allocated", "allocated_pct", 40.0)


def test_spent_then_chiem_stays_the_execution_rate() -> None:
    spent, pct = facts_of("Năm 2023, kinh phí khuyến công địa phương đã giải ngân 6 tỷ đồng, chiếm 30%.")
    assert (spent["measure"], pct["measure"]) == ("budget_spent", "execution_pct")


def test_each_level_of_recognition_is_its_own_fact() -> None:
    facts = facts_of("Giai đoạn 2015-2020, có 12 cơ sở với 15 sản phẩm được công nhận sản phẩm công nghiệp nông thôn "
                     "tiêu biểu cấp tỉnh, 5 cơ sở có 5 sản phẩm đạt sản phẩm tiêu biểu cấp vùng; "
                     "2 cơ sở có 2 sản phẩm đạt sản phẩm tiêu biểu cấp quốc gia.")
    assert [(f["value"], f["measure"], f["recognition_level"]) for f in facts] == [
        (12, "beneficiaries", "provincial"), (15, "products", "provincial"),
        (5, "beneficiaries", "regional"), (5, "products", "regional"),
        (2, "beneficiaries", "national"), (2, "products", "national")]


def test_the_same_count_at_two_levels_is_not_a_repeated_statement() -> None:
    facts = facts_of("Năm 2020, 4 sản phẩm đạt sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh.\n\n"
                     "Năm 2020, 4 sản phẩm đạt sản phẩm công nghiệp nông thôn tiêu biểu cấp quốc gia.")
    assert [f["recognition_level"] for f in facts] == ["provincial", "national"]


def test_a_regional_fair_gives_no_recognition_level() -> None:
    f = one("Năm 2016 tổ chức hội chợ triển lãm hàng công nghiệp nông thôn tiêu biểu cấp khu vực, hỗ trợ 163 cơ sở tham gia.")
    assert (f["activity"], f["recognition_level"]) == ("trade_promotion", "")


def test_every_reason_emitted_is_in_the_vocabulary() -> None:
    texts = [r.text for r in (make_long_report(30_000),)] + [
        "Tỉnh hoàn thành 100% kế hoạch khuyến công\n\nToàn tỉnh có 2.605 cơ sở; 382 sản phẩm tham gia bình chọn, "
        "ngày 7/10/2024 lúc 10:30, lần thứ 14, Covid-19, 10/10 huyện, 5 USD, 12 abc, cho ngừng thực hiện 02 đề án.\n\n"
        "Nội dung kết thúc ở đây./.\n\n694 Go top"]
    reasons = {m["reason"] for t in texts for m in extract_document("t", t, "quang-nam", default_gazetteer(), 2023).mentions}
    assert reasons <= set(MENTION_REASONS) and len(reasons) >= 8


# --- evidence and confidence -------------------------------------------------------------------

def test_evidence_says_where_each_attribute_came_from() -> None:
    f = one("Năm 2023, kinh phí khuyến công quốc gia đã thực hiện là 3,2 tỷ đồng.")
    evidence = dict(part.split("=", 1) for part in f["evidence"].split("; "))
    assert evidence["measure"] == "clause:measure.money.kinh_phi_thuc_hien"
    assert evidence["program"] == "clause:program.national.khuyen_cong_quoc_gia"
    assert evidence["period"] == "clause:period.expression.nam"
    assert evidence["region"] == "report:inherit.report"
    assert set(evidence) == {"measure", "frame", "program", "activity", "qualifier", "period", "region"}


def test_an_explicit_figure_is_trusted_more_than_one_read_from_defaults() -> None:
    explicit = one("Năm 2023, kinh phí khuyến công quốc gia đã thực hiện là 3,2 tỷ đồng.")
    guessed = one("Theo đó, tổng kinh phí là 3,2 tỷ đồng.")
    assert 0 < guessed["confidence"] < explicit["confidence"] <= 1
    assert "program=default" in guessed["evidence"] and "period=report" in guessed["evidence"]


def test_a_count_of_provinces_beside_one_place_contests_the_region() -> None:
    f = one("Năm 2019, tỉnh Quảng Ngãi hỗ trợ 120 cơ sở đến từ 18 tỉnh, thành phố tham gia hội chợ.")
    assert f["evidence"].split("region=")[1].startswith("contested:region.contested.so_tinh")
    assert f["region_id"] == "quang-ngai"
    # where the province only hosts the fair, it is no place of the figure at all
    hosted = one("Năm 2019, hội chợ tổ chức tại tỉnh Quảng Ngãi hỗ trợ 120 cơ sở đến từ 18 tỉnh, thành phố tham gia.")
    assert hosted["region_id"] == "quang-nam" and "Quảng Ngãi" not in hosted["evidence"]


def test_evidence_is_one_readable_string() -> None:
    assert evidence_text((("frame", Evidence("clause", "a; b=c")), ("region", Evidence("report")))) == (
        "frame=clause:a, b c; region=report")
