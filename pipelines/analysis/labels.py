"""Words and number formats for charts and tables, in Vietnamese (``vi``) and English (``en``).

Kept free of heavy imports: the batch runner uses it for its summary and index.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from pipelines.tables.vocabulary import Measure
from pipelines.text.numbers import format_number

LANGS = ("vi", "en")

LABELS_FILE = Path(__file__).with_name("labels.toml")


def _read_labels(path: Path) -> dict[str, dict[str, str]]:
    """Every label of ``path`` with its words in each language (a label short of one is an error)."""
    rows = tomllib.loads(path.read_text(encoding="utf-8"))
    short = [key for key, words in rows.items() if not isinstance(words, dict) or not all(words.get(x) for x in LANGS)]
    if short:
        raise ValueError(f"{path.name}: labels without words in {'/'.join(LANGS)}: {', '.join(short)}")
    return rows


_TEXT = _read_labels(LABELS_FILE)

PLAN_MEASURES = (Measure.BUDGET_PLAN, Measure.PROJECTS_PLANNED)
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def check_lang(lang: str) -> str:
    """Fail early, with the valid choices, on a language the labels do not cover."""
    if lang not in LANGS:
        raise ValueError(f"unknown lang {lang!r}; valid: {', '.join(LANGS)}")
    return lang


def t(key: str, lang: str, **fields: object) -> str:
    """The label for ``key`` in ``lang``; a missing key shows as itself so a gap is visible."""
    entry = _TEXT.get(key)
    text = entry[check_lang(lang)] if entry else key
    return text.format(**fields) if fields else text


def measure(name: str, lang: str) -> str:
    return t(name, lang)


def program(name: str, lang: str) -> str:
    """A programme's name; ``national+local`` (figures of both added up) names both."""
    return " + ".join(t(f"program.{part}", lang) for part in name.split("+"))


def activity(name: str, lang: str) -> str:
    return t(f"activity.{name}", lang)


def region(region_id: str, lang: str, names: dict[str, str] | None = None) -> str:
    """A region's display name: translated for macro regions, the Vietnamese name for provinces."""
    key = f"region.{region_id}"
    if key in _TEXT:
        return t(key, lang)
    return (names or {}).get(region_id, region_id)


def number(value: float, lang: str, decimals: int = 1) -> str:
    """``1234.5`` as ``1.234,5`` (vi) or ``1,234.5`` (en); trailing zero decimals dropped."""
    return format_number(value, decimals, lang, trim=True)


def amount_bn(vnd: float, lang: str) -> str:
    """VND as billions with the unit: ``72,8 tỷ đồng`` / ``VND 72.8 billion``."""
    value = number(vnd / 1e9, lang, decimals=3)  # reports give tỷ to the triệu: 81,725 stays 81,725
    return f"{value} tỷ đồng" if lang == "vi" else f"VND {value} billion"


def value(v: float, unit: str, lang: str) -> str:
    """A figure in its unit, as a reader of the slide expects it."""
    if unit == "VND":
        return amount_bn(v, lang)
    if unit == "percent":
        return f"{number(v, lang, 2)}%"
    return number(v, lang, 0)


def reason(code: str, lang: str) -> str:
    return t(f"reason.{code}", lang)


def level(code: str, lang: str) -> str:
    return t(f"level.{code}", lang) if code else t("level.unstated", lang)


def date(iso: str, lang: str) -> str:
    """``2024-10-10`` as ``10/10/2024`` (vi) or unchanged (en); empty as 'undated'."""
    if not iso:
        return t("undated", lang)
    if lang == "vi" and len(iso) == 10:
        year, month, day = iso.split("-")
        return f"{day}/{month}/{year}"
    return iso


def figure_period(measure_name: str, start: str, end: str, lang: str) -> str:
    """The period a figure is for: a plan within one year is that year's plan, whatever
    part of the year the report covers ("Kế hoạch năm 2024", not "9 tháng 2024")."""
    if measure_name in PLAN_MEASURES and start[:4] == end[:4]:
        return t("plan_year", lang, year=start[:4])
    return period(start, end, lang)


def period(start: str, end: str, lang: str) -> str:
    """A short period name: ``2022``, ``7 tháng 2022`` / ``Jan–Jul 2022``, ``2012–2022``."""
    y0, m0 = int(start[:4]), int(start[5:7])
    y1, m1 = int(end[:4]), int(end[5:7])
    if (m0, m1) == (1, 12):
        return str(y0) if y0 == y1 else f"{y0}–{y1}"
    if y0 == y1 and m0 == m1:
        return f"T{m0}/{y0}" if lang == "vi" else f"{_MONTHS_EN[m0 - 1]} {y0}"
    if y0 == y1 and m0 == 1:
        return f"{m1} tháng {y0}" if lang == "vi" else f"Jan–{_MONTHS_EN[m1 - 1]} {y0}"
    if y0 == y1:
        return f"T{m0}–T{m1}/{y0}" if lang == "vi" else f"{_MONTHS_EN[m0 - 1]}–{_MONTHS_EN[m1 - 1]} {y0}"
    return f"{m0:02d}/{y0}–{m1:02d}/{y1}"
