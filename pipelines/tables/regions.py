"""The region reference of data/reference/: the country, the conference regions, the 63
provinces as they stood before 1 July 2025 and the 34 units formed that day.

Read with the standard library only, so the gazetteer and the batch runner's quick
no-change path can use it without pandas.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from pipelines import paths

COUNTRY = "ca-nuoc"
ALL = "all"
UNITS = ("2024", "2025")  # the 63 provinces before 1 July 2025, the 34 units after
MERGED_LEVEL = "province_2025"  # a unit formed on 1 July 2025 from several former provinces
MERGED_SUFFIX = "-2025"
MERGER_MONTH = "2025-07"  # the 34 units took office on 1 July 2025


@dataclass(frozen=True)
class Region:
    region_id: str
    name_vi: str
    level: str  # country, macro_region, province (as before 1 July 2025) or province_2025
    parent: str  # the conference region of a province or unit, the country for a macro region
    aliases: tuple[str, ...] = ()  # other ways reports write the name (for the gazetteer)
    also_under: tuple[str, ...] = ()  # a unit whose former provinces sat in other conference regions too
    formed_from: tuple[str, ...] = ()  # a unit of 1 July 2025: its former provinces (itself if unchanged)
    unit_2025: str = ""  # a province: the region id of the unit it belongs to since 1 July 2025


@lru_cache(maxsize=4)
def known_regions(reference_dir: Path | None = None) -> dict[str, Region]:
    """Every known region id: the country, the conference regions, the 63 provinces and the
    23 units formed from several of them (the 11 unchanged units keep their province's id)."""
    folder = reference_dir or paths.REFERENCE_DIR
    known: dict[str, Region] = {}
    for row in _rows(folder / "regions.csv"):
        level = row["level"]
        parent = "" if level == "country" else COUNTRY
        known[row["region_id"]] = Region(row["region_id"], row["name_vi"], level, parent, _split(row["aliases"]))
    provinces = _rows(folder / "provinces.csv")
    for row in provinces:
        known[row["region_id"]] = Region(row["region_id"], row["name_vi"], "province",
                                         row["conference_region"], _split(row["aliases"]))
    conference = {row["region_id"]: row["conference_region"] for row in provinces}
    for row in _rows(folder / "units_2025.csv"):
        unit = _unit(row, conference, known)
        known[unit.region_id] = unit
        for former in unit.formed_from:
            known[former] = replace(known[former], unit_2025=unit.region_id)
    return known


def _unit(row: dict[str, str], conference: dict[str, str], known: dict[str, Region]) -> Region:
    """A unit of 1 July 2025; its conference region is that of the province holding its
    administrative centre, and any other region of its former provinces is kept in ``also_under``."""
    formed_from = _split(row["formed_from"])
    if len(formed_from) == 1:
        return replace(known[formed_from[0]], formed_from=formed_from)
    first = conference[row["admin_centre_in"]]
    others = tuple(dict.fromkeys(conference[f] for f in formed_from if conference[f] != first))
    return Region(row["unit_id"] + MERGED_SUFFIX, row["name_vi"], MERGED_LEVEL, first,
                  also_under=others, formed_from=formed_from)


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part for part in cell.split("|") if part)


def units_2025(known: dict[str, Region]) -> list[str]:
    """The region ids of the 34 units of 1 July 2025."""
    return [region_id for region_id, region in known.items() if region.formed_from]


def as_of_2025(known: dict[str, Region]) -> dict[str, Region]:
    """The reference with every merged province counting toward its unit, so a unit's figures
    include those stated for its former provinces before the merger."""
    return {region_id: replace(region, parent=region.unit_2025, also_under=())
            if region.unit_2025 and region.unit_2025 != region_id else region
            for region_id, region in known.items()}


def in_units(region_ids: list[str], units: str, known: dict[str, Region]) -> list[str]:
    """Region ids as ``units`` count them: with ``2025`` a merged province becomes its unit."""
    check_units(units)
    if units == "2024":
        return list(region_ids)
    mapped = [known[r].unit_2025 if r in known and known[r].unit_2025 else r for r in region_ids]
    return sort_regions(dict.fromkeys(mapped), known)


