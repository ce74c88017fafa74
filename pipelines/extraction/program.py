"""Which programme a figure belongs to: national, local, counterpart, or all.

The steps and their order are program.toml's ``[[order.figure]]``: the number's own
phrase first ("23 đề án khuyến công tỉnh"), then the words before it, then the rest
of its phrase ("100% kế hoạch KCQG, kế hoạch … tỉnh"), then its total, the authority
that approved it, and what the sentence before set.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

from pipelines.extraction.around import Around
from pipelines.extraction.document import Document
from pipelines.extraction.figure import (BY_CARRIED, BY_PARTS, BY_TOTAL, CLAUSE, DEFAULT, PARAGRAPH, SENTENCE,
                                         Evidence, Figure)
from pipelines.text.rules import Hit, chain, matcher
from pipelines.tables.vocabulary import Program
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Sentence


DECISION = "program"
_NAMED, _APPROVERS, _WHOLE = matcher(DECISION, "named"), matcher(DECISION, "approver"), matcher(DECISION, "whole")
_COORDINATION, _TOTAL_WORD = matcher("structure", "coordination"), matcher("structure", "total_word")


def decide_program(a: Around) -> tuple[str, Evidence]:
    """The first step of program.toml's order ``figure`` that answers; all when none does."""
    return _FIGURE.first(a) or (Program.ALL, Evidence(DEFAULT))


def _own_phrase(p: Around) -> Optional[tuple[str, Evidence]]:
    return _programs_in(p.doc, p.right[0], _coordinated_phrase_end(p.doc.text, *p.right))


def _whole(p: Around) -> Optional[tuple[str, Evidence]]:
    whole = _WHOLE.search(p.doc.text, p.window[0], p.window[1])
    return (whole.answer, Evidence(CLAUSE, whole.words, whole.rule.id)) if whole else None


def _sum_of_programmes(p: Around) -> Optional[tuple[str, Evidence]]:
    if _sums_programmes(p.doc, p.m, p.window, p.previous):
        return Program.ALL, Evidence(SENTENCE, "total of the programmes before", BY_PARTS)
    return None


def _named_before(p: Around) -> Optional[tuple[str, Evidence]]:
    # the businesses' own money is named for one figure ("vốn đối ứng là 3,1 tỷ và kinh phí
    # nhà nước hỗ trợ 2,2 tỷ"): before an earlier figure it is that figure's, not this one's
    found = [c for c in _NAMED.find(p.before)
             if (c.answer != Program.COUNTERPART or p.sentence.start + c.start >= p.window[0])
             and not _in_earlier_item(p.before, c)]
    if not found:
        return None
    last = found[-1]
    source = CLAUSE if p.sentence.start + last.start >= p.clause.start else SENTENCE
    if len(found) > 1 and found[-2].answer != last.answer:
        if _COORDINATION.fullmatch(p.before[found[-2].end:last.start]):  # "KCQG và KCĐP"
            return Program.ALL, Evidence(source, p.before[found[-2].start:last.end], _ids(found[-2:]))
    return last.answer, Evidence(source, last.words, last.rule.id)


def _rest_of_phrase(p: Around) -> Optional[tuple[str, Evidence]]:
    extended = _programs_in(p.doc, *p.right)
    # "600 triệu đồng, vốn đối ứng …": the businesses' money is the next item's
    return extended if extended and extended[0] != Program.COUNTERPART else None


def _from_total(p: Around) -> Optional[tuple[str, Evidence]]:
    return (p.total.program, Evidence(SENTENCE, "its total", BY_TOTAL)) if p.total is not None else None


def _approver(p: Around) -> Optional[tuple[str, Evidence]]:
    approvers = _APPROVERS.find(p.before)
    if not approvers:
        return None
    labels = {c.answer for c in approvers}
    return (labels.pop() if len(labels) == 1 else Program.ALL), Evidence(SENTENCE, approvers[-1].words,
                                                                        _ids(approvers))


def _carried(p: Around) -> Optional[tuple[str, Evidence]]:
    return (p.base.program, Evidence(PARAGRAPH, "", BY_CARRIED)) if p.base.program else None


