"""What the decisions produce: a decided figure, and what a sentence hands on."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from pipelines.tables.vocabulary import Activity, Frame, Program, Qualifier
from pipelines.text.periods import Period
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Sentence


@dataclass(frozen=True)
class Evidence:
    """Where an answer came from: ``clause`` (the figure's own clause), ``sentence``,
    ``paragraph`` (a frame carried from earlier sentences), ``report`` (the report's
    default region or year, or its date), ``default`` (nothing stated: the contract's
    default value), ``contested`` (stated in the clause, which also states something
    against it) or ``review`` (set by a reviewed override); ``cue`` the deciding words,
    ``rule`` the id of the rule that decided (or of the inheritance: ``inherit.total`` …)
    and ``over`` the rules it outweighed."""

    source: str
    cue: str = ""
    rule: str = ""
    over: tuple[str, ...] = ()


CLAUSE, SENTENCE, PARAGRAPH, REPORT, DEFAULT = "clause", "sentence", "paragraph", "report", "default"
PLAN, RESULT = Frame.PLAN, Frame.RESULT  # the frame of a figure: announced as planned, or reported as done
CONTESTED = "contested"  # stated in the clause, which also states something that speaks against it
# what the evidence names when an answer was inherited, not read by a rule of the tables
BY_TOTAL, BY_FIGURE_BEFORE, BY_CARRIED = "inherit.total", "inherit.before", "inherit.carried"
BY_FRAME, BY_ITEM_BEFORE, BY_PROJECT_COUNT = "inherit.frame", "inherit.item_before", "inherit.project_count"
BY_PARTS, BY_OPENING, BY_REPORT = "inherit.parts", "inherit.opening", "inherit.report"


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
    frame_rule: str = ""  # the id of the rule that set the frame
    recognised: str = ""  # the rule of a recognition a breakdown of products counts after ("Cụ thể, có 8 sản phẩm …")

    def continued(self) -> "State":
        """What a connector sentence ("Theo đó", "Cụ thể") takes on: all but "hơn N",
        which belongs to its own number."""
        return replace(self, qualifier=Qualifier.NONE if self.qualifier == Qualifier.AT_LEAST else self.qualifier)


@dataclass(frozen=True)
class Figure:
    """One number of a body sentence with every decision about it (or why it is none)."""

    mention: NumberMention
    sentence: Sentence
    reason: str = ""  # why it is not a fact ("" for facts)
    frame: str = ""  # PLAN, RESULT or "" when nothing says (see frame.decide_frame)
    measure: str = ""
    value: float = 0.0
    program: str = Program.ALL
    activity: str = Activity.ALL
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

    @property
    def frame_rule(self) -> str:
        """The id of the rule that decided the frame ("" when none did)."""
        return next((e.rule for a, e in self.evidence if a == "frame"), "")
