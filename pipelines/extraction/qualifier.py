"""How a figure is qualified: average, target, estimate, at least (or plain)."""

from __future__ import annotations

from pipelines.extraction.document import Document
from pipelines.extraction.figure import BY_CARRIED, CLAUSE, DEFAULT, PARAGRAPH, Evidence
from pipelines.tables.vocabulary import Qualifier, Unit
from pipelines.text.rules import matcher
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Span

# "hơn 3,8 tỷ", "không dưới 20 cơ sở": the word sits right before the number
AT_LEAST_LOOKBEHIND = 12
DECISION = "qualifier"
_NAMED, _AT_LEAST, _PURPOSE = matcher(DECISION, "named"), matcher(DECISION, "at_least"), matcher(DECISION, "purpose")


def decide_qualifier(doc: Document, m: NumberMention, clause: Span, carried: str) -> tuple[str, Evidence]:
    if m.fraction == "denominator":
        return Qualifier.NONE, Evidence(CLAUSE, "/")
    before = doc.text[clause.start:m.start]
    found, purposes = [], []
    for hit in _NAMED.find(before):
        purpose = _PURPOSE.search(before, 0, hit.start) if hit.answer == Qualifier.TARGET else None
        if purpose is None:
            found.append(hit)
        else:
            purposes.append(purpose)
    if found:
        return found[-1].answer, Evidence(CLAUSE, found[-1].words, found[-1].rule.id)
    at_least = _AT_LEAST.search(doc.text[max(clause.start, m.start - AT_LEAST_LOOKBEHIND):m.start])
    if at_least:
        return at_least.answer, Evidence(CLAUSE, at_least.words.strip(), at_least.rule.id)
    if carried and not (carried == Qualifier.TARGET and m.unit == Unit.VND):  # an aim said before is not the budget's
        return carried, Evidence(PARAGRAPH, "", BY_CARRIED)
    # nothing qualifies the figure; a purpose that set an aim aside says why
    return Qualifier.NONE, Evidence(DEFAULT, "", purposes[-1].rule.id if purposes else "")
