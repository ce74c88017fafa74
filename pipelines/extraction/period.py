"""Which period a figure is for, and which periods frame the sentences that follow.

The order of the steps is period.toml's ``[[order.figure]]`` (a period in the
figure's clause wins, before it, else after it up to the next comma, then its
total's, then the sentence's framing period, then what the paragraph or the
report set up) and ``[[order.adjust]]``. Yearless expressions ("tháng 3",
"cùng kỳ") are read against the period in force.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Optional

from pipelines.extraction.around import Around
from pipelines.extraction.document import Document
from pipelines.extraction.figure import (BY_CARRIED, BY_OPENING, BY_REPORT, BY_TOTAL, CLAUSE, DEFAULT, PARAGRAPH, REPORT, SENTENCE, Evidence)
from pipelines.tables.vocabulary import Measure, Qualifier
from pipelines.text.rules import chain, matcher
from pipelines.text.periods import Period, PeriodMention
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Sentence

# a sentence opened by more words than this before its period is not framed by it
FRAMING_MAX_WORDS = 12
# "so với cùng kỳ năm 2022 (…)": the comparison words sit within a few words of the period
COMPARISON_LOOKBEHIND = 40
_COMMA_AFTER = re.compile(r"\s*,")
_RIGHT_AFTER = re.compile(r"\s*\(?\s*")
DECISION = "period"
_TO_DATE, _COMPARISON = matcher(DECISION, "to_date"), matcher(DECISION, "comparison")
_APPROVAL, _APPROVED_ON = matcher(DECISION, "approval"), matcher(DECISION, "approved_on")
_CAPTION = matcher(DECISION, "caption")


_PLANNED = (Measure.BUDGET_PLAN, Measure.PROJECTS_PLANNED)
PeriodAnswer = tuple[Optional[Period], Evidence]  # what a step of the period decision answers


@dataclass(frozen=True)
class _Dated(Around):
    """A figure with its measure and qualifier; what several steps of the period decision
    read is found once. The period in force (the paragraph's or the report's) is
    ``in_force``."""

    measure: str = ""
    qualifier: str = ""

    @property
    def in_force(self) -> Optional[Period]:
        return self.base.period

    @cached_property
    def context(self) -> Optional[Period]:
        """The period a yearless expression at the number is read against."""
        return context_period(self.doc, self.sentence, self.m.start, self.in_force)

    @cached_property
    def periods_before(self) -> list[PeriodMention]:
        """The periods of the clause before the number that may date it."""
        return [p for p in self.doc.periods_in(self.clause.start, self.m.start) if _applies_before(self.doc, p, self.m)]

    @cached_property
    def after(self) -> list[PeriodMention]:
        """The periods right after the number, up to the next comma."""
        comma = self.doc.text.find(",", self.m.unit_end, self.clause.end)
        return self.doc.periods_in(self.m.unit_end, comma if comma >= 0 else self.clause.end)

    @cached_property
    def deadline(self) -> Optional[PeriodAnswer]:
        """A target's deadline after it ("phấn đấu … 50 sản phẩm đến tháng 6")."""
        if self.qualifier != Qualifier.TARGET:
            return None
        found = [p for p in self.doc.periods_in(self.m.unit_end, self.clause.end) if p.kind == "to_month"]
        period = found[0].resolve(self.context) if found else None
        return (period, _said(self.doc, found[0])) if period is not None else None


def decide_period(a: Around, measure: str, qualifier: str) -> tuple[Optional[Period], bool, Evidence]:
    """The figure's period, whether the figure is the one compared with, and why that period: the first
    step of period.toml's order ``figure`` that answers, then every step of its order ``adjust``."""
    dated = a.seen_as(_Dated, measure=measure, qualifier=qualifier)
    chosen, evidence = _FIGURE.first(dated) or (None, Evidence(DEFAULT))
    return _ADJUST.each(chosen, dated), _compared(dated), evidence


