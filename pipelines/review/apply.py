"""A filled-in review workbook -> reviewed decisions, or the reasons it is refused.

Every row is checked before anything is decided: a workbook from other tables, an
edited quote, a value outside the contract's vocabularies, a missing, repeated or
foreign row, or a correction without a reviewer or a reason refuses the whole
workbook, each problem named by its sheet row and fact.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from pipelines.review.overrides import (
    CONFIRM_FIELD, CONFIRMED, EDITABLE, Override, attribute_snapshot, attribute_text, value_problem,
)
from pipelines.review.workbook import OK_MARK, ReviewSheet, printable

OK_VALUES = frozenset({OK_MARK, "x", "yes", "y", "true", "1", "✓", "đúng", "có"})
CONFIRM_REASON = "confirmed in review"


@dataclass
class Decisions:
    overrides: list[Override] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def confirmed(self) -> int:
        return sum(o.is_confirmation for o in self.overrides)

    @property
    def corrected(self) -> int:
        return len({o.key[:3] for o in self.overrides if not o.is_confirmation})


def review_decisions(sheet: ReviewSheet, facts: dict[str, dict], version: str, reviewer: str,
                     today: dt.date) -> Decisions:
    """``facts`` by fact_id from the current tables, whose ``version`` the workbook must carry."""
    result = Decisions()
    if sheet.version != version:
        result.errors.append(f"the workbook was exported from another version of the tables ({sheet.version[:12]}, "
                             f"the tables are now {version[:12]}): export a new one")
        return result
    if not sheet.header_ok:
        result.errors.append("row 1: the column headers were changed; keep the exported columns in their order")
        return result
    exported = {key[0]: key for key in sheet.keys}
    seen: dict[str, int] = {}
    for number, cells in sheet.rows:
        fact_id = str(cells.get("fact_id") or "")
        where = f"row {number} (fact {fact_id or '?'})"
        if fact_id not in exported or fact_id not in facts:
            result.errors.append(f"{where}: not a fact exported in this workbook (an added or edited row)")
        elif fact_id in seen:
            result.errors.append(f"{where}: repeats row {seen[fact_id]}")
        else:
            seen[fact_id] = number
            _read_row(cells, facts[fact_id], where, reviewer, today.isoformat(), result)
    result.errors += [f"fact {fact_id}: its row is missing from the workbook" for fact_id in exported
                      if fact_id not in seen]
    return result


def _read_row(cells: dict, fact: dict, where: str, reviewer: str, today: str, result: Decisions) -> None:
    errors = _unchanged_source(cells, fact, where)
    attributes = {}
    for name in EDITABLE:
        text = _cell_text(name, cells.get(name))
        problem = value_problem(name, text)
        errors += [f"{where}: {problem}"] if problem else []
        attributes[name] = text
    if not errors and attributes["period_start"] > attributes["period_end"]:
        errors.append(f"{where}: period_start {attributes['period_start']} is after period_end")
    mark = _cell_text(OK_MARK, cells.get(OK_MARK)).lower()
    if mark and mark not in OK_VALUES:
        errors.append(f"{where}: ok column holds {mark!r}; write '{OK_MARK}' or leave it empty")
    changed = [n for n in EDITABLE if not errors and _differs(n, attributes[n], fact[n])]
    who = _cell_text("reviewer", cells.get("reviewer")) or reviewer
    note = _cell_text("note", cells.get("note"))
    if (changed or mark) and not who:
        errors.append(f"{where}: no reviewer; fill the reviewer column or pass --reviewer")
    if changed and not note:
        errors.append(f"{where}: a correction needs a note saying why ({', '.join(changed)} changed)")
    result.errors += errors
    if errors:
        return
    base = dict(doc_id=fact["doc_id"], number_start=int(fact["number_start"]), number_text=fact["number_text"],
                reviewed_on=today, reviewer=who)
    result.overrides += [Override(field=n, value=attributes[n], previous=attribute_text(fact[n]), reason=note, **base)
                         for n in changed]
    if mark and not changed:
        result.overrides.append(Override(field=CONFIRM_FIELD, value=CONFIRMED, previous=attribute_snapshot(fact),
                                         reason=note or CONFIRM_REASON, **base))


def _unchanged_source(cells: dict, fact: dict, where: str) -> list[str]:
    """The report's words are not the reviewer's to change, nor what the tables record about them."""
    edited = [name for name in ("quote", "number_text", "unit", "evidence", "review_state")
              if str(cells.get(name) or "") != printable(fact[name])]
    return [f"{where}: the {name} was edited; it must stay the report's words" if name in ("quote", "number_text")
            else f"{where}: the {name} column is not for editing; change the attributes, mark ok or write a note"
            for name in edited]


def _cell_text(name: str, value: object) -> str:
    """A cell as the text of a fact attribute; a month a spreadsheet turned into a date goes back."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)) and name.startswith("period_"):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)) and name == "value":
        return repr(float(value))
    return str(value).strip()


def _differs(name: str, text: str, current: object) -> bool:
    if name == "value":
        return not math.isclose(float(text), float(current), rel_tol=1e-12)
    return text != current
