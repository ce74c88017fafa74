"""Sentence shapes of unseen reports: elided count nouns, programmes named together,
totals after a breakdown, recipients named after places, project nouns, activity scope.
The sentences are written for the purpose, not taken from any report."""

from pipelines.extraction.extract import extract_document
from pipelines.text.gazetteer import default_gazetteer


def facts_of(text: str, region: str = "quang-nam", year: int = 2023) -> list[dict]:
    return extract_document("t", text, region, default_gazetteer(), year).facts


def rows(text: str, *keys: str, region: str = "quang-nam") -> list[tuple]:
    return [tuple(f[k] for k in ("number_text",) + keys) for f in facts_of(text, region)]


def test_a_bare_number_after_a_count_takes_its_noun() -> None:
    text = "Năm 2022 triển khai 12 đề án (04 đề án KCQG và 08 khuyến công địa phương)."
    assert rows(text, "measure", "program") == [
        ("12", "projects_implemented", "all"), ("04", "projects_implemented", "national"),
        ("08", "projects_implemented", "local")]


def test_a_bare_number_after_a_count_and_an_activity() -> None:
    text = "Năm 2022, hỗ trợ 7 cơ sở ứng dụng máy móc, 3 đào tạo nghề."
    assert rows(text, "measure", "activity") == [("7", "beneficiaries", "technology"),
                                                  ("3", "beneficiaries", "training")]


def test_a_bare_number_followed_by_other_words_stays_no_figure() -> None:
    assert [f["number_text"] for f in facts_of("Năm 2022, hỗ trợ 7 cơ sở và 3 trong số đó đã hoàn thành.")] == ["7"]


def test_the_phrase_after_a_number_ends_at_the_next_number() -> None:
    f, = facts_of("Năm 2022 hỗ trợ 5 đề án và 12 huyện thực hiện khuyến công địa phương.")
    assert f["program"] == "all"


def test_both_programmes_named_together_are_all() -> None:
    assert rows("Năm 2022, kinh phí khuyến công quốc gia và địa phương là 7 tỷ đồng.", "program") == [("7", "all")]
    assert rows("Năm 2022, nguồn vốn khuyến công địa phương và quốc gia hỗ trợ 4 tỷ đồng.", "program") == [("4", "all")]


def test_money_listed_by_programme_then_a_total() -> None:
    text = "Năm 2022, kinh phí khuyến công quốc gia 1,5 tỷ đồng, khuyến công địa phương 2,5 tỷ đồng; tổng kinh phí 4 tỷ đồng."
    assert rows(text, "measure", "program") == [
        ("1,5", "budget_plan", "national"), ("2,5", "budget_plan", "local"), ("4", "budget_plan", "all")]


def test_a_place_inside_a_recipients_name_is_no_place() -> None:
    for text in ("Năm 2022, tỉnh hỗ trợ Công ty TNHH Gốm Huế 600 triệu đồng để đầu tư máy móc.",
                 "Năm 2022, hỗ trợ Hợp tác xã Mây tre Quảng Ngãi 300 triệu đồng.",
                 "Năm 2022, hỗ trợ ông Trần Văn Huế 150 triệu đồng."):
        assert rows(text, "region_id") == [(facts_of(text)[0]["number_text"], "quang-nam")], text


def test_a_place_after_a_recipient_is_a_place() -> None:
    assert rows("Năm 2022, hỗ trợ cơ sở ở tỉnh Quảng Ngãi 300 triệu đồng.", "region_id") == [("300", "quang-ngai")]
    assert rows("Năm 2022, hỗ trợ các doanh nghiệp Quảng Ngãi 300 triệu đồng.", "region_id") == [("300", "quang-ngai")]


def test_a_recipients_name_does_not_move_the_report() -> None:
    from pipelines.intake.metadata import infer_region
    text = ("Khuyến công tỉnh Quảng Nam năm 2022 hỗ trợ nhiều cơ sở sản xuất\n\n"
            "Năm 2022, tỉnh hỗ trợ Công ty TNHH Gốm Huế 600 triệu đồng. Công ty CP Dệt Huế nhận 400 triệu đồng, "
            "Cơ sở Mộc Huế nhận 200 triệu đồng.")
    assert infer_region(text, default_gazetteer()) == "quang-nam"


