"""The order of decisions for one number, written once, top to bottom.

Each decision is a function of explicit inputs that returns its answer; the only
revision of an earlier answer (a result whose period had not ended when the
report appeared becomes a plan) is an explicit step here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from pipelines.extraction.activity import decide_activity
from pipelines.extraction.around import Around
from pipelines.extraction.document import Document
from pipelines.extraction.figure import PLAN, RESULT, Figure, State
from pipelines.extraction.frame import as_plan, decide_frame, plan_budget, recognised, revised_as_plan, still_running
from pipelines.extraction.measure import decide_measure
from pipelines.extraction.period import decide_period
from pipelines.extraction.program import decide_program
from pipelines.extraction.qualifier import decide_qualifier
from pipelines.extraction.recognition import decide_recognition
from pipelines.extraction.region import decide_region
from pipelines.extraction.rows import quote_span
from pipelines.tables.vocabulary import Activity, Qualifier, Unit
from pipelines.text.rules import matcher
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Sentence, Span

# the phrase after a number names its programme within a few words ("12 tỷ đồng
# vốn khuyến công quốc gia"); further on it speaks of something else
RIGHT_PHRASE_MAX_CHARS = 120
_TIME_REASONS = ("year", "period", "date", "time")
_PHRASE_END = matcher("structure", "phrase_end")
_RANGE_DASH = re.compile(r"\s*[-–]\s*")  # "10 - 15 đề án", "1,12 - 1,36%"


def decide_figure(doc: Document, m: NumberMention, sentence: Sentence, quantities: list[NumberMention],
                  previous: list[Figure], base: State, group: tuple[str, str], total: Optional[Figure]) -> Figure:
    """Every decision about one quantity of a body sentence. ``previous`` are the decided
    figures before it in the sentence, ``group`` its (group id, role), ``total`` its
    total's figure when it is a part."""
    clause = next(c for c in sentence.clauses if c.start <= m.start <= c.end)
    window, right = phrase_windows(doc, m, clause, quantities)
    if previous and _RANGE_DASH.fullmatch(doc.text[previous[-1].mention.end:m.start]):
        return range_end(m, previous[-1], group)
    around = Around(doc, m, window, right, clause, sentence, previous, total, base)
    side, frame = decide_frame(around)
    plan = side == PLAN
    measured = decide_measure(around, side)
    measure, measure_evidence = measured.measure, measured.evidence
    if not measure and plan and m.unit == Unit.VND:
        measure, measure_evidence = plan_budget(frame)  # "kinh phí …: 8,85 tỷ"
    if not measure:
        return Figure(m, sentence, reason=measured.reason or "no_measure_cue", frame=side, value=measured.value,
                      group_id=group[0], role=group[1])
    program, program_evidence = decide_program(around)
    activity, activity_evidence = decide_activity(around)
    qualifier, qualifier_evidence = decide_qualifier(around)
    done = recognised(around, measure)
    if done is not None:  # a recognised count is what was done, and recognising products is their activity
        side, frame, plan, activity, activity_evidence = RESULT, done, False, Activity.TYPICAL_PRODUCTS, done
        qualifier, qualifier_evidence = (Qualifier.NONE, done) if qualifier == Qualifier.TARGET else (qualifier, qualifier_evidence)
    if plan:
        measure, qualifier = as_plan(measure, qualifier)
    period, compared, period_evidence = decide_period(around, measure, qualifier)
    if side != RESULT and done is None and still_running(doc, m, clause, measure, qualifier, period, group[1]):  # the revision: a plan after all
        side, (measure, qualifier) = PLAN, as_plan(measure, qualifier)
        frame = revised_as_plan(doc)
    region, region_evidence = decide_region(around)
    level, level_evidence = decide_recognition(around, measure, activity)
    evidence = (("measure", measure_evidence), ("frame", frame), ("program", program_evidence),
                ("activity", activity_evidence), ("qualifier", qualifier_evidence), ("period", period_evidence),
                ("region", region_evidence)) + ((("recognition", level_evidence),) if level_evidence else ())
    return Figure(m, sentence, frame=side, measure=measure, value=measured.value, program=program, activity=activity,
                  qualifier=qualifier, period=period, compared=compared, region_id=region, recognition_level=level,
                  quote_span=quote_span(doc.text, clause, m), group_id=group[0], role=group[1], evidence=evidence)


def phrase_windows(doc: Document, m: NumberMention, clause: Span, quantities: list[NumberMention]
                   ) -> tuple[tuple[int, int], tuple[int, int]]:
    """The words that belong to a number: before it, back to the previous figure or the
    clause start; after it, up to the next figure, the phrase's end or a few words."""
    prev_end = max([q.unit_end for q in quantities if q.start < m.start and q.unit_end <= m.start]
                   + [clause.start])
    window = (max(prev_end, clause.start), m.start)
    after = _range_partner_end(doc, m, quantities)  # "20 - 25 cơ sở ứng dụng …": after the range
    right_end = min([q.start for q in quantities if q.start > after]
                    + [clause.end, after + RIGHT_PHRASE_MAX_CHARS])
    # any next number, quantity or not ("… KCQG và 12 huyện …"), ends the phrase; a date does not
    later = [n.start for n in doc.numbers_from(after, right_end) if n.reason not in _TIME_REASONS]
    right_end = min(later + [right_end])
    return window, (after, _phrase_end(doc.text, after, right_end))


def _phrase_end(text: str, start: int, end: int) -> int:
    """Where the phrase after a number ends: at "trong đó", ":", ";", "." or a bracket,
    but an aside in brackets that holds no number ("cho Hợp tác xã (HTX) … mua sắm máy")
    is read through."""
    stop = _PHRASE_END.search(text, start, end)
    while stop and stop.words == "(" and stop.start > start:
        close = text.find(")", stop.end, end)
        if close < 0 or any(c.isdigit() for c in text[stop.end:close]):
            break
        stop = _PHRASE_END.search(text, close + 1, end)
    return stop.start if stop else max(end, start)


def _range_partner_end(doc: Document, m: NumberMention, quantities: list[NumberMention]) -> int:
    """Where the phrase after a number starts: after its unit, or after the second number of
    the range it opens."""
    following = [q for q in quantities if q.start > m.start]
    if following and _RANGE_DASH.fullmatch(doc.text[m.end:following[0].start]):
        return max(m.unit_end, following[0].unit_end)
    return m.unit_end


def range_end(m: NumberMention, partner: Figure, group: tuple[str, str]) -> Figure:
    """The second number of a range takes everything but its value from the first."""
    if partner.reason:
        return Figure(m, partner.sentence, reason=partner.reason, group_id=group[0], role=group[1])
    value = m.value or 0.0
    return replace(partner, mention=m, value=-value if partner.value < 0 else value, compared=False,
                   quote_span=(partner.quote_span[0], max(partner.quote_span[1], m.unit_end)))
