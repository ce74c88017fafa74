"""Shapes of district news, recognitions, acceptances and summaries, in sentences written for these tests."""

import pytest

from pipelines.extraction.extract import extract_document
from pipelines.text.gazetteer import default_gazetteer


def facts_of(text: str, region: str = "nam-dinh", year: int = 2023, published: str = "2023-12-20") -> list[dict]:
    return extract_document("t", text, region, default_gazetteer(), year, published).facts


def reasons_of(text: str) -> dict[str, str]:
    mentions = extract_document("t", text, "nam-dinh", default_gazetteer(), 2023, "2023-12-20").mentions
    return {m["text"]: m["reason"] for m in mentions}


@pytest.mark.parametrize("text, counts, level", [
    ("Bộ Công Thương vừa công nhận 150 sản phẩm công nghiệp nông thôn tiêu biểu cấp quốc gia, gồm 90 sản phẩm nhóm "
     "chế biến nông sản, 30 sản phẩm nhóm máy móc và 30 sản phẩm nhóm thủ công mỹ nghệ.", [150, 90, 30, 30], "national"),
    ("Theo quyết định, UBND tỉnh công nhận 37 sản phẩm CNNT tiêu biểu cấp tỉnh năm 2023. Cụ thể, có 12 sản phẩm thủ "
     "công mỹ nghệ; 20 sản phẩm chế biến thực phẩm; 5 sản phẩm thiết bị, máy móc.", [37, 12, 20, 5], "provincial"),
    ("Năm 2023, kết quả bình chọn có 64 sản phẩm đạt sản phẩm công nghiệp nông thôn tiêu biểu cấp khu vực.", [64],
     "regional"),
])
def test_recognised_products_are_results_of_typical_products_with_their_level(text: str, counts: list[int],
                                                                              level: str) -> None:
    facts = facts_of(text, published="2023-07-15")  # the year still running: a recognition is done all the same
    assert [int(f["value"]) for f in facts] == counts
    assert {(f["measure"], f["qualifier"], f["activity"], f["recognition_level"]) for f in facts} == {
        ("products", "", "typical_products", level)}


def test_a_recognition_to_come_is_a_target() -> None:
    (fact,) = facts_of("Năm 2024, Hội đồng dự kiến công nhận 30 sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh.",
                       year=2024, published="2024-03-01")
    assert fact["qualifier"] == "target"


@pytest.mark.parametrize("text", [
    "Năm 2023, tỉnh hỗ trợ xây dựng và đăng ký nhãn hiệu sản phẩm công nghiệp nông thôn cho 12 cơ sở.",
    "Năm 2023, Trung tâm hỗ trợ 7 doanh nghiệp đăng ký bảo hộ thương hiệu.",
    "Năm 2023, tỉnh hỗ trợ 4 cơ sở được cấp chứng nhận ISO 9001.",
])
def test_trademark_and_certificate_support_is_consulting_not_a_recognised_product(text: str) -> None:
    (fact,) = facts_of(text)
    assert (fact["measure"], fact["activity"], fact["recognition_level"]) == ("beneficiaries", "consulting", "")


@pytest.mark.parametrize("text, number", [
    ("Năm 2024, Sở sẽ tiếp tục đôn đốc các đơn vị hoàn thành 2 đề án còn lại.", "2"),
    ("Đến nay đã nghiệm thu 8 đề án, còn lại 3 đề án đang triển khai.", "3"),
    ("Trong quý IV, Trung tâm tiếp tục đôn đốc hoàn thành 5 đề án.", "5"),
])
def test_what_remains_to_be_done_is_never_a_result(text: str, number: str) -> None:
    fact = next(f for f in facts_of(text, year=2024, published="2024-10-01") if f["number_text"] == number)
    assert fact["qualifier"] == "target"


@pytest.mark.parametrize("text, reason", [
    ("Năm 2023, cơ sở sản xuất 15 triệu lít nước mắm mỗi năm.", "15"),
    ("Năm 2023, nhà máy chế biến 20 nghìn tấn cà phê.", "20"),
    ("Năm 2023, cứ 1 đồng vốn nhà nước thu hút 4 đồng vốn xã hội.", "4"),
    ("Năm 2023, doanh nghiệp được hỗ trợ máy móc, doanh thu hơn 600 tỷ đồng.", "600"),
])
def test_amounts_that_are_not_programme_money_are_no_figures(text: str, reason: str) -> None:
    assert not facts_of(text)
    assert reasons_of(text)[reason] != ""


