"""Reviewed decisions on extracted facts: corrections and confirmations.

``data/reference/overrides.csv`` holds one row per decision on one fact, found by
its report, the offset and the text of its number (never by its attributes, so a
decision cannot drift onto another figure):

- a *correction* sets one attribute (``field``, ``value``, the ``previous`` value,
  ``reason``); the fact becomes ``method = curated``, ``review_state = corrected``
  and its ``evidence`` says ``review`` for that attribute;
- a *confirmation* (``field = review_state``, ``value = confirmed``) records the
  attributes a reviewer found right (in ``previous``); the fact becomes
  ``confirmed`` while its attributes are still those.

``reviewer`` and ``reviewed_on`` say who decided and when. A decision that matches
no fact (the report or the rules changed) is reported, never applied elsewhere.
A malformed file is refused whole, naming the file, the line and the cause.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import os
import re
from dataclasses import dataclass, field as dc_field
from functools import lru_cache
from pathlib import Path

from pipelines import paths
from pipelines.tables import schema
from pipelines.tables.regions import known_regions

EDITABLE = ("measure", "program", "activity", "qualifier", "region_id", "period_start", "period_end",
            "recognition_level", "value")
CONFIRM_FIELD, CONFIRMED = "review_state", "confirmed"
# a reviewer saw every attribute of the row in the workbook: no rule's guess is left to doubt
REVIEWED_CONFIDENCE = 1.0
REQUIRED_COLUMNS = ("doc_id", "number_start", "number_text", "field", "value", "reason", "reviewed_on")
COLUMNS = REQUIRED_COLUMNS + ("previous", "reviewer")  # the two last are optional in older files
VOCABULARIES = {
    "measure": schema.MEASURES,
    "program": schema.PROGRAMS,
    "activity": schema.ACTIVITIES,
    "qualifier": schema.QUALIFIERS,
    "recognition_level": schema.RECOGNITION_LEVELS,
}
# attribute -> its name in the facts' evidence string ("measure=clause:…; period=report; …")
EVIDENCE_KEYS = {"region_id": "region", "period_start": "period", "period_end": "period"}
REVIEW_EVIDENCE = "review"
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
MAX_ERRORS_SHOWN = 10


class OverrideError(ValueError):
    """A malformed overrides file: every problem with its file and line."""


@dataclass(frozen=True)
class Override:
    doc_id: str
    number_start: int
    number_text: str
    field: str
    value: str
    reason: str
    reviewed_on: str = ""
    previous: str = ""
    reviewer: str = ""
    line: int = dc_field(default=0, compare=False)

    @property
    def key(self) -> tuple[str, int, str, str]:
        return self.doc_id, self.number_start, self.number_text, self.field

    @property
    def is_confirmation(self) -> bool:
        return self.field == CONFIRM_FIELD

    def describe(self) -> str:
        return f"override {self.doc_id}@{self.number_start} '{self.number_text}' {self.field}={self.value}"

    def row(self) -> dict[str, str]:
        return {name: str(getattr(self, name)) for name in COLUMNS}


@lru_cache(maxsize=1)
def region_ids() -> frozenset[str]:
    """Region ids a fact may carry: the reference's, and the units of 1 July 2025 formed
    from several provinces as ``<unit>-2025`` (see docs/SCHEMA.md)."""
    ids = set(known_regions())
    with open(paths.REFERENCE_DIR / "units_2025.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            ids.add(f"{row['unit_id']}-2025" if "|" in row["formed_from"] else row["unit_id"])
    return frozenset(ids)


def value_problem(name: str, value: str) -> str | None:
    """Why ``value`` cannot be attribute ``name`` of a fact, or None when it can."""
    if name in VOCABULARIES:
        allowed = VOCABULARIES[name]
        if value not in allowed:
            return f"{name} {value!r} is not in the vocabulary ({', '.join(repr(v) for v in allowed)})"
    elif name == "region_id":
        if value not in region_ids():
            return f"region_id {value!r} is not a region of data/reference"
    elif name in ("period_start", "period_end"):
        if not _MONTH.fullmatch(value):
            return f"{name} {value!r} is not a YYYY-MM month"
    elif name == "value":
        try:
            number = float(value)
        except ValueError:
            return f"value {value!r} is not a number"
        if not math.isfinite(number):
            return f"value {value!r} is not a finite number"
    else:
        return f"field {name!r} cannot be overridden; valid: {', '.join(EDITABLE + (CONFIRM_FIELD,))}"
    return None


def _row_problems(row: dict[str, str]) -> list[str]:
    problems = [f"empty {name}" for name in ("doc_id", "number_start", "number_text") if not row[name].strip()]
    if row["number_start"].strip() and not row["number_start"].strip().isdigit():
        problems.append(f"number_start {row['number_start']!r} is not a character offset")
    if row["field"] == CONFIRM_FIELD:
        if row["value"] != CONFIRMED:
            problems.append(f"a {CONFIRM_FIELD} row must have value {CONFIRMED!r}, not {row['value']!r}")
    else:
        problems += [p for p in [value_problem(row["field"], row["value"])] if p]
        if not row["reason"].strip():
            problems.append("every override needs a reason")
    try:
        dt.date.fromisoformat(row["reviewed_on"].strip())
    except ValueError:
        problems.append(f"reviewed_on {row['reviewed_on']!r} is not a YYYY-MM-DD date")
    return problems


def _parse(path: Path) -> tuple[list[Override], list[str]]:
    """Every row of ``path`` and every problem found, as ``file:line: cause``."""
    overrides, errors, seen = [], [], {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, restval=None)
        header = reader.fieldnames or []
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        unknown = [c for c in header if c not in COLUMNS]
        if missing or unknown or len(set(header)) != len(header):
            return [], [f"{path}:1: header must be {','.join(COLUMNS)} (missing {missing}, unknown {unknown})"]
        for line, raw in enumerate(reader, start=2):
            if None in raw or None in raw.values():
                errors.append(f"{path}:{line}: {len(header)} fields expected")
                continue
            row = {name: raw.get(name) or "" for name in COLUMNS}
            problems = _row_problems(row)
            errors += [f"{path}:{line}: {p}" for p in problems]
            if problems:
                continue
            o = Override(**{**row, "number_start": int(row["number_start"])}, line=line)
            if o.key in seen:
                errors.append(f"{path}:{line}: duplicate of line {seen[o.key]} (same fact and field)")
            seen.setdefault(o.key, line)
            overrides.append(o)
    return overrides, errors


def _refuse(errors: list[str]) -> None:
    if errors:
        more = len(errors) - MAX_ERRORS_SHOWN
        raise OverrideError("\n".join(errors[:MAX_ERRORS_SHOWN] + ([f"… and {more} more"] if more > 0 else [])))


def load_overrides(path: Path) -> list[Override]:
    """Every override in ``path`` in file order; raises if the file is absent or malformed."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such overrides file")
    try:
        overrides, errors = _parse(path)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise OverrideError(f"{path}: not a UTF-8 CSV file ({exc})") from None
    _refuse(errors)
    return overrides


