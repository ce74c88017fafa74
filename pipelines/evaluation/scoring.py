"""Precision and recall of extracted facts against a hand-made answer key.

A fact matches a key row when it comes from the same report, its number starts
at the same offset, and measure and value agree. Attributes of matched facts
(period, programme, activity, qualifier, region) are scored separately. A key's
optional ``accepted`` column lists readings that are also right where the contract
leaves two defensible (``qualifier=target;program=local``; ``measure=…`` for a
second measure).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

ATTRIBUTES = ("period_start", "period_end", "program", "activity", "qualifier", "region_id", "recognition_level")


@dataclass
class Score:
    n_facts: int
    n_key: int
    matched: int
    attribute_errors: dict[str, list[str]] = field(default_factory=dict)
    facts_with_errors: set[str] = field(default_factory=set)
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    wrong: set[str] = field(default_factory=set)  # fact ids of false figures and of facts with a wrong attribute
    scored: tuple[str, ...] = ()  # the attributes the key carries

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def attribute_accuracy(self, attr: str) -> float:
        """Share of matched facts whose ``attr`` agrees with the key."""
        return 1 - len(self.attribute_errors.get(attr, [])) / self.matched if self.matched else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.n_facts if self.n_facts else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.n_key if self.n_key else 1.0

    @property
    def attributes_correct(self) -> float:
        """Share of matched facts whose every attribute agrees with the key."""
        return (self.matched - len(self.facts_with_errors)) / self.matched if self.matched else 1.0

    def summary(self) -> str:
        lines = [f"facts {self.n_facts}, key {self.n_key}, matched {self.matched}: "
                 f"precision {self.precision:.3f}, recall {self.recall:.3f}, "
                 f"all attributes right {self.attributes_correct:.3f}"]
        for attr, errors in self.attribute_errors.items():
            if errors:
                lines.append(f"  {attr} wrong ({len(errors)}): " + "; ".join(errors))
        if self.false_positives:
            lines.append("  not in key: " + "; ".join(self.false_positives))
        if self.misses:
            lines.append("  missed: " + "; ".join(self.misses))
        return "\n".join(lines)


def load_key(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def accepted_readings(row: object) -> dict[str, set[str]]:
    """The key row's own values, with the alternatives its ``accepted`` column lists."""
    readings: dict[str, set[str]] = {}
    for item in str(getattr(row, "accepted", "") or "").split(";"):
        attr, sep, value = item.strip().partition("=")
        if sep:
            readings.setdefault(attr.strip(), set()).add(value.strip())
    return readings


def _agrees(row: object, attr: str, value: object, readings: dict[str, set[str]]) -> bool:
    return str(getattr(row, attr)) == str(value) or str(value) in readings.get(attr, set())


def score(facts: pd.DataFrame, documents: pd.DataFrame, key: pd.DataFrame) -> Score:
    files = {Path(p).name: d for p, d in zip(documents["path"], documents["doc_id"])}
    key = key.assign(doc_id=key["doc_file"].map(files))
    # a key without a column (recognition_level came with the contract of 2026-11-30) says
    # nothing of that attribute: it is not scored
    scored = [a for a in ATTRIBUTES if a in key.columns]
    by_position = {(r.doc_id, int(r.number_start)): r for r in key.itertuples()}
    result = Score(len(facts), len(key), 0, {a: [] for a in ATTRIBUTES}, scored=tuple(scored))
    matched_key: set[tuple[str, int]] = set()
    for fact in facts.itertuples():
        pos = (fact.doc_id, int(fact.number_start))
        row = by_position.get(pos)
        label = f"{fact.doc_id}@{fact.number_start} {fact.number_text} {fact.measure}"
        readings = accepted_readings(row) if row is not None else {}
        if row is None or not _agrees(row, "measure", fact.measure, readings) or not math.isclose(
                float(row.value), fact.value, rel_tol=1e-9, abs_tol=1e-9):
            result.false_positives.append(label + (f" (key: {row.measure} {row.value})" if row is not None else ""))
            result.wrong.add(fact.fact_id)
            continue
        result.matched += 1
        matched_key.add(pos)
        for attr in scored:
            if not _agrees(row, attr, getattr(fact, attr), readings):
                result.facts_with_errors.add(label)
                result.wrong.add(fact.fact_id)
                result.attribute_errors[attr].append(f"{label}: {getattr(fact, attr)!r} != key {getattr(row, attr)!r}")
    for r in key.itertuples():
        if (r.doc_id, int(r.number_start)) not in matched_key:
            result.misses.append(f"{r.doc_id}@{r.number_start} {r.number_text} {r.measure}")
    return result


def roc_auc(confidence: list[float], wrong: list[bool]) -> float:
    """Probability that a right fact has higher confidence than a wrong one (ties count half)."""
    right_scores = [c for c, w in zip(confidence, wrong) if not w]
    wrong_scores = [c for c, w in zip(confidence, wrong) if w]
    if not right_scores or not wrong_scores:
        return float("nan")
    wins = sum((r > w) + 0.5 * (r == w) for r in right_scores for w in wrong_scores)
    return wins / (len(right_scores) * len(wrong_scores))


def lowest_share(confidence: list[float], wrong: list[bool], share: float = 0.2) -> tuple[int, int]:
    """How many wrong facts the lowest-confidence ``share`` of facts holds, and how many are wrong
    in all; among equal confidences the right facts count as lower (ties against the measure)."""
    ranked = sorted(zip(confidence, wrong), key=lambda cw: (cw[0], cw[1]))
    lowest = ranked[: round(len(ranked) * share)]
    return sum(w for _, w in lowest), sum(wrong)
