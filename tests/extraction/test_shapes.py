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
    from pipelines.extraction.metadata import infer_region
    text = ("Khuyến công tỉnh Quảng Nam năm 2022 hỗ trợ nhiều cơ sở sản xuất\n\n"
            "Năm 2022, tỉnh hỗ trợ Công ty TNHH Gốm Huế 600 triệu đồng. Công ty CP Dệt Huế nhận 400 triệu đồng, "
            "Cơ sở Mộc Huế nhận 200 triệu đồng.")
    assert infer_region(text, default_gazetteer()) == "quang-nam"
