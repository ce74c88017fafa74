"""Where the tables and the region reference live, so notebooks never hard-code a path.

``load("facts")`` gives a table as a DataFrame. The region functions read the
reference CSVs with the standard library and pandas is imported only on first
``load``: the batch runner uses this module on its quick no-change path.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines import paths
from pipelines.schema import TABLES

if TYPE_CHECKING:
    import pandas as pd

COUNTRY = "ca-nuoc"
ALL = "all"


@dataclass(frozen=True)
class Region:
    region_id: str
    name_vi: str
    level: str  # country, macro_region or province
    parent: str  # the conference region of a province, the country for a macro region
    aliases: tuple[str, ...] = ()  # other ways reports write the name (for the gazetteer)


def processed_dir(processed: str | Path | None = None) -> Path:
    """The tables folder: the one given, else the project's (``""`` counts as not given)."""
    return Path(processed) if processed else paths.PROCESSED_DIR


def table_path(name: str, processed: str | Path | None = None) -> Path:
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; valid: {', '.join(TABLES)}")
    return processed_dir(processed) / f"{name}.parquet"


def load(name: str, processed: str | Path | None = None, missing_ok: bool = False) -> pd.DataFrame:
    """A table of the data contract; with ``missing_ok`` an absent file reads as an empty table."""
    import pandas as pd
    import pyarrow.parquet as pq

    path = table_path(name, processed)
    if not path.exists():
        if missing_ok:
            return TABLES[name].empty_table().to_pandas()
        raise FileNotFoundError(f"{path} does not exist; run `khuyencong ingest` first")
    frame = pq.read_table(path).to_pandas()
    for column in TABLES[name].names:
        if column not in frame.columns:
            frame[column] = pd.Series(dtype=TABLES[name].field(column).type.to_pandas_dtype())
    return frame


@lru_cache(maxsize=4)
def regions(reference_dir: Path | None = None) -> dict[str, Region]:
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


def rollup_map(region_ids: list[str] | set[str], known: dict[str, Region]) -> dict[str, tuple[str, ...]]:
    return {region_id: ancestors(region_id, known) for region_id in region_ids}


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


def regions_with_facts(processed: str | Path | None = None, known: dict[str, Region] | None = None) -> list[str]:
    """Every region that has figures once provinces roll up into their region and the country."""
    import pyarrow.parquet as pq

    known = known or regions()
    path = table_path("facts", processed)
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist; run `khuyencong ingest` first")
    # ParquetFile, not read_table: read_table imports pyarrow.dataset and pandas, a third of a second
    stated = set(pq.ParquetFile(path).read(columns=["region_id"]).column("region_id").to_pylist())
    rolled = {region for region_id in stated if region_id for region in ancestors(region_id, known)}
    return sort_regions(rolled, known)
