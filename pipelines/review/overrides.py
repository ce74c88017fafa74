"""Reviewed decisions on extracted facts: corrections and confirmations.

``data/reference/overrides.csv`` holds one row per decision on one fact, found by
its report, the offset and the text of its number (never by its attributes, so a
decision cannot drift onto another figure):

- a *correction* sets one attribute (``field``, ``value``, the ``previous`` value,
  ``reason``); the fact becomes ``method = curated``, ``review_state = corrected``
  and its ``evidence`` says ``review`` for that attribute;
- a *confirmation* (``field = review_state``, ``value = confirmed``) records the
  attributes a reviewer found right (in ``previous``); the fact becomes
  ``confirmed`` while its attributes are still those;
- a *drop* (``field = drop``, ``value = not_a_figure``) says the number is not a
  figure: the fact leaves the facts table and its mention is kept, rejected with
  reason ``dropped_by_review``;
- an *addition* (``field = add``, ``value`` every attribute as ``measure=…; program=…;
  …; value=…``) makes a figure of a number the extractor passed over: a ``curated``
  fact with the number's offsets and its sentence as quote.

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
from pipelines.tables.vocabulary import Measure
from pipelines.text.segments import split_paragraphs

EDITABLE = ("measure", "program", "activity", "qualifier", "region_id", "period_start", "period_end",
            "recognition_level", "value")
CONFIRM_FIELD, CONFIRMED = "review_state", "confirmed"
DROP_FIELD, NOT_A_FIGURE = "drop", "not_a_figure"
ADD_FIELD = "add"
DROPPED_REASON = "dropped_by_review"  # a dropped fact's mention keeps this reason
ADDED_EVIDENCE = "added=review"
# measures that may be negative: a cut is a negative change
SIGNED_MEASURES = (Measure.GROWTH_PCT, Measure.IIP_GROWTH_PCT)
# text a spreadsheet would take for a formula (and run) when it opens the file
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# a quote longer than this is cut around the number, as the extractor's are
QUOTE_MAX_CHARS = 400
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

    @property
    def is_correction(self) -> bool:
        return self.field not in (CONFIRM_FIELD, DROP_FIELD, ADD_FIELD)

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
        return (f"field {name!r} cannot be overridden; valid: "
                f"{', '.join(EDITABLE + (CONFIRM_FIELD, DROP_FIELD, ADD_FIELD))}")
    return None


def fact_problems(attributes: dict[str, str]) -> list[str]:
    """Why these attributes (codes, as the overrides file writes them) cannot make one fact:
    each attribute's own problem, then a period that ends before it starts, a negative
    amount or count."""
    problems = [p for name in EDITABLE for p in [value_problem(name, attributes.get(name, ""))] if p]
    if problems:
        return problems
    if attributes["period_start"] > attributes["period_end"]:
        problems.append(f"period_start {attributes['period_start']} is after period_end {attributes['period_end']}")
    if float(attributes["value"]) < 0 and attributes["measure"] not in SIGNED_MEASURES:
        problems.append(f"value {attributes['value']} is negative; only a change (growth) can be")
    return problems


def formula_problem(name: str, text: str) -> str | None:
    """Free text a spreadsheet would run as a formula is refused, not stored."""
    if text.startswith(FORMULA_START):
        return f"the {name} {text[:20]!r} starts like a spreadsheet formula; start it with a word"
    return None


def parse_attributes(text: str) -> dict[str, str]:
    """``measure=…; program=…`` (an addition's value, a confirmation's previous) as a dict."""
    pairs = (part.split("=", 1) for part in text.split("; ") if "=" in part)
    return {name.strip(): value for name, value in pairs}


def _row_problems(row: dict[str, str]) -> list[str]:
    problems = [f"empty {name}" for name in ("doc_id", "number_start", "number_text") if not row[name].strip()]
    if row["number_start"].strip() and not row["number_start"].strip().isdigit():
        problems.append(f"number_start {row['number_start']!r} is not a character offset")
    problems += [p for name in ("reason", "reviewer") for p in [formula_problem(name, row[name])] if p]
    if row["field"] == CONFIRM_FIELD:
        if row["value"] != CONFIRMED:
            problems.append(f"a {CONFIRM_FIELD} row must have value {CONFIRMED!r}, not {row['value']!r}")
    elif row["field"] in (DROP_FIELD, ADD_FIELD):
        if row["field"] == DROP_FIELD and row["value"] != NOT_A_FIGURE:
            problems.append(f"a {DROP_FIELD} row must have value {NOT_A_FIGURE!r}, not {row['value']!r}")
        if row["field"] == ADD_FIELD:
            problems += [f"addition: {p}" for p in fact_problems(parse_attributes(row["value"]))]
        if not row["reason"].strip():
            problems.append(f"a {row['field']} needs a reason")
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


def apply_overrides(facts: list[dict], overrides: list[Override], mentions: list[dict] | None = None,
                    text: str = "") -> list[str]:
    """Apply one report's decisions to its facts (and its mentions) in place: drops, additions,
    corrections, then confirmations; return a warning per decision that matched nothing or no
    longer holds. ``text`` is the report's text, where an addition takes its quote from."""
    mentions = mentions if mentions is not None else []
    warnings = _apply_drops(facts, mentions, [o for o in overrides if o.field == DROP_FIELD])
    warnings += _apply_additions(facts, mentions, text, [o for o in overrides if o.field == ADD_FIELD])
    overrides = [o for o in overrides if o.field not in (DROP_FIELD, ADD_FIELD)]
    by_position = {(f["number_start"], f["number_text"]): f for f in facts}
    matched = [o for o in overrides if (o.number_start, o.number_text) in by_position]
    warnings += [f"{o.describe()} matches no fact: the report or the rules changed; review it"
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


def _apply_drops(facts: list[dict], mentions: list[dict], drops: list[Override]) -> list[str]:
    """Each dropped fact leaves ``facts``; its mention and those repeating it stay, rejected."""
    warnings = []
    for o in drops:
        fact = next((f for f in facts if (f["number_start"], f["number_text"]) == (o.number_start, o.number_text)), None)
        if fact is None:
            warnings.append(f"{o.describe()} matches no fact: the report or the rules changed; review it")
            continue
        facts.remove(fact)
        for mention in mentions:
            if mention["fact_id"] == fact["fact_id"]:
                mention.update(status="rejected", reason=DROPPED_REASON, fact_id="")
    return warnings


def _apply_additions(facts: list[dict], mentions: list[dict], text: str, additions: list[Override]) -> list[str]:
    """Each addition becomes a curated fact at its number, if the number is still there and
    still no figure of the rules (never a second fact on one number)."""
    by_position = {(m["char_start"], m["text"]): m for m in mentions}
    warnings = []
    for o in additions:
        mention = by_position.get((o.number_start, o.number_text))
        if mention is None or text[o.number_start:o.number_start + len(o.number_text)] != o.number_text:
            warnings.append(f"{o.describe()[:120]} matches no number of the report: it changed; review it")
        elif mention["status"] == "fact":
            warnings.append(f"{o.describe()[:120]}: the rules now find this figure ({mention['fact_id']}); "
                            "not added twice, review it")
        else:
            fact = added_fact(o, mention, text)
            facts.append(fact)
            mention.update(status="fact", reason="", fact_id=fact["fact_id"])
    return warnings


def added_fact(o: Override, mention: dict, text: str) -> dict:
    """The fact an addition makes: its attributes, the number's offsets, its sentence as quote."""
    attributes = parse_attributes(o.value)
    start, end = int(mention["char_start"]), int(mention["char_end"])
    s_start, s_end = sentence_span(text, start, end)
    q_start, q_end = s_start, s_end
    if q_end - q_start > QUOTE_MAX_CHARS:  # cut around the number, at spaces
        q_start = max(s_start, text.rfind(" ", s_start, max(s_start, start - QUOTE_MAX_CHARS // 2)) + 1)
        cut = text.find(" ", min(s_end, end + QUOTE_MAX_CHARS // 2), s_end)
        q_end = cut if cut != -1 else s_end
    decimals = o.number_text.rsplit(",", 1)[1] if "," in o.number_text else ""
    return {
        "fact_id": f"{o.doc_id}:{start}", "doc_id": o.doc_id,
        **{name: attributes[name] for name in EDITABLE if name != "value"},
        "value": float(attributes["value"]), "unit": schema.MEASURE_UNITS[attributes["measure"]],
        "quote": text[q_start:q_end], "char_start": q_start, "char_end": q_end, "method": "curated",
        "confidence": REVIEWED_CONFIDENCE, "evidence": ADDED_EVIDENCE, "review_state": "corrected",
        "number_text": o.number_text, "number_start": start, "number_end": end,
        "sentence": text[s_start:s_end], "sentence_start": s_start, "group_id": "", "role": "",
        "decimals": len(decimals) if decimals.isdigit() else 0,
    }


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of the text holding ``start``..``end`` (its line, for a heading or a caption)."""
    for paragraph in split_paragraphs(text):
        if paragraph.start <= start < paragraph.end:
            for sentence in paragraph.sentences:
                if sentence.start <= start < sentence.end:
                    return sentence.start, max(sentence.end, end)
            return paragraph.start, max(paragraph.end, end)
    return start, end


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
    # a drop or an addition decides the number anew: every older decision on it goes
    decided = {o.key[:3] for o in decisions if o.field in (DROP_FIELD, ADD_FIELD)}
    kept = [o for o in kept if o.key not in replaced and o.key[:3] not in decided
            and not (o.is_confirmation and o.key[:3] in corrected)]
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