def _compared(a: _Dated) -> bool:
    """The figure is the one compared with: the period before it follows comparison words."""
    if a.deadline is not None:
        return False
    return bool(a.periods_before) and _compared_with(a.doc, a.periods_before[-1].start, 0)


def _approved_plan_period(a: _Dated) -> Optional[PeriodAnswer]:
    """For a plan the sentence approves, the plan's own year after the number ("phê duyệt
    9 đề án khuyến công năm 2023"), else the approval date when it comes after the
    sentence's other years ("Năm 2021, …, ngày 10/3/2022 UBND tỉnh phê duyệt …")."""
    doc, m, sentence = a.doc, a.m, a.sentence
    if a.measure not in _PLANNED or m.fraction == "denominator":
        return None
    if not _APPROVAL.search(doc.text, sentence.start, m.start):
        return None
    own = [p for p in a.after if p.kind in ("year", "range")]
    if own and own[0].period is not None:
        return own[0].period, _said(doc, own[0])
    dates = [h.match for h in _APPROVED_ON.each(doc.text, sentence.start, m.start) if h.match]
    earlier = doc.periods_in(sentence.start, m.start)
    if dates and (not earlier or dates[-1].start() > earlier[-1].start):
        year = int(dates[-1].group("year"))
        source = CLAUSE if dates[-1].start() >= a.clause.start else SENTENCE
        return Period.year(year), Evidence(source, doc.text[dates[-1].start():dates[-1].end("year")],
                                           _APPROVED_ON.rules[0].id)
    return None


def _said_before(a: _Dated) -> Optional[PeriodAnswer]:
    if not a.periods_before:
        return None
    last = a.periods_before[-1]
    chosen = last.resolve(context_period(a.doc, a.sentence, last.start, a.in_force))
    return (chosen, _said(a.doc, last)) if chosen is not None else None


def _said_after(a: _Dated) -> Optional[PeriodAnswer]:
    after = [p for p in a.after if not _compared_with(a.doc, p.start, a.clause.start)]
    chosen = after[0].resolve(a.context) if after else None
    return (chosen, _said(a.doc, after[0])) if chosen is not None else None


def _from_total(a: _Dated) -> Optional[PeriodAnswer]:
    if a.total is None or a.total.period is None:
        return None
    return a.total.period, Evidence(SENTENCE, "its total", BY_TOTAL)


def _opening(a: _Dated) -> Optional[PeriodAnswer]:
    framing = framing_period(a.doc, a.sentence, a.in_force)
    return (framing, Evidence(SENTENCE, "opening period", BY_OPENING)) if framing else None


def _to_date(chosen: Optional[Period], a: _Dated) -> Optional[Period]:
    """"đến nay" runs to the report's month, unless the sentence already names the month it
    counts to ("tính đến tháng 9 năm 2024 …; đến nay …"); a plan is the whole year's."""
    doc = a.doc
    if (chosen is not None and doc.published and a.measure not in _PLANNED
            and _TO_DATE.search(doc.text[a.clause.start:a.m.start])
            and chosen.end_year == int(doc.published[:4]) and chosen.end_month == 12):
        return Period(chosen.start_year, chosen.start_month, chosen.end_year, int(doc.published[5:7]))
    return None


def _approved_year(chosen: Optional[Period], a: _Dated) -> Optional[Period]:
    """What was approved ("16/18 đề án") is the year's plan."""
    if chosen is not None and a.measure == Measure.PROJECTS_PLANNED and a.m.fraction == "denominator":
        return Period.year(chosen.end_year)
    return None


_FIGURE = chain(DECISION, "figure", {
    "approved_plan": _approved_plan_period,
    "target_deadline": lambda a: a.deadline,
    "said_before": _said_before,
    "said_after": _said_after,
    "total": _from_total,
    "opening": _opening,
    "carried": lambda a: (a.in_force, _carried(a.doc, a.in_force)),
})
_ADJUST = chain(DECISION, "adjust", {"to_date": _to_date, "approved_year": _approved_year})


