"""Plan, allocation or result (issue: the commonest error on unseen articles).

Sentences written for these tests in the shapes seen on published articles; none is
taken from an article."""

from pipelines.extraction.extract import extract_document
from pipelines.text.gazetteer import default_gazetteer


def columns_of(text: str, *columns: str, year: int, published: str = "") -> list[tuple]:
    """The ``columns`` of each fact of ``text``, read as a report of Quảng Nam of ``year``."""
    facts = extract_document("t", text, "quang-nam", default_gazetteer(), year, published).facts
    return [tuple(f[c] for c in columns) for f in facts]


def facts_of(text: str, published: str = "", year: int = 2024) -> list[tuple]:
    return columns_of(text, "number_text", "measure", "qualifier", year=year, published=published)


def test_theo_ke_hoach_then_ho_tro_is_still_a_plan() -> None:
    assert facts_of("Theo kế hoạch năm 2024, Sở Công Thương hỗ trợ 12 cơ sở đổi mới máy móc thiết bị "
                    "với kinh phí 2,5 tỷ đồng.") == [("12", "beneficiaries", "target"), ("2,5", "budget_plan", "")]


def test_a_period_plan_then_thuc_hien_is_still_a_plan() -> None:
    assert facts_of("Theo kế hoạch giai đoạn 2021-2025, tỉnh thực hiện 30 đề án với kinh phí 20 tỷ đồng.") == [
        ("30", "projects_planned", ""), ("20", "budget_plan", "")]


def test_a_programme_stated_at_its_start_is_planned() -> None:
    assert facts_of("Chương trình khuyến công giai đoạn 2021-2025 của tỉnh hỗ trợ 50 cơ sở ứng dụng máy móc "
                    "thiết bị với tổng kinh phí 18 tỷ đồng.", published="2021-03-10") == [
        ("50", "beneficiaries", "target"), ("18", "budget_plan", "")]


def test_dau_tu_is_the_funding_verb_a_plan_or_a_result_by_its_frame() -> None:
    assert facts_of("Năm 2023, tỉnh được giao 5 tỷ đồng, đã đầu tư 4 tỷ đồng cho các đề án.") == [
        ("5", "budget_plan", ""), ("4", "budget_spent", "")]


def test_spent_within_a_total_given_and_the_total() -> None:
    assert facts_of("Năm 2023, kinh phí khuyến công quốc gia đã giải ngân 1,2 tỷ đồng trong tổng số 3 tỷ đồng "
                    "được giao.") == [("1,2", "budget_spent", ""), ("3", "budget_plan", "")]
    assert facts_of("Năm 2023, đã hỗ trợ 2,1 tỷ đồng trên tổng kinh phí 5 tỷ đồng của chương trình.") == [
        ("2,1", "budget_spent", ""), ("5", "budget_plan", "")]


def test_a_purpose_or_an_earlier_aim_does_not_make_a_budget_a_target() -> None:
    assert facts_of("Để thực hiện mục tiêu trên, năm 2024 tỉnh bố trí 6 tỷ đồng.") == [("6", "budget_plan", "")]
    assert facts_of("Mục tiêu đến năm 2025 hỗ trợ 100 cơ sở. Theo đó, kinh phí khuyến công địa phương "
                    "năm 2024 là 6 tỷ đồng.") == [("100", "beneficiaries", "target"), ("6", "budget_plan", "")]
    assert facts_of("Năm 2024, tỉnh phấn đấu hỗ trợ 20 cơ sở. Cụ thể, ngân sách tỉnh bố trí 6 tỷ đồng "
                    "để thực hiện các đề án.") == [("20", "beneficiaries", "target"), ("6", "budget_plan", "")]


def test_counts_of_fairs_are_not_beneficiaries() -> None:
    assert facts_of("Năm 2023, tỉnh tổ chức 3 hội chợ triển lãm với 120 gian hàng và hỗ trợ 45 cơ sở tham gia.") == [
        ("45", "beneficiaries", "")]


def test_a_ratio_of_projects_completed_gives_one_completed_and_one_planned() -> None:
    assert facts_of("Năm 2023, 2/2 đề án khuyến công quốc gia đã hoàn thành.") == [
        ("2", "projects_completed", ""), ("2", "projects_planned", "")]
    assert facts_of("Năm 2023, tỉnh đã thực hiện 10/12 đề án khuyến công địa phương.") == [
        ("10", "projects_implemented", ""), ("12", "projects_planned", "")]


