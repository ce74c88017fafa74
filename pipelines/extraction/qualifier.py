"""How a figure is qualified: average, target, estimate, at least (or plain)."""

from __future__ import annotations

from pipelines.extraction.document import Document
from pipelines.extraction.figure import CLAUSE, DEFAULT, PARAGRAPH, Evidence
from pipelines.text import cues
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Span

# "hơn 3,8 tỷ", "không dưới 20 cơ sở": the word sits right before the number
AT_LEAST_LOOKBEHIND = 12


def decide_qualifier(doc: Document, m: NumberMention, clause: Span, carried: str) -> tuple[str, Evidence]:
    if m.fraction == "denominator":
        return "", Evidence(CLAUSE, "/")
    found = [c for c in cues.find_cues(doc.text[clause.start:m.start], cues.QUALIFIERS)
             if not (c.label == "target" and cues.PURPOSE_BEFORE.search(doc.text[clause.start:clause.start + c.start]))]
    if found:
        return found[-1].label, Evidence(CLAUSE, doc.text[clause.start + found[-1].start:clause.start + found[-1].end])
    at_least = cues.AT_LEAST_RE.search(doc.text[max(clause.start, m.start - AT_LEAST_LOOKBEHIND):m.start])
    if at_least:
        return "at_least", Evidence(CLAUSE, at_least.group(0).strip())
    if carried and not (carried == "target" and m.unit == "VND"):  # an aim said before is not the budget's
        return carried, Evidence(PARAGRAPH)
    return "", Evidence(DEFAULT)
