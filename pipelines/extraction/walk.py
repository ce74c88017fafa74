"""The sentence walk: body paragraphs in order, each sentence read against what the
sentences before it handed on (period, programme, qualifier, plan frame)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Optional

from pipelines.extraction.budget import Deadline
from pipelines.extraction.decide import decide_figure
from pipelines.extraction.document import Document
from pipelines.extraction.figure import Figure, State
from pipelines.extraction.frame import RECOGNISED_RULES, approval_frame, sentence_frame
from pipelines.extraction.grouping import group_sentence
from pipelines.extraction.period import framing_period, stated_span
from pipelines.extraction.program import named_program, totals_of_their_parts
from pipelines.text.rules import matcher
from pipelines.text.periods import Period
from pipelines.text.segments import Paragraph, Sentence
from pipelines.tables.vocabulary import Program


# a sentence this long said again is a repeat, not a new statement of the same words
REPEAT_MIN_CHARS = 60
_CONNECTOR, _LIST_ITEM = matcher("structure", "connector"), matcher("structure", "list_item_paragraph")


@dataclass
class _Walk:
    """The walk's own running state (no decision sees it whole)."""

    deadline: Deadline
    figures: list[Figure] = field(default_factory=list)
    totals: dict[str, Figure] = field(default_factory=dict)  # group id -> its total
    groups: int = 0
    carried: Optional[Period] = None  # set by framing periods ("Năm 2024, …")
    running: State = State()  # what the previous sentence handed on
    lead: Optional[State] = None  # what a paragraph ending in ":" hands to the list items after it
    item_word: str = ""  # the word the list's first unmarked item opens with
    report_frame: Optional[tuple[str, str]] = None  # (PLAN, rule) when the report opens by announcing an approved plan
    said: dict[str, list[Figure]] = field(default_factory=dict)  # a sentence's words -> its figures


def walk(doc: Document, deadline: Deadline) -> list[Figure]:
    """Every number of every body sentence, decided (or ExtractionTooLong past the deadline)."""
    state = _Walk(deadline)
    for para in doc.paragraphs:
        if para.kind == "body":
            _paragraph(doc, para, state)
    return state.figures


def _paragraph(doc: Document, para: Paragraph, state: _Walk) -> None:
    para_state: Optional[State] = None  # set when the paragraph continues ("Theo đó, …")
    para_from = len(state.figures)
    item = _list_item(doc, para, state)
    lead = state.lead if item and state.lead else State()  # "Kế hoạch năm 2023 gồm: / - Hỗ trợ 10 cơ sở …"
    for index, sentence in enumerate(para.sentences):
        state.deadline.check()
        if _CONNECTOR.match(doc.text[sentence.start:sentence.end]) and (index == 0 or para_state is None):
            continued = state.running.continued()
            para_state = replace(continued, period=continued.period or state.carried or doc.default_period)
        frame = ((state.running.frame, state.running.frame_rule) if index
                 else (lead.frame, lead.frame_rule) if lead.frame else state.report_frame or ("", ""))
        base = para_state or State(state.carried or doc.default_period,
                                   state.running.program if index else lead.program, "", *frame,
                                   state.running.recognised if index else "")
        framing = framing_period(doc, sentence, base.period) or stated_span(doc, sentence, base.period)
        if framing is not None:
            state.carried = framing
            if para_state is None:
                base = replace(base, period=framing)
            else:  # "Từ đó, ngay từ đầu năm 2022 …", "Theo đó, … trong 10 năm qua …": what follows is of it
                para_state = replace(para_state, period=framing)
        words = _words_of(doc, sentence)
        sentence_figures = _repeated(doc, sentence, words, state) or _sentence(doc, sentence, base, state, para_from)
        _remember(words, sentence_figures, state)
        state.figures += sentence_figures
        state.running = handed_on(doc, sentence, sentence_figures, base, state.running, framing, index == 0)
        if para_state is not None and state.running.program:
            para_state = replace(para_state, program=state.running.program)
        if para_state is not None and state.running.frame:  # "Theo đó, … phê duyệt …. Tổng kinh phí …"
            para_state = replace(para_state, frame=state.running.frame, frame_rule=state.running.frame_rule)
    state.figures[para_from:] = totals_of_their_parts(state.figures[para_from:])
    if state.report_frame is None and len(state.figures) > para_from:
        state.report_frame = approval_frame(doc, para)
    if doc.text[para.start:para.end].rstrip().endswith(":"):
        state.lead = State(frame=state.running.frame, frame_rule=state.running.frame_rule, program=state.running.program)
        state.item_word = ""
    elif not item:
        state.lead = None


