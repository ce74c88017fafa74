"""Plan or result: is a figure part of an announced plan, or what was done?

Announcements of approved plans state figures with the same verbs as results
("hỗ trợ", "thực hiện"); the nearer of a plan cue and a result cue decides.
"""

from __future__ import annotations

from typing import Optional

from pipelines.extraction.document import Document
from pipelines.extraction.figure import PLANNED, Figure
from pipelines.text import cues
from pipelines.text.periods import Period
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Sentence, Span


def plan_frame(doc: Document, m: NumberMention, window: tuple[int, int], sentence: Sentence, base_plan: bool,
               previous: list[Figure], total: Optional[Figure]) -> bool:
    """Is the figure part of an announced plan ("phê duyệt … 65 đề án, với tổng kinh phí …")
    rather than a result? The nearer of a plan cue and a result cue decides; with
    neither, a figure follows the one before it, and the first one its sentence's frame."""
    if cues.PURPOSE.match(doc.text, m.unit_end):
        return True  # "hơn 3,8 tỷ đồng để thực hiện 5 đề án": money granted for what is to be done
    if m.fraction != "numerator" and cues.APPROVED_AFTER.match(doc.text, m.unit_end):
        return True  # "16 đề án khuyến công được đưa vào kế hoạch": what was approved
    words = doc.text[window[0]:window[1]]
    verdict = nearer_frame(words)
    if verdict is not None:
        return verdict
    if total is not None:
        return total.plan  # the parts of a planned total are planned
    if previous:
        if cues.WEAK_VERBS.search(words) and previous[-1].mention.unit == m.unit:
            return False  # "được phê duyệt là 120 tỷ, thực hiện 118 tỷ": the second is the result
        return previous[-1].plan
    verdict = nearer_frame(doc.text[sentence.start:m.start])
    return base_plan if verdict is None else verdict


def nearer_frame(words: str) -> Optional[bool]:
    """True when a plan cue is the last frame cue in ``words``, False for a result cue."""
    actuals = [m.end() for m in cues.ACTUAL_FRAME.finditer(words)]
    words = cues.ACTUAL_FRAME.sub(lambda m: " " * len(m.group(0)), words)  # what they cover is theirs
    plans = [m.end() for m in cues.PLAN_FRAME.finditer(words)]
    if not plans and not actuals:
        return None
    return max(plans, default=-1) > max(actuals, default=-1)


def sentence_plan(doc: Document, sentence: Sentence, base_plan: bool) -> bool:
    """The frame a sentence without figures hands on."""
    verdict = nearer_frame(doc.text[sentence.start:sentence.end])
    return base_plan if verdict is None else verdict


def still_running(doc: Document, m: NumberMention, clause: Span, measure: str, qualifier: str,
                  period: Optional[Period], role: str) -> bool:
    """A result stated for a period that had not ended when the report appeared is a
    plan ("16 đề án được thực hiện trong năm 2020", published in March 2020), unless
    the words say it is done or under way ("đã thực hiện", "đang triển khai", "đạt")."""
    if not doc.published or period is None or period.end <= doc.published[:7]:
        return False
    if qualifier not in ("", "at_least") or measure not in PLANNED:
        return False
    if cues.ACTUAL_FRAME.search(doc.text[clause.start:m.start]):
        return False  # "toàn tỉnh đang triển khai 13 đề án": under way, not planned
    return period.start_year == period.end_year or role != "part"