def test_a_year_inside_a_quoted_title_does_not_set_the_period() -> None:
    facts = extract_document("t", "Năm 2023, tỉnh triển khai đề án “Hỗ trợ phát triển sản phẩm năm 2020” với kinh phí "
                             "500 triệu đồng.", "quang-nam", default_gazetteer(), 2023).facts
    assert [(f["period_start"], f["period_end"]) for f in facts] == [("2023-01", "2023-12")]


def periods_of(text: str, year: int = 2023, published: str = "") -> list[tuple]:
    return columns_of(text, "number_text", "period_start", "period_end", year=year, published=published)


def test_the_approval_date_beats_an_earlier_year_for_the_plan_it_approves() -> None:
    assert periods_of("Năm 2021, sau khi tổng kết kế hoạch, ngày 10/3/2022 UBND tỉnh phê duyệt 12 đề án "
                      "với kinh phí 3 tỷ đồng.", 2022) == [("12", "2022-01", "2022-12"), ("3", "2022-01", "2022-12")]
    assert periods_of("Tiếp nối kết quả năm 2022, tại Quyết định ngày 05/01/2023, UBND tỉnh phê duyệt kế hoạch "
                      "với tổng kinh phí 4,2 tỷ đồng.") == [("4,2", "2023-01", "2023-12")]


def test_the_plans_own_year_beats_the_month_it_was_approved_in() -> None:
    assert periods_of("Năm 2022, tháng 12/2022 UBND tỉnh đã phê duyệt 9 đề án khuyến công năm 2023.") == [
        ("9", "2023-01", "2023-12")]
    assert periods_of("Ngày 15/12/2022, UBND tỉnh phê duyệt kế hoạch khuyến công năm 2023 với 20 đề án.") == [
        ("20", "2023-01", "2023-12")]


def test_a_span_named_without_figures_dates_the_paragraphs_after_it() -> None:
    text = ("Ngày 05/3/2021, UBND tỉnh ban hành Chương trình khuyến công của tỉnh giai đoạn 2021-2025.\n\n"
            "Chương trình tập trung vào hỗ trợ máy móc thiết bị và đào tạo nghề.\n\n"
            "Tổng kinh phí thực hiện Chương trình là 40 tỷ đồng.")
    facts = extract_document("t", text, "quang-nam", default_gazetteer(), 2025, "2021-03-05").facts
    assert [(f["number_text"], f["measure"], f["period_start"], f["period_end"]) for f in facts] == [
        ("40", "budget_plan", "2021-01", "2025-12")]


def test_two_approvers_of_two_programmes_approve_both() -> None:
    facts = extract_document("t", "Năm 2022, tỉnh được Bộ Công Thương và Hội đồng nhân dân tỉnh nhất trí hỗ trợ "
                             "3.200 triệu đồng cho 20 đề án khuyến công.", "quang-nam", default_gazetteer(),
                             2022, "").facts
    assert [(f["number_text"], f["program"]) for f in facts] == [("3.200", "all"), ("20", "all")]


def test_a_total_stated_after_what_was_done_is_spent() -> None:
    assert facts_of("Năm 2023, Trung tâm đã triển khai 12 đề án khuyến công. Tổng kinh phí hỗ trợ là 3 tỷ đồng.",
                    published="2024-01-15") == [("12", "projects_implemented", ""), ("3", "budget_spent", "")]


def test_an_amount_reached_within_an_approval_is_planned() -> None:
    # "đạt" after an amount is "amounting to": it weighs less than the approval of its clause
    assert facts_of("Trong hai năm 2021-2022, toàn tỉnh có 7 đề án được phê duyệt, tổng kinh phí hỗ trợ đạt "
                    "995 triệu đồng.", published="2023-05-02") == [("7", "projects_planned", ""),
                                                                   ("995", "budget_plan", "")]


def test_the_frame_evidence_names_the_deciding_cue_and_what_it_outweighed() -> None:
    facts = extract_document("t", "Kế hoạch năm 2023 được giao 10 đề án; đến nay đã hoàn thành 8 đề án.", "quang-nam",
                             default_gazetteer(), 2023, "2023-11-20").facts
    assert [(f["number_text"], f["measure"]) for f in facts] == [("10", "projects_planned"),
                                                                 ("8", "projects_completed")]
    assert "frame=clause:frame.result.da_lam (over " in facts[1]["evidence"]
    assert "inherit.before" in facts[1]["evidence"].split("frame=")[1].split(";")[0]


def test_a_paragraph_does_not_take_the_frame_of_the_paragraph_before() -> None:
    assert facts_of("Năm 2024, tỉnh sẽ hỗ trợ 10 cơ sở.\n\nNăm 2023, tỉnh hỗ trợ 8 cơ sở ứng dụng máy móc.",
                    published="2024-02-01") == [("10", "beneficiaries", "target"), ("8", "beneficiaries", "")]


