"""Vietnamese number grammar: ``.`` groups thousands, ``,`` marks decimals.

``76.482`` is 76482, ``72,8`` is 72.8, ``81,725`` is 81.725. A token that only
makes sense in English notation (``1,234,567`` or ``1.5``) is read that way and
flagged, so nothing is silently misread.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# A raw numeric token: digits with any inner dots or commas. Interpretation happens
# in parse_number, so the scanner never splits "76.482" into two numbers.
NUMBER_TOKEN = r"\d+(?:[.,]\d+)*"
NUMBER_TOKEN_RE = re.compile(NUMBER_TOKEN)

SCALES: dict[str, float] = {
    "tỷ": 1e9,
    "tỉ": 1e9,
    "triệu": 1e6,
    "nghìn": 1e3,
    "ngàn": 1e3,
}
SCALE_WORDS = tuple(sorted(SCALES, key=len, reverse=True))


@dataclass(frozen=True)
class ParsedNumber:
    value: float
    decimals: int  # digits after the decimal mark as written: the precision stated
    notation: str  # "vi" or "en" (the latter is unusual in these reports)


def parse_number(token: str) -> ParsedNumber:
    """Read one numeric token; raise ValueError if it is not a number."""
    if not NUMBER_TOKEN_RE.fullmatch(token):
        raise ValueError(f"not a number: {token!r}")
    dots, commas = token.count("."), token.count(",")
    if dots and commas:
        if token.rfind(",") > token.rfind("."):  # 1.234,5 (Vietnamese)
            return _vi(token)
        return _en(token)  # 1,234.5
    if commas > 1:  # 1,234,567 can only be English thousands
        return _en(token)
    if dots:
        groups = token.split(".")
        if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
            return _vi(token)  # 76.482 / 1.400.000
        if dots == 1:
            return _en(token)  # 1.5 written with an English decimal point
        raise ValueError(f"ambiguous number: {token!r}")
    return _vi(token)


def _vi(token: str) -> ParsedNumber:
    integer, _, frac = token.replace(".", "").partition(",")
    return ParsedNumber(float(f"{integer}.{frac or 0}"), len(frac), "vi")


def _en(token: str) -> ParsedNumber:
    integer, _, frac = token.replace(",", "").partition(".")
    return ParsedNumber(float(f"{integer}.{frac or 0}"), len(frac), "en")


def format_number(value: float | None, decimals: int = 0, lang: str = "vi", trim: bool = False) -> str:
    """Write a number in a language's notation: ``1.234,5`` (vi, the inverse of parse_number) or
    ``1,234.5`` (en). ``trim`` drops trailing zero decimals; a missing value is ``–``."""
    if value is None or math.isnan(value):
        return "–"
    text = f"{value:,.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "-0.0"):
        text = text[1:]
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text
