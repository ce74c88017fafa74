"""Plan or result: is a figure part of an announced plan, or what was done?

Announcements of approved plans state figures with the same verbs as results
("hỗ trợ", "thực hiện", "đầu tư"), so no single word decides. Every frame cue around
a number votes, weighed by where it stands: the figure's own words most, then the
rest of its clause, its total and the figure before it, its sentence, and last the
frame the paragraph carries (the voters and their weights are frame.toml's
``[[order.votes]]``). Within one place the nearest cue weighs most. Cues that say
little alone ("đạt" after an amount: "tổng kinh phí đạt 995 triệu" is "amounting
to") weigh half.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from pipelines.extraction.around import Around
from pipelines.extraction.document import Document
from pipelines.extraction.figure import (BY_CARRIED, BY_FIGURE_BEFORE, BY_TOTAL, CLAUSE, DEFAULT, PARAGRAPH, PLAN, REPORT, RESULT, SENTENCE, Evidence)
from pipelines.text.rules import Hit, Step, chain, matcher, table
from pipelines.tables.vocabulary import Measure, Qualifier
from pipelines.text.periods import Period
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Sentence, Span

DECISION = "frame"

_TABLE = table(DECISION)
# a result measure and the plan measure it becomes when the figure is part of a plan
PLANNED: dict[str, str] = dict(_TABLE.extra["as_plan"])
# counts that, read inside a plan, are its targets
TARGETED: tuple[str, ...] = tuple(_TABLE.extra["as_target"]["measures"])
_AFTER = matcher(DECISION, "after")
_RESULTS = matcher(DECISION, "words", RESULT)
_PLANS = matcher(DECISION, "words", PLAN)
_AIM = matcher(DECISION, "aim")
_BARE_VERB = matcher(DECISION, "bare_verb")
_OPENING = matcher(DECISION, "opening")
_UNDER_WAY = matcher(DECISION, "under_way")
_DONE = matcher(DECISION, "done")
_RECOGNISED = matcher(DECISION, "recognised")
_RECOGNISED_AIM = matcher(DECISION, "recognised_aim")
RECOGNISED_RULES = f"{DECISION}.recognised."
_LIST_BREAK = matcher("structure", "list_break")  # what starts a new list item
# counts a jury, a decision or a ministry recognises
RECOGNISABLE = (Measure.PRODUCTS, Measure.BENEFICIARIES)


@dataclass(frozen=True)
class Vote:
    side: str  # PLAN or RESULT
    words: str
    source: str  # clause, sentence, paragraph
    weight: float
    rule: str  # the id of the rule (or inheritance) that cast it


def decide_frame(a: Around) -> tuple[str, Evidence]:
    """PLAN, RESULT or "" (nothing says) for one figure, and the cues that decided it. The
    frame the paragraph's earlier sentences hand on (``a.base.frame``: a paragraph starts
    with none, carried across paragraphs it was wrong more often than right) is one voter."""
    votes = frame_votes(a)
    plan = sum(v.weight for v in votes if v.side == PLAN)
    result = sum(v.weight for v in votes if v.side == RESULT)
    if plan == result:
        return "", Evidence(DEFAULT)
    side = PLAN if plan > result else RESULT
    return side, _evidence(side, votes)


def frame_votes(a: Around) -> list[Vote]:
    """Every vote of frame.toml's order ``votes``, each weighed by the step that casts it."""
    return _VOTES.gather(a)


def _own_words(step: Step, f: Around) -> list[Vote]:
    return _cues_in(f.words, CLAUSE, step.weight)


def _bare_verb(step: Step, f: Around) -> list[Vote]:
    """"được phê duyệt là 120 tỷ, thực hiện 118 tỷ": a bare verb after a planned figure of its kind
    (not a part's: "trong đó ngân sách tỉnh hỗ trợ 700 triệu" is of its total)."""
    bare = _BARE_VERB.search(f.words)
    if (f.total is None and f.previous and f.previous[-1].frame == PLAN and f.previous[-1].mention.unit == f.m.unit
            and bare is not None):
        return [Vote(RESULT, bare.words.strip(), CLAUSE, step.weight * bare.rule.weight, bare.rule.id)]
    return []