def test_ratios_of_projects_in_other_shapes() -> None:
    assert facts_of("Năm 2023 có 10/12 đề án đã được nghiệm thu.") == [
        ("10", "projects_completed", ""), ("12", "projects_planned", "")]
    assert facts_of("Năm 2023, kết quả thực hiện 10/12 đề án, đạt 83%.") == [
        ("10", "projects_implemented", ""), ("12", "projects_planned", ""), ("83", "execution_pct", "")]


def test_a_count_reaching_a_share_of_its_plan_is_an_execution_rate() -> None:
    assert facts_of("Năm 2023, Trung tâm hỗ trợ 45 cơ sở tham gia hội chợ, đạt 90% kế hoạch.",
                    published="2024-01-10") == [("45", "beneficiaries", ""), ("90", "execution_pct", "")]


def test_a_cumulative_period_runs_from_its_year_to_the_report() -> None:
    facts = extract_document("t", "Từ năm 2004 đến nay, tỉnh đã hỗ trợ 300 cơ sở.", "quang-nam", default_gazetteer(),
                             2023, "2023-05-10").facts
    assert [(f["period_start"], f["period_end"]) for f in facts] == [("2004-01", "2023-05")]


def test_the_items_of_a_plan_listed_after_a_colon_are_planned() -> None:
    text = ("Kế hoạch khuyến công năm 2023 gồm các nội dung sau:\n\n- Hỗ trợ 10 cơ sở ứng dụng máy móc thiết bị, "
            "kinh phí 2 tỷ đồng.\n\n- Tổ chức 3 lớp tập huấn, kinh phí 300 triệu đồng.\n\nNăm 2022, tỉnh hỗ trợ 8 cơ sở.")
    assert facts_of(text) == [("10", "beneficiaries", "target"), ("2", "budget_plan", ""),
                              ("300", "budget_plan", ""), ("8", "beneficiaries", "")]


def test_the_items_of_a_list_take_the_programme_its_lead_line_names() -> None:
    text = ("Năm 2023, kinh phí khuyến công quốc gia thực hiện các nội dung sau:\n\n- Hỗ trợ 5 cơ sở ứng dụng máy móc "
            "thiết bị.\n\n- Hỗ trợ 4 cơ sở tham gia hội chợ.\n\nKhuyến công địa phương:\n\n+ Hỗ trợ 3 cơ sở.")
    facts = extract_document("t", text, "quang-nam", default_gazetteer(), 2023, "2024-01-10").facts
    assert [(f["number_text"], f["program"]) for f in facts] == [("5", "national"), ("4", "national"),
                                                                 ("3", "local")]


def test_a_signed_decision_frames_its_amounts_as_planned() -> None:
    assert facts_of("Theo Quyết định do Phó Chủ tịch UBND tỉnh ký ban hành, kinh phí thực hiện đề án khuyến công "
                    "năm 2026 là 4,2 tỷ đồng.") == [("4,2", "budget_plan", "")]


def test_a_connector_paragraph_hands_on_the_approval_frame() -> None:
    assert facts_of("Năm 2022, tỉnh tiếp tục hỗ trợ các cơ sở. Theo đó, UBND tỉnh phê duyệt 8 đề án khuyến công. "
                    "Tổng kinh phí thực hiện là 5 tỷ đồng.") == [("8", "projects_planned", ""),
                                                                 ("5", "budget_plan", "")]


def test_a_later_year_named_after_a_connector_dates_what_follows() -> None:
    assert periods_of("Trong năm 2021, dịch bệnh ảnh hưởng nhiều cơ sở. Từ đó, ngay từ đầu năm 2022 Sở Công Thương "
                      "đã triển khai chương trình khuyến công. Theo đó, UBND tỉnh phê duyệt 8 đề án với kinh phí "
                      "5 tỷ đồng.") == [("8", "2022-01", "2022-12"), ("5", "2022-01", "2022-12")]


def test_unmarked_list_items_after_a_colon_take_its_frame() -> None:
    text = ("Vừa qua, Trung tâm đã nghiệm thu các đề án khuyến công địa phương năm 2021. Các đề án được nghiệm thu "
            "gồm:\n\nNghiệm thu máy sấy tại cơ sở chế biến chè\n\nHỗ trợ máy móc cho cơ sở chế biến chè, kinh phí hỗ "
            "trợ 200 triệu đồng.\n\nHỗ trợ máy móc cho cơ sở làm miến, tổng kinh phí hỗ trợ là 150 triệu đồng."
            "\n\nNăm 2022, tỉnh sẽ hỗ trợ 10 cơ sở.")
    assert columns_of(text, "number_text", "measure", "qualifier", "program", year=2021, published="2021-08-09") == [
        ("200", "budget_spent", "", "local"), ("150", "budget_spent", "", "local"),
        ("10", "beneficiaries", "target", "all")]


