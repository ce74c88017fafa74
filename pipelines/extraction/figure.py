"""What the decisions produce: a decided figure, and what a sentence hands on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from pipelines.text.periods import Period
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Sentence

# a result measure and the plan measure it becomes when the figure is part of a plan
PLANNED = {"budget_spent": "budget_plan", "projects_implemented": "projects_planned"}
# counts that, read inside a plan, are its targets
TARGETED = ("beneficiaries", "models", "products", "projects_completed")


@dataclass(frozen=True)
class Evidence:
    """Where an answer came from: ``clause`` (the figure's own clause), ``sentence``,
    ``paragraph`` (a frame carried from earlier sentences), ``report`` (the report's
    default region or year, or its date), ``default`` (nothing stated: the contract's
    default value), ``contested`` (stated in the clause, which also states something
    against it) or ``review`` (set by a reviewed override); ``cue`` the deciding words."""

    source: str
    cue: str = ""


CLAUSE, SENTENCE, PARAGRAPH, REPORT, DEFAULT = "clause", "sentence", "paragraph", "report", "default"
PLAN, RESULT = "plan", "result"  # the frame of a figure: announced as planned, or reported as done
CONTESTED = "contested"  # stated in the clause, which also states something that speaks against it


@dataclass(frozen=True)
class Measured:
    """What a figure measures, its value (signed for a decrease) and why."""

    measure: str  # "" when the number is no figure of the programme
    value: float
    evidence: Evidence = Evidence(DEFAULT)
    reason: str = ""  # a count that is not a programme figure: products_entered, not_supported


@dataclass(frozen=True)
class State:
    """What a sentence hands on: its period, programme, qualifier and plan frame."""

    period: Optional[Period] = None
    program: str = ""
    qualifier: str = ""
    frame: str = ""  # PLAN ("phê duyệt …", "kế hoạch … năm 2023"), RESULT ("đã thực hiện …") or ""

    def continued(self) -> "State":
        """What a connector sentence ("Theo đó", "Cụ thể") takes on: all but "hơn N",
        which belongs to its own number."""
        return State(self.period, self.program, "" if self.qualifier == "at_least" else self.qualifier, self.frame)


@dataclass(frozen=True)
class Figure:
    """One number of a body sentence with every decision about it (or why it is none)."""

    mention: NumberMention
    sentence: Sentence
    reason: str = ""  # why it is not a fact ("" for facts)
    frame: str = ""  # PLAN, RESULT or "" when nothing says (see frame.decide_frame)
    measure: str = ""
    value: float = 0.0
    program: str = "all"
    activity: str = "all"
    qualifier: str = ""
    period: Optional[Period] = None
    compared: bool = False  # the figure compared with ("so với năm 2017 (44 tỷ)")
    region_id: str = ""
    recognition_level: str = ""
    quote_span: tuple[int, int] = (0, 0)
    group_id: str = ""
    role: str = ""  # total / part / ""
    evidence: tuple[tuple[str, Evidence], ...] = ()  # (attribute, where its answer came from)

    @property
    def plan(self) -> bool:
        return self.frame == PLAN


def as_plan(measure: str, qualifier: str) -> tuple[str, str]:
    """A result read inside a plan: the planned measure, or a target for counts."""
    if measure in PLANNED:
        return PLANNED[measure], qualifier
    if measure in TARGETED and not qualifier:
        return measure, "target"
    return measure, qualifier
