"""The place of a report from who published it: ``data/reference/outlets.csv`` (an
outlet's name, host or sign-off tag -> region id), else a province named inside the
site's or publisher's name ("Báo Đắk Lắk", "Sở Công Thương Bình Định"), else a province
written inside the site's address ("baobinhdinh.vn", "sct.yenbai.gov.vn",
"khuyencongbinhthuan.com.vn"). A file without an address may still carry its outlet
in its words: the tag a paper opens its articles with ("(VLO) Năm 2022, …") or an
address written in the text (``text_outlet_region``).

Provincial newspapers and departments write about their own province and often
do not name it; national outlets (region ``ca-nuoc``) say nothing about the place.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pipelines import paths
from pipelines.tables.regions import COUNTRY, known_regions
from pipelines.text.gazetteer import Gazetteer, fold_dashes

OUTLETS_FILE = "outlets.csv"
OUTLET_COLUMNS = ("outlet", "host", "region_id", "tag")
# a tag opens a paragraph or follows its dateline: "(VLO) Năm 2022", "(BĐ) - UBND tỉnh"
_TAG = re.compile(r"(?:^|\n)[^\S\n]*\(([^()\n]{1,12})\)[^\S\n]*(?:[-–—][^\S\n]*)?(?=\w)")
_HOST = re.compile(r"(?<![\w.@/-])(?:https?://)?((?:[a-z0-9-]+\.)+(?:gov\.vn|com\.vn|org\.vn|vn))(?![\w-])", re.I)


@dataclass(frozen=True)
class Outlet:
    name: str
    host: str
    region_id: str
    tag: str = ""


@lru_cache(maxsize=4)
def read_outlets(reference_dir: Path = paths.REFERENCE_DIR) -> tuple[Outlet, ...]:
    """The outlets table, checked: known region ids, one row per host."""
    path = reference_dir / OUTLETS_FILE
    if not path.exists():
        return ()
    known = known_regions(reference_dir)
    outlets: list[Outlet] = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) not in (OUTLET_COLUMNS, OUTLET_COLUMNS[:3]):
            raise ValueError(f"{path}: columns must be {','.join(OUTLET_COLUMNS)}")
        for row in reader:
            where = f"{path} line {reader.line_num}"
            if row["region_id"] not in known:
                raise ValueError(f"{where}: unknown region_id {row['region_id']!r}")
            if any(o.host == row["host"].lower() for o in outlets):
                raise ValueError(f"{where}: host {row['host']!r} listed twice")
            outlets.append(Outlet(row["outlet"].strip(), row["host"].strip().lower(), row["region_id"],
                                  (row.get("tag") or "").strip()))
    return tuple(outlets)


def host_of(url: str) -> str:
    """The host of an address without ``www.`` or ``m.``; "" for none."""
    host = (urlsplit(url).hostname or "") if url else ""
    for prefix in ("www.", "m."):
        host = host.removeprefix(prefix)
    return host


def outlet_region(publisher: str, url: str, gazetteer: Gazetteer,
                  outlets: tuple[Outlet, ...] | None = None) -> str:
    """The region of the outlet that published a report, or "" when it says none. A
    province named in the publisher's name wins over a national outlet's listing."""
    listed = _listed_region(publisher, host_of(url), read_outlets() if outlets is None else outlets)
    if listed and listed != COUNTRY:
        return listed
    provinces = {p.region_id for p in gazetteer.find(publisher) if p.level == "province"}
    if len(provinces) == 1:
        return provinces.pop()
    return listed or host_region(host_of(url), gazetteer)


def text_outlet_region(text: str, gazetteer: Gazetteer, outlets: tuple[Outlet, ...] | None = None) -> str:
    """The province of the outlet the text itself names: a listed sign-off tag, else an address
    written in the text whose outlet is listed or holds one province's name; "" when none or
    when they disagree."""
    outlets = read_outlets() if outlets is None else outlets
    tags = {o.tag.casefold(): o.region_id for o in outlets if o.tag}
    found = {tags[m.group(1).strip().casefold()] for m in _TAG.finditer(text[:2000])
             if m.group(1).strip().casefold() in tags}
    for m in _HOST.finditer(text):
        host = host_of("http://" + m.group(1).lower())
        found.add(_listed_region("", host, outlets) or host_region(host, gazetteer))
    found = {rid for rid in found if rid and rid != COUNTRY}
    return found.pop() if len(found) == 1 else ""


def host_region(host: str, gazetteer: Gazetteer) -> str:
    """The one province whose name, written as in addresses, the site's name holds
    ("baobinhdinh.vn", "sctyenbai.gov.vn", "khuyencongbinhthuan.com.vn"), or ""."""
    name = "".join(host.split(".")[:-1]).replace("-", "")  # without the top-level domain
    found = [rid for rid, region in gazetteer.regions.items()
             if region.level == "province" and rid.replace("-", "") in name]
    # "hagiang" holds no other name, but a longer one may hold a shorter ("longan" in "baolongan")
    kept = [rid for rid in found if not any(rid != other and rid.replace("-", "") in other.replace("-", "")
                                            for other in found)]
    return kept[0] if len(kept) == 1 else ""


def _listed_region(publisher: str, host: str, outlets: tuple[Outlet, ...]) -> str:
    name = fold_dashes(publisher).casefold().strip()
    for outlet in outlets:
        if host and (host == outlet.host or host.endswith("." + outlet.host)):
            return outlet.region_id
        listed = fold_dashes(outlet.name).casefold()
        if name and (name == listed or name.startswith(listed + " ")):  # "Báo Đắk Lắk điện tử"
            return outlet.region_id
    return ""