def test_a_report_opening_with_an_approved_plan_lists_that_plans_items() -> None:
    text = ("Theo Quyết định do Phó Chủ tịch UBND tỉnh ký ban hành, kinh phí thực hiện đề án khuyến công năm 2026 là "
            "4,4 tỷ đồng.\n\nChương trình năm nay hướng vào việc hỗ trợ 7 đề án ứng dụng máy móc.\n\n"
            "Xưởng chế biến hạt điều được hỗ trợ 250 triệu đồng.")
    assert facts_of(text) == [("4,4", "budget_plan", ""), ("7", "projects_planned", ""), ("250", "budget_plan", "")]
    done = text.replace("kinh phí thực hiện đề án", "đã giải ngân kinh phí cho đề án")
    assert facts_of(done)[1:] == [("7", "projects_implemented", ""), ("250", "budget_spent", "")]


def test_a_span_stated_with_figures_carries_to_the_sentences_after_it() -> None:
    assert periods_of("Theo đó, trong 8 năm qua khuyến công của tỉnh đã triển khai 310 đề án. Đồng thời, chương trình "
                      "cũng đã hỗ trợ 520 cơ sở.", year=2023) == [
        ("310", "2015-01", "2023-12"), ("520", "2015-01", "2023-12")]
    assert periods_of("Năm 2012, công tác khuyến công có nhiều đổi mới. Từ năm 2008 đến 2012 tổng kinh phí hỗ trợ là "
                      "2.450 triệu đồng.\n\nMở 4 lớp khởi sự doanh nghiệp, kinh phí 48 triệu đồng.", year=2012)[1:] \
        == [("48", "2008-01", "2012-12")]


def test_money_set_aside_for_a_purpose_is_planned() -> None:
    assert facts_of("Tỉnh đã bố trí cho công tác khuyến công năm 2021 khoảng 6 tỷ đồng. Trong số này, 4 tỷ đồng dành "
                    "cho các đề án ứng dụng máy móc.", published="2021-03-02")[1:] == [("4", "budget_plan", "")]


def test_a_captions_span_does_not_date_what_follows_and_an_assigned_plans_year_does() -> None:
    text = ("Tỉnh nhận kế hoạch kinh phí khuyến công quốc gia năm 2022\nẢnh: Gốm là sản phẩm chủ lực của đề án "
            "giai đoạn 2021 – 2022 (nguồn: Trung tâm)\n\nNgày 20/12/2021, Bộ trưởng đã ký Quyết định về việc giao "
            "kế hoạch kinh phí khuyến công quốc gia năm 2022.\n\nTheo đó, tỉnh chủ trì 02 đề án khuyến công quốc gia "
            "với kinh phí 2,7 tỷ đồng.")
    assert periods_of(text, 2022, "2022-04-05") == [
        ("02", "2022-01", "2022-12"), ("2,7", "2022-01", "2022-12")]


def test_a_programme_until_a_year_runs_from_the_year_after_the_report_to_it() -> None:
    assert periods_of("Năm 2020, Trung tâm đã thực hiện 3 đề án.\n\nHĐND tỉnh đã thông qua Chương trình khuyến công "
                      "đến năm 2025 với tổng kinh phí chừng 30 tỷ đồng. Theo đó, Chương trình sẽ dành 9,5 tỷ đồng cho "
                      "hạ tầng cụm công nghiệp.", year=2020)[1:] == [
        ("30", "2021-01", "2025-12"), ("9,5", "2021-01", "2025-12")]


def test_what_is_aimed_at_is_no_result() -> None:
    text = ("UBND tỉnh vừa ban hành Kế hoạch khuyến công năm 2020.\n\nTheo đó, mục tiêu cụ thể là nhằm đạt giá trị sản "
            "xuất công nghiệp nông thôn trên 40 ngàn tỷ đồng, tăng 6,2% so với năm 2019. Hỗ trợ các cơ sở tạo việc làm "
            "cho 250 lao động; 120 lượt cơ sở được hỗ trợ nâng cao năng lực.\n\nBên cạnh đó, toàn tỉnh có 5 sản phẩm "
            "được công nhận. Nguồn kinh phí thực hiện công tác khuyến công năm 2020 là 8 tỷ đồng.")
    assert facts_of(text, year=2020)[-1] == ("8", "budget_plan", "")
