"""Districts, towns and communes -> the province they lie in, from ``vietnamadminunits``.

The library ships the 63 provinces with their districts and communes as they stood
before 1 July 2025 and the 34 units with their wards and communes after it. A unit is
found only behind its kind ("huyện Bố Trạch", "thị xã Buôn Hồ", "xã Ea Kly", "TP. Bà
Rịa"), written with capitals, so an ordinary word never reads as a place. A name that
several provinces share ("huyện Châu Thành") is left open with its candidates; the
caller settles it by a province or another unit named in the same report.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from vietnamadminunits.database import query

from pipelines.text.rules import matcher

# the kinds of unit as the texts write them ("huyện", "TP.", "xã"), answering the library's
# level, district or commune (region.toml)
_KIND = matcher("region", "unit_kind")
# a unit's name is at most four syllables; its words start with a capital
MAX_NAME_WORDS = 4
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_LEGACY, _SINCE_2025 = "admin_units_legacy", "admin_units"


@dataclass(frozen=True)
class UnitMention:
    start: int
    end: int
    name: str  # as written, with its kind: "huyện Bố Trạch"
    level: str  # district or commune
    provinces: frozenset[str]  # GSO codes of the provinces (before 1 July 2025) holding a unit of that name
    units_2025: frozenset[str]  # GSO codes of the units of 2025 holding a ward or commune of that name


def fold(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold()


@lru_cache(maxsize=1)
def unit_index() -> dict[tuple[str, str], tuple[frozenset[str], frozenset[str]]]:
    """(level, folded name) -> (province codes before 2025, unit codes since 2025)."""
    old: dict[tuple[str, str], set[str]] = {}
    new: dict[tuple[str, str], set[str]] = {}
    for row in query(f"SELECT DISTINCT provinceCode, districtShort FROM [{_LEGACY}]"):
        old.setdefault(("district", fold(row["districtShort"])), set()).add(row["provinceCode"])
    for row in query(f"SELECT DISTINCT provinceCode, wardShort FROM [{_LEGACY}] WHERE wardShort IS NOT NULL"):
        old.setdefault(("commune", fold(row["wardShort"])), set()).add(row["provinceCode"])
    for row in query(f"SELECT DISTINCT provinceCode, wardShort FROM [{_SINCE_2025}]"):
        new.setdefault(("commune", fold(row["wardShort"])), set()).add(row["provinceCode"])
    return {k: (frozenset(old.get(k, ())), frozenset(new.get(k, ()))) for k in old.keys() | new.keys()}


@lru_cache(maxsize=1)
def library_provinces() -> dict[str, str]:
    """GSO code -> the province's short name, before 1 July 2025, as the library has it."""
    return {r["provinceCode"]: r["provinceShort"]
            for r in query(f"SELECT DISTINCT provinceCode, provinceShort FROM [{_LEGACY}]")}


@lru_cache(maxsize=1)
def library_units_2025() -> dict[str, str]:
    """GSO code -> the unit's short name since 1 July 2025, as the library has it."""
    return {r["provinceCode"]: r["provinceShort"]
            for r in query(f"SELECT DISTINCT provinceCode, provinceShort FROM [{_SINCE_2025}]")}


def find_units(text: str) -> list[UnitMention]:
    """Every district, town or commune named behind its kind, with the provinces that have one."""
    index = unit_index()
    found = []
    for kind in _KIND.finditer(text):
        level = kind.answer
        words = _capitalised_words(text, kind.end)
        # the longest run of words that names a unit: "huyện Krông Pắc" before "huyện Krông"
        for n in range(len(words), 0, -1):
            name = text[words[0][0]:words[n - 1][1]]
            hit = index.get((level, fold(name)))
            if hit and (hit[0] or hit[1]):
                end = words[n - 1][1]
                found.append(UnitMention(kind.start, end, text[kind.start:end], level, *hit))
                break
    return found


def _capitalised_words(text: str, at: int) -> list[tuple[int, int]]:
    """Offsets of up to MAX_NAME_WORDS words from ``at`` on one line, while each starts with a capital."""
    words: list[tuple[int, int]] = []
    pos = at
    while len(words) < MAX_NAME_WORDS:
        m = _WORD.match(text, pos)
        if not m or not m.group(0)[0].isupper():
            break
        words.append((m.start(), m.end()))
        gap = re.match(r"[ \t]+", text[m.end():m.end() + 3])
        if not gap:
            break
        pos = m.end() + gap.end()
    return words