_FIGURE = chain(DECISION, "figure", {
    "own_phrase": _own_phrase,
    "whole": _whole,
    "sum_of_programmes": _sum_of_programmes,
    "named_before": _named_before,
    "rest_of_phrase": _rest_of_phrase,
    "total": _from_total,
    "approver": _approver,
    "carried": _carried,
})


def _in_earlier_item(before: str, cue: Hit) -> bool:
    """Whether a programme names a project of an earlier item of a ";" list ("đã thực hiện
    Đề án khuyến công quốc gia “…”; hỗ trợ 3 cơ sở …"): that project's, not this figure's.
    A programme that is an item's subject ("Kinh phí KCQG giao 32,3 tỷ; đến nay, kinh phí
    phân bổ là 13 tỷ") still speaks for what follows."""
    return before.rfind(";") > cue.end and before[cue.end:cue.end + 3].lstrip().startswith(("“", '"'))


def _sums_programmes(doc: Document, m: NumberMention, window: tuple[int, int], previous: list[Figure]) -> bool:
    """A total stated after figures of different programmes, naming none itself, is all of them."""
    words = doc.text[window[0]:window[1]]
    if not _TOTAL_WORD.search(words) or _NAMED.find(words):
        return False
    listed = {f.program for f in previous if not f.reason and f.mention.unit == m.unit and f.program != Program.ALL}
    return len(listed) > 1


def _coordinated_phrase_end(text: str, start: int, end: int) -> int:
    """End of the phrase after a number, up to a comma, unless what follows the comma
    repeats the phrase's head ("kế hoạch KCQG, kế hoạch … tỉnh"): then both."""
    words = text[start:end].split()
    head = " ".join(words[:2]) if len(words) >= 2 else ""
    comma = text.find(",", start, end)
    while comma >= 0 and head and text[comma + 1:end].lstrip().startswith(head):
        comma = text.find(",", comma + 1, end)
    return comma if comma >= 0 else end


def _programs_in(doc: Document, start: int, end: int) -> Optional[tuple[str, Evidence]]:
    """The programme the words of [start, end) name (all when several), or None."""
    found = _NAMED.find(doc.text[start:end])
    if not found:
        return None
    labels = {c.answer for c in found}
    words = doc.text[start + found[0].start:start + found[-1].end]
    return (labels.pop() if len(labels) == 1 else Program.ALL), Evidence(CLAUSE, words, _ids(found))


def _ids(hits: list[Hit]) -> str:
    """The rules of several hits that decided together ("+" between their ids)."""
    return "+".join(dict.fromkeys(h.rule.id for h in hits))


def named(words: str) -> bool:
    """Whether ``words`` name a programme."""
    return bool(_NAMED.find(words))


def named_program(doc: Document, sentence: Sentence) -> str:
    """The one programme a sentence names, or "" (none, or several)."""
    labels = {c.answer for c in _NAMED.find(doc.text[sentence.start:sentence.end])}
    return labels.pop() if len(labels) == 1 else ""


def totals_of_their_parts(figures: list[Figure]) -> list[Figure]:
    """The revision after a paragraph's parts are known: a total whose parts are of
    different programmes, or include the businesses' own money, is all of them ("Tổng
    kinh phí khuyến công địa phương … 24 tỷ. Trong đó: KCQG 10 tỷ, KCĐP 13 tỷ")."""
    revised = list(figures)
    for i, total in enumerate(revised):
        if total.role != "total" or total.reason or total.program in (Program.ALL, Program.COUNTERPART):
            continue
        parts = {f.program for f in revised if f.group_id == total.group_id and f.role == "part" and not f.reason
                 and f.mention.unit == total.mention.unit} - {Program.ALL}
        if len(parts) > 1 or Program.COUNTERPART in parts:
            evidence = tuple((a, Evidence(SENTENCE, "its parts", BY_PARTS) if a == "program" else e)
                             for a, e in total.evidence)
            revised[i] = replace(total, program=Program.ALL, evidence=evidence)
    return revised
