"""What a figure measures: money planned, allocated or spent, projects, counts.

Money and counts are read from the head phrase or verb before the number; a
count's noun is its unit. Percentages are decided in ``percent``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pipelines.extraction.document import Document
from pipelines.extraction.figure import Figure
from pipelines.extraction.percent import percent_measure
from pipelines.text import cues
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Sentence, Span

# "382 sản phẩm tham gia bình chọn": the words right after a product count say whether
# it was entered or recognised; further on they describe something else
ENTERED_LOOKAHEAD = 60
# "với 300 triệu đồng hỗ trợ từ nguồn …": the support verb follows the amount closely
SUPPORT_LOOKAHEAD = 20


@dataclass(frozen=True)
class Measured:
    measure: str  # "" when the number is no figure of the programme
    value: float
    reason: str = ""  # a count that is not a programme figure: products_entered, not_supported


def decide_measure(doc: Document, m: NumberMention, plan: bool, window: tuple[int, int], clause: Span,
                   sentence: Sentence, previous: list[Figure], total: Optional[Figure]) -> Measured:
    value = m.value or 0.0
    if m.unit == "VND":
        return Measured(money_measure(doc, m, plan, window, clause, previous, total), value)
    if m.unit == "percent":
        return Measured(*percent_measure(doc, m, window, sentence, previous))
    if m.count_noun == "projects":
        return Measured(project_measure(doc, m, window, clause, sentence, total), value)
    if m.count_noun == "products" and _entered(doc, m, clause, total):
        return Measured("", value, "products_entered")  # "382 sản phẩm tham gia bình chọn"
    after = doc.text[m.unit_end:clause.end]
    if m.count_noun == "beneficiaries" and not (cues.SUPPORTED_BEFORE.search(doc.text[clause.start:m.start])
                                                 or cues.SUPPORTED_AFTER.search(after)):
        return Measured("", value, "not_supported")  # "toàn tỉnh có 2.605 cơ sở": counted, not supported
    return Measured(m.count_noun, value)  # beneficiaries, models, products


def project_measure(doc: Document, m: NumberMention, window: tuple[int, int], clause: Span,
                    sentence: Sentence, total: Optional[Figure]) -> str:
    if cues.NEGATED.search(doc.text[window[0]:window[1]]):
        return ""  # "cho ngừng thực hiện 02 đề án"
    if m.fraction == "denominator":
        return "projects_planned"
    label = (doc.nearest(window, cues.PROJECT_VERBS)
             or (total.measure if total and total.mention.unit == m.unit else "")
             or doc.nearest((clause.start, m.start), cues.PROJECT_VERBS)
             or doc.nearest((sentence.start, m.start), cues.PROJECT_VERBS))
    return label or "projects_implemented"


def _entered(doc: Document, m: NumberMention, clause: Span, total: Optional[Figure]) -> bool:
    """Products entered for a vote, as opposed to recognised. The words right after the
    count decide ("382 sản phẩm tham gia bình chọn"), else the nearer cue before it; the
    parts of an entered total ("Trong đó, nhóm … có 66 sản phẩm") are entered too."""
    after = doc.text[m.unit_end:clause.end][:ENTERED_LOOKAHEAD]
    verdict = _first_cue(after, cues.PRODUCTS_ENTERED, cues.PRODUCTS_RECOGNISED, first=True)
    if verdict is None:
        verdict = _first_cue(doc.text[clause.start:m.start], cues.PRODUCTS_ENTERED, cues.PRODUCTS_RECOGNISED,
                             first=False)
    if verdict is None:
        return total is not None and total.reason == "products_entered"
    return verdict


def money_measure(doc: Document, m: NumberMention, plan: bool, window: tuple[int, int], clause: Span,
                  previous: list[Figure], total: Optional[Figure]) -> str:
    words = doc.text[window[0]:window[1]]
    if cues.NEGATED.search(words):
        return ""  # "kinh phí chưa phân bổ 340 triệu": what did not happen is no figure
    if cues.NOT_PROGRAMME_GROWTH.search(words):
        return ""  # "giá trị sản xuất … 66 ngàn tỷ đồng": the economy's figures, not the programme's
    if cues.PER_UNIT.search(words):
        return ""  # "mỗi cơ sở được hỗ trợ tối đa 35 triệu đồng": a rate, not an amount
    if m.fraction == "denominator":
        return "budget_plan"  # "600/1.200 triệu đồng": granted of requested
    for span in (window, (clause.start, window[1])):
        label = _money_cue(doc, m, plan, span, clause, window, previous, total)
        if label:
            return label
    if cues.BUDGET_NOUN.search(words):
        # "kinh phí … của tỉnh là 3,3 tỷ": the budget, unless the clause reports what it did
        # ("với tổng kinh phí 11,977 tỷ đồng, Hà Nam đã thực hiện …")
        done = cues.ACTUAL_FRAME.search(doc.text[clause.start:clause.end])
        return "budget_spent" if done else "budget_plan"
    return ""


def _money_cue(doc: Document, m: NumberMention, plan: bool, span: tuple[int, int], clause: Span,
               window: tuple[int, int], previous: list[Figure], total: Optional[Figure]) -> str:
    """The money measure the words of ``span`` (or the figure's surroundings) name, or ""."""
    head = doc.nearest(span, cues.MONEY_HEADS)
    if head == "support":
        words = doc.text[clause.start:window[1]]
        done = cues.EXECUTION_WORDS.search(words) or cues.ACTUAL_FRAME.search(words)
        return "budget_spent" if done else "budget_plan"
    label = head or doc.nearest(span, cues.MONEY_VERBS)
    if label:
        return label
    if total is not None and total.mention.unit == "VND" and total.measure:
        return total.measure
    if cues.SUPPORT_AFTER.match(doc.text[m.unit_end:m.unit_end + SUPPORT_LOOKAHEAD]):
        return "budget_spent"  # "với 300 triệu đồng hỗ trợ từ nguồn …"
    if plan:
        return "budget_plan"
    item = _counted_item(doc, window, previous)
    if item is not None:
        return "budget_plan" if item.measure == "projects_planned" else "budget_spent"
    return ""


def _counted_item(doc: Document, window: tuple[int, int], previous: list[Figure]) -> Optional[Figure]:
    """The project count a money figure belongs to: "4 đề án tập huấn (380 triệu đồng)"."""
    if not cues.ITEM_MONEY.fullmatch(doc.text[window[0]:window[1]]):
        return None
    before = [q for q in previous if q.mention.end <= window[0] and not q.reason]
    if before and before[-1].mention.count_noun == "projects" and before[-1].mention.unit_end <= window[0]:
        return before[-1]
    return None


def _first_cue(words: str, yes: re.Pattern[str], no: re.Pattern[str], first: bool) -> Optional[bool]:
    """Whether ``yes`` rather than ``no`` matches first (or, with ``first=False``, last) in
    ``words``; None when neither does."""
    hits = sorted([(m.start(), True) for m in yes.finditer(words)] + [(m.start(), False) for m in no.finditer(words)])
    if not hits:
        return None
    return hits[0][1] if first else hits[-1][1]
