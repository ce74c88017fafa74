"""What a percentage measures: growth, a share, or progress against the plan.

The verb just before the number decides ("tăng", "chiếm", "đạt"); the words
around it say whether the programme is the subject at all.
"""

from __future__ import annotations

from pipelines.extraction.document import Document
from pipelines.extraction.figure import CLAUSE, DEFAULT, Evidence, Figure, Measured
from pipelines.text.rules import matcher
from pipelines.tables.vocabulary import Measure, Unit
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Sentence

# the verb of a percentage sits right before it ("đạt 35,2%", "tăng 12%")
VERB_LOOKBEHIND = 40
# "chiếm 40% tổng kinh phí": what the share is of follows immediately
OF_WHAT_LOOKAHEAD = 30
# the subject of a share may be named just after it ("đạt 70% kế hoạch kinh phí")
SUBJECT_LOOKAHEAD = 40
# "chiếm x%" after an amount moved against the plan is that amount's share of the plan:
# spent gives the execution rate, allocated the allocated share (not an execution rate)
_OF_THE_PLAN = {Measure.BUDGET_SPENT: Measure.EXECUTION_PCT, Measure.BUDGET_ALLOCATED: Measure.ALLOCATED_PCT}
INCREASE, DECREASE = "increase", "decrease"  # what a growth verb's answer says of its sign
_VERBS, _IIP = matcher("measure", "percent_verb"), matcher("measure", "iip")
_AGAINST, _OF_TOTAL = matcher("measure", "percent_against"), matcher("measure", "percent_of_total")
_RATE = matcher("measure", "percent_rate")
# whose percentage it is (rules/not_a_figure.toml): the programme's, its products', or not the programme's
_PROGRAMME, _PRODUCT = matcher("not_a_figure", "programme_subject"), matcher("not_a_figure", "product_subject")
_NOT_PROGRAMME = matcher("not_a_figure", "not_programme")


def _part_of_its_kind(money: Figure) -> bool:
    """A part of a total of spending ("đã thực hiện 47 tỷ, trong đó ngân sách hỗ trợ 6,9 tỷ,
    chiếm 14,4%"; "Trong đó, KCQG thực hiện 56,3 tỷ, …, chiếm 55,37%"): "chiếm" is its
    share of that total, not an execution rate. An allocated part keeps its own plan."""
    return money.role == "part" and money.measure == Measure.BUDGET_SPENT


def percent_measure(doc: Document, m: NumberMention, window: tuple[int, int], sentence: Sentence,
                    previous: list[Figure]) -> Measured:
    value = m.value or 0.0
    near = (max(window[0], m.start - VERB_LOOKBEHIND), m.start)
    found = _VERBS.find(doc.text[near[0]:near[1]])
    label = found[-1].answer if found else ""
    verb = Evidence(CLAUSE, found[-1].words, found[-1].rule.id) if found else Evidence(DEFAULT)
    after = doc.text[m.unit_end:m.unit_end + OF_WHAT_LOOKAHEAD]
    subject = doc.text[sentence.start:m.start]
    if label in (INCREASE, DECREASE):
        if _NOT_PROGRAMME.search(subject) or not _PROGRAMME.search(subject):
            return Measured("", value, verb)  # "giảm 40% số công nhân", the firms' revenue: not the programme's
        signed = -value if label == DECREASE else value
        iip = _IIP.find(subject)
        if iip:  # "chỉ số sản xuất công nghiệp tăng 7%": the index, named before its verb
            return Measured(iip[-1].answer, signed, Evidence(CLAUSE, verb.cue, iip[-1].rule.id, (verb.rule,)))
        return Measured(Measure.GROWTH_PCT, signed, verb)
    around = subject + doc.text[m.unit_end:m.unit_end + SUBJECT_LOOKAHEAD]
    if label and not (_PROGRAMME.search(around) or _PRODUCT.search(around)):
        return Measured("", value, verb)  # "tỷ trọng công nghiệp chiếm 29,5%", "lao động có việc làm đạt 70%"
    if label == Measure.SHARE_PCT:
        money = [q for q in previous if q.mention.unit == Unit.VND]
        if not _OF_TOTAL.match(after) and money and money[-1].measure in _OF_THE_PLAN \
                and not _part_of_its_kind(money[-1]):
            return Measured(_OF_THE_PLAN[money[-1].measure], value, verb)  # "phân bổ 13 tỷ (chiếm 40%)"
        return Measured(Measure.SHARE_PCT, value, verb)
    counted = [q for q in previous if q.mention.unit == Unit.COUNT]
    against = _AGAINST.match(after)
    if label == Measure.EXECUTION_PCT and (against or (counted and counted[-1] is previous[-1]
                                                 and counted[-1].mention.fraction == "denominator")):
        return Measured(Measure.EXECUTION_PCT, value, verb)  # "đạt 90% kế hoạch"; "thực hiện 10/12 đề án, đạt 83%"
    if label == Measure.EXECUTION_PCT and (_OF_TOTAL.match(after) or _RATE.search(doc.text[near[0]:near[1]])
                                      or (counted and counted[-1] is (previous[-1] if previous else None))):
        return Measured(Measure.SHARE_PCT, value, verb)  # "439 sản phẩm được công nhận (đạt tỷ lệ 49%)": part of a count
    if label == Measure.EXECUTION_PCT:
        return Measured(Measure.EXECUTION_PCT, value, verb)
    if against:
        return Measured(against.answer, value, Evidence(CLAUSE, against.words.strip(), against.rule.id))
    return Measured("", value, verb)
