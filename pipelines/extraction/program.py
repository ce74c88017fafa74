"""Which programme a figure belongs to: national, local, counterpart, or all.

The number's own phrase first ("23 đề án khuyến công tỉnh"), then the words
before it, then the rest of its phrase ("100% kế hoạch KCQG, kế hoạch … tỉnh"),
then its total, the authority that approved it, and what the sentence before set.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

from pipelines.extraction.document import Document
from pipelines.extraction.figure import CLAUSE, DEFAULT, PARAGRAPH, SENTENCE, Evidence, Figure
from pipelines.text import cues
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Sentence, Span


def decide_program(doc: Document, m: NumberMention, window: tuple[int, int], right: tuple[int, int],
                   clause: Span, sentence: Sentence, carried: str, total: Optional[Figure],
                   previous: list[Figure]) -> tuple[str, Evidence]:
    own_end = _coordinated_phrase_end(doc.text, *right)
    own = _programs_in(doc, right[0], own_end)
    if own:
        return own, Evidence(CLAUSE, _cue_words(doc, right[0], own_end))
    whole = cues.WHOLE_INVESTMENT.search(doc.text, window[0], window[1])
    if whole:  # "(tổng giá trị 620 triệu đồng)": the state's and the business's money together
        return "all", Evidence(CLAUSE, whole.group(0))
    if _sums_programmes(doc, m, window, previous):  # "KCQG 2 tỷ, KCĐP 3 tỷ; tổng kinh phí 5 tỷ"
        return "all", Evidence(SENTENCE, "total of the programmes before")
    before = doc.text[sentence.start:m.start]
    # the businesses' own money is named for one figure ("vốn đối ứng là 3,1 tỷ và kinh phí
    # nhà nước hỗ trợ 2,2 tỷ"): before an earlier figure it is that figure's, not this one's
    found = [c for c in cues.find_cues(before, cues.PROGRAMS)
             if (c.label != "counterpart" or sentence.start + c.start >= window[0])
             and not _in_earlier_item(before, c)]
    if found:
        last = found[-1]
        source = CLAUSE if sentence.start + last.start >= clause.start else SENTENCE
        if len(found) > 1 and found[-2].label != last.label:
            if cues.COORDINATION.fullmatch(before[found[-2].end:last.start]):
                return "all", Evidence(source, before[found[-2].start:last.end])  # "KCQG và KCĐP"
        return last.label, Evidence(source, before[last.start:last.end])
    extended = _programs_in(doc, *right)
    if extended and extended != "counterpart":  # "600 triệu đồng, vốn đối ứng …": the next item's
        return extended, Evidence(CLAUSE, _cue_words(doc, *right))
    if total is not None:
        return total.program, Evidence(SENTENCE, "its total")
    approvers = cues.find_cues(before, cues.APPROVERS)
    if approvers:
        labels = {c.label for c in approvers}
        return (labels.pop() if len(labels) == 1 else "all"), Evidence(SENTENCE, before[approvers[-1].start:approvers[-1].end])
    if carried:
        return carried, Evidence(PARAGRAPH)
    return "all", Evidence(DEFAULT)


def _in_earlier_item(before: str, cue: cues.Cue) -> bool:
    """Whether a programme names a project of an earlier item of a ";" list ("đã thực hiện
    Đề án khuyến công quốc gia “…”; hỗ trợ 3 cơ sở …"): that project's, not this figure's.
    A programme that is an item's subject ("Kinh phí KCQG giao 32,3 tỷ; đến nay, kinh phí
    phân bổ là 13 tỷ") still speaks for what follows."""
    return before.rfind(";") > cue.end and before[cue.end:cue.end + 3].lstrip().startswith(("“", '"'))


def _sums_programmes(doc: Document, m: NumberMention, window: tuple[int, int], previous: list[Figure]) -> bool:
    """A total stated after figures of different programmes, naming none itself, is all of them."""
    words = doc.text[window[0]:window[1]]
    if not cues.TOTAL_WORD.search(words) or cues.find_cues(words, cues.PROGRAMS):
        return False
    listed = {f.program for f in previous if not f.reason and f.mention.unit == m.unit and f.program != "all"}
    return len(listed) > 1


def _cue_words(doc: Document, start: int, end: int) -> str:
    found = cues.find_cues(doc.text[start:end], cues.PROGRAMS)
    return doc.text[start + found[0].start:start + found[-1].end] if found else ""


def _coordinated_phrase_end(text: str, start: int, end: int) -> int:
    """End of the phrase after a number, up to a comma, unless what follows the comma
    repeats the phrase's head ("kế hoạch KCQG, kế hoạch … tỉnh"): then both."""
    words = text[start:end].split()
    head = " ".join(words[:2]) if len(words) >= 2 else ""
    comma = text.find(",", start, end)
    while comma >= 0 and head and text[comma + 1:end].lstrip().startswith(head):
        comma = text.find(",", comma + 1, end)
    return comma if comma >= 0 else end


def _programs_in(doc: Document, start: int, end: int) -> str:
    labels = {c.label for c in cues.find_cues(doc.text[start:end], cues.PROGRAMS)}
    if len(labels) > 1:
        return "all"
    return labels.pop() if labels else ""


def named_program(doc: Document, sentence: Sentence) -> str:
    """The one programme a sentence names, or "" (none, or several)."""
    named = {c.label for c in cues.find_cues(doc.text[sentence.start:sentence.end], cues.PROGRAMS)}
    return named.pop() if len(named) == 1 else ""


def totals_of_their_parts(figures: list[Figure]) -> list[Figure]:
    """The revision after a paragraph's parts are known: a total whose parts are of
    different programmes, or include the businesses' own money, is all of them ("Tổng
    kinh phí khuyến công địa phương … 24 tỷ. Trong đó: KCQG 10 tỷ, KCĐP 13 tỷ")."""
    revised = list(figures)
    for i, total in enumerate(revised):
        if total.role != "total" or total.reason or total.program in ("all", "counterpart"):
            continue
        parts = {f.program for f in revised if f.group_id == total.group_id and f.role == "part" and not f.reason
                 and f.mention.unit == total.mention.unit} - {"all"}
        if len(parts) > 1 or "counterpart" in parts:
            evidence = tuple((a, Evidence(SENTENCE, "its parts") if a == "program" else e) for a, e in total.evidence)
            revised[i] = replace(total, program="all", evidence=evidence)
    return revised
