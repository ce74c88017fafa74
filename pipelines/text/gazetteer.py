"""Place names -> region ids, built from data/reference (provinces, units of 2025, conference regions).

One mapping for the whole project: every place found in a report goes through
``Gazetteer.find``; roll-ups (province -> conference region -> country) use
``Gazetteer.parents``.

Districts, towns and communes come from the ``vietnamadminunits`` library
(``admin_units``): ``find_all`` adds each one named behind its kind ("huyện Bố
Trạch") as a mention of its province, the unit's words kept as the place's text; a
name several provinces share counts only where a province or another unit named in
the same text agrees, and is otherwise listed by ``ambiguous_units``.

Since 1 July 2025 a name such as "Bắc Ninh" names both a former province and the
unit it is now part of. ``find`` gives the former province's id unless the text
marks the name as the new unit ("tỉnh Lâm Đồng (mới)", "Sau sáp nhập, tỉnh …") or
the name exists only since the merger; ``Place.era`` says what the text marked, so
a later step can date an unmarked name by the period of its figure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipelines import paths
from pipelines.text.rules import matcher
from pipelines.text.admin_units import UnitMention, find_units, library_provinces, library_units_2025
from pipelines.tables.regions import (  # noqa: F401 (COUNTRY, slugify re-exported)
    COUNTRY, Region, ancestors, known_regions, slugify, units_2025)

# Names that are also ordinary words or parts of other names (see reference NOTES):
# the city only counts with a "TP"/"Thành phố" form, and "Thái Bình Dương" is an ocean.
_BARE_NAME_EXCLUDED = {"ho-chi-minh"}
_NOT_FOLLOWED_BY = {"thai-binh": r"(?! Dương)"}
_NOT_PRECEDED_BY = {"binh-duong": r"(?<!Thái )"}

NEW, OLD = "new", "old"  # what the text says of a name: the unit of 1 July 2025, the former province
# what the words right after a name ("(mới)", "cũ", "sau sáp nhập") or before it ("Sau sáp nhập,
# …") say of which unit it is (region.toml)
_ERA_AFTER, _ERA_BEFORE = matcher("region", "era_after"), matcher("region", "era_before")


def fold_dashes(text: str) -> str:
    return re.sub(r"\s*[–—-]\s*", " - ", text)


@dataclass(frozen=True)
class Place:
    start: int
    end: int
    region_id: str
    level: str  # province, province_2025, macro_region, country
    era: str = ""  # NEW or OLD where the text marks the name, else empty
    within: str = ""  # "district" or "commune" where a unit inside the province was named


class Gazetteer:
    def __init__(self, reference_dir: Path = paths.REFERENCE_DIR) -> None:
        self.regions: dict[str, Region] = known_regions(reference_dir)
        names: list[tuple[str, str]] = []
        for rid, region in self.regions.items():
            bare = [] if rid in _BARE_NAME_EXCLUDED or region.level == "province_2025" else [region.name_vi]
            names += [(name, rid) for name in (*region.aliases, *bare)]
        former = {name.casefold() for region in self.regions.values() if region.unit_2025
                  for name in (region.name_vi, *region.aliases)}
        names += self._names_since_merger(former)
        self._pattern, self._by_name = self._compile(names)

    def _names_since_merger(self, former: set[str]) -> list[tuple[str, str]]:
        """Names of the units of 1 July 2025 that no former province bore."""
        return [(self.regions[rid].name_vi, rid) for rid in units_2025(self.regions)
                if self.regions[rid].name_vi.casefold() not in former]

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
        """Every place named in ``text`` with its offsets; a name marked as the new unit
        gives the unit's id."""
        places = []
        for m in self._pattern.finditer(text):
            key = fold_dashes(re.sub(r"\s+", " ", m.group(0))).casefold()
            rid = self._by_name.get(key)
            if rid is None:
                continue
            era = self._era(text, m.start(), m.end(), rid)
            if era == NEW and self.regions[rid].unit_2025:
                rid = self.regions[rid].unit_2025
            places.append(Place(m.start(), m.end(), rid, self.regions[rid].level, era))
        return places

    def find_all(self, text: str) -> list[Place]:
        """The places of ``find`` and, as mentions of their province, the districts, towns and
        communes named in ``text`` whose province is certain (see ``resolve_units``)."""
        provinces = self.find(text)
        resolved, _ = self.resolve_units(find_units(text), provinces)
        taken = [(p.start, p.end) for p in provinces]
        units = [p for p in resolved if not any(s < p.end and p.start < e for s, e in taken)]
        return sorted(provinces + units, key=lambda p: p.start)

    def ambiguous_units(self, text: str) -> list[tuple[str, list[str]]]:
        """The units named in ``text`` whose province nothing settles, each with its candidates' names."""
        _, ambiguous = self.resolve_units(find_units(text), self.find(text))
        return [(u.name, sorted(self.regions[r].name_vi for r in self._candidates(u))) for u in ambiguous]

    def resolve_units(self, units: list[UnitMention], named: list[Place]) -> tuple[list[Place], list[UnitMention]]:
        """(places, ambiguous): a unit whose name one province holds is that province's; a name
        several share is settled by a province named in the text or by another unit's certain
        province, else left ambiguous. A name only the units of 2025 hold gives that unit."""
        candidates = [self._candidates(u) for u in units]
        agreed = {p.region_id for p in named} | {next(iter(c)) for c in candidates if len(c) == 1}
        places, ambiguous = [], []
        for unit, options in zip(units, candidates):
            chosen = options if len(options) == 1 else options & agreed
            if len(chosen) == 1:
                rid = next(iter(chosen))
                places.append(Place(unit.start, unit.end, rid, self.regions[rid].level, within=unit.level))
            elif options:
                ambiguous.append(unit)
        return places, ambiguous

    def _candidates(self, unit: UnitMention) -> frozenset[str]:
        codes = self._province_codes()
        if unit.provinces:
            return frozenset(codes[0][c] for c in unit.provinces if c in codes[0])
        return frozenset(codes[1][c] for c in unit.units_2025 if c in codes[1])

    @lru_cache(maxsize=1)
    def _province_codes(self) -> tuple[dict[str, str], dict[str, str]]:
        """The library's GSO codes -> our region ids, by name: provinces before 1 July 2025, units since."""
        def by_name(names: dict[str, str], level: str) -> dict[str, str]:
            ids = {}
            for code, name in names.items():
                rid = self._by_name.get(fold_dashes(name).casefold()) or slugify(name)
                region = self.regions.get(rid or "")
                if region is not None and region.level == "province" and level == "province_2025":
                    rid = region.unit_2025 or rid  # an unchanged unit keeps its province's id
                if rid:
                    ids[code] = rid
            return ids
        return by_name(library_provinces(), "province"), by_name(library_units_2025(), "province_2025")

    def _era(self, text: str, start: int, end: int, rid: str) -> str:
        """NEW or OLD where the words around a province's name say which it is."""
        if self.regions[rid].formed_from and not self.regions[rid].unit_2025:
            return NEW  # a name borne only by a unit formed on 1 July 2025
        if not self.regions[rid].unit_2025:
            return ""  # not a province: a conference region or the country
        mark = _ERA_AFTER.match(text, end)
        if mark:
            return OLD if mark.answer == OLD else NEW
        return NEW if _ERA_BEFORE.search(text[max(0, start - 80):start]) else ""

    def parents(self, region_id: str) -> list[str]:
        """The regions a region's figures roll up into (conference region, country)."""
        return list(ancestors(region_id, self.regions)[1:])

    def name(self, region_id: str) -> str:
        return self.regions[region_id].name_vi

    def known(self) -> list[str]:
        return sorted(self.regions)


