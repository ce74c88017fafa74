"""How far to trust a figure, from where each of its attributes came from.

Every decision returns its answer with its evidence: ``clause`` (stated in the
figure's own clause), ``sentence``, ``paragraph`` (a frame carried from earlier
sentences), ``report`` (the report's default region or year, or its date),
``default`` (nothing stated: the contract's default value), ``contested`` (stated,
but the clause also states something against it, such as a count of provinces
beside one province) or ``review`` (set by a reviewed override; always trusted). The facts table keeps it as one readable
string, ``measure=clause:đã thực hiện; frame=sentence:kế hoạch; program=default; …``,
and a confidence: the product over attributes of how often an answer from that
source is right. The weights are per attribute and source, never per report;
``benchmarks/calibration.py`` measures how well they sort wrong figures to the bottom.
"""

from __future__ import annotations

from pipelines.extraction.figure import Evidence
from pipelines.extraction.frame import bare_verb

REVIEW = "review"  # the token a reviewed correction writes (see overrides)
# how often an answer from each source is right, per attribute; a missing source weighs 1
WEIGHTS: dict[str, dict[str, float]] = {
    # the measure is read from the words before the number; a frame or a total is a guess
    "measure": {"clause": 1.0, "sentence": 0.85, "paragraph": 0.8, "report": 0.8, "default": 0.75},
    # plan or result: a cue in the clause is near sure; carried frames often are not
    "frame": {"clause": 1.0, "sentence": 0.9, "paragraph": 0.85, "report": 0.85, "default": 0.95},
    "program": {"clause": 1.0, "sentence": 0.97, "paragraph": 0.92, "report": 0.9, "default": 0.93},
    # an amount with no content named is often a sub-total of the content named nearby
    "activity": {"clause": 1.0, "sentence": 0.95, "paragraph": 0.9, "report": 0.9, "default": 0.85},
    "qualifier": {"clause": 1.0, "sentence": 0.97, "paragraph": 0.9, "report": 0.9, "default": 0.98},
    "period": {"clause": 1.0, "sentence": 0.97, "paragraph": 0.93, "report": 0.9, "default": 0.8},
    "region": {"clause": 1.0, "sentence": 0.95, "paragraph": 0.93, "report": 0.96, "default": 0.9,
               "contested": 0.6},
}
# "hỗ trợ", "thực hiện", "đầu tư" name an action without saying whether it happened: a money
# or project figure read from them alone is the commonest plan-or-result error on unseen text
WEAK_CUE_WEIGHT = 0.8
_CUE_MAX_CHARS = 60  # enough for a head phrase ("kinh phí khuyến công quốc gia đã thực hiện")


def evidence_text(evidence: tuple[tuple[str, Evidence], ...]) -> str:
    """``attribute=source[:why]`` pairs joined by "; ": why is the id of the rule that decided
    and the ids it outweighed (``frame=clause:frame.result.da_lam (over frame.plan.ke_hoach)``),
    or the deciding words where no rule table decides the attribute yet (cleaned of the separators)."""
    parts = []
    for attribute, e in evidence:
        if e.rule:
            over = f" (over {', '.join(dict.fromkeys(e.over))})" if e.over else ""
            parts.append(f"{attribute}={e.source}:{e.rule}{over}")
            continue
        cue = " ".join(e.cue.replace(";", ",").replace("=", " ").split())[:_CUE_MAX_CHARS]
        parts.append(f"{attribute}={e.source}:{cue}" if cue else f"{attribute}={e.source}")
    return "; ".join(parts)


def confidence(evidence: tuple[tuple[str, Evidence], ...]) -> float:
    """The product of the weights of each attribute's source, in 0..1."""
    score = 1.0
    for attribute, e in evidence:
        if e.source != REVIEW:
            score *= WEIGHTS.get(attribute, {}).get(e.source, 1.0)
        if attribute == "measure" and e.source != REVIEW and bare_verb(e.cue):
            score *= WEAK_CUE_WEIGHT
    return round(score, 4)
