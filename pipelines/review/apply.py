"""A filled-in review workbook -> reviewed decisions, or the reasons it is refused.

Every row is checked before anything is decided: a workbook from other tables, an
edited quote, a value outside the contract's vocabularies, a missing, repeated or
foreign row, a correction, drop or addition without a reviewer or a reason, a
negative amount, an amount in a unit its measure is not counted in, a period
outside the years the report speaks of, or free text a spreadsheet would run as a
formula refuses the whole workbook, each problem named by its sheet and row.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pipelines.review.overrides import (
    ADD_FIELD, CONFIRM_FIELD, CONFIRMED, DROP_FIELD, EDITABLE, NOT_A_FIGURE, Override, attribute_snapshot,
    attribute_text, fact_problems, formula_problem,
)
from pipelines.review.words import NOT_A_FIGURE as DROP_WORDS, Words, read_amount
from pipelines.review.workbook import OK_MARK, WORD_COLUMNS, ReviewSheet, printable

OK_VALUES = frozenset({OK_MARK, "x", "yes", "y", "true", "1", "✓", "đúng", "có"})
DROP_VALUES = frozenset({*DROP_WORDS.values(), NOT_A_FIGURE, "drop", "bỏ"})
CONFIRM_REASON = "confirmed in review"
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


@dataclass
class Reports:
    """What additions are checked against: every number by its mention id and by report,
    the years each report speaks of, and its text (read only when a quote must be found)."""
    mentions: dict[str, dict] = field(default_factory=dict)
    years: dict[str, tuple[int, int]] = field(default_factory=dict)
    text: Callable[[str], str | None] = lambda doc_id: None

    def numbers_of(self, doc_id: str) -> list[dict]:
        return [m for m in self.mentions.values() if m["doc_id"] == doc_id]


def report_years(texts: list[str], published: str) -> tuple[int, int]:
    """The first and last year a report speaks of: the years in its numbers and periods, and
    the year it was published."""
    years = [int(y) for text in texts for y in _YEAR.findall(str(text))]
    years += [int(published[:4])] if published[:4].isdigit() else []
    return (min(years), max(years)) if years else (0, 9999)


@dataclass
class Decisions:
    overrides: list[Override] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def confirmed(self) -> int:
        return sum(o.is_confirmation for o in self.overrides)

    @property
    def corrected(self) -> int:
        return len({o.key[:3] for o in self.overrides if o.is_correction})

    @property
    def dropped(self) -> int:
        return sum(o.field == DROP_FIELD for o in self.overrides)

    @property
    def added(self) -> int:
        return sum(o.field == ADD_FIELD for o in self.overrides)


def review_decisions(sheet: ReviewSheet, facts: dict[str, dict], version: str, reviewer: str,
                     today: dt.date, words: Words | None = None, reports: Reports | None = None) -> Decisions:
    """``facts`` by fact_id from the current tables, whose ``version`` the workbook must carry;
    ``words`` the workbook's words for codes, ``reports`` what additions are checked against."""
    words, reports = words or Words.codes(), reports or Reports()
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
            _read_row(cells, facts[fact_id], where, reviewer, today.isoformat(), result, words, reports)
    result.errors += [f"fact {fact_id}: its row is missing from the workbook" for fact_id in exported
                      if fact_id not in seen]
    if sheet.additions and not sheet.add_header_ok:
        result.errors.append("add sheet, row 1: the column headers were changed; keep the exported columns")
    elif sheet.additions:
        _read_additions(sheet.additions, reviewer, today.isoformat(), result, words, reports)
    return result


def _attributes(cells: dict, where: str, words: Words, years: tuple[int, int] | None) -> tuple[dict, list[str]]:
    """A row's attributes as codes (the value in đồng, percent points or a count), or its problems."""
    attributes, errors = {}, []
    for name in EDITABLE:
        text = _cell_text(name, cells.get(name))
        attributes[name] = words.code(name, text) if name in WORD_COLUMNS else text
    if attributes["value"]:
        try:
            number = float(attributes["value"])
        except ValueError:
            return attributes, [f"{where}: value {attributes['value']!r} is not a number"]
        value, problem = read_amount(number, _cell_text("unit", cells.get("unit")), attributes["measure"])
        errors += [f"{where}: {problem}"] if problem else []
        attributes["value"] = attribute_text(value) if value is not None else attributes["value"]
    errors += [f"{where}: {p}" for p in fact_problems(attributes)] if not errors else []
    if not errors and years:
        first, last = int(attributes["period_start"][:4]), int(attributes["period_end"][:4])
        if first < years[0] or last > years[1]:
            errors.append(f"{where}: the period {attributes['period_start']}..{attributes['period_end']} lies outside "
                          f"the years the report speaks of ({years[0]}–{years[1]})")
    return attributes, errors


def _signed(cells: dict, where: str, reviewer: str, needs_note: str | None) -> tuple[str, str, list[str]]:
    """Who decided and why, checked: someone must sign; ``needs_note`` says why a note is required."""
    who = _cell_text("reviewer", cells.get("reviewer")) or reviewer
    note = _cell_text("note", cells.get("note"))
    errors = [f"{where}: {p}" for name, text in (("reviewer", who), ("note", note))
              for p in [formula_problem(name, text)] if p]
    if not who:
        errors.append(f"{where}: no reviewer; fill the reviewer column or pass --reviewer")
    if needs_note and not note:
        errors.append(f"{where}: {needs_note}")
    return who, note, errors


