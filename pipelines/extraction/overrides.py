"""Reviewed corrections to extracted facts, where a human decision is needed.

``data/reference/overrides.csv`` holds one row per corrected attribute: the fact
(doc_id and the offset and text of its number), the field, the new value, why,
and when it was reviewed. A corrected fact is marked ``method = curated``. An
override that no longer matches a fact (the report or the rules changed) is not
applied and is reported, never silently dropped.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

EDITABLE = ("measure", "program", "activity", "qualifier", "region_id", "period_start", "period_end")
COLUMNS = ("doc_id", "number_start", "number_text", "field", "value", "reason", "reviewed_on")


@dataclass(frozen=True)
class Override:
    doc_id: str
    number_start: int
    number_text: str
    field: str
    value: str
    reason: str

    def describe(self) -> str:
        return f"override {self.doc_id}@{self.number_start} '{self.number_text}' {self.field}={self.value}"


def read_overrides(path: Path | None) -> dict[str, list[Override]]:
    """Overrides by doc_id; a missing file means none. Malformed rows stop the run."""
    if path is None or not path.exists():
        return {}
    by_doc: dict[str, list[Override]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = set(COLUMNS) - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: missing column(s) {sorted(missing)}")
        for line, row in enumerate(reader, start=2):
            if row["field"] not in EDITABLE:
                raise ValueError(f"{path}:{line}: field {row['field']!r} cannot be overridden; "
                                 f"valid: {', '.join(EDITABLE)}")
            if not row["reason"].strip():
                raise ValueError(f"{path}:{line}: every override needs a reason")
            o = Override(row["doc_id"], int(row["number_start"]), row["number_text"], row["field"], row["value"],
                         row["reason"])
            by_doc.setdefault(o.doc_id, []).append(o)
    return by_doc


def apply_overrides(facts: list[dict], overrides: list[Override]) -> list[str]:
    """Apply to one report's facts in place; return a warning per override that matched nothing."""
    by_position = {(f["number_start"], f["number_text"]): f for f in facts}
    unmatched = []
    for o in overrides:
        fact = by_position.get((o.number_start, o.number_text))
        if fact is None:
            unmatched.append(f"{o.describe()} matches no fact: the report or the rules changed; review it")
            continue
        fact[o.field] = o.value
        fact["method"] = "curated"
        fact["review_state"] = "corrected"
    return unmatched