def check_units(units: str) -> str:
    if units not in UNITS:
        raise ValueError(f"unknown units {units!r}; valid: {', '.join(UNITS)}")
    return units


def ancestors(region_id: str, known: dict[str, Region]) -> tuple[str, ...]:
    """The region itself and every region its figures count toward, nearest first.

    An id missing from the reference still counts toward the country.
    """
    chain = [region_id]
    for here in chain:  # grows while walked: each region's parents are added once
        region = known.get(here)
        ups = (region.parent, *region.also_under) if region else (COUNTRY,) if here == region_id else ()
        chain.extend(up for up in ups if up and up not in chain)
    return tuple(chain)


def region_names(known: dict[str, Region]) -> dict[str, str]:
    return {region_id: region.name_vi for region_id, region in known.items()}


def check_region(region: str, known: dict[str, Region]) -> str:
    """Fail at once on an unknown region, listing every valid value."""
    if region != ALL and region not in known:
        raise ValueError(f"unknown region {region!r}; valid: {', '.join((ALL, *sort_regions(known, known)))}")
    return region


def resolve_region(text: str, known: dict[str, Region], units: str = "2024") -> str:
    """A region id from an id or a name, with or without its diacritics and in any case.

    A name shared by a former province and a unit of 2025 means the unit with ``units`` 2025.
    Raises ValueError naming the nearest ids when nothing matches.
    """
    check_units(units)
    if text == ALL or text in known:
        return text
    key = slugify(text)
    matches = [r for r, region in known.items()
               if key == r or key in {slugify(name) for name in (region.name_vi, *region.aliases)}]
    if matches:
        if units == "2025":
            return in_units(matches, units, known)[0]
        return ([r for r in matches if known[r].level != MERGED_LEVEL] or matches)[0]
    names: dict[str, list[str]] = {}
    for r, region in known.items():
        for name in (region.name_vi, *region.aliases):
            names.setdefault(slugify(name), []).append(r)
    near = difflib.get_close_matches(key, [*known, *names], n=5, cutoff=0.6)
    suggestions = list(dict.fromkeys(r for n in near for r in names.get(n, [n])))
    if suggestions:
        raise ValueError(f"unknown region {text!r}; did you mean {', '.join(suggestions)}?")
    raise ValueError(f"unknown region {text!r}; valid: {', '.join(sort_regions(known, known))}")


def slugify(text: str) -> str:
    """ASCII slug of a Vietnamese name: lower case, no diacritics, 'đ' as 'd', words joined by '-'."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def sort_regions(region_ids: object, known: dict[str, Region]) -> list[str]:
    """Country first, then conference regions, then provinces and units, each alphabetically."""
    order = {"country": 0, "macro_region": 1, "province": 2, MERGED_LEVEL: 2}
    return sorted(region_ids, key=lambda r: (order.get(known[r].level, 3) if r in known else 3, r))


REGION_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # a region id is a slug, so it is always a safe file name


def regions_with_facts(facts_path: Path, known: dict[str, Region], units: str = "2024") -> list[str]:
    """Every known region that has figures in the facts table at ``facts_path`` once provinces
    roll up into their region and the country (with ``units`` 2025, a merged province counts
    as its unit). An id the reference does not know is never trusted as a file name: its
    figures count toward the country only. Raises FileNotFoundError without the table."""
    import pyarrow.parquet as pq

    if not facts_path.exists():
        raise FileNotFoundError(f"{facts_path} does not exist; run `khuyencong ingest` first")
    # ParquetFile, not read_table: read_table imports pyarrow.dataset and pandas, a third of a second
    stated = set(pq.ParquetFile(facts_path).read(columns=["region_id"]).column("region_id").to_pylist())
    rolled = {ancestor for region_id in stated if region_id
              for ancestor in ancestors(region_id, known) if ancestor in known}
    charted = in_units(sort_regions(rolled, known), units, known)
    return [region_id for region_id in charted if REGION_ID.fullmatch(region_id)]
