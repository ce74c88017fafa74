"""Confidence that finds the errors: a logistic model over what predicts a wrong figure.

A figure's confidence is the fitted probability that it is right: every attribute
stated in its own clause, read from a strong cue, in a sentence that says what
happened. What lowers it was measured on hand-keyed published articles (see
``benchmarks/fit_confidence.py``, which writes ``trust_weights.json``): an attribute
inherited from the sentence, the paragraph or the report, a region that fell back to
the country or came only from the outlet, a future or remaining clause ("sẽ", "còn
lại", "tiếp tục"), a plan-or-result vote that outweighed another cue, a figure in a
caption or headline, a failed cross-check, a recognised-product count, a dense list.
The features are plain facts about the figure and its report, never its report's name.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipelines.tables.vocabulary import Measure
from pipelines.text.rules import matcher

WEIGHTS_FILE = Path(__file__).with_name("trust_weights.json")
ATTRIBUTES = ("measure", "frame", "program", "activity", "qualifier", "period", "region")
INHERITED = ("sentence", "paragraph", "report", "default", "contested")
REVIEWED = 1.0  # a figure an analyst confirmed or corrected

# words that put a figure in what is still to come, or among products recognised (trust.toml)
_FUTURE = matcher("trust", "sentence", "future_clause")
_RECOGNITION = matcher("trust", "sentence", "recognition_words")
_SENTENCE_END = re.compile(r"[.!?…:;)\"”]\s*$")
_RULE_ID = re.compile(r"(?<![\w.])[a-z_]+\.[a-z_]+\.[a-z0-9_.]+")


@dataclass(frozen=True)
class ReportContext:
    """What the report says about all its figures."""
    region_source: str = "text"  # text, outlet, manifest or fallback
    mismatched: frozenset[str] = frozenset()  # fact ids of failed cross-checks
    facts_per_sentence: dict[int, int] | None = None  # sentence start -> figures it states
    rule_accuracy: dict[str, float] | None = None  # the rules' measured rates; None: the fitted model's


def evidence_sources(evidence: str) -> dict[str, str]:
    """``attribute -> source`` from the evidence string (``measure=clause:…; region=report``)."""
    sources = {}
    for part in evidence.split("; "):
        attribute, _, rest = part.partition("=")
        sources[attribute.strip()] = rest.split(":", 1)[0].strip()
    return sources


def features(fact: dict, context: ReportContext) -> dict[str, float]:
    """The figure's features, each 0 or 1 but the list density."""
    sources = evidence_sources(str(fact.get("evidence", "")))
    sentence = str(fact.get("sentence", ""))
    x: dict[str, float] = {}
    for attribute in ATTRIBUTES:
        source = sources.get(attribute, "")
        x[f"{attribute}_inherited"] = float(source in INHERITED)
    x["region_report"] = float(sources.get("region") == "report")
    x["region_contested"] = float(sources.get("region") == "contested")
    x["period_report"] = float(sources.get("period") in ("report", "default"))
    x["frame_carried"] = float(sources.get("frame") == "paragraph")
    x["frame_outweighed"] = float("(over " in str(fact.get("evidence", "")))
    x["report_fallback"] = float(context.region_source == "fallback")
    x["report_outlet"] = float(context.region_source == "outlet")
    x["future_clause"] = float(bool(_FUTURE.search(sentence)))
    x["caption"] = float(bool(sentence) and not _SENTENCE_END.search(sentence))
    x["check_failed"] = float(fact.get("fact_id") in context.mismatched)
    x["money"] = float(fact.get("unit") == "VND")
    x["percent"] = float(fact.get("unit") == "percent")
    x["products"] = float(fact.get("measure") == Measure.PRODUCTS)
    x["recognition_words"] = float(bool(_RECOGNITION.search(sentence)))
    x["part_of_total"] = float(fact.get("role") == "part")
    x["has_qualifier"] = float(bool(fact.get("qualifier")))
    dense = (context.facts_per_sentence or {}).get(int(fact.get("sentence_start", -1)), 1)
    x["list_density"] = math.log1p(max(dense - 1, 0))
    # the rules that decided it, by how often each was right on the keyed sets it was fitted on
    measured = model().rule_accuracy if context.rule_accuracy is None else context.rule_accuracy
    rates = [measured[r] for r in rule_ids(str(fact.get("evidence", ""))) if r in measured]
    x["weakest_rule"] = 1.0 - min(rates, default=1.0)
    return x


def rule_ids(evidence: str) -> list[str]:
    """The ids of the rules (and inheritances) named in an evidence string."""
    return _RULE_ID.findall(evidence)


@dataclass(frozen=True)
class Model:
    intercept: float
    weights: dict[str, float]
    rule_accuracy: dict[str, float]  # how often facts a rule decided were right, on the sets fitted on

    def probability_right(self, x: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in x.items())
        return 1 / (1 + math.exp(-z))


@lru_cache(maxsize=1)
def model(path: Path = WEIGHTS_FILE) -> Model:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model(float(data["intercept"]), {k: float(v) for k, v in data["weights"].items()},
                 {k: float(v) for k, v in data.get("rule_accuracy", {}).items()})


def probability_right(fact: dict, context: ReportContext = ReportContext()) -> float:
    """The fitted probability that the figure is right, rounded for the table."""
    return round(model().probability_right(features(fact, context)), 4)


def rescore(facts: list[dict], context: ReportContext) -> None:
    """Set each unreviewed fact's ``confidence`` to the model's probability that it is right."""
    counts: dict[int, int] = {}
    for fact in facts:
        counts[int(fact.get("sentence_start", -1))] = counts.get(int(fact.get("sentence_start", -1)), 0) + 1
    context = ReportContext(context.region_source, context.mismatched, counts, context.rule_accuracy)
    for fact in facts:
        if fact.get("review_state") in ("confirmed", "corrected"):
            fact["confidence"] = REVIEWED
        else:
            fact["confidence"] = probability_right(fact, context)
