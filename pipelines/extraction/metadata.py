"""Report metadata: the manifest beside the raw files, or what the text itself says.

A report dropped into data/raw/ without a manifest row is still ingested: its
title, date, region and doc_id are inferred from the text; a manifest row only
overrides what it fills in.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from pipelines.text.gazetteer import Gazetteer
from pipelines.text.periods import find_periods
from pipelines.text.segments import split_paragraphs

MANIFEST_COLUMNS = ("file", "doc_id", "title", "publisher", "published", "region_id", "received", "sha256")
_DATE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?!\d)")
_WEEKDAY_DATE = re.compile(r"(?:Thứ \w+|Chủ nhật)\s*[-,]?\s*(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})", re.I)


@dataclass
class DocumentMeta:
    doc_id: str
    title: str
    published: str
    region_id: str
    publisher: str = ""
    received: str = ""
    source: str = "inferred"  # inferred, manifest
    published_source: str = ""  # manifest, page_metadata, dateline, text or "" (see the contract)
    source_url: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def year(self) -> Optional[int]:
        match = re.match(r"(\d{4})", self.doc_id)
        return int(match.group(1)) if match else None


def read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """Manifest rows keyed by file name; a missing manifest is an empty one."""
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"file"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: manifest lacks column(s) {sorted(missing)}")
        return {row["file"]: {k: (v or "").strip() for k, v in row.items()} for row in reader}


def infer_title(text: str) -> str:
    """The headline: the first line that reads as one (not page chrome, not a bare place)."""
    for para in split_paragraphs(text)[:8]:
        line = text[para.start:para.end]
        if para.kind == "chrome" or len(line.split()) < 6:
            continue
        return line if len(line) <= 200 else line[:200].rsplit(" ", 1)[0] + " …"
    return ""


def infer_published(text: str) -> str:
    """A dateline near the top ("Thứ sáu - 18/08/2023 05:05"); event dates are not publication dates."""
    match = _WEEKDAY_DATE.search(text[:600])
    if not match:
        return ""
    day, month, year = (int(g) for g in match.groups())
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def infer_region(text: str, gazetteer: Gazetteer) -> str:
    """The region a report is about: a conference region named repeatedly, else the
    most named province (headline mentions count triple), else the country."""
    places = gazetteer.find(text)
    if not places:
        return "ca-nuoc"
    title = infer_title(text)
    title_end = text.find(title) + len(title) if title else 0
    scores: Counter[str] = Counter()
    for p in places:
        scores[p.region_id] += 3 if p.start < title_end else 1
    macro = [(n, rid) for rid, n in scores.items() if gazetteer.regions[rid].level == "macro_region"]
    if macro and max(macro)[0] >= 2:
        return max(macro)[1]
    provinces = [(n, rid) for rid, n in scores.items() if gazetteer.regions[rid].level == "province"]
    if provinces:
        return max(provinces)[1]
    return max(scores.items(), key=lambda kv: kv[1])[0]


def infer_year(text: str, published: str) -> Optional[int]:
    """The year a report is mainly about: the most frequent last year of its stated
    periods (latest on ties), leaving out horizons such as "đến năm 2030"."""
    counts = Counter(
        p.period.end_year for p in find_periods(text)
        if p.period is not None and not re.search(r"đến\s*$", text[max(0, p.start - 6):p.start])
    )
    limit = int(published[:4]) if published else None
    if limit:
        counts = Counter({y: n for y, n in counts.items() if y <= limit}) or counts
    if not counts:
        return int(published[:4]) if published else None
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]


def document_meta(file_name: str, text: str, gazetteer: Gazetteer,
                  manifest_row: Optional[dict[str, str]] = None) -> DocumentMeta:
    row = manifest_row or {}
    published = row.get("published") or infer_published(text)
    published_source = "manifest" if row.get("published") else "dateline" if published else ""
    region = row.get("region_id") or infer_region(text, gazetteer)
    warnings = []
    if not row.get("region_id") and not gazetteer.find(text):
        warnings.append("no place named in the text; region set to ca-nuoc (add a manifest row to correct it)")
    year = infer_year(text, published)
    doc_id = row.get("doc_id") or (f"{year}-{region}" if year else region)
    return DocumentMeta(
        doc_id=doc_id,
        title=row.get("title") or infer_title(text),
        published=published,
        region_id=region,
        publisher=row.get("publisher", ""),
        received=row.get("received", ""),
        source="manifest" if manifest_row else "inferred",
        published_source=published_source,
        source_url=row.get("source_url", ""),
        warnings=tuple(warnings),
    )
