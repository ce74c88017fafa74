"""How a figure is qualified: average, target, estimate, at least (or plain)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Optional

from pipelines.extraction.around import Around
from pipelines.extraction.figure import BY_CARRIED, CLAUSE, DEFAULT, PARAGRAPH, Evidence
from pipelines.tables.vocabulary import Qualifier, Unit
from pipelines.text.rules import Hit, chain, matcher

# "hơn 3,8 tỷ", "không dưới 20 cơ sở": the word sits right before the number
AT_LEAST_LOOKBEHIND = 12
DECISION = "qualifier"
_NAMED, _AT_LEAST, _PURPOSE = matcher(DECISION, "named"), matcher(DECISION, "at_least"), matcher(DECISION, "purpose")


def decide_qualifier(a: Around) -> tuple[str, Evidence]:
    """The first step of qualifier.toml's order ``figure`` that answers; plain when none does."""
    figure = a.seen_as(_Qualified)
    decided = _FIGURE.first(figure)
    if decided is not None:
        return decided
    # nothing qualifies the figure; a purpose that set an aim aside says why
    purposes = figure.named[1]
    return Qualifier.NONE, Evidence(DEFAULT, "", purposes[-1].rule.id if purposes else "")


@dataclass(frozen=True)
class _Qualified(Around):
    """A figure with the qualifiers named before it, which several steps read."""

    @cached_property
    def named(self) -> tuple[list[Hit], list[Hit]]:
        """The qualifiers named in the clause before the number, and the purposes that set
        a target word aside ("để thực hiện mục tiêu …")."""
        before = self.doc.text[self.clause.start:self.m.start]
        found, purposes = [], []
        for hit in _NAMED.find(before):
            purpose = _PURPOSE.search(before, 0, hit.start) if hit.answer == Qualifier.TARGET else None
            if purpose is None:
                found.append(hit)
            else:
                purposes.append(purpose)
        return found, purposes


def _denominator(f: _Qualified) -> Optional[tuple[str, Evidence]]:
    return (Qualifier.NONE, Evidence(CLAUSE, "/")) if f.m.fraction == "denominator" else None


def _named_before(f: _Qualified) -> Optional[tuple[str, Evidence]]:
    found = f.named[0]
    return (found[-1].answer, Evidence(CLAUSE, found[-1].words, found[-1].rule.id)) if found else None


def _right_before(f: _Qualified) -> Optional[tuple[str, Evidence]]:
    at_least = _AT_LEAST.search(f.doc.text[max(f.clause.start, f.m.start - AT_LEAST_LOOKBEHIND):f.m.start])
    return (at_least.answer, Evidence(CLAUSE, at_least.words.strip(), at_least.rule.id)) if at_least else None


def _carried(f: _Qualified) -> Optional[tuple[str, Evidence]]:
    if f.base.qualifier and not (f.base.qualifier == Qualifier.TARGET and f.m.unit == Unit.VND):  # an aim said before is not the budget's
        return f.base.qualifier, Evidence(PARAGRAPH, "", BY_CARRIED)
    return None


_FIGURE = chain(DECISION, "figure", {"denominator": _denominator, "named_before": _named_before,
                                     "right_before": _right_before, "carried": _carried})
