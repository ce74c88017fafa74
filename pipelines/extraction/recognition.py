"""At which level recognised products and facilities were recognised.

"23 cơ sở với 29 sản phẩm đạt chứng nhận sản phẩm tiêu biểu cấp tỉnh, 19 cơ sở có
21 sản phẩm … cấp khu vực": each count takes the level its own clause names (the
words after it first, then the nearest before it), so counts at different levels
stay distinct figures. The levels are the rules of ``rules/recognition.toml``.
"""

from __future__ import annotations

from typing import Optional

from pipelines.extraction.document import Document
from pipelines.extraction.figure import BY_TOTAL, CLAUSE, PARAGRAPH, SENTENCE, Evidence, Figure
from pipelines.tables.vocabulary import Activity, Measure, RecognitionLevel
from pipelines.text.rules import matcher
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Span

# counts that can be recognised: products, and the facilities that own them
RECOGNISED_MEASURES = (Measure.PRODUCTS, Measure.BENEFICIARIES)
_LEVELS = matcher("recognition", "level")


def decide_recognition(doc: Document, m: NumberMention, measure: str, activity: str,
                       clause: Span, total: Optional[Figure] = None) -> tuple[str, Optional[Evidence]]:
    """``provincial``, ``regional``, ``national``, or "" when no level applies, and the
    rule that said it (None when no level applies). A part names no level of its own
    ("gồm 90 sản phẩm nhóm chế biến …") takes its total's."""
    if measure not in RECOGNISED_MEASURES or activity != Activity.TYPICAL_PRODUCTS:
        return RecognitionLevel.NONE, None
    after = _LEVELS.find(doc.text[m.unit_end:clause.end])
    hit = after[0] if after else next(iter(_LEVELS.find(doc.text[clause.start:m.start])[-1:]), None)
    if hit is None and total is not None and total.recognition_level:
        return total.recognition_level, Evidence(SENTENCE, "its total", BY_TOTAL)
    if hit is None:  # a breakdown after its total: the level its paragraph named last before it
        para = doc.paragraph_of(m.start)
        before = _LEVELS.find(doc.text[para.start if para else clause.start:clause.start])
        if before:
            return before[-1].answer, Evidence(PARAGRAPH, before[-1].words, before[-1].rule.id)
    if hit is None:
        return RecognitionLevel.NONE, None
    return hit.answer, Evidence(CLAUSE, hit.words, hit.rule.id)
