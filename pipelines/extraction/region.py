"""Which place a figure is for: a place named before it in its clause, one it is
said to be "of" right after it, its total's, one named earlier in the sentence, or
the report's own region (region.toml's ``[[order.figure]]``); a count of provinces
in its clause makes it doubtful (``[[order.adjust]]``)."""

from __future__ import annotations

from typing import Optional

from pipelines.extraction.around import Around
from pipelines.extraction.document import Document
from pipelines.extraction.figure import BY_REPORT, BY_TOTAL, CLAUSE, CONTESTED, REPORT, SENTENCE, Evidence
from pipelines.text.rules import chain, matcher
from pipelines.text.gazetteer import Place

# "12 tỷ đồng của tỉnh Quảng Nam": the preposition sits right before the place name
PLACE_AFTER_LOOKBEHIND = 30
DECISION = "region"
_OF_AFTER, _CONTESTED = matcher(DECISION, "of_after"), matcher(DECISION, "contested")
_OWN_REGION = matcher(DECISION, "own_region")


def decide_region(a: Around) -> tuple[str, Evidence]:
    """The first step of region.toml's order ``figure`` that answers, else the report's own
    region; then its order ``adjust`` (a place made doubtful)."""
    decided = _FIGURE.first(a) or (a.doc.report_region, Evidence(REPORT, "", BY_REPORT))
    return _ADJUST.each(decided, a)


def _named_before(f: Around, start: int, source: str) -> Optional[tuple[str, Evidence]]:
    before = [p for p in f.doc.places_from(start, f.m.start) if p.end <= f.m.start]
    return (before[-1].region_id, _named(f.doc, source, before[-1])) if before else None


def _in_clause(f: Around) -> Optional[tuple[str, Evidence]]:
    return _named_before(f, f.clause.start, CLAUSE)


def _of_after(f: Around) -> Optional[tuple[str, Evidence]]:
    for p in f.doc.places_from(f.m.unit_end, f.clause.end):
        of = _OF_AFTER.search(f.doc.text[f.m.unit_end:p.start][-PLACE_AFTER_LOOKBEHIND:])
        if of:
            return p.region_id, Evidence(CLAUSE, f.doc.text[p.start:p.end], of.rule.id)
    return None


def _from_total(f: Around) -> Optional[tuple[str, Evidence]]:
    if f.total is not None and f.total.region_id:
        return f.total.region_id, Evidence(SENTENCE, "its total", BY_TOTAL)
    return None


def _in_sentence(f: Around) -> Optional[tuple[str, Evidence]]:
    return _named_before(f, f.sentence.start, SENTENCE)


def _contested(decided: tuple[str, Evidence], f: Around) -> Optional[tuple[str, Evidence]]:
    wider = _CONTESTED.search(f.doc.text, f.clause.start, f.clause.end)
    if wider is None:
        return None
    region, evidence = decided  # "hỗ trợ 163 cơ sở … đến từ 25 tỉnh": one place is doubtful
    return region, Evidence(CONTESTED, f"{evidence.cue}, {wider.words}".strip(", "), wider.rule.id)


_FIGURE = chain(DECISION, "figure", {"in_clause": _in_clause, "of_after": _of_after, "total": _from_total,
                                     "in_sentence": _in_sentence})
_ADJUST = chain(DECISION, "adjust", {"contested": _contested})


def _named(doc: Document, source: str, place: Place) -> Evidence:
    """A place named by the gazetteer (its words), or the report's own region by a rule."""
    words = doc.text[place.start:place.end]
    own = _OWN_REGION.fullmatch(words) if place.region_id == doc.report_region else None
    return Evidence(source, words, own.rule.id if own else "")
