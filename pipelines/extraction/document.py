"""One report as the decisions see it: its text and what was found in it, indexed.

Periods, numbers, places and paragraphs are found once and kept sorted by offset,
so every look-up ("the periods in this clause", "the paragraph of this number")
is a bisection, not a scan from the start: extraction time grows with the
report's length, not with its square.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Optional

from pipelines.text.chrome import outside_chrome
from pipelines.text.gazetteer import Gazetteer, Place, outside_names, outside_venues
from pipelines.text.periods import Period, PeriodMention, find_periods
from pipelines.text.rules import matcher
from pipelines.text.scan import NumberMention, scan_numbers
from pipelines.text.segments import Paragraph, chrome_of, split_paragraphs


_QUOTED = matcher("structure", "quoted")  # a quoted title: its years name a project


@dataclass(frozen=True)
class Document:
    doc_id: str
    text: str
    report_region: str
    published: str  # YYYY-MM-DD or ""
    default_period: Optional[Period]
    periods: list[PeriodMention]  # those that can date a figure (not inside a quoted title)
    numbers: list[NumberMention]
    places: list[Place]
    paragraphs: list[Paragraph]
    _period_starts: list[int]
    _number_starts: list[int]
    _place_starts: list[int]
    _paragraph_starts: list[int]

    def periods_in(self, start: int, end: int) -> list[PeriodMention]:
        """Periods lying wholly inside [start, end)."""
        lo, hi = bisect_left(self._period_starts, start), bisect_right(self._period_starts, end)
        return [p for p in self.periods[lo:hi] if p.end <= end]

    def numbers_from(self, start: int, end: int) -> list[NumberMention]:
        """Numbers starting inside [start, end)."""
        lo, hi = bisect_left(self._number_starts, start), bisect_left(self._number_starts, end)
        return self.numbers[lo:hi]

    def places_from(self, start: int, end: int) -> list[Place]:
        """Places starting inside [start, end)."""
        lo, hi = bisect_left(self._place_starts, start), bisect_left(self._place_starts, end)
        return self.places[lo:hi]

    def paragraph_of(self, offset: int) -> Optional[Paragraph]:
        index = bisect_right(self._paragraph_starts, offset) - 1
        if index >= 0 and offset <= self.paragraphs[index].end:
            return self.paragraphs[index]
        return None


def read_document(doc_id: str, text: str, report_region: str, gazetteer: Gazetteer,
                  default_year: Optional[int], published: str) -> Document:
    found = find_periods(text)
    numbers = sorted(scan_numbers(text, found), key=lambda n: n.start)
    periods = _outside_titles(text, found)
    paragraphs = split_paragraphs(text)
    # a place in page chrome (a weather widget, other articles' headlines) is no figure's,
    # and neither a place inside a recipient's name ("Công ty TNHH Gốm Huế") nor the venue
    # of an event ("hội chợ … tại Hà Nội") is a place cue; a district names its province
    places = outside_chrome(sorted(outside_venues(text, outside_names(text, gazetteer.find_all(text)))
                                   + _own_region_mentions(text, report_region, gazetteer),
                                   key=lambda p: p.start), chrome_of(paragraphs))
    return Document(
        doc_id, text, report_region, published, Period.year(default_year) if default_year else None,
        periods, numbers, places, paragraphs,
        [p.start for p in periods], [n.start for n in numbers], [p.start for p in places],
        [p.start for p in paragraphs],
    )


def _outside_titles(text: str, periods: list[PeriodMention]) -> list[PeriodMention]:
    """The periods that can date a figure: not those inside a quoted title."""
    titles = [(hit.start, hit.end) for hit in _QUOTED.finditer(text)]
    starts = [s for s, _ in titles]
    kept = []
    for p in periods:
        index = bisect_right(starts, p.start) - 1
        if index < 0 or p.end > titles[index][1]:
            kept.append(p)
    return kept


def _own_region_mentions(text: str, report_region: str, gazetteer: Gazetteer) -> list[Place]:
    """In a regional conference report, "khu vực" or "toàn vùng" on its own is that region."""
    region = gazetteer.regions.get(report_region)
    if region is None or region.level != "macro_region":
        return []
    return [Place(h.start, h.end, report_region, region.level) for h in matcher("region", "own_region").finditer(text)]
