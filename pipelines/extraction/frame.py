"""Plan or result: is a figure part of an announced plan, or what was done?

Announcements of approved plans state figures with the same verbs as results
("hỗ trợ", "thực hiện"); the nearer of a plan cue and a result cue decides.
"""

from __future__ import annotations

from typing import Optional

from pipelines.extraction.document import Document
from pipelines.extraction.figure import CLAUSE, DEFAULT, PARAGRAPH, PLANNED, SENTENCE, TARGETED, Evidence, Figure
from pipelines.text import cues
from pipelines.text.periods import Period
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Sentence, Span


def plan_frame(doc: Document, m: NumberMention, window: tuple[int, int], sentence: Sentence, base_plan: bool,
               previous: list[Figure], total: Optional[Figure]) -> tuple[bool, Evidence]:
    """Is the figure part of an announced plan ("phê duyệt … 65 đề án, với tổng kinh phí …")
    rather than a result? The nearer of a plan cue and a result cue decides; with
    neither, a figure follows the one before it, and the first one its sentence's frame."""
    purpose = cues.PURPOSE.match(doc.text, m.unit_end)
    if purpose:  # "hơn 3,8 tỷ đồng để thực hiện 5 đề án": money granted for what is to be done
        return True, Evidence(CLAUSE, purpose.group(0).strip())
    approved = m.fraction != "numerator" and cues.APPROVED_AFTER.match(doc.text, m.unit_end)
    if approved:  # "16 đề án khuyến công được đưa vào kế hoạch": what was approved
        return True, Evidence(CLAUSE, approved.group(0).strip())
    words = doc.text[window[0]:window[1]]
    verdict = nearer_frame(words)
    if verdict is not None:
        return verdict[0], Evidence(CLAUSE, verdict[1])
    if total is not None:
        return total.plan, Evidence(SENTENCE, "its total")  # the parts of a planned total are planned
    if previous:
        weak = cues.WEAK_VERBS.search(words)
        if weak and previous[-1].mention.unit == m.unit:
            return False, Evidence(CLAUSE, weak.group(0).strip())  # "được phê duyệt là 120 tỷ, thực hiện 118 tỷ"
        return previous[-1].plan, Evidence(SENTENCE, "the figure before")
    verdict = nearer_frame(doc.text[sentence.start:m.start])
    if verdict is not None:
        return verdict[0], Evidence(SENTENCE, verdict[1])
    return base_plan, Evidence(PARAGRAPH if base_plan else DEFAULT)


def nearer_frame(words: str) -> Optional[tuple[bool, str]]:
    """(True, cue) when a plan cue is the last frame cue in ``words``, (False, cue) for a result cue."""
    actuals = [(m.end(), m.group(0)) for m in cues.ACTUAL_FRAME.finditer(words)]
    words = cues.ACTUAL_FRAME.sub(lambda m: " " * len(m.group(0)), words)  # what they cover is theirs
    plans = [(m.end(), m.group(0)) for m in cues.PLAN_FRAME.finditer(words)]
    if not plans and not actuals:
        return None
    plan, actual = max(plans, default=(-1, "")), max(actuals, default=(-1, ""))
    return (True, plan[1]) if plan[0] > actual[0] else (False, actual[1])


def sentence_plan(doc: Document, sentence: Sentence, base_plan: bool) -> bool:
    """The frame a sentence without figures hands on."""
    verdict = nearer_frame(doc.text[sentence.start:sentence.end])
    return base_plan if verdict is None else verdict[0]


def still_running(doc: Document, m: NumberMention, clause: Span, measure: str, qualifier: str,
                  period: Optional[Period], role: str) -> bool:
    """A result stated for a period that had not ended when the report appeared is a
    plan ("16 đề án được thực hiện trong năm 2020", published in March 2020; "chương
    trình giai đoạn 2021-2025 hỗ trợ 50 cơ sở", published in 2021: a target), unless
    the words say it is done or under way ("đã thực hiện", "đang triển khai", "đạt")."""
    if not doc.published or period is None or period.end <= doc.published[:7]:
        return False
    if qualifier not in ("", "at_least") or measure not in (*PLANNED, *TARGETED):
        return False
    if cues.ACTUAL_FRAME.search(doc.text[clause.start:m.start]):
        return False  # "toàn tỉnh đang triển khai 13 đề án": under way, not planned
    return period.start_year == period.end_year or role != "part"