def _rest_of_clause(step: Step, f: Around) -> list[Vote]:
    # the words of its total ("Tổng kinh phí được giao là 1.905 triệu, trong đó đã thực hiện 06
    # nhiệm vụ") speak through the total's vote, once
    total = f.total
    rest_from = total.mention.unit_end if total is not None and total.mention.start >= f.clause.start else f.clause.start
    return _cues_in(f.doc.text[rest_from:min(f.window[0], f.m.start)], CLAUSE, step.weight)


def _its_total(step: Step, f: Around) -> list[Vote]:
    return [Vote(f.total.frame, "its total", SENTENCE, step.weight, BY_TOTAL)] if f.total and f.total.frame else []


def _figure_before(step: Step, f: Around) -> list[Vote]:
    before = f.previous[-1] if f.previous else None
    if before is None or not before.frame or (f.total is not None and before.mention is f.total.mention):
        return []
    return [Vote(before.frame, "the figure before", SENTENCE, step.weight, BY_FIGURE_BEFORE)]


def _its_sentence(step: Step, f: Around) -> list[Vote]:
    return _cues_in(f.doc.text[f.sentence.start:min(f.clause.start, f.m.start)], SENTENCE, step.weight)


def _carried(step: Step, f: Around) -> list[Vote]:
    if not f.base.frame:
        return []
    return [Vote(f.base.frame, "carried frame", PARAGRAPH, step.weight, f.base.frame_rule or BY_CARRIED)]


def _after_the_number(step: Step, f: Around) -> list[Vote]:
    """"hơn 3,8 tỷ đồng để thực hiện 5 đề án" (money granted for what is to be done), "16 đề án
    khuyến công được đưa vào kế hoạch" (what was approved; not said of a fraction's numerator)."""
    hit = _AFTER.match(f.doc.text, f.m.unit_end)
    if hit is None or (f.m.fraction == "numerator" and hit.rule.id == "frame.plan.duoc_duyet_sau"):
        return []
    return [Vote(hit.answer, hit.words.strip(), CLAUSE, step.weight * hit.rule.weight, hit.rule.id)]


_VOTES = chain(DECISION, "votes", {
    "after": _after_the_number,
    "own_words": _own_words,
    "bare_verb": _bare_verb,
    "rest_of_clause": _rest_of_clause,
    "total": _its_total,
    "figure_before": _figure_before,
    "sentence": _its_sentence,
    "carried": _carried,
})


def _cues_in(words: str, source: str, weight: float) -> list[Vote]:
    """The frame cues of ``words``, nearest (last) first, each weighing half the one after it."""
    return [Vote(side, hit.words, source, weight / 2 ** rank * hit.rule.weight, rule)
            for rank, (_, side, hit, rule) in enumerate(reversed(frame_cues(words)))]


def frame_cues(words: str) -> list[tuple[int, str, Hit, str]]:
    """(end, side, hit, rule id) of every plan and result cue in ``words``, in order. What a
    result cue covers is its own ("hoàn thành kế hoạch … được phê duyệt" is done, not planned);
    an aim right before a result cue ("nhằm đạt …", "phấn đấu đạt …") makes it a plan."""
    actuals = []
    for hit in _RESULTS.finditer(words):
        aim = _AIM.search(words, 0, hit.start)
        actuals.append((hit.end, PLAN, hit, aim.rule.id) if aim else (hit.end, RESULT, hit, hit.rule.id))
    plans = [(hit.end, PLAN, hit, hit.rule.id) for hit in _PLANS.finditer(_RESULTS.sub(words))]
    return sorted(actuals + plans, key=lambda c: c[0])


def _evidence(side: str, votes: list[Vote]) -> Evidence:
    """The heaviest vote of the winning side, and what it outweighed."""
    best = max((v for v in votes if v.side == side), key=lambda v: v.weight)
    against = [v for v in votes if v.side != side]
    cue = best.words + (f" (over {', '.join(v.words for v in against)})" if against else "")
    return Evidence(best.source, cue, best.rule, tuple(v.rule for v in against))


def sentence_frame(doc: Document, sentence: Sentence, carried: str, carried_rule: str = "") -> tuple[str, str]:
    """The frame a sentence without figures hands on, and its rule: its last cue's, else
    the one it was given."""
    found = frame_cues(doc.text[sentence.start:sentence.end])
    return (found[-1][1], found[-1][3]) if found else (carried, carried_rule)


