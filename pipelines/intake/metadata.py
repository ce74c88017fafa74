"""Report metadata: the manifest row, what the page says about itself, or the text.

A report dropped into data/raw/ without a manifest row is still ingested: its
title, date, region, year and doc_id come from the page's metadata (web pages,
PDF and Word files) and from the text; a manifest row only overrides what it
fills in. The year is decided here, before extraction, from the date and the text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Optional

from pipelines.intake.dates import report_date
from pipelines.intake.outlets import outlet_region, text_outlet_region
from pipelines.tables.regions import COUNTRY
from pipelines.text.chrome import outside_chrome
from pipelines.text.formats import PageMetadata
from pipelines.text.gazetteer import Gazetteer, Place, outside_names, outside_venues
from pipelines.text.periods import find_periods
from pipelines.text.rules import matcher
from pipelines.text.segments import chrome_of, split_paragraphs

NO_PLACE_WARNING = ("no place named in the text or the publisher's name; region set to ca-nuoc "
                    "(set its region_id in manifest.csv, or add it with --region, to correct it)")
NO_YEAR_WARNING = "no date and no year in the text: its figures cannot be dated"
CHROME_PLACE_WARNING = ("places named only in page chrome (weather widget, menu, related articles, footer), "
                        "not in the article; region set to ca-nuoc (set its region_id in manifest.csv, "
                        "or add it with --region, to correct it)")
AMBIGUOUS_UNIT_WARNING = ("the text names only places that several provinces have ({}) and no province "
                          "that settles it; region set to ca-nuoc (set its region_id in manifest.csv, "
                          "or add it with --region, to correct it)")
HEADLINE_MAX_WORDS = 25  # Vietnamese news headlines run to about 20 words; a lead runs to 40 and more
# how the warnings of a region that is only the fallback, not read from the report, begin
GUESSED_REGION_WARNINGS = (NO_PLACE_WARNING, CHROME_PLACE_WARNING, AMBIGUOUS_UNIT_WARNING.split(" (")[0])


@dataclass
class DocumentMeta:
    doc_id: str
    title: str
    published: str
    region_id: str
    year: Optional[int] = None  # the year the report is mainly about: its figures' default period
    publisher: str = ""
    received: str = ""
    source: str = "inferred"  # inferred, manifest
    published_source: str = ""  # manifest, page_metadata, dateline, text or "" (see the contract)
    source_url: str = ""
    warnings: tuple[str, ...] = ()
    region_source: str = ""  # text, outlet (the publisher, its address or its tag), manifest or fallback


def infer_title(text: str) -> str:
    """The headline: the first line that reads as one (not page chrome, not a bare place)."""
    for para in split_paragraphs(text)[:8]:
        line = text[para.start:para.end]
        if para.kind == "chrome" or len(line.split()) < 6:
            continue
        return line if len(line) <= 200 else line[:200].rsplit(" ", 1)[0] + " …"
    return ""


def article_places(text: str, gazetteer: Gazetteer) -> list[Place]:
    """The places the article names, a district, town or commune as its province: not those
    in page chrome (a weather widget's city, a menu, other articles' headlines, the
    publisher's address), nor those inside a recipient's name ("Công ty TNHH Gốm Huế"
    moves no report), nor the venue of an event ("tổ chức tại tỉnh Bình Dương")."""
    places = outside_venues(text, outside_names(text, gazetteer.find_all(text)))
    return outside_chrome(places, chrome_of(split_paragraphs(text)))


def infer_region(text: str, gazetteer: Gazetteer) -> str:
    """The region a report is about: a conference region named repeatedly and at least as
    often as any province, else the most named province (headline mentions count
    triple), else the country."""
    places = article_places(text, gazetteer)
    if not places:
        return COUNTRY
    title = infer_title(text)
    # a headline's places count triple; a first line as long as a lead sentence is no headline
    title_end = text.find(title) + len(title) if title and len(title.split()) <= HEADLINE_MAX_WORDS else 0
    scores: Counter[str] = Counter()
    for p in places:
        scores[p.region_id] += 3 if p.start < title_end else 1
    macro = [(n, rid) for rid, n in scores.items() if gazetteer.regions[rid].level == "macro_region"]
    provinces = [(n, rid) for rid, n in scores.items() if gazetteer.regions[rid].level == "province"]
    # a region named repeatedly, unless one province is named more ("Lạng Sơn: 4 sản phẩm …
    # được công nhận sản phẩm tiêu biểu khu vực phía Bắc" is about Lạng Sơn)
    if macro and max(macro)[0] >= 2 and max(macro)[0] >= max(provinces, default=(0, ""))[0]:
        return max(macro)[1]
    if provinces:
        return max(provinces)[1]
    return max(scores.items(), key=lambda kv: kv[1])[0]


# a horizon ("đến năm 2030") or a year compared against ("tăng 20% so với năm 2019") is not
# what the report is about (period.toml)
_NOT_THE_REPORTS = matcher("period", "report_year")


def infer_year(text: str, published: str = "") -> Optional[int]:
    """The year a report is mainly about: the most frequent last year of its stated
    periods (latest on ties), leaving out horizons such as "đến năm 2030", years compared
    against ("so với năm 2019") and, for a dated report, years after the year following
    its date (a plan for the coming year is announced before it starts). A line said
    again (a repeated caption) is not counted again. A dated report that states none is
    about its date's year."""
    paragraphs = split_paragraphs(text)
    seen: set[str] = set()
    counts: Counter[int] = Counter()
    for para in paragraphs:
        line = text[para.start:para.end]
        if para.kind == "chrome" or line in seen:
            continue
        seen.add(line)
        for p in find_periods(line):
            before = line[max(0, p.start - 16):p.start]
            if p.period is None or _NOT_THE_REPORTS.search(before):
                continue
            counts[p.period.end_year] += 1
    if published:
        counts = Counter({y: n for y, n in counts.items() if y <= int(published[:4]) + 1})
        if not counts:
            return int(published[:4])
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]


