"""What a figure measures: money planned, allocated or spent, projects, counts.

Money and counts are read from the head phrase or verb before the number; a
count's noun is its unit. Percentages are decided in ``percent``.
"""

from __future__ import annotations

from typing import Optional

from pipelines.extraction.document import Document
from pipelines.extraction.figure import (BY_FRAME, BY_ITEM_BEFORE, BY_PROJECT_COUNT, BY_TOTAL, CLAUSE, DEFAULT, PLAN,
                                         RESULT, SENTENCE, Evidence, Figure, Measured)
from pipelines.extraction.activity import named as names_activity
from pipelines.extraction.frame import reports_done, support_budget
from pipelines.extraction.percent import percent_measure
from pipelines.extraction.program import named as names_programme
from pipelines.text.rules import Hit, matcher
from pipelines.tables.vocabulary import Measure, Unit
from pipelines.text import cues
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Sentence, Span

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
# what is said of a quantity that makes it no figure, or a figure (rules/not_a_figure.toml)
_NEGATED, _NOT_PROGRAMME = matcher("not_a_figure", "negated"), matcher("not_a_figure", "not_programme")
_PER_UNIT = matcher("not_a_figure", "per_unit")
_ENTERED, _RECOGNISED = matcher("not_a_figure", "entered"), matcher("not_a_figure", "recognised")
_SUPPORTED_BEFORE, _SUPPORTED_AFTER = matcher("not_a_figure", "supported_before"), matcher("not_a_figure", "supported_after")


def decide_measure(doc: Document, m: NumberMention, frame: str, window: tuple[int, int], clause: Span,
                   sentence: Sentence, previous: list[Figure], total: Optional[Figure]) -> Measured:
    value = m.value or 0.0
    if m.unit == Unit.VND:
        return Measured(*_valued(money_measure(doc, m, frame, window, clause, previous, total), value))
    if m.unit == Unit.PERCENT:
        return percent_measure(doc, m, window, sentence, previous)
    if m.count_noun == "projects":
        return Measured(*_valued(project_measure(doc, m, window, clause, sentence, total), value))
    noun = Evidence(CLAUSE, doc.text[m.end:m.unit_end].strip(), m.noun_rule)
    if m.count_noun == "products" and _entered(doc, m, clause, total):
        return Measured("", value, noun, "products_entered")  # "382 sản phẩm tham gia bình chọn"
    after = doc.text[m.unit_end:clause.end]
    if m.count_noun == Measure.BENEFICIARIES and not (_SUPPORTED_BEFORE.search(doc.text[clause.start:m.start])
                                                 or _SUPPORTED_AFTER.search(after)):
        return Measured("", value, noun, "not_supported")  # "toàn tỉnh có 2.605 cơ sở": counted, not supported
    return Measured(m.count_noun, value, noun)  # beneficiaries, models, products


def _valued(decided: tuple[str, Evidence], value: float) -> tuple[str, float, Evidence]:
    return decided[0], value, decided[1]


def project_measure(doc: Document, m: NumberMention, window: tuple[int, int], clause: Span,
                    sentence: Sentence, total: Optional[Figure]) -> tuple[str, Evidence]:
    if _NEGATED.search(doc.text[window[0]:window[1]]):
        return "", Evidence(CLAUSE)  # "cho ngừng thực hiện 02 đề án"
    whole = _PROJECT_WHOLE.search(doc.text[window[0]:window[1]])
    if m.fraction == "denominator" or whole:  # "16/18 đề án", "10 đề án trong tổng số 12 đề án"
        return Measure.PROJECTS_PLANNED, (_evidence(whole) if whole else Evidence(CLAUSE, "/"))
    done = _PROJECT_AFTER.match(doc.text, m.unit_end)
    if done:
        return done.answer, _evidence(done)
    for span, source in ((window, CLAUSE), (None, SENTENCE), ((clause.start, m.start), CLAUSE),
                         ((sentence.start, m.start), SENTENCE)):
        if span is None:
            if total and total.mention.unit == m.unit and total.measure:
                return total.measure, Evidence(SENTENCE, "its total", BY_TOTAL)
            continue
        found = _PROJECT_VERBS.find(doc.text[span[0]:span[1]])
        if found:
            return found[-1].answer, _evidence(found[-1], source)
    return Measure.PROJECTS_IMPLEMENTED, Evidence(DEFAULT)


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


