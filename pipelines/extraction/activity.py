"""Which activity of Decree 45/2012/NĐ-CP a figure is about (training, technology …)."""

from __future__ import annotations

from typing import Optional

from pipelines.extraction.document import Document
from pipelines.extraction.figure import CLAUSE, DEFAULT, SENTENCE, Evidence, Figure
from pipelines.text import cues
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Span

# "14 cơ sở ứng dụng máy móc thiết bị tiên tiến vào sản xuất": what a count counts is
# named within a short phrase after it, not anywhere in a long clause
ACTIVITY_LOOKAHEAD = 150


def decide_activity(doc: Document, m: NumberMention, window: tuple[int, int], clause: Span,
                    total: Optional[Figure], previous: list[Figure]) -> tuple[str, Evidence]:
    if m.unit == "count":
        after = _activity_after(doc, m.end, clause)
        if after:
            return after
    if m.unit == "VND":
        found = _activity_in(doc, window)
        if found:
            return found
        # "7 đề án hỗ trợ máy móc … (2,7 tỷ đồng)": the money of the item just counted
        counted = [q for q in previous if q.mention.unit == "count" and q.mention.start >= clause.start]
        if counted and window[0] == counted[-1].mention.unit_end and counted[-1].activity:
            return counted[-1].activity, Evidence(CLAUSE, "its project count")
        after = _activity_after(doc, m.unit_end, clause)
        if after:
            return after
    found = _activity_in(doc, (clause.start, m.start))
    if found:
        return found
    if total is not None:
        return total.activity, Evidence(SENTENCE, "its total")
    return "all", Evidence(DEFAULT)


def _activity_in(doc: Document, span: tuple[int, int]) -> tuple[str, Evidence] | None:
    found = cues.find_cues(doc.text[span[0]:span[1]], cues.ACTIVITIES)
    if not found:
        return None
    return found[-1].label, Evidence(CLAUSE, doc.text[span[0] + found[-1].start:span[0] + found[-1].end])


def _activity_after(doc: Document, start: int, clause: Span) -> tuple[str, Evidence] | None:
    after = cues.find_cues(doc.text[start:clause.end][:ACTIVITY_LOOKAHEAD], cues.ACTIVITIES)
    if not after:
        return None
    return after[0].label, Evidence(CLAUSE, doc.text[start + after[0].start:start + after[0].end])
