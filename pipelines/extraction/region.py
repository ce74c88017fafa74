"""Which place a figure is for: a place named before it in its clause, one it is
said to be "of" right after it, its total's, one named earlier in the sentence, or
the report's own region."""

from __future__ import annotations

from typing import Optional

from pipelines.extraction.document import Document
from pipelines.extraction.figure import BY_REPORT, BY_TOTAL, CLAUSE, CONTESTED, REPORT, SENTENCE, Evidence, Figure
from pipelines.text.rules import matcher
from pipelines.text.gazetteer import Place
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Sentence, Span

# "12 tỷ đồng của tỉnh Quảng Nam": the preposition sits right before the place name
PLACE_AFTER_LOOKBEHIND = 30
DECISION = "region"
_OF_AFTER, _CONTESTED = matcher(DECISION, "of_after"), matcher(DECISION, "contested")
_OWN_REGION = matcher(DECISION, "own_region")


def decide_region(doc: Document, m: NumberMention, clause: Span, sentence: Sentence,
                  total: Optional[Figure]) -> tuple[str, Evidence]:
    region, evidence = _region(doc, m, clause, sentence, total)
    wider = _CONTESTED.search(doc.text, clause.start, clause.end)
    if wider:  # "hỗ trợ 163 cơ sở … đến từ 25 tỉnh": one place is doubtful
        return region, Evidence(CONTESTED, f"{evidence.cue}, {wider.words}".strip(", "), wider.rule.id)
    return region, evidence


def _region(doc: Document, m: NumberMention, clause: Span, sentence: Sentence,
            total: Optional[Figure]) -> tuple[str, Evidence]:
    before = [p for p in doc.places_from(clause.start, m.start) if p.end <= m.start]
    if before:
        return before[-1].region_id, _named(doc, CLAUSE, before[-1])
    for p in doc.places_from(m.unit_end, clause.end):
        of = _OF_AFTER.search(doc.text[m.unit_end:p.start][-PLACE_AFTER_LOOKBEHIND:])
        if of:
            return p.region_id, Evidence(CLAUSE, doc.text[p.start:p.end], of.rule.id)
    if total is not None and total.region_id:
        return total.region_id, Evidence(SENTENCE, "its total", BY_TOTAL)
    in_sentence = [p for p in doc.places_from(sentence.start, m.start) if p.end <= m.start]
    if in_sentence:
        return in_sentence[-1].region_id, _named(doc, SENTENCE, in_sentence[-1])
    return doc.report_region, Evidence(REPORT, "", BY_REPORT)


def _named(doc: Document, source: str, place: Place) -> Evidence:
    """A place named by the gazetteer (its words), or the report's own region by a rule."""
    words = doc.text[place.start:place.end]
    own = _OWN_REGION.fullmatch(words) if place.region_id == doc.report_region else None
    return Evidence(source, words, own.rule.id if own else "")
