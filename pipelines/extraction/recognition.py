"""At which level recognised products and facilities were recognised.

"23 cơ sở với 29 sản phẩm đạt chứng nhận sản phẩm tiêu biểu cấp tỉnh, 19 cơ sở có
21 sản phẩm … cấp khu vực": each count takes the level its own clause names (the
words after it first, then the nearest before it), so counts at different levels
stay distinct figures. The levels are the rules of ``rules/recognition.toml``.
"""

from __future__ import annotations

from typing import Optional

from pipelines.extraction.around import Around
from pipelines.extraction.figure import BY_TOTAL, CLAUSE, PARAGRAPH, SENTENCE, Evidence
from pipelines.tables.vocabulary import Activity, Measure, RecognitionLevel
from pipelines.text.rules import Hit, chain, matcher

# counts that can be recognised: products, and the facilities that own them
RECOGNISED_MEASURES = (Measure.PRODUCTS, Measure.BENEFICIARIES)
_LEVELS = matcher("recognition", "level")


def decide_recognition(a: Around, measure: str, activity: str) -> tuple[str, Optional[Evidence]]:
    """``provincial``, ``regional``, ``national``, or "" when no level applies, and the
    rule that said it (None when no level applies): the first step of recognition.toml's
    order ``count`` that answers."""
    if measure not in RECOGNISED_MEASURES or activity != Activity.TYPICAL_PRODUCTS:
        return RecognitionLevel.NONE, None
    return _COUNT.first(a) or (RecognitionLevel.NONE, None)


def _level(hit: Hit, source: str = CLAUSE) -> tuple[str, Evidence]:
    return hit.answer, Evidence(source, hit.words, hit.rule.id)


def _after(c: Around) -> Optional[tuple[str, Evidence]]:
    found = _LEVELS.find(c.doc.text[c.m.unit_end:c.clause.end])
    return _level(found[0]) if found else None


def _before(c: Around) -> Optional[tuple[str, Evidence]]:
    found = _LEVELS.find(c.doc.text[c.clause.start:c.m.start])
    return _level(found[-1]) if found else None


def _from_total(c: Around) -> Optional[tuple[str, Evidence]]:
    """"gồm 90 sản phẩm nhóm chế biến …": a part naming no level takes its total's."""
    if c.total is not None and c.total.recognition_level:
        return c.total.recognition_level, Evidence(SENTENCE, "its total", BY_TOTAL)
    return None


def _paragraph(c: Around) -> Optional[tuple[str, Evidence]]:
    """A breakdown after its total: the level its paragraph named last before it."""
    para = c.doc.paragraph_of(c.m.start)
    before = _LEVELS.find(c.doc.text[para.start if para else c.clause.start:c.clause.start])
    return _level(before[-1], PARAGRAPH) if before else None


_COUNT = chain("recognition", "count", {"after": _after, "before": _before, "total": _from_total,
                                        "paragraph": _paragraph})