def report_region(text: str, gazetteer: Gazetteer, publisher: str = "", url: str = "") -> tuple[str, str, str]:
    """(region, warning, where it came from): the place the article names (a district, town or commune as its
    province); else the outlet's province (by the outlets table or a province inside its
    name or address, from the manifest or from the text's own tag or address); else the
    country, with a warning that says whether places were named only in page chrome or
    only by a name several provinces share."""
    if article_places(text, gazetteer):
        return infer_region(text, gazetteer), "", "text"
    outlet = outlet_region(publisher, url, gazetteer) or text_outlet_region(text, gazetteer)
    if outlet:
        return outlet, "", "outlet"
    named = outside_names(text, gazetteer.find(text))  # not those inside recipients' names
    ambiguous = "; ".join(f"{name} is in {', '.join(where)}" for name, where in gazetteer.ambiguous_units(text))
    if ambiguous:
        return COUNTRY, AMBIGUOUS_UNIT_WARNING.format(ambiguous), "fallback"
    return COUNTRY, CHROME_PLACE_WARNING if named else NO_PLACE_WARNING, "fallback"


def document_meta(text: str, gazetteer: Gazetteer, manifest_row: Optional[dict[str, str]] = None,
                  page: PageMetadata = PageMetadata()) -> DocumentMeta:
    """Everything known about one report before its figures are extracted."""
    row = manifest_row or {}
    date = report_date(text, row.get("published", ""), row.get("published_source", ""), page.published)
    publisher = row.get("publisher") or page.site_name
    source_url = row.get("source_url") or page.url
    region, region_warning, region_source = (row["region_id"], "", "manifest") if row.get("region_id") else \
        report_region(text, gazetteer, publisher, source_url)
    year = infer_year(text, date.published)
    warnings = [w for w in (region_warning, "" if year else NO_YEAR_WARNING) if w]
    return DocumentMeta(
        doc_id=row.get("doc_id") or (f"{year}-{region}" if year else region),
        title=row.get("title") or page.title or infer_title(text),
        published=date.published,
        region_id=region,
        year=year,
        publisher=publisher,
        received=row.get("received", ""),
        source="manifest" if manifest_row else "inferred",
        published_source=date.source,
        source_url=source_url,
        warnings=tuple(warnings),
        region_source=region_source,
    )


def undated_warning(mentions: list[dict]) -> list[str]:
    """A warning counting the figures left out of the facts because no year applies to them."""
    undated = sum(1 for m in mentions if m["reason"] == "no_period")
    return [f"{undated} figure(s) without a year are not in the facts (mentions reason no_period)"] if undated else []
