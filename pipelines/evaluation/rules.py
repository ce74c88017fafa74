"""How each reading rule does against a hand-made key: how often it decided an
attribute of a matched fact, and how often that answer agreed with the key.

Facts are matched to key rows as the scorer matches them (the report's file and the
number's offset); the rule that decided an attribute is read from the facts'
``evidence``. An optional ``accepted`` column of the key (``attr=value;attr=value``)
names other answers that count as agreement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipelines.text.rules import all_rules
from pipelines.text.rules.evidence import deciders

# an attribute of the evidence -> the key columns its answer is judged by (the frame
# shows in the measure: a planned amount is budget_plan, a spent one budget_spent)
KEY_COLUMNS = {
    "measure": ("measure",), "frame": ("measure",), "program": ("program",), "activity": ("activity",),
    "qualifier": ("qualifier",), "period": ("period_start", "period_end"), "region": ("region_id",),
    "recognition": ("recognition_level",),
}

# a rule's id ("frame.plan.phe_duyet", "inherit.total"); the words of an attribute no table decides yet are none
RULE_ID = re.compile(r"[a-z]+(?:\.[a-z0-9_]+)+")


@dataclass
class RuleRecord:
    rule: str
    decision: str
    fired: int = 0
    agreed: int = 0

    @property
    def agreement(self) -> float:
        return self.agreed / self.fired if self.fired else float("nan")


def accepted_answers(text: str) -> dict[str, set[str]]:
    """``attr=value;attr=value`` -> attr -> its accepted values."""
    found: dict[str, set[str]] = {}
    for part in (text or "").split(";"):
        attr, sep, value = part.partition("=")
        if sep:
            found.setdefault(attr.strip(), set()).add(value.strip())
    return found


def rule_records(facts: pd.DataFrame, documents: pd.DataFrame, key: pd.DataFrame) -> tuple[list[RuleRecord], int]:
    """One record per rule of the tables that decide a fact's attributes (in table order) and
    per other decider named in the evidence (inheritance, the revision), and the number of
    matched facts."""
    files = {Path(p).name: d for p, d in zip(documents["path"], documents["doc_id"])}
    key = key.assign(doc_id=key["doc_file"].map(files))
    by_position = {(r["doc_id"], int(r["number_start"])): r for r in key.to_dict("records")}
    records = {r.id: RuleRecord(r.id, r.decision) for r in all_rules() if r.decision in KEY_COLUMNS}
    matched = 0
    for fact in facts.to_dict("records"):
        row = by_position.get((fact["doc_id"], int(fact["number_start"])))
        if row is None:
            continue
        matched += 1
        accepted = accepted_answers(str(row.get("accepted", "")))
        for attribute, decider in deciders(fact["evidence"]).items():
            columns = [c for c in KEY_COLUMNS.get(attribute, ()) if c in row]
            ids = decider.split("+")  # several rules that decided together ("KCQG và KCĐP": all)
            if not columns or not all(RULE_ID.fullmatch(i) for i in ids):
                continue  # the attribute is not decided by a named rule, or the key says nothing of it
            agreed = all(str(fact[c]) == str(row[c]) or str(fact[c]) in accepted.get(c, set()) for c in columns)
            for rule_id in ids:
                record = records.setdefault(rule_id, RuleRecord(rule_id, rule_id.split(".")[0]))
                record.fired += 1
                record.agreed += agreed
    return list(records.values()), matched


def unmeasured_decisions() -> list[str]:
    """The tables whose rules decide no attribute of a fact (what is not a figure, page chrome,
    how sentences hang together, what the confidence model counts): a key cannot judge them
    rule by rule; their effect shows in the attributes the other tables decide, the
    mentions' reasons and the confidence."""
    return sorted({r.decision for r in all_rules()} - set(KEY_COLUMNS))


def records_table(records: list[RuleRecord]) -> pd.DataFrame:
    return pd.DataFrame([{"decision": r.decision, "rule": r.rule, "fired": r.fired, "agreed": r.agreed,
                          "agreement": round(r.agreement, 3) if r.fired else None} for r in records])