def test_project_nouns_of_the_programme() -> None:
    text = "Năm 2022, tỉnh thực hiện 5 chương trình khuyến công, hỗ trợ 2 dự án ứng dụng máy móc."
    assert rows(text, "measure", "activity") == [("5", "projects_implemented", "all"),
                                                  ("2", "projects_implemented", "technology")]


def test_a_project_noun_outside_the_programme_is_no_figure() -> None:
    assert facts_of("Năm 2022, tỉnh thu hút 12 dự án vào các khu đô thị.") == []


def test_a_totals_activity_is_not_taken_from_its_parts() -> None:
    text = "Năm 2024, dự kiến tổng kinh phí 6 tỷ đồng, trong đó hỗ trợ ứng dụng máy móc 4 tỷ đồng, đào tạo nghề 2 tỷ đồng."
    assert rows(text, "activity") == [("6", "all"), ("4", "technology"), ("2", "training")]


def test_a_range_takes_the_activity_after_it() -> None:
    text = "Năm 2023, tỉnh hỗ trợ từ 20 - 25 cơ sở ứng dụng máy móc thiết bị, hỗ trợ 3 cơ sở đào tạo nghề."
    assert rows(text, "activity") == [("20", "technology"), ("25", "technology"), ("3", "training")]


def test_activity_carries_across_a_semicolon_to_an_item_naming_none() -> None:
    assert rows("Năm 2022, hỗ trợ 3 đề án ứng dụng máy móc thiết bị; kinh phí 900 triệu đồng.", "activity") == [
        ("3", "technology"), ("900", "technology")]
    assert rows("Năm 2022, hỗ trợ 3 đề án ứng dụng máy móc thiết bị; tổng kinh phí 2 tỷ đồng.", "activity") == [
        ("3", "technology"), ("2", "all")]


def test_the_centres_own_name_names_no_activity() -> None:
    for centre in ("Trung tâm Khuyến công và Tư vấn phát triển công nghiệp",
                   "Trung tâm Khuyến công - Tư vấn phát triển công nghiệp"):
        text = f"Năm 2022, {centre} tỉnh đã hỗ trợ 9 cơ sở với kinh phí 2 tỷ đồng."
        assert rows(text, "activity") == [("9", "all"), ("2", "all")], centre


def test_bracketed_money_after_each_counted_item() -> None:
    text = ("Năm 2022, hỗ trợ 5 đề án ứng dụng máy móc thiết bị (1,5 tỷ đồng) và 3 đề án xây dựng "
            "mô hình trình diễn (700 triệu đồng).")
    assert rows(text, "measure", "activity") == [
        ("5", "projects_implemented", "technology"), ("1,5", "budget_spent", "technology"),
        ("3", "projects_implemented", "technology"), ("700", "budget_spent", "technology")]


def test_words_after_an_attached_figure_are_said_of_both() -> None:
    text = "Năm 2022, kinh phí hỗ trợ cho 3 cơ sở sản xuất là 250 triệu đồng để đầu tư ứng dụng máy móc thiết bị."
    assert rows(text, "activity") == [("3", "technology"), ("250", "technology")]


def test_a_count_before_a_colon_list_is_all() -> None:
    text = ("Năm 2022, gồm 02 đề án với tổng kinh phí 300 triệu đồng: Hỗ trợ ứng dụng máy móc thiết bị (01 đề án); "
            "Đào tạo nghề (01 đề án).")
    assert rows(text, "activity")[:2] == [("02", "all"), ("300", "all")]


def test_counterpart_money_named_for_one_figure_is_not_the_next_ones() -> None:
    facts = extract_document("t", "Năm 2022, tổng kinh phí 6,8 tỷ đồng, trong đó kinh phí đối ứng của các doanh nghiệp là "
                             "3,9 tỷ đồng và kinh phí nhà nước hỗ trợ 2,9 tỷ đồng.", "quang-nam",
                             default_gazetteer(), 2022).facts
    assert [(f["number_text"], f["program"]) for f in facts] == [("6,8", "all"), ("3,9", "counterpart"),
                                                                 ("2,9", "all")]


def test_the_rest_is_not_the_phrase_of_the_figure_before() -> None:
    facts = extract_document("t", "Năm 2024, tổng kinh phí là 4,5 tỷ đồng. Trong đó, ngân sách nhà nước hỗ trợ 1,8 tỷ "
                             "đồng, còn lại là vốn đối ứng 2,7 tỷ đồng.", "quang-nam", default_gazetteer(), 2024).facts
    assert [(f["number_text"], f["program"]) for f in facts] == [("4,5", "all"), ("1,8", "all"),
                                                                 ("2,7", "counterpart")]


