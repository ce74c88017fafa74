"""At which level recognised products and facilities were recognised.

"23 cơ sở với 29 sản phẩm đạt chứng nhận sản phẩm tiêu biểu cấp tỉnh, 19 cơ sở có
21 sản phẩm … cấp khu vực": each count takes the level its own clause names (the
words after it first, then the nearest before it), so counts at different levels
stay distinct figures. The levels are the rules of ``rules/recognition.toml``.
"""

from __future__ import annotations

from typing import Optional

from pipelines.extraction.document import Document
from pipelines.extraction.figure import CLAUSE, Evidence
from pipelines.tables.vocabulary import Activity, Measure, RecognitionLevel
from pipelines.text.rules import matcher
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Span

# counts that can be recognised: products, and the facilities that own them
RECOGNISED_MEASURES = (Measure.PRODUCTS, Measure.BENEFICIARIES)
_LEVELS = matcher("recognition", "level")


def decide_recognition(doc: Document, m: NumberMention, measure: str, activity: str,
                       clause: Span) -> tuple[str, Optional[Evidence]]:
    """``provincial``, ``regional``, ``national``, or "" when no level applies, and the
    rule that said it (None when no level applies)."""
    if measure not in RECOGNISED_MEASURES or activity != Activity.TYPICAL_PRODUCTS:
        return RecognitionLevel.NONE, None
    after = _LEVELS.find(doc.text[m.unit_end:clause.end])
    hit = after[0] if after else next(iter(_LEVELS.find(doc.text[clause.start:m.start])[-1:]), None)
    if hit is None:
        return RecognitionLevel.NONE, None
    return hit.answer, Evidence(CLAUSE, hit.words, hit.rule.id)
