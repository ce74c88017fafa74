"""Which activity of Decree 45/2012/NĐ-CP a figure is about (training, technology …)."""

from __future__ import annotations

from typing import Optional

from pipelines.extraction.document import Document
from pipelines.extraction.figure import Figure
from pipelines.text import cues
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Span

# "14 cơ sở ứng dụng máy móc thiết bị tiên tiến vào sản xuất": what a count counts is
# named within a short phrase after it, not anywhere in a long clause
ACTIVITY_LOOKAHEAD = 150


def decide_activity(doc: Document, m: NumberMention, window: tuple[int, int], clause: Span,
                    total: Optional[Figure], previous: list[Figure]) -> str:
    if m.unit == "count":
        after = _activities_after(doc, m.end, clause)
        if after:
            return after
    if m.unit == "VND":
        # "7 đề án hỗ trợ máy móc … (2,7 tỷ đồng)": the money of the item just counted
        label = doc.nearest(window, cues.ACTIVITIES)
        counted = [q for q in previous if q.mention.unit == "count" and q.mention.start >= clause.start]
        if not label and counted and window[0] == counted[-1].mention.unit_end:
            label = counted[-1].activity
        label = label or _activities_after(doc, m.unit_end, clause)
        if label:
            return label
    label = doc.nearest((clause.start, m.start), cues.ACTIVITIES)
    if label:
        return label
    return total.activity if total is not None else "all"


def _activities_after(doc: Document, start: int, clause: Span) -> str:
    after = cues.find_cues(doc.text[start:clause.end][:ACTIVITY_LOOKAHEAD], cues.ACTIVITIES)
    return after[0].label if after else ""
