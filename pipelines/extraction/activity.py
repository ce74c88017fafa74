"""Which activity of Decree 45/2012/NĐ-CP a figure is about (training, technology …)."""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

from pipelines.extraction.around import Around
from pipelines.extraction.document import Document
from pipelines.extraction.figure import (BY_ITEM_BEFORE, BY_PROJECT_COUNT, BY_TOTAL, CLAUSE, DEFAULT, SENTENCE,
                                         Evidence, Figure)
from pipelines.tables.vocabulary import Activity, Unit
from pipelines.text.rules import chain, matcher
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Span

# "14 cơ sở ứng dụng máy móc thiết bị tiên tiến vào sản xuất": what a count counts is
# named within a short phrase after it, not anywhere in a long clause
ACTIVITY_LOOKAHEAD = 150
_NAMED = matcher("activity", "named")
_PHRASE_END, _TOTAL_WORD = matcher("structure", "phrase_end"), matcher("structure", "total_word")
_LIST_BREAK = matcher("structure", "list_break")


def decide_activity(a: Around) -> tuple[str, Evidence]:
    """The first step of activity.toml's order ``figure`` that answers; all when none does.
    ``a.right`` is the number's phrase after it, which ends at the next number: what a later
    figure is about ("6 chương trình khuyến công, hỗ trợ 3 dự án ứng dụng máy móc") is not its."""
    if _said_of_both(a.doc, a.right):  # "19 cơ sở có 21 sản phẩm đạt …", "cho 2 cơ sở là 180 triệu đồng để …"
        stop = _PHRASE_END.search(a.doc.text, a.right[1], a.clause.end)
        a = replace(a, right=(a.right[0], stop.start if stop else a.clause.end))
    return _FIGURE.first(a) or (Activity.ALL, Evidence(DEFAULT))


def _count_after(p: Around) -> Optional[tuple[str, Evidence]]:
    return _activity_after(p.doc, p.m.end, p.right[1]) if p.m.unit == Unit.COUNT else None


def _amount_words(p: Around) -> Optional[tuple[str, Evidence]]:
    return _activity_in(p.doc, p.window) if p.m.unit == Unit.VND else None


def _project_count(p: Around) -> Optional[tuple[str, Evidence]]:
    """"7 đề án hỗ trợ máy móc … (2,7 tỷ đồng)": the money of the item just counted."""
    if p.m.unit != Unit.VND:
        return None
    counted = [q for q in p.previous if q.mention.unit == Unit.COUNT and q.mention.start >= p.clause.start]
    if counted and p.window[0] == counted[-1].mention.unit_end and counted[-1].activity:
        return counted[-1].activity, Evidence(CLAUSE, "its project count", BY_PROJECT_COUNT)
    return None


def _amount_after(p: Around) -> Optional[tuple[str, Evidence]]:
    return _activity_after(p.doc, p.m.unit_end, p.right[1]) if p.m.unit == Unit.VND else None


def _clause_before(p: Around) -> Optional[tuple[str, Evidence]]:
    return _activity_in(p.doc, (p.clause.start, p.m.start))


def _list_item_before(p: Around) -> Optional[tuple[str, Evidence]]:
    carried = _item_before(p.doc, p.m, p.window, p.clause, p.previous)
    return (carried.activity, Evidence(SENTENCE, "the list item before", BY_ITEM_BEFORE)) if carried else None


def _from_total(p: Around) -> Optional[tuple[str, Evidence]]:
    return (p.total.activity, Evidence(SENTENCE, "its total", BY_TOTAL)) if p.total is not None else None


_FIGURE = chain("activity", "figure", {
    "count_after": _count_after,
    "amount_words": _amount_words,
    "project_count": _project_count,
    "amount_after": _amount_after,
    "clause_before": _clause_before,
    "item_before": _list_item_before,
    "total": _from_total,
})


def _activity_in(doc: Document, span: tuple[int, int]) -> tuple[str, Evidence] | None:
    found = _NAMED.find(doc.text[span[0]:span[1]])
    return (found[-1].answer, Evidence(CLAUSE, found[-1].words, found[-1].rule.id)) if found else None


def _activity_after(doc: Document, start: int, end: int) -> tuple[str, Evidence] | None:
    after = _NAMED.find(doc.text[start:max(start, end)][:ACTIVITY_LOOKAHEAD])
    return (after[0].answer, Evidence(CLAUSE, after[0].words, after[0].rule.id)) if after else None


def named(words: str) -> bool:
    """Whether ``words`` name an activity."""
    return bool(_NAMED.find(words))


def _item_before(doc: Document, m: NumberMention, window: tuple[int, int], clause: Span,
                 previous: list[Figure]) -> Optional[Figure]:
    """The figure of the list item before a ";" whose money this is: the item names no
    activity and no total of its own, and nothing stands between it and that figure."""
    if m.unit != Unit.VND or not previous or _TOTAL_WORD.search(doc.text[window[0]:window[1]]):
        return None
    last = previous[-1]
    between = doc.text[last.mention.unit_end:clause.start]
    if last.reason or last.activity == Activity.ALL or last.mention.start >= clause.start or ";" not in between:
        return None
    return last if not doc.numbers_from(last.mention.unit_end, m.start) else None


def _said_of_both(doc: Document, right: tuple[int, int]) -> bool:
    """Whether the phrase after a number ends at a next figure that is not a new list item
    (no ",", ";" or "và" between them): the words after that figure speak of both."""
    at_next = doc.numbers_from(right[1], right[1] + 1)
    return bool(at_next) and not _LIST_BREAK.search(doc.text[right[0]:right[1]])