def test_an_aside_in_brackets_does_not_end_the_phrase_and_a_purchase_of_machines_is_technology() -> None:
    facts = extract_document("t", "Năm 2022, Trung tâm đã hỗ trợ 350 triệu đồng cho Hợp tác xã (HTX) Mây tre Phú Lộc (xã "
                             "Tân Hòa) mua sắm máy móc (tổng giá trị 700 triệu đồng).", "quang-nam",
                             default_gazetteer(), 2022).facts
    assert [(f["number_text"], f["activity"], f["program"]) for f in facts] == [
        ("350", "technology", "all"), ("700", "technology", "all")]


def test_the_whole_value_of_an_investment_is_of_every_source() -> None:
    facts = extract_document("t", "Từ nguồn khuyến công quốc gia năm 2022, Trung tâm đã hỗ trợ 280 triệu đồng cho cơ sở "
                             "mua máy (tổng giá trị 560 triệu đồng).", "quang-nam", default_gazetteer(), 2022).facts
    assert [(f["number_text"], f["program"]) for f in facts] == [("280", "national"), ("560", "all")]


def test_buying_machines_is_technology() -> None:
    facts = extract_document("t", "Năm 2022, HTX được hỗ trợ mua sắm 3 máy sấy với kinh phí 420 triệu đồng.", "quang-nam",
                             default_gazetteer(), 2022).facts
    assert [(f["number_text"], f["activity"]) for f in facts] == [("420", "technology")]


def test_training_for_businesses_and_for_those_who_run_the_programme() -> None:
    text = ("Năm 2019, tỉnh phê duyệt các đề án sau:\n\n- Đề án tổ chức các khóa đào tạo nâng cao năng lực quản lý "
            "cho các cơ sở, kinh phí thực hiện là 76 triệu đồng;\n\n- Đề án tập huấn và tư vấn công tác khuyến công "
            "tại các huyện, kinh phí thực hiện là 35 triệu đồng.")
    facts = extract_document("t", text, "quang-nam", default_gazetteer(), 2019).facts
    assert [(f["number_text"], f["measure"], f["activity"]) for f in facts] == [
        ("76", "budget_plan", "training"), ("35", "budget_plan", "capacity")]


def test_a_plan_submitted_to_date_is_still_the_years() -> None:
    facts = extract_document("t", "Năm 2021, hiện nay Trung tâm đã trình thẩm định thêm 02 đề án khuyến công địa "
                             "phương được phê duyệt với kinh phí 120 triệu đồng.", "quang-nam", default_gazetteer(),
                             2021, "2021-04-02").facts
    assert [(f["number_text"], f["measure"], f["period_end"]) for f in facts] == [
        ("02", "projects_planned", "2021-12"), ("120", "budget_plan", "2021-12")]


def test_a_programme_naming_a_project_in_an_earlier_item_is_that_projects() -> None:
    facts = extract_document("t", "Năm 2019, Trung tâm đã thực hiện Đề án khuyến công quốc gia “Hỗ trợ ứng dụng máy móc "
                             "trong sản xuất gốm”; hỗ trợ 5 cơ sở tham gia hội chợ.", "quang-nam",
                             default_gazetteer(), 2019).facts
    assert [(f["number_text"], f["program"]) for f in facts] == [("5", "all")]
    facts = extract_document("t", "Năm 2024, kinh phí khuyến công quốc gia giao theo kế hoạch 28 tỷ đồng; đến nay, kinh "
                             "phí phân bổ là 11 tỷ đồng.", "quang-nam", default_gazetteer(), 2024).facts
    assert [(f["number_text"], f["program"]) for f in facts] == [("28", "national"), ("11", "national")]


def test_a_lead_repeated_with_words_run_together_is_one_statement() -> None:
    text = ("Theo Trung tâm Khuyến công & Tư vấn phát triển công nghiệp, toàn tỉnh đang triển khai 11 đề án khuyến "
            "công với tổng kinh phí hỗ trợ là 1,5 tỷ đồng...\n\nTheo Trung tâm Khuyến công & Tư vấn phát triển công "
            "nghiệp, toàn tỉnhđang triển khai 11 đề án khuyến công với tổng kinh phí hỗ trợ là 1,5 tỷ đồng. Trong đó "
            "có 4 đề án từ nguồn khuyến công quốc gia.")
    result = extract_document("t", text, "quang-nam", default_gazetteer(), 2012, "2012-06-10")
    assert [(f["number_text"], f["measure"], f["activity"]) for f in result.facts] == [
        ("11", "projects_implemented", "all"), ("1,5", "budget_plan", "all"), ("4", "projects_implemented", "all")]
    assert sum(m["reason"] == "repeated_statement" for m in result.mentions) == 2