@pytest.mark.parametrize("text, value", [
    ("Năm 2023, các cấp huy động khoảng 1 tỷ 371 triệu đồng để tổ chức các lớp đào tạo nghề.", 1_371_000_000),
    ("Năm 2023, tỉnh đã hỗ trợ 2 tỷ 50 triệu đồng cho các cơ sở.", 2_050_000_000),
])
def test_a_compound_amount_is_one_figure(text: str, value: float) -> None:
    (fact,) = facts_of(text)
    assert fact["value"] == value


@pytest.mark.parametrize("text, start, end", [
    ("Qua hơn 2 tháng phát động, có 11 cơ sở đăng ký tham gia đề án khuyến công.", "2023-01", "2023-12"),
    ("Sau 3 tháng triển khai, Trung tâm đã hỗ trợ 9 cơ sở ứng dụng máy móc.", "2023-01", "2023-12"),
    ("Từ năm 2021, tỉnh triển khai đề án thí điểm giai đoạn 2022 – 2024 với tổng kinh phí 9,8 tỷ đồng.",
     "2022-01", "2024-12"),
    ("Đề án được thực hiện từ tháng 8/2021 đến nay với tổng kinh phí là 77 triệu đồng.", "2021-08", "2023-12"),
    ("Từ năm 2017 đến nay đã có 64 dự án được hỗ trợ.", "2017-01", "2023-12"),
])
def test_a_duration_is_no_period_and_the_figures_own_span_wins(text: str, start: str, end: str) -> None:
    (fact,) = facts_of(text)
    assert (fact["period_start"], fact["period_end"]) == (start, end)


@pytest.mark.parametrize("text", [
    "UBND huyện phân bổ kinh phí khuyến công cấp huyện năm 2023 cho 11 cơ sở.",
    "Năm 2023, ngân sách huyện hỗ trợ 250 triệu đồng cho các cơ sở.",
])
def test_a_districts_khuyen_cong_is_local_money(text: str) -> None:
    (fact,) = facts_of(text)
    assert fact["program"] == "local"


def test_supported_projects_count_from_when_they_started() -> None:
    (fact,) = facts_of("Từ năm 2017 đến nay đã có 64 dự án được hỗ trợ.")
    assert (fact["measure"], fact["value"]) == ("projects_implemented", 64)


@pytest.mark.parametrize("text", [
    # a headline and a caption repeated with the words run together ("năm 2020.110 sản phẩm")
    "Tỉnh Hà Nam có 110 sản phẩm được công nhận năm 2020\nTỉnh Hà Nam có 110 sản phẩm được công nhận năm 2020.110 "
    "sản phẩm công nghiệp nông thôn tiêu biểu được công nhận\nNăm 2020, tỉnh Hà Nam có 110 sản phẩm công nghiệp nông "
    "thôn tiêu biểu được công nhận cấp tỉnh.\nẢnh: 110 sản phẩm công nghiệp nông thôn tiêu biểu được công nhận cấp "
    "tỉnh năm 2020",
    # a photo caption after the sentence it illustrates
    "Năm 2021, tỉnh Hà Nam đã hỗ trợ 26 cơ sở ứng dụng máy móc thiết bị tiên tiến.\nCác cơ sở được hỗ trợ ứng dụng "
    "máy móc thiết bị tiên tiến năm 2021: 26 cơ sở",
])
def test_a_caption_saying_a_sentence_again_is_one_figure(text: str) -> None:
    facts = facts_of(text, region="ha-nam", year=2021, published="2021-12-30")
    assert len(facts) == 1 and facts[0]["sentence"].endswith(".")


def test_the_pool_a_recognised_share_was_drawn_from_is_no_recognised_count() -> None:
    text = ("Năm 2023, Hội đồng công nhận 102 sản phẩm. Chia theo nhóm sản phẩm: có 19/34 sản phẩm thủ công mỹ nghệ, "
            "42/73 sản phẩm chế biến nông sản.")
    assert [int(f["value"]) for f in facts_of(text)] == [102, 19, 42]
    assert reasons_of(text)["34"] == reasons_of(text)["73"] == "products_entered"


def test_the_whole_countrys_recognitions_in_a_provinces_article_are_the_countrys() -> None:
    text = ("Bộ Công Thương công nhận 173 sản phẩm công nghiệp nông thôn tiêu biểu cấp quốc gia của các địa phương "
            "trong cả nước. Trong đó, tỉnh Hà Nam được công nhận 5 sản phẩm.")
    assert [f["region_id"] for f in facts_of(text, region="ha-nam")] == ["ca-nuoc", "ha-nam"]
