"""Which place a figure is for: a place named before it in its clause, one it is
said to be "of" right after it, its total's, one named earlier in the sentence, or
the report's own region."""

from __future__ import annotations

from typing import Optional

from pipelines.extraction.document import Document
from pipelines.extraction.figure import CLAUSE, CONTESTED, REPORT, SENTENCE, Evidence, Figure
from pipelines.text import cues
from pipelines.text.gazetteer import Place
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Sentence, Span

# "12 tỷ đồng của tỉnh Quảng Nam": the preposition sits right before the place name
PLACE_AFTER_LOOKBEHIND = 30


def decide_region(doc: Document, m: NumberMention, clause: Span, sentence: Sentence,
                  total: Optional[Figure]) -> tuple[str, Evidence]:
    region, evidence = _region(doc, m, clause, sentence, total)
    wider = cues.PROVINCE_COUNT.search(doc.text, clause.start, clause.end)
    if wider:  # "hỗ trợ 163 cơ sở … đến từ 25 tỉnh": one place is doubtful
        return region, Evidence(CONTESTED, f"{evidence.cue}, {wider.group(0)}".strip(", "))
    return region, evidence


def _region(doc: Document, m: NumberMention, clause: Span, sentence: Sentence,
            total: Optional[Figure]) -> tuple[str, Evidence]:
    before = [p for p in doc.places_from(clause.start, m.start) if p.end <= m.start]
    if before:
        return before[-1].region_id, _named(doc, CLAUSE, before[-1])
    for p in doc.places_from(m.unit_end, clause.end):
        if cues.PLACE_AFTER.search(doc.text[m.unit_end:p.start][-PLACE_AFTER_LOOKBEHIND:]):
            return p.region_id, _named(doc, CLAUSE, p)
    if total is not None and total.region_id:
        return total.region_id, Evidence(SENTENCE, "its total")
    in_sentence = [p for p in doc.places_from(sentence.start, m.start) if p.end <= m.start]
    if in_sentence:
        return in_sentence[-1].region_id, _named(doc, SENTENCE, in_sentence[-1])
    return doc.report_region, Evidence(REPORT)


def _named(doc: Document, source: str, place: Place) -> Evidence:
    return Evidence(source, doc.text[place.start:place.end])