def money_measure(doc: Document, m: NumberMention, frame: str, window: tuple[int, int], clause: Span,
                  previous: list[Figure], total: Optional[Figure]) -> tuple[str, Evidence]:
    words = doc.text[window[0]:window[1]]
    if _NEGATED.search(words) or _NOT_PROGRAMME.search(words) or _PER_UNIT.search(words):
        # "kinh phí chưa phân bổ 340 triệu" (what did not happen), "giá trị sản xuất … 66 ngàn tỷ"
        # (the economy's figures), "mỗi cơ sở được hỗ trợ tối đa 35 triệu" (a rate): no figure
        return "", Evidence(CLAUSE)
    if m.fraction == "denominator":
        return Measure.BUDGET_PLAN, Evidence(CLAUSE, "/")  # "600/1.200 triệu đồng": granted of requested
    whole = _MONEY_WHOLE.search(words)
    if whole:  # "đã hỗ trợ 2,1 tỷ trên tổng kinh phí 5 tỷ": the whole is the plan
        return whole.answer, _evidence(whole)
    for span in (window, (clause.start, window[1])):
        label, evidence = _money_cue(doc, m, frame, span, clause, window, previous, total)
        if label:
            return label, evidence
    noun = _BUDGET_NOUN.search(words)
    if noun:
        # "kinh phí … của tỉnh là 3,3 tỷ": the budget, unless the clause reports what it did
        # ("với tổng kinh phí 11,977 tỷ đồng, Hà Nam đã thực hiện …")
        return _budget_by_what_was_done(reports_done(doc.text[clause.start:clause.end]), frame, noun)
    return "", Evidence(DEFAULT)


def _money_cue(doc: Document, m: NumberMention, frame: str, span: tuple[int, int], clause: Span,
               window: tuple[int, int], previous: list[Figure], total: Optional[Figure]) -> tuple[str, Evidence]:
    """The money measure the words of ``span`` (or the figure's surroundings) name, or ""."""
    found = _HEADS.find(doc.text[span[0]:span[1]])
    if found and found[-1].answer == SUPPORT_BUDGET:
        said = support_budget(doc.text[clause.start:window[1]])
        if said is not None and said.answer == PLAN:  # "đang triển khai 13 đề án, với tổng kinh phí hỗ trợ …":
            return Measure.BUDGET_PLAN, _evidence(said)  # their budget, not yet spent
        return _budget_by_what_was_done(said, frame, found[-1])
    found = found or _VERBS.find(doc.text[span[0]:span[1]])
    if found:
        return found[-1].answer, _evidence(found[-1])
    if total is not None and total.mention.unit == Unit.VND and total.measure:
        if frame == RESULT and total.measure == Measure.BUDGET_PLAN:  # "được giao 1.905 triệu, trong đó đã
            return Measure.BUDGET_SPENT, Evidence(SENTENCE, "result within its total", BY_TOTAL)  # thực hiện …"
        return total.measure, Evidence(SENTENCE, "its total", BY_TOTAL)
    set_aside = _SET_ASIDE.match(doc.text, m.unit_end)
    if set_aside:
        return set_aside.answer, _evidence(set_aside)
    support = _SUPPORT_AFTER.match(doc.text[m.unit_end:m.unit_end + SUPPORT_LOOKAHEAD])
    if support:  # "với 300 triệu đồng hỗ trợ từ nguồn …"
        return support.answer, Evidence(CLAUSE, "hỗ trợ", support.rule.id)
    listed = _listed_after(doc, window, previous)
    if listed is not None:  # "kinh phí KCQG 2 tỷ đồng, KCĐP 3 tỷ đồng"
        return listed.measure, Evidence(CLAUSE, "the item before", BY_ITEM_BEFORE)
    if frame == PLAN:
        return Measure.BUDGET_PLAN, Evidence(SENTENCE, "plan frame", BY_FRAME)
    item = _counted_item(doc, window, previous)
    if item is not None:
        planned = item.measure == Measure.PROJECTS_PLANNED
        return (Measure.BUDGET_PLAN if planned else Measure.BUDGET_SPENT), Evidence(CLAUSE, "its project count",
                                                                                  BY_PROJECT_COUNT)
    return "", Evidence(DEFAULT)


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
    if not cues.ITEM_MONEY.fullmatch(doc.text[window[0]:window[1]]):
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
    words = cues.LIST_ITEM.fullmatch(doc.text[window[0]:window[1]])
    if words is None or not (names_programme(words.group("phrase")) or names_activity(words.group("phrase"))):
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
