"""Period grammar: the examples of SCHEMA.md and the genre's other time phrases."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.text.periods import Period, find_periods, parse_period

CONTEXT = Period.year(2024)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("7 tháng đầu năm 2022", "2022-01", "2022-07"),
        ("9 tháng năm 2024", "2024-01", "2024-09"),
        ("tính đến tháng 9 năm 2024", "2024-01", "2024-09"),
        ("giai đoạn 2012-2022", "2012-01", "2022-12"),
        ("Giai đoạn từ năm 2014 - 2018", "2014-01", "2018-12"),
        ("giai đoạn 2019 – 2021", "2019-01", "2021-12"),
        ("năm 2021", "2021-01", "2021-12"),
        ("tháng 3", "2024-03", "2024-03"),
        ("tháng 3.2023", "2023-03", "2023-03"),
        ("6 tháng đầu năm", "2024-01", "2024-06"),
        ("6 tháng cuối năm 2023", "2023-07", "2023-12"),
        ("chỉ số IIP 3 tháng tăng", "2024-01", "2024-03"),
        ("quý II/2024", "2024-04", "2024-06"),
        ("trong các năm 2017, 2019 và 2021", "2017-01", "2021-12"),
        ("vào cuối tháng 11/2019", "2019-01", "2019-11"),
        ("cùng kỳ", "2023-01", "2023-12"),
        ("trong 10 năm qua", "2014-01", "2024-12"),
        ("từ năm 2008 chuyển sang 2009", "2008-01", "2009-12"),  # carried over: both years
        ("từ 2004 đến nay", "2004-01", "2024-12"),  # cumulative, to the report's time
        ("Kể từ năm 2016 tới nay", "2016-01", "2024-12"),
        ("Chương trình khuyến công đến năm 2027", "2025-01", "2027-12"),  # set out now: from next year
        ("tính đến năm 2024", "2024-01", "2024-12"),  # as of: the year itself
    ],
)
def test_period_phrases(text: str, start: str, end: str) -> None:
    period = parse_period(text, CONTEXT)
    assert period is not None, text
    assert (period.start, period.end) == (start, end)


def test_yearless_phrase_needs_context() -> None:
    assert parse_period("tháng 3") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("13 tháng đầu năm 2022", [("năm 2022", "2022-01", "2022-12")]),  # only the year is real
        ("tháng 14 năm 2020", [("năm 2020", "2020-01", "2020-12")]),
        ("quý V/2021", []),
        ("năm 20222", []),
    ],
)
def test_impossible_periods_are_not_read(text: str, expected: list) -> None:
    found = [(text[p.start:p.end], *((p.resolve(CONTEXT).start, p.resolve(CONTEXT).end))) for p in find_periods(text)]
    assert found == expected


@given(st.integers(min_value=1990, max_value=2035), st.integers(min_value=1, max_value=12))
def test_months_to_date(year: int, months: int) -> None:
    period = parse_period(f"{months} tháng đầu năm {year}")
    assert period == Period(year, 1, year, months)


@given(st.integers(min_value=1990, max_value=2030), st.integers(min_value=0, max_value=15))
def test_year_ranges(first: int, span: int) -> None:
    period = parse_period(f"giai đoạn {first}-{first + span}")
    assert (period.start, period.end) == (f"{first}-01", f"{first + span}-12")


def test_offsets_point_at_the_phrase() -> None:
    text = "Năm 2024, tổ chức triển khai 16/18 đề án"
    (found,) = find_periods(text)
    assert text[found.start:found.end] == "Năm 2024"


def test_the_year_just_past_is_the_one_before_the_context_year() -> None:
    assert parse_period("Trong năm vừa qua, Trung tâm đã hoàn thành 3 đề án", Period.year(2020)) == Period.year(2019)
    assert parse_period("Năm qua, tỉnh hỗ trợ 9 cơ sở", Period.year(2024)) == Period.year(2023)
    assert parse_period("Trong 10 năm qua", Period.year(2024)) == Period(2014, 1, 2024, 12)
