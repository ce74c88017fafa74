"""What a percentage measures: growth, a share, or progress against the plan.

The verb just before the number decides ("tăng", "chiếm", "đạt"); the words
around it say whether the programme is the subject at all. The steps and their
order are measure.toml's ``[[order.percent]]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Optional

from pipelines.extraction.around import Around
from pipelines.extraction.figure import CLAUSE, DEFAULT, Evidence, Figure, Measured
from pipelines.text.rules import Hit, chain, matcher
from pipelines.tables.vocabulary import Measure, Unit

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


def percent_measure(a: Around) -> Measured:
    """The first step of measure.toml's order ``percent`` that answers; no figure when none does."""
    pct = a.seen_as(_Percent)
    return _PERCENT.first(pct) or Measured("", pct.value, pct.verb)


@dataclass(frozen=True)
class _Percent(Around):
    """A percentage, with what the steps of its decision read: its verb and what it is of."""

    @property
    def value(self) -> float:
        return self.m.value or 0.0

    @cached_property
    def near(self) -> tuple[int, int]:
        """Where its verb stands: right before it, within its own words."""
        return max(self.window[0], self.m.start - VERB_LOOKBEHIND), self.m.start

    @cached_property
    def near_words(self) -> str:
        return self.doc.text[self.near[0]:self.near[1]]

    @cached_property
    def found(self) -> list[Hit]:
        return _VERBS.find(self.near_words)

    @property
    def label(self) -> str:
        """What its verb says: increase, decrease, a share or progress ("" when no verb)."""
        return self.found[-1].answer if self.found else ""

    @cached_property
    def verb(self) -> Evidence:
        return Evidence(CLAUSE, self.found[-1].words, self.found[-1].rule.id) if self.found else Evidence(DEFAULT)

    @cached_property
    def after(self) -> str:
        """What the percentage is of: the words right after it."""
        return self.doc.text[self.m.unit_end:self.m.unit_end + OF_WHAT_LOOKAHEAD]

    @cached_property
    def count_before(self) -> Optional[Figure]:
        """The figure right before it, when that is a count ("thực hiện 10/12 đề án, đạt 83%")."""
        return self.previous[-1] if self.previous and self.previous[-1].mention.unit == Unit.COUNT else None

    @cached_property
    def against(self) -> Optional[Hit]:
        return _AGAINST.match(self.after)

    def measured(self, measure: str) -> Measured:
        return Measured(measure, self.value, self.verb)


def _growth(p: _Percent) -> Optional[Measured]:
    if p.label not in (INCREASE, DECREASE):
        return None
    if _NOT_PROGRAMME.search(p.before) or not _PROGRAMME.search(p.before):
        return p.measured("")  # "giảm 40% số công nhân", the firms' revenue: not the programme's
    signed = -p.value if p.label == DECREASE else p.value
    iip = _IIP.find(p.before)
    if iip:  # "chỉ số sản xuất công nghiệp tăng 7%": the index, named before its verb
        return Measured(iip[-1].answer, signed, Evidence(CLAUSE, p.verb.cue, iip[-1].rule.id, (p.verb.rule,)))
    return Measured(Measure.GROWTH_PCT, signed, p.verb)


def _not_the_programmes(p: _Percent) -> Optional[Measured]:
    if not p.label:
        return None
    around = p.before + p.doc.text[p.m.unit_end:p.m.unit_end + SUBJECT_LOOKAHEAD]
    if not (_PROGRAMME.search(around) or _PRODUCT.search(around)):
        return p.measured("")  # "tỷ trọng công nghiệp chiếm 29,5%", "lao động có việc làm đạt 70%"
    return None


def _share(p: _Percent) -> Optional[Measured]:
    if p.label != Measure.SHARE_PCT:
        return None
    money = [q for q in p.previous if q.mention.unit == Unit.VND]
    if not _OF_TOTAL.match(p.after) and money and money[-1].measure in _OF_THE_PLAN \
            and not _part_of_its_kind(money[-1]):
        return p.measured(_OF_THE_PLAN[money[-1].measure])  # "phân bổ 13 tỷ (chiếm 40%)"
    return p.measured(Measure.SHARE_PCT)


def _of_the_plan(p: _Percent) -> Optional[Measured]:
    """"đạt 90% kế hoạch"; "thực hiện 10/12 đề án, đạt 83%"."""
    if p.label != Measure.EXECUTION_PCT:
        return None
    after_fraction = p.count_before is not None and p.count_before.mention.fraction == "denominator"
    return p.measured(Measure.EXECUTION_PCT) if p.against or after_fraction else None


def _part_of_a_count(p: _Percent) -> Optional[Measured]:
    """"439 sản phẩm được công nhận (đạt tỷ lệ 49%)": part of a count, or of a total."""
    if p.label != Measure.EXECUTION_PCT:
        return None
    if _OF_TOTAL.match(p.after) or _RATE.search(p.near_words) or p.count_before is not None:
        return p.measured(Measure.SHARE_PCT)
    return None


def _progress(p: _Percent) -> Optional[Measured]:
    return p.measured(Measure.EXECUTION_PCT) if p.label == Measure.EXECUTION_PCT else None


def _against(p: _Percent) -> Optional[Measured]:
    if p.against is None:
        return None
    return Measured(p.against.answer, p.value, Evidence(CLAUSE, p.against.words.strip(), p.against.rule.id))


_PERCENT = chain("measure", "percent", {
    "growth": _growth,
    "not_the_programmes": _not_the_programmes,
    "share": _share,
    "of_the_plan": _of_the_plan,
    "part_of_a_count": _part_of_a_count,
    "progress": _progress,
    "against": _against,
})
