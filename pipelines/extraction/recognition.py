"""At which level recognised products and facilities were recognised.

"23 cơ sở với 29 sản phẩm đạt chứng nhận sản phẩm tiêu biểu cấp tỉnh, 19 cơ sở có
21 sản phẩm … cấp khu vực": each count takes the level its own clause names (the
words after it first, then the nearest before it), so counts at different levels
stay distinct figures.
"""

from __future__ import annotations

from pipelines.extraction.document import Document
from pipelines.text import cues
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Span

# counts that can be recognised: products, and the facilities that own them
RECOGNISED_MEASURES = ("products", "beneficiaries")


def decide_recognition(doc: Document, m: NumberMention, measure: str, activity: str, clause: Span) -> str:
    """``provincial``, ``regional``, ``national``, or "" when no level applies."""
    if measure not in RECOGNISED_MEASURES or activity != "typical_products":
        return ""
    after = cues.find_cues(doc.text[m.unit_end:clause.end], cues.RECOGNITION_LEVELS)
    if after:
        return after[0].label
    return doc.nearest((clause.start, m.start), cues.RECOGNITION_LEVELS)