# how far back from a place name the head of a name it is part of may stand
NAME_LOOKBEHIND = 80
# a name's head, its legal form, the words no name holds (region.toml)
_NAME_HEAD, _NAME_FORM = matcher("region", "name_head"), matcher("region", "name_form")
_NAME_BREAK = matcher("region", "name_break")


def outside_names(text: str, places: list[Place]) -> list[Place]:
    """The places that are not part of the name of a firm, a facility or a person ("Công
    ty TNHH Gốm Huế", "ông Nguyễn Văn …"): those name a recipient, not where a figure is.
    A name runs from its head over capitalised words; "Cơ sở tại huyện …" is a place."""
    return [p for p in places if not _in_name(text, p.start)]


def _in_name(text: str, start: int) -> bool:
    before = text[max(0, start - NAME_LOOKBEHIND):start]
    heads = list(_NAME_HEAD.finditer(before))
    if not heads:
        return False
    head, gap = heads[-1].words, before[heads[-1].end:]
    if re.search(r"[,;:.()\n]", gap) or (gap and not gap[0].isspace()):
        return False
    words = [w.strip("\"“”'") for w in gap.split() if w not in ("&", "-", "–")]
    if words and not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False  # a name starts with a capital: "cơ sở sản xuất gốm …" is no name
    if any(_NAME_BREAK.fullmatch(w) for w in words):
        return False  # "Cơ sở Mộc tại huyện …", "cơ sở ở tỉnh …": the place is where it is
    # a legal form may be followed by the place name alone ("Công ty Huế …"); a kind or a title not
    return bool(words) or (bool(_NAME_FORM.fullmatch(head)) and head[:1].isupper())


# A place that only hosts an event: "được tổ chức tại Hậu Giang", "diễn ra ở TP. Huế", "hội
# chợ … tại Hà Nội", "vòng chung khảo khu vực tại tỉnh Bình Dương". It says where people met,
# not what the figures are about.
VENUE_LOOKBEHIND = 120
_VENUE = matcher("region", "venue")


def outside_venues(text: str, places: list[Place]) -> list[Place]:
    """The places that are not only where an event was held."""
    return [p for p in places if not _VENUE.search(text[max(0, p.start - VENUE_LOOKBEHIND):p.start])]


@lru_cache(maxsize=None)
def default_gazetteer() -> Gazetteer:
    return Gazetteer()
