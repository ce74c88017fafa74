"""The region reference of data/reference/: the country, the conference regions and the provinces.

Read with the standard library only, so the gazetteer and the batch runner's quick
no-change path can use it without pandas.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipelines import paths

COUNTRY = "ca-nuoc"
ALL = "all"


@dataclass(frozen=True)
class Region:
    region_id: str
    name_vi: str
    level: str  # country, macro_region or province
    parent: str  # the conference region of a province, the country for a macro region
    aliases: tuple[str, ...] = ()  # other ways reports write the name (for the gazetteer)


@lru_cache(maxsize=4)
def known_regions(reference_dir: Path | None = None) -> dict[str, Region]:
    """Every known region id: the country, the conference regions and the 63 provinces."""
    folder = reference_dir or paths.REFERENCE_DIR
    known: dict[str, Region] = {}
    with open(folder / "regions.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            level = row["level"]
            parent = "" if level == "country" else COUNTRY
            aliases = tuple(a for a in row["aliases"].split("|") if a)
            known[row["region_id"]] = Region(row["region_id"], row["name_vi"], level, parent, aliases)
    with open(folder / "provinces.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            aliases = tuple(a for a in row["aliases"].split("|") if a)
            known[row["region_id"]] = Region(row["region_id"], row["name_vi"], "province",
                                             row["conference_region"], aliases)
    return known


def ancestors(region_id: str, known: dict[str, Region]) -> tuple[str, ...]:
    """The region itself and every region its figures count toward, nearest first.

    An id missing from the reference still counts toward the country.
    """
    chain = [region_id]
    parent = known[region_id].parent if region_id in known else COUNTRY
    while parent and parent not in chain:
        chain.append(parent)
        parent = known[parent].parent if parent in known else ""
    return tuple(chain)


def region_names(known: dict[str, Region]) -> dict[str, str]:
    return {region_id: region.name_vi for region_id, region in known.items()}


def check_region(region: str, known: dict[str, Region]) -> str:
    """Fail at once on an unknown region, listing every valid value."""
    if region != ALL and region not in known:
        raise ValueError(f"unknown region {region!r}; valid: {', '.join((ALL, *sort_regions(known, known)))}")
    return region


def sort_regions(region_ids: object, known: dict[str, Region]) -> list[str]:
    """Country first, then conference regions, then provinces, each alphabetically."""
    order = {"country": 0, "macro_region": 1, "province": 2}
    return sorted(region_ids, key=lambda r: (order.get(known[r].level, 3) if r in known else 3, r))