def _read_row(cells: dict, fact: dict, where: str, reviewer: str, today: str, result: Decisions,
              words: Words, reports: Reports) -> None:
    errors = _unchanged_source(cells, fact, where, words)
    attributes, problems = _attributes(cells, where, words, reports.years.get(fact["doc_id"]))
    errors += problems
    mark = _cell_text(OK_MARK, cells.get(OK_MARK)).lower()
    drop = mark in DROP_VALUES
    if mark and not drop and mark not in OK_VALUES:
        errors.append(f"{where}: ok column holds {mark!r}; write '{OK_MARK}', choose '{words.not_a_figure}' "
                      "or leave it empty")
    changed = [n for n in EDITABLE if not errors and _differs(n, attributes[n], fact[n])]
    if drop and changed:
        errors.append(f"{where}: a figure marked '{words.not_a_figure}' cannot also be corrected "
                      f"({', '.join(changed)} changed)")
    if not (changed or mark):
        result.errors += errors
        return
    why = ("a drop needs a note saying why it is not a figure" if drop else
           f"a correction needs a note saying why ({', '.join(changed)} changed)" if changed else None)
    who, note, signed = _signed(cells, where, reviewer, why)
    result.errors += errors + signed
    if errors or signed:
        return
    base = dict(doc_id=fact["doc_id"], number_start=int(fact["number_start"]), number_text=fact["number_text"],
                reviewed_on=today, reviewer=who)
    if drop:
        result.overrides.append(Override(field=DROP_FIELD, value=NOT_A_FIGURE, previous=attribute_snapshot(fact),
                                         reason=note, **base))
        return
    result.overrides += [Override(field=n, value=attributes[n], previous=attribute_text(fact[n]), reason=note, **base)
                         for n in changed]
    if mark and not changed:
        result.overrides.append(Override(field=CONFIRM_FIELD, value=CONFIRMED, previous=attribute_snapshot(fact),
                                         reason=note or CONFIRM_REASON, **base))


def _read_additions(rows: list[tuple[int, dict]], reviewer: str, today: str, result: Decisions, words: Words,
                    reports: Reports) -> None:
    """Each row of the add sheet: its number (by id, or by report and quote) and its attributes."""
    seen: dict[tuple[str, int], int] = {}
    for number, cells in rows:
        where = f"add sheet, row {number}"
        mention, errors = _find_number(cells, where, reports)
        if mention is not None:
            position = (mention["doc_id"], int(mention["char_start"]))
            if position in seen:
                errors.append(f"{where}: adds the same number as row {seen[position]}")
            seen.setdefault(position, number)
        years = reports.years.get(mention["doc_id"]) if mention is not None else None
        attributes, problems = _attributes(cells, where, words, years)
        who, note, signed = _signed(cells, where, reviewer, "an addition needs a note saying where the figure is")
        result.errors += errors + problems + signed
        if mention is None or errors or problems or signed:
            continue
        result.overrides.append(Override(
            doc_id=mention["doc_id"], number_start=int(mention["char_start"]), number_text=str(mention["text"]),
            field=ADD_FIELD, value=attribute_snapshot(attributes), reason=note, reviewed_on=today, reviewer=who))


def _find_number(cells: dict, where: str, reports: Reports) -> tuple[dict | None, list[str]]:
    """The number an addition is about: by its id, else the one number (or the one written as
    ``number_text``) inside the quote, found once in the report's text. It must not be a figure yet."""
    mention_id = _cell_text("mention_id", cells.get("mention_id"))
    doc_id = _cell_text("doc_id", cells.get("doc_id"))
    quote = _cell_text("quote", cells.get("quote"))
    wanted = _cell_text("number_text", cells.get("number_text"))
    if mention_id:
        mention = reports.mentions.get(mention_id)
        if mention is None:
            return None, [f"{where}: number id {mention_id!r} is not a number of these tables (see the numbers sheet)"]
    elif doc_id and quote:
        text = reports.text(doc_id)
        if text is None:
            return None, [f"{where}: report {doc_id!r} is not in the tables, or its file is missing"]
        found = [m.start() for m in re.finditer(re.escape(quote), text)]
        if len(found) != 1:
            return None, [f"{where}: the quote is found {len(found)} times in report {doc_id}; copy one exact passage"]
        inside = [m for m in reports.numbers_of(doc_id) if found[0] <= int(m["char_start"]) < found[0] + len(quote)
                  and (not wanted or str(m["text"]) == wanted)]
        if len(inside) != 1:
            return None, [f"{where}: the quote holds {len(inside)} numbers{' written ' + repr(wanted) if wanted else ''};"
                          " name the number in the Number column"]
        mention = inside[0]
    else:
        return None, [f"{where}: give the number id, or the report id and the quote"]
    if mention["status"] == "fact":
        return None, [f"{where}: {mention['text']} is already a figure ({mention['fact_id']}); correct it on the "
                      "review sheet"]
    return mention, []


def _unchanged_source(cells: dict, fact: dict, where: str, words: Words) -> list[str]:
    """The report's words are not the reviewer's to change, nor what the tables record about them."""
    shown = {"review_state": words.word("review_state", fact["review_state"])}
    edited = [name for name in ("quote", "number_text", "evidence", "review_state")
              if str(cells.get(name) or "") != printable(shown.get(name, fact[name]))]
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
    if name == "value":  # an amount read back from tỷ đồng may differ in the last bits
        return not math.isclose(float(text), float(current), rel_tol=1e-9)
    return text != current
