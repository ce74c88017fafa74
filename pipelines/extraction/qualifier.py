"""How a figure is qualified: average, target, estimate, at least (or plain)."""

from __future__ import annotations

from pipelines.extraction.document import Document
from pipelines.text import cues
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Span

# "hơn 3,8 tỷ", "không dưới 20 cơ sở": the word sits right before the number
AT_LEAST_LOOKBEHIND = 12


def decide_qualifier(doc: Document, m: NumberMention, clause: Span, carried: str) -> str:
    if m.fraction == "denominator":
        return ""
    label = doc.nearest((clause.start, m.start), cues.QUALIFIERS)
    if label:
        return label
    if cues.AT_LEAST_RE.search(doc.text[max(clause.start, m.start - AT_LEAST_LOOKBEHIND):m.start]):
        return "at_least"
    return carried
