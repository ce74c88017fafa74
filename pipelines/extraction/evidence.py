"""How each attribute of a figure was decided, written as one readable evidence string.

Every decision returns its answer with its evidence: ``clause`` (stated in the
figure's own clause), ``sentence``, ``paragraph`` (a frame carried from earlier
sentences), ``report`` (the report's default region or year, or its date),
``default`` (nothing stated: the contract's default value), ``contested`` (stated,
but the clause also states something against it, such as a count of provinces
beside one province) or ``review`` (set by a reviewed override; always trusted). The facts table keeps it as one readable
string, ``measure=clause:đã thực hiện; frame=sentence:kế hoạch; program=default; …``.
How far to trust the figure is ``pipelines.extraction.trust``, which reads this string.
"""

from __future__ import annotations

from pipelines.extraction.figure import Evidence

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
