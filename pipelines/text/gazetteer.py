"""Place names -> region ids, built from data/reference (provinces and conference regions).

One mapping for the whole project: every place found in a report goes through
``Gazetteer.find``; roll-ups (province -> conference region -> country) use
``Gazetteer.parents``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipelines import paths
from pipelines.tables.regions import COUNTRY, Region, ancestors, known_regions  # noqa: F401 (COUNTRY re-exported)

# Names that are also ordinary words or parts of other names (see reference NOTES):
# the city only counts with a "TP"/"Thành phố" form, and "Thái Bình Dương" is an ocean.
_BARE_NAME_EXCLUDED = {"ho-chi-minh"}
_NOT_FOLLOWED_BY = {"thai-binh": r"(?! Dương)"}
_NOT_PRECEDED_BY = {"binh-duong": r"(?<!Thái )"}


def slugify(text: str) -> str:
    """ASCII slug of a Vietnamese name: 'Đắk Lắk' -> 'dak-lak'."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def fold_dashes(text: str) -> str:
    return re.sub(r"\s*[–—-]\s*", " - ", text)


@dataclass(frozen=True)
class Place:
    start: int
    end: int
    region_id: str
    level: str  # province, macro_region, country


class Gazetteer:
    def __init__(self, reference_dir: Path = paths.REFERENCE_DIR) -> None:
        self.regions: dict[str, Region] = known_regions(reference_dir)
        names: list[tuple[str, str]] = []
        for rid, region in self.regions.items():
            bare = [] if rid in _BARE_NAME_EXCLUDED else [region.name_vi]
            names += [(name, rid) for name in (*region.aliases, *bare)]
        self._pattern, self._by_name = self._compile(names)

    @staticmethod
    def _compile(names: list[tuple[str, str]]) -> tuple[re.Pattern[str], dict[str, str]]:
        by_name: dict[str, str] = {}
        alternatives: list[tuple[str, str]] = []
        surfaces: set[str] = set()
        for name, rid in names:
            key = fold_dashes(unicodedata.normalize("NFC", name)).casefold()
            by_name.setdefault(key, rid)
            if name in surfaces:
                continue
            surfaces.add(name)
            escaped = re.escape(fold_dashes(name)).replace(r"\ \-\ ", r"\s*[-–—]\s*")
            escaped = escaped.replace(r"\ ", r"\s+")
            alternatives.append((name, _NOT_PRECEDED_BY.get(rid, "") + escaped + _NOT_FOLLOWED_BY.get(rid, "")))
        # Longest first so "Thành phố Hồ Chí Minh" wins over shorter overlaps.
        alternatives.sort(key=lambda item: len(item[0]), reverse=True)
        body = "|".join(pattern for _, pattern in alternatives)
        return re.compile(rf"(?<![\w])(?:{body})(?![\w])"), by_name

    def find(self, text: str) -> list[Place]:
        """Every place named in ``text`` with its offsets."""
        places = []
        for m in self._pattern.finditer(text):
            key = fold_dashes(re.sub(r"\s+", " ", m.group(0))).casefold()
            rid = self._by_name.get(key)
            if rid is None:
                continue
            places.append(Place(m.start(), m.end(), rid, self.regions[rid].level))
        return places

    def parents(self, region_id: str) -> list[str]:
        """The regions a region's figures roll up into (conference region, country)."""
        return list(ancestors(region_id, self.regions)[1:])

    def name(self, region_id: str) -> str:
        return self.regions[region_id].name_vi

    def known(self) -> list[str]:
        return sorted(self.regions)


@lru_cache(maxsize=None)
def default_gazetteer() -> Gazetteer:
    return Gazetteer()