def programs_of(text: str, year: int = 2023) -> list[tuple]:
    return [(f["number_text"], f["program"])
            for f in extract_document("t", text, "quang-nam", default_gazetteer(), year).facts]


def test_programmes_abbreviated_kc() -> None:
    assert programs_of("Năm 2023, Trung tâm đã thực hiện 4 đề án KC quốc gia với tổng kinh phí 3,1 tỷ đồng; hỗ trợ 12 "
                       "cơ sở đăng ký vốn KC địa phương.") == [("4", "national"), ("3,1", "national"), ("12", "local")]


def test_a_second_source_after_va_is_another_item() -> None:
    assert programs_of("Năm 2021, nguồn vốn ngân sách cho khuyến công địa phương là 6 tỷ đồng và nguồn vốn đối ứng "
                       "của các cơ sở.") == [("6", "local")]


def test_investment_drawn_in_is_the_businesses_money() -> None:
    assert programs_of("Giai đoạn 2016-2020, khuyến công đã thu hút các nguồn vốn đầu tư cho sản xuất được trên 175 tỷ "
                       "đồng.") == [("175", "counterpart")]


def test_a_total_whose_parts_are_of_several_programmes_is_all() -> None:
    assert programs_of("Tổng kinh phí khuyến công địa phương giai đoạn 2016-2020 là 30 tỷ đồng. Trong đó: kinh phí "
                       "khuyến công quốc gia hỗ trợ 12 tỷ đồng, kinh phí khuyến công địa phương hỗ trợ 18 tỷ đồng.") == [
        ("30", "all"), ("12", "national"), ("18", "local")]
    assert programs_of("Năm 2023 có 14 đề án khuyến công địa phương với tổng kinh phí 10 tỷ đồng, trong đó ngân sách tỉnh "
                       "6,4 tỷ đồng và vốn đối ứng của doanh nghiệp 3,6 tỷ đồng.") == [
        ("14", "local"), ("10", "all"), ("6,4", "local"), ("3,6", "counterpart")]


def test_starting_a_business_is_training_and_selling_online_is_trade_promotion() -> None:
    facts = extract_document("t", "Năm 2010, hỗ trợ khởi sự doanh nghiệp được 6 lớp, kinh phí 70 triệu đồng; hỗ trợ 3 cơ "
                             "sở đăng ký xây dựng website bán hàng.", "quang-nam", default_gazetteer(), 2010).facts
    assert [(f["number_text"], f["activity"]) for f in facts] == [("70", "training"), ("3", "trade_promotion")]


def test_a_share_of_a_part_of_spending_is_a_share() -> None:
    facts = extract_document("t", "Giai đoạn 2018-2022, tỉnh thực hiện 38 đề án với tổng kinh phí thực hiện là 40.000 "
                             "triệu đồng, trong đó ngân sách nhà nước hỗ trợ là 8.000 triệu đồng, chiếm 20%, kinh "
                             "phí thu hút đầu tư từ các cơ sở là 32.000 triệu đồng, chiếm 80%.", "quang-nam",
                             default_gazetteer(), 2022, "2022-12-20").facts
    assert [(f["number_text"], f["measure"]) for f in facts if f["unit"] == "percent"] == [
        ("20", "share_pct"), ("80", "share_pct")]


def measures_of(text: str, year: int = 2020, published: str = "") -> list[tuple]:
    return [(f["number_text"], f["measure"])
            for f in extract_document("t", text, "quang-nam", default_gazetteer(), year, published).facts]


def test_applications_received_and_amounts_requested_are_planned() -> None:
    assert measures_of("Năm 2020, đến nay đã tiếp nhận 05 đề án khuyến công địa phương, với tổng kinh phí đề nghị hỗ trợ "
                       "là 760 triệu đồng.", published="2020-07-01") == [("05", "projects_planned"),
                                                                          ("760", "budget_plan")]