def approval_frame(doc: Document, para: Span) -> tuple[str, str]:
    """PLAN and its rule when a report's first paragraph with figures announces an approved
    plan and reports nothing done ("Theo Quyết định … ký ban hành, tổng kinh phí … năm 2025
    là …"): its later paragraphs list that plan's items. An aim ("phấn đấu", "mục tiêu") is
    no approval."""
    words = doc.text[para.start:para.end]
    approved = _OPENING.search(words)
    return (PLAN, approved.rule.id) if approved and not _RESULTS.search(words) else ("", "")


def reports_done(words: str) -> Optional[Hit]:
    """The first result cue of ``words`` (what was done), or None."""
    return _RESULTS.search(words)


def support_budget(words: str) -> Optional[Hit]:
    """What a support budget's clause says of its money: work under way (a plan cue), else
    money used (a result cue), else None."""
    return _UNDER_WAY.search(words) or _DONE.search(words) or _RESULTS.search(words)


def bare_verb(words: str) -> Optional[Hit]:
    """A verb that names an action without saying whether it happened ("hỗ trợ" …) at the end of ``words``."""
    return _BARE_VERB.search(words)


def recognised(a: Around, measure: str) -> Optional[Evidence]:
    """A recognised count ("công nhận 25 sản phẩm", "48 sản phẩm đạt sản phẩm CNNT cấp tỉnh", a
    part of such a total, a breakdown in the sentences after it): what was done, whatever
    frame it stands in, unless an aim in its own clause before it keeps it a target. The
    evidence names the recognising rule."""
    doc, m, clause, sentence = a.doc, a.m, a.clause, a.sentence
    words, carried_rule = (a.window[0], a.right[1]), a.base.recognised
    total_sentence = a.total.sentence if a.total is not None else None
    if measure not in RECOGNISABLE or _RECOGNISED_AIM.search(doc.text[clause.start:m.start]):
        return None
    # a facility's own words: back to the figure before, on to the next list break ("và", ",", ";")
    own_end = next((m.unit_end + b.start for b in _LIST_BREAK.finditer(doc.text[m.unit_end:words[1]])), words[1])
    places = [(CLAUSE, (words[0], own_end))]
    if measure == Measure.PRODUCTS:  # facilities only where their own words recognise them
        places.append((CLAUSE, (clause.start, clause.end)))
        if carried_rule.startswith(RECOGNISED_RULES):  # "Cụ thể, có 8 sản phẩm thủ công mỹ nghệ; …"
            return Evidence(PARAGRAPH, "recognised before", carried_rule)
        places.append((SENTENCE, (sentence.start, sentence.end)))
    if total_sentence is not None:
        places.append((SENTENCE, (total_sentence.start, total_sentence.end)))
    for source, (start, end) in places:
        hit = _RECOGNISED.search(doc.text[start:end])
        if hit:
            return Evidence(source, hit.words, hit.rule.id)
    return None


def as_plan(measure: str, qualifier: str) -> tuple[str, str]:
    """A result read inside a plan: the planned measure, or a target for counts."""
    if measure in PLANNED:
        return PLANNED[measure], qualifier
    if measure in TARGETED and not qualifier:
        return measure, Qualifier.TARGET
    return measure, qualifier


def plan_budget(frame: Evidence) -> tuple[str, Evidence]:
    """An amount with no measure cue of its own inside a plan is its budget ("kinh phí …: 8,85 tỷ")."""
    return Measure.BUDGET_PLAN, Evidence(frame.source, "plan frame", frame.rule)


def still_running(doc: Document, m: NumberMention, clause: Span, measure: str, qualifier: str,
                  period: Optional[Period], role: str) -> bool:
    """A result stated for a period that had not ended when the report appeared is a
    plan ("16 đề án được thực hiện trong năm 2020", published in March 2020; "chương
    trình giai đoạn 2021-2025 hỗ trợ 50 cơ sở", published in 2021: a target), unless
    the words say it is done or under way ("đã thực hiện", "đang triển khai", "đạt")."""
    if not doc.published or period is None or period.end <= doc.published[:7]:
        return False
    if qualifier not in (Qualifier.NONE, Qualifier.AT_LEAST) or measure not in (*PLANNED, *TARGETED):
        return False
    if _RESULTS.search(doc.text[clause.start:m.start]):
        return False  # "toàn tỉnh đang triển khai 13 đề án": under way, not planned
    return period.start_year == period.end_year or role != "part"


def revised_as_plan(doc: Document) -> Evidence:
    """The evidence of the one revision: a result whose period had not ended when the report appeared."""
    return Evidence(REPORT, f"published {doc.published}", "revise.published")