def read_overrides(path: Path | None) -> dict[str, list[Override]]:
    """Overrides by doc_id; None means none. A missing or malformed file stops the run."""
    by_doc: dict[str, list[Override]] = {}
    for o in load_overrides(path) if path is not None else []:
        by_doc.setdefault(o.doc_id, []).append(o)
    return by_doc


def attribute_snapshot(fact: dict) -> str:
    """The reviewable attributes of a fact as one line (what a confirmation confirms)."""
    return "; ".join(f"{name}={attribute_text(fact.get(name, ''))}" for name in EDITABLE)


def attribute_text(value: object) -> str:
    """An attribute as the overrides file writes it (a number by its exact float repr)."""
    return repr(float(value)) if isinstance(value, (int, float)) else str(value)


def _mark_reviewed(evidence: str, attribute: str) -> str:
    """``evidence`` with ``attribute``'s entry replaced by (or extended with) ``<key>=review``."""
    key = EVIDENCE_KEYS.get(attribute, attribute)
    parts = [p.strip() for p in evidence.split(";") if p.strip() and p.split("=", 1)[0].strip() != key]
    return "; ".join(parts + [f"{key}={REVIEW_EVIDENCE}"])


def _correct(fact: dict, o: Override) -> None:
    if o.field == "value":
        fact["value"] = float(o.value)
    else:
        fact[o.field] = o.value
    if o.field == "measure":
        fact["unit"] = schema.MEASURE_UNITS[o.value]
    fact["evidence"] = _mark_reviewed(fact.get("evidence") or "", o.field)
    fact["method"] = "curated"
    fact["review_state"] = "corrected"
    fact["confidence"] = REVIEWED_CONFIDENCE


def apply_overrides(facts: list[dict], overrides: list[Override]) -> list[str]:
    """Apply one report's decisions to its facts in place (corrections, then confirmations);
    return a warning per decision that matched nothing or no longer holds."""
    by_position = {(f["number_start"], f["number_text"]): f for f in facts}
    matched = [o for o in overrides if (o.number_start, o.number_text) in by_position]
    warnings = [f"{o.describe()} matches no fact: the report or the rules changed; review it"
                for o in overrides if o not in matched]
    warnings += _apply_corrections(by_position, [o for o in matched if not o.is_confirmation])
    for o in (o for o in matched if o.is_confirmation):
        fact = by_position[(o.number_start, o.number_text)]
        if o.previous and o.previous != attribute_snapshot(fact):
            warnings.append(f"{o.describe()} no longer holds: the fact now reads {attribute_snapshot(fact)}; "
                            "review it again")
        elif fact.get("review_state") != "corrected":
            fact["review_state"] = CONFIRMED
            fact["confidence"] = REVIEWED_CONFIDENCE
    return warnings


def _apply_corrections(by_position: dict[tuple[int, str], dict], corrections: list[Override]) -> list[str]:
    """All corrections of a fact together, or none of them if they leave it impossible."""
    groups: dict[tuple[int, str], list[Override]] = {}
    for o in corrections:
        groups.setdefault((o.number_start, o.number_text), []).append(o)
    warnings = []
    for position, group in groups.items():
        corrected = dict(by_position[position])
        for o in group:
            _correct(corrected, o)
        if corrected["period_start"] > corrected["period_end"]:
            warnings.append(f"{', '.join(o.describe() for o in group)}: the period would end before it starts "
                            f"({corrected['period_start']}..{corrected['period_end']}); not applied, review it")
        else:
            by_position[position].update(corrected)
    return warnings


def merge_overrides(path: Path, decisions: list[Override]) -> None:
    """Add ``decisions`` to the file at ``path`` (created if absent): a new decision replaces an
    older one on the same fact and field, and a corrected fact's older confirmation goes.
    The result is checked before it atomically replaces the file."""
    kept = load_overrides(path) if path.exists() else []
    replaced = {o.key for o in decisions}
    corrected = {o.key[:3] for o in decisions if not o.is_confirmation}
    kept = [o for o in kept if o.key not in replaced and not (o.is_confirmation and o.key[:3] in corrected)]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(o.row() for o in kept + decisions)
    try:
        load_overrides(tmp)
    except OverrideError:
        tmp.unlink()
        raise
    os.replace(tmp, path)