def test_projects_carried_out_successfully_are_completed_and_tasks_and_projects_are_projects() -> None:
    assert measures_of("Năm 2015, Trung tâm đã thực hiện thành công 2 đề án; thực hiện 9 nhiệm vụ, đề án từ nguồn "
                       "khuyến công địa phương.", year=2015, published="2016-01-10") == [
        ("2", "projects_completed"), ("9", "projects_implemented")]


def test_assigned_projects_that_continue_are_planned() -> None:
    assert measures_of("Năm 2020, Trung tâm tiếp tục được giao triển khai 3 đề án khuyến công quốc gia với tổng kinh phí "
                       "hỗ trợ là 1.100 triệu đồng.", published="2020-12-20") == [("3", "projects_planned"),
                                                                                 ("1.100", "budget_plan")]


def test_agencies_and_combined_plans_name_no_activity() -> None:
    facts = extract_document("t", "Năm 2024, UBND tỉnh đã phê duyệt Kế hoạch Khuyến công địa phương và Xúc tiến thương mại "
                             "năm 2024 với tổng kinh phí 9 tỷ đồng; Trung tâm Xúc tiến, Đầu tư, Thương mại và Du lịch "
                             "tỉnh được giao 540 triệu đồng.", "quang-nam", default_gazetteer(), 2024).facts
    assert [(f["number_text"], f["activity"]) for f in facts] == [("9", "all"), ("540", "all")]


def test_investment_drawn_from_the_businesses_is_theirs() -> None:
    assert programs_of("Giai đoạn 2018-2022, kinh phí thu hút đầu tư từ các cơ sở là 36.500 triệu đồng.") == [
        ("36.500", "counterpart")]


def test_the_businesses_money_is_named_for_its_own_figure_only() -> None:
    assert programs_of("Năm 2019, Trung tâm đã thực hiện 24 đề án, với tổng kinh phí thực hiện là 3.600 triệu đồng, thu "
                       "hút được 11.200 triệu vốn đối ứng của các cơ sở.\n\nNăm 2020, Trung tâm hỗ trợ 12 cơ sở ứng dụng "
                       "máy móc.") == [("24", "all"), ("3.600", "all"), ("11.200", "counterpart"), ("12", "all")]
    assert programs_of("Năm 2023, tổng kinh phí thực hiện 6,2 tỷ đồng, trong đó, chương trình khuyến công hỗ trợ 800 "
                       "triệu đồng, vốn đóng góp của doanh nghiệp là 5,4 tỷ đồng.") == [
        ("6,2", "all"), ("800", "all"), ("5,4", "counterpart")]


def test_a_share_of_a_part_of_spending_stated_in_the_next_sentence_is_a_share() -> None:
    facts = extract_document("t", "Năm 2018, kinh phí khuyến công thực hiện hơn 140 tỷ đồng. Trong đó, KCQG thực hiện "
                             "60 tỷ đồng, đạt 98,5% kế hoạch, chiếm 43%.", "quang-nam", default_gazetteer(),
                             2018).facts
    assert [(f["number_text"], f["measure"]) for f in facts if f["unit"] == "percent"] == [
        ("98,5", "execution_pct"), ("43", "share_pct")]


def test_the_budget_of_work_under_way_is_planned() -> None:
    assert measures_of("Năm 2023, Trung tâm đang thực hiện với 3 đề án, với tổng kinh phí hỗ trợ là 410 triệu đồng.",
                       year=2023, published="2023-08-01") == [("3", "projects_implemented"), ("410", "budget_plan")]


def test_tasks_with_a_budget_done_within_an_assigned_total() -> None:
    assert measures_of("Năm 2024, kinh phí được giao là 2.400 triệu đồng, trong đó đã thực hiện 05 nhiệm vụ với kinh "
                       "phí 2.100 triệu đồng; 1 nhiệm vụ chi quản lý chương trình.", year=2024,
                       published="2024-11-20") == [("2.400", "budget_plan"), ("05", "projects_implemented"),
                                                   ("2.100", "budget_spent")]


def test_a_share_stated_as_equivalent_to() -> None:
    facts = extract_document("t", "Năm 2017, bình quân mỗi đề án được hỗ trợ 210 triệu đồng tương đương với khoảng "
                             "35% tổng vốn đầu tư.", "quang-nam", default_gazetteer(), 2016).facts
    assert ("35", "share_pct") in [(f["number_text"], f["measure"]) for f in facts]