def _carried(doc: Document, base: Optional[Period]) -> Evidence:
    if base is None:
        return Evidence(DEFAULT)
    return Evidence(REPORT, "", BY_REPORT) if base == doc.default_period else Evidence(PARAGRAPH, "", BY_CARRIED)


def _said(doc: Document, p: PeriodMention) -> Evidence:
    return Evidence(CLAUSE, doc.text[p.start:p.end], p.rule)


def _compared_with(doc: Document, offset: int, floor: int) -> bool:
    """Whether comparison words ("so với …") end right before ``offset``."""
    return bool(_COMPARISON.search(doc.text[max(floor, offset - COMPARISON_LOOKBEHIND):offset]))


def _applies_before(doc: Document, p: PeriodMention, m: NumberMention) -> bool:
    """A compared-with period ("so với năm 2021") only dates a figure right after it."""
    if not _compared_with(doc, p.start, 0):
        return True
    return bool(_RIGHT_AFTER.fullmatch(doc.text[p.end:m.start]))


def context_period(doc: Document, sentence: Sentence, offset: int, base: Optional[Period]) -> Optional[Period]:
    """The period a yearless expression ("tháng 3", "cùng kỳ") is read against."""
    for p in reversed(doc.periods_in(sentence.start, offset)):
        if _compared_with(doc, p.start, 0):
            continue  # "so với tháng 3.2023" is a baseline, not the frame
        if p.period is not None:
            return p.period
        if p.kind != "same_period_last_year" and base is not None:
            return p.resolve(base)
    return base


def framing_period(doc: Document, sentence: Sentence, context: Optional[Period]) -> Optional[Period]:
    """A period that opens a sentence ("Năm 2024, …"), or heads a list it introduces
    ("kết quả năm 2018 và 7 tháng đầu năm 2019 như sau: …"), frames what follows."""
    colon = doc.text.find(":", sentence.start, sentence.end)
    if colon >= 0 and not any(not n.reason for n in doc.numbers_from(sentence.start, colon)):
        head = doc.periods_in(sentence.start, colon)
        if head:
            return head[0].resolve(context)
    for p in doc.periods_in(sentence.start, sentence.end):
        head = doc.text[sentence.start:p.start]
        if len(head.split()) > FRAMING_MAX_WORDS or ";" in head:
            return None
        if _COMMA_AFTER.match(doc.text[p.end:p.end + 2]):
            return p.resolve(context)
    return None


def stated_span(doc: Document, sentence: Sentence, context: Optional[Period]) -> Optional[Period]:
    """The one multi-year span a sentence without figures names ("ban hành Chương trình
    khuyến công … giai đoạn 2021-2025"), or one year later than the one carried: what the
    report is about until it names another."""
    if _CAPTION.match(doc.text, sentence.start):
        return None  # "Ảnh: … giai đoạn 2019 – 2020": what the photo shows, not what follows
    figures = any(not n.reason for n in doc.numbers_from(sentence.start, sentence.end))
    spans = {p.resolve(context) for p in doc.periods_in(sentence.start, sentence.end)}
    spans.discard(None)
    if len(spans) != 1:
        return None
    span = spans.pop()
    if span.start_year < span.end_year:
        return span  # "… trong 10 năm qua đã thực hiện 466 đề án. Đồng thời, … 947 cơ sở": both the span's
    if figures:
        return None
    # one later year ("Trong năm 2021, dịch bệnh …. Từ đó, ngay từ đầu năm 2022 Sở đã …"):
    # the account has moved on to it; the year of a plan the sentence approves or assigns
    # ("Bộ Công Thương phê duyệt … giao kế hoạch … năm 2020") is what follows
    if _APPROVAL.search(doc.text, sentence.start, sentence.end):
        return span
    return span if context is not None and span.start_year > context.end_year else None
