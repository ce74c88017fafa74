"""Finding numbers: what each token is, its unit, and why it is not a figure."""

import pytest

from pipelines.text.periods import find_periods
from pipelines.text.scan import scan_numbers


def scan(text: str) -> dict[str, tuple]:
    return {m.text: (m.value, m.unit, m.count_noun, m.reason) for m in scan_numbers(text, find_periods(text))}


@pytest.mark.parametrize(
    "text, token, value, unit, noun",
    [
        ("kinh phí 76.482 triệu đồng", "76.482", 76_482e6, "VND", ""),
        ("đạt 72,8 tỷ đồng", "72,8", 72.8e9, "VND", ""),
        ("đạt 28,44% kế hoạch", "28,44", 28.44, "percent", ""),
        ("hỗ trợ 05 cơ sở", "05", 5, "count", "beneficiaries"),
        ("triển khai 12 đề án", "12", 12, "count", "projects"),
        ("xây dựng 3 mô hình", "3", 3, "count", "models"),
        ("đạt 3,2   tỷ đồng", "3,2", 3.2e9, "VND", ""),  # up to three spaces before the unit
    ],
)
def test_quantities_and_their_units(text: str, token: str, value: float, unit: str, noun: str) -> None:
    assert scan(text)[token] == (value, unit, noun, "")


@pytest.mark.parametrize(
    "text, token, reason",
    [
        ("Văn bản số 3384/BCT-CTĐP của Bộ", "3384/BCT-CTĐP", "document_number"),
        ("theo Quyết định 1881 của Thủ tướng", "1881", "document_number"),
        ("ngày 18/08/2023 tại Huế", "18/08/2023", "date"),
        ("khai mạc lúc 8:30 sáng", "8", "time"),
        ("Hội nghị lần thứ 14 diễn ra", "14", "ordinal"),
        ("sau dịch Covid-19 các cơ sở", "19", "identifier"),
        ("trong năm 2023 đã có", "2023", "year"),
        ("7 tháng đầu năm 2022 đạt", "7", "period"),
        ("có 15 tỉnh, thành phố tham dự", "15", "not_a_measure"),
        ("với 20 USD mỗi người", "20", "not_a_measure"),
        ("sản phẩm được chấm 42 điểm", "42", "no_unit"),
    ],
)
def test_numbers_that_are_not_figures_say_why(text: str, token: str, reason: str) -> None:
    assert scan(text)[token][3] == reason


def test_a_fraction_gives_two_counts_of_the_noun_after_it() -> None:
    (num, den) = scan_numbers("triển khai 16/18 đề án", [])
    assert (num.text, num.fraction, num.unit, num.count_noun) == ("16", "numerator", "count", "projects")
    assert (den.text, den.fraction, den.value) == ("18", "denominator", 18)


def test_a_year_glued_to_the_next_sentence_is_split() -> None:
    text = "trong năm 2020.110 sản phẩm được công nhận"
    found = scan(text)
    assert found["2020"][3] == "year" and found["110"][:3] == (110, "count", "products")


def test_offsets_point_at_the_digits_and_the_unit() -> None:
    text = "đã giải ngân 4.250 triệu đồng."
    (m,) = scan_numbers(text, [])
    assert text[m.start:m.end] == "4.250" and text[m.end:m.unit_end] == " triệu đồng"
