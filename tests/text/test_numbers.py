"""Vietnamese number grammar: thousands dots, decimal commas, scales."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.text.numbers import format_number, parse_number


@pytest.mark.parametrize(
    "token, value, decimals",
    [
        ("76.482", 76482, 0),
        ("72,8", 72.8, 1),
        ("81,725", 81.725, 3),
        ("05", 5, 0),
        ("1.400", 1400, 0),
        ("1.234.567,89", 1234567.89, 2),
        ("28,44", 28.44, 2),
    ],
)
def test_vietnamese_notation(token: str, value: float, decimals: int) -> None:
    parsed = parse_number(token)
    assert parsed.value == pytest.approx(value)
    assert parsed.decimals == decimals
    assert parsed.notation == "vi"


def test_english_notation_is_flagged() -> None:
    assert parse_number("1,234,567").notation == "en"
    assert parse_number("1,234,567").value == 1234567
    assert parse_number("1.5").notation == "en"


@pytest.mark.parametrize("token", ["", "abc", "1.2.3", "12.34.567"])
def test_not_a_number(token: str) -> None:
    with pytest.raises(ValueError):
        parse_number(token)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=3))
def test_format_then_parse_round_trips(units: int, decimals: int) -> None:
    value = units / 10**decimals
    parsed = parse_number(format_number(value, decimals))
    assert math.isclose(parsed.value, value, rel_tol=1e-12, abs_tol=1e-9)
    if decimals:
        assert parsed.decimals == decimals


@given(st.integers(min_value=1000, max_value=10**9))
def test_grouped_integers_are_thousands_not_decimals(n: int) -> None:
    assert parse_number(format_number(n)).value == n