def _list_item(doc: Document, para: Paragraph, state: _Walk) -> bool:
    """Whether a paragraph is an item of the list a line ending in ":" opened: marked
    ("- …", "2. …"), or unmarked and opening with the word the list's first item opened
    with ("Hỗ trợ ứng dụng …", "Hỗ trợ xây dựng …"). A caption between items (no closing
    punctuation) neither opens nor ends the list."""
    if _LIST_ITEM.match(doc.text, para.start):
        state.item_word = state.item_word or "-"
        return True
    if state.lead is None:
        return False
    text = doc.text[para.start:para.end].rstrip()
    if not text.endswith((".", ";", "!", ":", "…")):
        return True
    first = text.split(maxsplit=1)[0].lower()
    state.item_word = state.item_word or first
    return first == state.item_word


def _repeated(doc: Document, sentence: Sentence, words: str, state: _Walk) -> Optional[list[Figure]]:
    """A sentence that says an earlier one again word for word, spaces aside (a lead
    repeated in the body, "Trungtâm", "tỉnhđang" run together), says the same figures:
    the earlier decisions on this sentence's numbers (written as repeated statements)."""
    earlier = state.said.get(words)
    mentions = doc.numbers_from(sentence.start, sentence.end)
    if earlier is None or [m.value for m in mentions] != [f.mention.value for f in earlier]:
        return None
    return [replace(f, mention=m, sentence=sentence) for m, f in zip(mentions, earlier)]


def _remember(words: str, figures: list[Figure], state: _Walk) -> None:
    if len(words) >= REPEAT_MIN_CHARS and any(not f.reason for f in figures):
        state.said.setdefault(words, figures)


def _words_of(doc: Document, sentence: Sentence) -> str:
    return re.sub(r"[\s.…]+", "", doc.text[sentence.start:sentence.end]).casefold()


def _sentence(doc: Document, sentence: Sentence, base: State, state: _Walk, para_from: int) -> list[Figure]:
    """Group the sentence's quantities, then decide each of its numbers in order."""
    mentions = doc.numbers_from(sentence.start, sentence.end)
    quantities = [m for m in mentions if not m.reason]
    grouping = group_sentence(doc, sentence, quantities, state.figures[para_from:], state.groups)
    state.groups = grouping.opened
    new_totals = {start: gid for gid, start in grouping.new_totals}
    for i in range(para_from, len(state.figures)) if new_totals else ():  # "… 4,7 tỷ đồng. Trong đó, …"
        if state.figures[i].mention.start in new_totals:
            gid = new_totals[state.figures[i].mention.start]
            state.figures[i] = state.totals[gid] = replace(state.figures[i], group_id=gid, role="total")
    figures: list[Figure] = []
    for m in mentions:
        if m.reason:
            figures.append(Figure(m, sentence, reason=m.reason))
            continue
        group = grouping.roles.get(m.start, ("", ""))
        total = state.totals.get(group[0]) if group[1] == "part" else None
        previous = [f for f in figures if not f.mention.reason]
        figure = decide_figure(doc, m, sentence, quantities, previous, base, group, total)
        if m.start in new_totals:
            state.totals[new_totals[m.start]] = figure
        figures.append(figure)
    return figures


def handed_on(doc: Document, sentence: Sentence, figures: list[Figure], base: State, running: State,
              framing: Optional[Period], opens_paragraph: bool) -> State:
    """The state a sentence hands to the next: that of its last figure, or what it named."""
    kept = [f for f in figures if not f.reason and f.mention.fraction != "denominator" and not f.compared]
    if kept:
        last = kept[-1]
        # a breakdown's last part ("đối ứng … 1,6 tỷ") does not set the programme that follows
        heads = [f for f in kept if f.role != "part"]
        program = heads[-1].program if heads else running.program
        # the businesses' own money ("thu hút 13 tỷ vốn đối ứng") is no programme for what follows;
        # a recognition frames only the products counted after it, not the paragraph's other figures
        recognised = last.frame_rule if last.frame_rule.startswith(RECOGNISED_RULES) else ""
        frame = (last.frame, last.frame_rule) if last.frame and not recognised else (base.frame, base.frame_rule)
        return State(last.period, program if program not in (Program.ALL, Program.COUNTERPART) else running.program, last.qualifier,
                     *frame, recognised or base.recognised)
    program = named_program(doc, sentence) or base.program
    frame = sentence_frame(doc, sentence, base.frame, base.frame_rule)
    if opens_paragraph and framing is None:
        return State(base.period, program, "", *frame)
    # "Cụ thể, giai đoạn 2016 – 2020, …" with no figure still sets the period
    return State(framing or running.period, program or running.program, running.qualifier, *frame)
