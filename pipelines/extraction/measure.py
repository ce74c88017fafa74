"""What a figure measures: money planned, allocated or spent, projects, counts.

Money and counts are read from the head phrase or verb before the number; a
count's noun is its unit. Percentages are decided in ``percent``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from pipelines.extraction.around import Around
from pipelines.extraction.document import Document
from pipelines.extraction.figure import (BY_FRAME, BY_ITEM_BEFORE, BY_PROJECT_COUNT, BY_TOTAL, CLAUSE, DEFAULT, PLAN,
                                         RESULT, SENTENCE, Evidence, Figure, Measured)
from pipelines.extraction.activity import named as names_activity
from pipelines.extraction.frame import reports_done, support_budget
from pipelines.extraction.percent import percent_measure
from pipelines.extraction.program import named as names_programme
from pipelines.text.rules import Hit, chain, matcher
from pipelines.tables.vocabulary import Measure, Unit
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Span

# "382 sản phẩm tham gia bình chọn": the words right after a product count say whether
# it was entered or recognised; further on they describe something else
ENTERED_LOOKAHEAD = 60
# "với 300 triệu đồng hỗ trợ từ nguồn …": the support verb follows the amount closely
SUPPORT_LOOKAHEAD = 20
DECISION = "measure"
SUPPORT_BUDGET = "support_budget"  # "kinh phí hỗ trợ": the budget or the spending, by what was done
_HEADS, _VERBS = matcher(DECISION, "money_head"), matcher(DECISION, "money_verb")
_SET_ASIDE, _SUPPORT_AFTER = matcher(DECISION, "money_after"), matcher(DECISION, "support_after")
_MONEY_WHOLE, _BUDGET_NOUN = matcher(DECISION, "money_whole"), matcher(DECISION, "budget_noun")
_PROJECT_VERBS, _PROJECT_AFTER = matcher(DECISION, "project_verb"), matcher(DECISION, "project_after")
_PROJECT_WHOLE = matcher(DECISION, "project_whole")
_ITEM_MONEY, _LIST_ITEM = matcher("structure", "item_money"), matcher("structure", "list_item")
# what is said of a quantity that makes it no figure, or a figure (rules/not_a_figure.toml)
_NEGATED, _NOT_PROGRAMME = matcher("not_a_figure", "negated"), matcher("not_a_figure", "not_programme")
_PER_UNIT = matcher("not_a_figure", "per_unit")
_ENTERED, _RECOGNISED = matcher("not_a_figure", "entered"), matcher("not_a_figure", "recognised")
_SUPPORTED_BEFORE, _SUPPORTED_AFTER = matcher("not_a_figure", "supported_before"), matcher("not_a_figure", "supported_after")


def decide_measure(a: Around, frame: str) -> Measured:
    """What the number measures, read in the ``frame`` (plan, result or "") decided for it."""
    doc, m, clause, total = a.doc, a.m, a.clause, a.total
    value = m.value or 0.0
    if m.unit == Unit.VND:
        return Measured(*_valued(money_measure(a, frame), value))
    if m.unit == Unit.PERCENT:
        return percent_measure(a)
    if m.count_noun == "projects":
        return Measured(*_valued(project_measure(a), value))
    noun = Evidence(CLAUSE, doc.text[m.end:m.unit_end].strip(), m.noun_rule)
    if m.count_noun == Measure.PRODUCTS and _entered(doc, m, clause, total):
        return Measured("", value, noun, "products_entered")  # "382 sản phẩm tham gia bình chọn"
    after = doc.text[m.unit_end:clause.end]
    if m.count_noun == Measure.BENEFICIARIES and not (_SUPPORTED_BEFORE.search(doc.text[clause.start:m.start])
                                                 or _SUPPORTED_AFTER.search(after)):
        return Measured("", value, noun, "not_supported")  # "toàn tỉnh có 2.605 cơ sở": counted, not supported
    return Measured(m.count_noun, value, noun)  # beneficiaries, models, products


def _valued(decided: tuple[str, Evidence], value: float) -> tuple[str, float, Evidence]:
    return decided[0], value, decided[1]


@dataclass(frozen=True)
class _Amount(Around):
    """An amount or a project count, with the frame decided for it and the cues its steps ask."""

    frame: str = ""

    def verbs(self, span: tuple[int, int], source: str) -> Optional[tuple[str, Evidence]]:
        """The nearest project verb in ``span`` (measure.toml, scope project_verb)."""
        found = _PROJECT_VERBS.find(self.doc.text[span[0]:span[1]])
        return (found[-1].answer, _evidence(found[-1], source)) if found else None

    def cue(self, span: tuple[int, int]) -> Optional[tuple[str, Evidence]]:
        """The money measure a head phrase or verb in ``span`` names: the nearest head
        phrase, else the nearest verb; "kinh phí hỗ trợ" by what the clause says was done."""
        text = self.doc.text[span[0]:span[1]]
        found = _HEADS.find(text)
        if found and found[-1].answer == SUPPORT_BUDGET:
            said = support_budget(self.doc.text[self.clause.start:self.window[1]])
            if said is not None and said.answer == PLAN:  # "đang triển khai 13 đề án, với tổng kinh phí hỗ trợ …":
                return Measure.BUDGET_PLAN, _evidence(said)  # their budget, not yet spent
            return _budget_by_what_was_done(said, self.frame, found[-1])
        found = found or _VERBS.find(text)
        return (found[-1].answer, _evidence(found[-1])) if found else None


def project_measure(a: Around) -> tuple[str, Evidence]:
    """A project count's measure: the first step of measure.toml's order ``projects`` that answers."""
    amount = a.seen_as(_Amount)
    return _PROJECTS.first(amount) or (Measure.PROJECTS_IMPLEMENTED, Evidence(DEFAULT))


def _project_negated(a: _Amount) -> Optional[tuple[str, Evidence]]:
    return ("", Evidence(CLAUSE)) if _NEGATED.search(a.words) else None  # "cho ngừng thực hiện 02 đề án"


def _project_whole(a: _Amount) -> Optional[tuple[str, Evidence]]:
    whole = _PROJECT_WHOLE.search(a.words)  # "16/18 đề án", "10 đề án trong tổng số 12 đề án"
    if whole:
        return Measure.PROJECTS_PLANNED, _evidence(whole)
    return (Measure.PROJECTS_PLANNED, Evidence(CLAUSE, "/")) if a.m.fraction == "denominator" else None


def _project_after(a: _Amount) -> Optional[tuple[str, Evidence]]:
    done = _PROJECT_AFTER.match(a.doc.text, a.m.unit_end)
    return (done.answer, _evidence(done)) if done else None


def _from_total(a: _Amount) -> Optional[tuple[str, Evidence]]:
    """The measure of the total the figure is a part of, when it counts the same thing."""
    if a.total is None or a.total.mention.unit != a.m.unit or not a.total.measure:
        return None
    if a.m.unit == Unit.VND and a.frame == RESULT and a.total.measure == Measure.BUDGET_PLAN:
        # "được giao 1.905 triệu, trong đó đã thực hiện …": a result within its budget
        return Measure.BUDGET_SPENT, Evidence(SENTENCE, "result within its total", BY_TOTAL)
    return a.total.measure, Evidence(SENTENCE, "its total", BY_TOTAL)


_PROJECTS = chain(DECISION, "projects", {
    "negated": _project_negated,
    "whole": _project_whole,
    "said_after": _project_after,
    "verb_in_words": lambda a: a.verbs(a.window, CLAUSE),
    "total": _from_total,
    "verb_in_clause": lambda a: a.verbs((a.clause.start, a.m.start), CLAUSE),
    "verb_in_sentence": lambda a: a.verbs((a.sentence.start, a.m.start), SENTENCE),
})


def _entered(doc: Document, m: NumberMention, clause: Span, total: Optional[Figure]) -> bool:
    """Products entered for a vote, as opposed to recognised. The words right after the
    count decide ("382 sản phẩm tham gia bình chọn"), else the nearer cue before it; the
    parts of an entered total ("Trong đó, nhóm … có 66 sản phẩm") are entered too, and so is
    the pool of a recognised share ("19/34 sản phẩm thủ công": 34 were entered)."""
    if m.fraction == "denominator":
        return True
    after = doc.text[m.unit_end:clause.end][:ENTERED_LOOKAHEAD]
    verdict = _first_cue(after, first=True)
    if verdict is None:
        verdict = _first_cue(doc.text[clause.start:m.start], first=False)
    if verdict is None:
        return total is not None and total.reason == "products_entered"
    return verdict


def money_measure(a: Around, frame: str) -> tuple[str, Evidence]:
    """An amount's measure: the first step of measure.toml's order ``money`` that answers ("" when none)."""
    amount = a.seen_as(_Amount, frame=frame)
    return _MONEY.first(amount) or ("", Evidence(DEFAULT))


def _money_no_figure(a: _Amount) -> Optional[tuple[str, Evidence]]:
    # "kinh phí chưa phân bổ 340 triệu" (what did not happen), "giá trị sản xuất … 66 ngàn tỷ"
    # (the economy's figures), "mỗi cơ sở được hỗ trợ tối đa 35 triệu" (a rate): no figure
    words = a.words
    if _NEGATED.search(words) or _NOT_PROGRAMME.search(words) or _PER_UNIT.search(words):
        return "", Evidence(CLAUSE)
    return None


def _money_whole(a: _Amount) -> Optional[tuple[str, Evidence]]:
    if a.m.fraction == "denominator":
        return Measure.BUDGET_PLAN, Evidence(CLAUSE, "/")  # "600/1.200 triệu đồng": granted of requested
    whole = _MONEY_WHOLE.search(a.words)  # "đã hỗ trợ 2,1 tỷ trên tổng kinh phí 5 tỷ": the whole is the plan
    return (whole.answer, _evidence(whole)) if whole else None


def _set_aside_after(a: _Amount) -> Optional[tuple[str, Evidence]]:
    set_aside = _SET_ASIDE.match(a.doc.text, a.m.unit_end)
    return (set_aside.answer, _evidence(set_aside)) if set_aside else None


def _support_after(a: _Amount) -> Optional[tuple[str, Evidence]]:
    support = _SUPPORT_AFTER.match(a.doc.text[a.m.unit_end:a.m.unit_end + SUPPORT_LOOKAHEAD])
    return (support.answer, Evidence(CLAUSE, "hỗ trợ", support.rule.id)) if support else None  # "với 300 triệu đồng hỗ trợ từ …"


def _item_before(a: _Amount) -> Optional[tuple[str, Evidence]]:
    listed = _listed_after(a.doc, a.window, a.previous)  # "kinh phí KCQG 2 tỷ đồng, KCĐP 3 tỷ đồng"
    return (listed.measure, Evidence(CLAUSE, "the item before", BY_ITEM_BEFORE)) if listed is not None else None


def _plan_frame(a: _Amount) -> Optional[tuple[str, Evidence]]:
    return (Measure.BUDGET_PLAN, Evidence(SENTENCE, "plan frame", BY_FRAME)) if a.frame == PLAN else None


def _project_count(a: _Amount) -> Optional[tuple[str, Evidence]]:
    item = _counted_item(a.doc, a.window, a.previous)  # "4 đề án tập huấn (380 triệu đồng)"
    if item is None:
        return None
    planned = item.measure == Measure.PROJECTS_PLANNED
    return (Measure.BUDGET_PLAN if planned else Measure.BUDGET_SPENT), Evidence(CLAUSE, "its project count",
                                                                              BY_PROJECT_COUNT)


def _budget_noun(a: _Amount) -> Optional[tuple[str, Evidence]]:
    noun = _BUDGET_NOUN.search(a.words)
    if noun is None:
        return None
    # "kinh phí … của tỉnh là 3,3 tỷ": the budget, unless the clause reports what it did
    # ("với tổng kinh phí 11,977 tỷ đồng, Hà Nam đã thực hiện …")
    return _budget_by_what_was_done(reports_done(a.doc.text[a.clause.start:a.clause.end]), a.frame, noun)


_MONEY = chain(DECISION, "money", {
    "no_figure": _money_no_figure,
    "whole": _money_whole,
    "cue_in_words": lambda a: a.cue(a.window),
    "total": _from_total,
    "set_aside_after": _set_aside_after,
    "support_after": _support_after,
    "item_before": _item_before,
    "plan_frame": _plan_frame,
    "project_count": _project_count,
    "cue_in_clause": lambda a: a.cue((a.clause.start, a.window[1])),
    "budget_noun": _budget_noun,
})


def _budget_by_what_was_done(done: Optional[Hit], frame: str, noun: Hit) -> tuple[str, Evidence]:
    """A budget noun's figure: spent when its clause says something was done, or when it says
    nothing and follows what was done ("Tổng kinh phí hỗ trợ là 4,2 tỷ"); else the budget."""
    if done:
        return Measure.BUDGET_SPENT, _evidence(done)
    if frame == RESULT:
        return Measure.BUDGET_SPENT, Evidence(SENTENCE, "result frame", BY_FRAME)
    return Measure.BUDGET_PLAN, Evidence(CLAUSE, noun.words, noun.rule.id)


def _evidence(hit: Hit, source: str = CLAUSE) -> Evidence:
    return Evidence(source, hit.words.strip(), hit.rule.id)


def _counted_item(doc: Document, window: tuple[int, int], previous: list[Figure]) -> Optional[Figure]:
    """The project count a money figure belongs to: "4 đề án tập huấn (380 triệu đồng)"."""
    if not _ITEM_MONEY.fullmatch(doc.text[window[0]:window[1]]):
        return None
    before = [q for q in previous if q.mention.end <= window[0] and not q.reason]
    if before and before[-1].mention.count_noun == "projects" and before[-1].mention.unit_end <= window[0]:
        return before[-1]
    return None


def _listed_after(doc: Document, window: tuple[int, int], previous: list[Figure]) -> Optional[Figure]:
    """The money figure a money item continues: the one right before it, when only a
    coordinator and a programme or activity phrase come between ("2 tỷ đồng, KCĐP 3 tỷ")."""
    before = [q for q in previous if not q.reason and q.mention.unit_end <= window[0]]
    if not before or before[-1].mention.unit != Unit.VND or before[-1].mention.unit_end != window[0]:
        return None
    item = _LIST_ITEM.fullmatch(doc.text[window[0]:window[1]])
    phrase = item.match.group("phrase") if item is not None and item.match is not None else None
    if phrase is None or not (names_programme(phrase) or names_activity(phrase)):
        return None
    return before[-1]


def _first_cue(words: str, first: bool) -> Optional[bool]:
    """Whether an entered cue rather than a recognised one comes first (or, with
    ``first=False``, last) in ``words``; None when neither does."""
    hits = sorted([(h.start, True) for h in _ENTERED.finditer(words)]
                  + [(h.start, False) for h in _RECOGNISED.finditer(words)])
    if not hits:
        return None
    return hits[0][1] if first else hits[-1][1]
