"""Plan or result: is a figure part of an announced plan, or what was done?

Announcements of approved plans state figures with the same verbs as results
("hỗ trợ", "thực hiện", "đầu tư"), so no single word decides. Every frame cue around
a number votes, weighed by where it stands: the figure's own words most, then the
rest of its clause, its total and the figure before it, its sentence, and last the
frame the paragraph carries. Within one place the nearest cue weighs most. Cues
that say little alone ("đạt" after an amount: "tổng kinh phí đạt 995 triệu" is
"amounting to") weigh half.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from pipelines.extraction.document import Document
from pipelines.extraction.figure import (CLAUSE, DEFAULT, PARAGRAPH, PLAN, PLANNED, RESULT, SENTENCE, TARGETED,
                                         Evidence, Figure)
from pipelines.text import cues
from pipelines.text.periods import Period
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Sentence, Span

# where a cue stands and what its vote weighs; the nearest cue of the figure's own
# words (8) outweighs every later cue of its own words together (4 + 2 + 1 …)
OWN_WORDS, REST_OF_CLAUSE, ITS_TOTAL, FIGURE_BEFORE, ITS_SENTENCE, PARAGRAPH_FRAME = 8.0, 4.0, 3.0, 2.0, 2.0, 1.0
# what follows a number and says what it is for or that it was approved decides almost alone
AFTER_THE_NUMBER = 12.0
WEAK_CUE = 0.5


@dataclass(frozen=True)
class Vote:
    side: str  # PLAN or RESULT
    words: str
    source: str  # clause, sentence, paragraph
    weight: float


def decide_frame(doc: Document, m: NumberMention, window: tuple[int, int], clause: Span, sentence: Sentence,
                 carried: str, previous: list[Figure], total: Optional[Figure]) -> tuple[str, Evidence]:
    """PLAN, RESULT or "" (nothing says) for one figure, and the cues that decided it.
    ``carried`` is the frame the paragraph's earlier sentences hand on (a paragraph
    starts with none: carried across paragraphs it was wrong more often than right)."""
    votes = frame_votes(doc, m, window, clause, sentence, carried, previous, total)
    plan = sum(v.weight for v in votes if v.side == PLAN)
    result = sum(v.weight for v in votes if v.side == RESULT)
    if plan == result:
        return "", Evidence(DEFAULT)
    side = PLAN if plan > result else RESULT
    return side, _evidence(side, votes)


def frame_votes(doc: Document, m: NumberMention, window: tuple[int, int], clause: Span, sentence: Sentence,
                carried: str, previous: list[Figure], total: Optional[Figure]) -> list[Vote]:
    votes = _after_the_number(doc, m)
    words = doc.text[window[0]:window[1]]
    votes += _cues_in(words, CLAUSE, OWN_WORDS)
    if (total is None and previous and previous[-1].frame == PLAN and previous[-1].mention.unit == m.unit
            and cues.WEAK_VERBS.search(words)):
        # "được phê duyệt là 120 tỷ, thực hiện 118 tỷ": a bare verb after a planned figure of its kind
        # (not a part's: "trong đó ngân sách tỉnh hỗ trợ 700 triệu" is of its total)
        votes.append(Vote(RESULT, cues.WEAK_VERBS.search(words).group(0).strip(), CLAUSE, OWN_WORDS))
    # the words of its total ("Tổng kinh phí được giao là 1.905 triệu, trong đó đã thực hiện 06
    # nhiệm vụ") speak through the total's vote, once
    rest_from = total.mention.unit_end if total is not None and total.mention.start >= clause.start else clause.start
    votes += _cues_in(doc.text[rest_from:min(window[0], m.start)], CLAUSE, REST_OF_CLAUSE)
    if total is not None and total.frame:
        votes.append(Vote(total.frame, "its total", SENTENCE, ITS_TOTAL))
    if previous and previous[-1].frame and (total is None or previous[-1].mention is not total.mention):
        votes.append(Vote(previous[-1].frame, "the figure before", SENTENCE, FIGURE_BEFORE))
    votes += _cues_in(doc.text[sentence.start:min(clause.start, m.start)], SENTENCE, ITS_SENTENCE)
    if carried:
        votes.append(Vote(carried, "carried frame", PARAGRAPH, PARAGRAPH_FRAME))
    return votes


def _after_the_number(doc: Document, m: NumberMention) -> list[Vote]:
    purpose = cues.PURPOSE.match(doc.text, m.unit_end)
    if purpose:  # "hơn 3,8 tỷ đồng để thực hiện 5 đề án": money granted for what is to be done
        return [Vote(PLAN, purpose.group(0).strip(), CLAUSE, AFTER_THE_NUMBER)]
    approved = m.fraction != "numerator" and cues.APPROVED_AFTER.match(doc.text, m.unit_end)
    if approved:  # "16 đề án khuyến công được đưa vào kế hoạch": what was approved
        return [Vote(PLAN, approved.group(0).strip(), CLAUSE, AFTER_THE_NUMBER)]
    return []


def _cues_in(words: str, source: str, weight: float) -> list[Vote]:
    """The frame cues of ``words``, nearest (last) first, each weighing half the one after it."""
    found = frame_cues(words)
    return [Vote(side, cue, source, weight / 2 ** rank * (WEAK_CUE if cues.WEAK_RESULT.fullmatch(cue) else 1.0))
            for rank, (_, side, cue) in enumerate(reversed(found))]


def frame_cues(words: str) -> list[tuple[int, str, str]]:
    """(end, side, cue) of every plan and result cue in ``words``, in order. What a result
    cue covers is its own ("hoàn thành kế hoạch … được phê duyệt" is done, not planned)."""
    # "nhằm đạt …", "phấn đấu đạt …": what is aimed at, not what was reached
    actuals = [(c.end(), PLAN if cues.AIM_BEFORE.search(words, 0, c.start()) else RESULT, c.group(0))
               for c in cues.ACTUAL_FRAME.finditer(words)]
    words = cues.ACTUAL_FRAME.sub(lambda c: " " * len(c.group(0)), words)
    plans = [(c.end(), PLAN, c.group(0)) for c in cues.PLAN_FRAME.finditer(words)]
    return sorted(actuals + plans)


def _evidence(side: str, votes: list[Vote]) -> Evidence:
    """The heaviest vote of the winning side, and what it outweighed."""
    best = max((v for v in votes if v.side == side), key=lambda v: v.weight)
    against = [v.words for v in votes if v.side != side]
    return Evidence(best.source, best.words + (f" (over {', '.join(against)})" if against else ""))


def sentence_frame(doc: Document, sentence: Sentence, carried: str) -> str:
    """The frame a sentence without figures hands on: its last cue's, else the one it was given."""
    found = frame_cues(doc.text[sentence.start:sentence.end])
    return found[-1][1] if found else carried


def approval_frame(doc: Document, para: Span) -> str:
    """PLAN when a report's first paragraph with figures announces an approved plan and
    reports nothing done ("Theo Quyết định … ký ban hành, tổng kinh phí … năm 2025 là …"):
    its later paragraphs list that plan's items. An aim ("phấn đấu", "mục tiêu") is no
    approval."""
    words = doc.text[para.start:para.end]
    approved = cues.APPROVAL.search(words) or cues.BY_DECISION.search(words)
    return PLAN if approved and not cues.ACTUAL_FRAME.search(words) else ""


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
