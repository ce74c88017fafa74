"""The review workbook: one sheet of facts to look at, read back cell by cell.

The ``review`` sheet has one row per fact: where it comes from (report title and
date, the quote with its number in bold red), the attributes a reviewer may change
in words, not codes (``words``: measure, programme, activity, qualifier, region in
the workbook's language, amounts in tỷ or triệu đồng as the report wrote them;
drop-down lists of the same words, kept on a hidden sheet because a list written
into the rule itself is limited to 255 characters), the extractor's confidence and
evidence, and the reviewer's verdict (``ok``, or "not a figure" to drop it),
``reviewer`` and ``note``. The ``add`` sheet takes figures the extractor missed, by
the id of their number (the ``numbers`` sheet lists every number of the reports
that is not a figure, and why) or by their report and quote. A ``guide`` sheet says
how to fill it in. A very hidden ``version`` sheet records which tables the rows
were taken from and the fact keys, so a workbook is only ever applied to the
tables it shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field as dc_field
from pathlib import Path

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipelines.review.overrides import EDITABLE, VOCABULARIES
from pipelines.review.words import Words, shown_amount

REVIEW_SHEET, GUIDE_SHEET, LISTS_SHEET, VERSION_SHEET = "review", "guide", "vocabularies", "version"
ADD_SHEET, NUMBERS_SHEET = "add", "numbers"
OK_MARK = "ok"
WORD_COLUMNS = (*VOCABULARIES, "region_id", "review_state")  # cells that show a code as its word
KEY_COLUMNS = ("fact_id", "doc_id", "number_start", "number_text")


@dataclass(frozen=True)
class Column:
    key: str
    vi: str
    en: str
    width: int


COLUMNS = (
    Column("fact_id", "Mã số liệu", "Fact", 24),
    Column("title", "Báo cáo", "Report", 36),
    Column("published", "Ngày đăng", "Published", 11),
    Column("quote", "Trích dẫn", "Quote", 70),
    Column("number_text", "Con số", "Number", 10),
    Column("measure", "Chỉ tiêu", "Measure", 20),
    Column("program", "Chương trình", "Programme", 13),
    Column("activity", "Hoạt động", "Activity", 18),
    Column("qualifier", "Tính chất", "Qualifier", 11),
    Column("region_id", "Địa bàn", "Region", 22),
    Column("period_start", "Từ tháng", "From", 10),
    Column("period_end", "Đến tháng", "To", 10),
    Column("recognition_level", "Cấp công nhận", "Recognition", 13),
    Column("value", "Giá trị", "Value", 18),
    Column("unit", "Đơn vị", "Unit", 9),
    Column("confidence", "Độ tin cậy", "Confidence", 11),
    Column("evidence", "Căn cứ", "Evidence", 40),
    Column("review_state", "Trạng thái", "Review state", 12),
    Column(OK_MARK, "Đúng (ok) / bỏ", "Correct (ok) / drop", 16),
    Column("reviewer", "Người rà soát", "Reviewer", 16),
    Column("note", "Ghi chú", "Note", 40),
)
KEYS = tuple(c.key for c in COLUMNS)
# a figure the extractor missed: its number by id, or its report and quote; then every attribute
_NUMBER_ID = Column("mention_id", "Mã con số", "Number id", 24)
ADD_COLUMNS = (
    _NUMBER_ID,
    Column("doc_id", "Mã báo cáo", "Report id", 24),
    Column("quote", "Trích dẫn", "Quote", 50),
    Column("number_text", "Con số", "Number", 10),
    *(c for c in COLUMNS if c.key in (*EDITABLE, "unit", "reviewer", "note")),
)
ADD_KEYS = tuple(c.key for c in ADD_COLUMNS)
NUMBER_COLUMNS = (
    _NUMBER_ID,
    Column("title", "Báo cáo", "Report", 36),
    Column("text", "Con số", "Number", 10),
    Column("context", "Ngữ cảnh", "Context", 80),
    Column("reason", "Vì sao không phải số liệu", "Why not a figure", 30),
)
GUIDE = {
    "vi": ("Rà soát số liệu khuyến công",
           "1. Mỗi dòng của trang 'review' là một số liệu trích từ báo cáo; con số được tô đỏ trong trích dẫn.",
           "2. Nếu mọi thuộc tính (ô nền vàng) đều đúng, ghi 'ok' vào cột Đúng (ok) / bỏ.",
           "3. Nếu có thuộc tính sai, chọn giá trị đúng trong danh sách và ghi lý do vào cột Ghi chú.",
           "4. Nếu con số không phải số liệu, chọn 'không phải số liệu' trong cột Đúng (ok) / bỏ và ghi lý do.",
           "5. Số liệu bị bỏ sót: điền một dòng ở trang 'add' với mã con số (trang 'numbers') hoặc mã báo cáo và "
           "trích dẫn, mọi thuộc tính, giá trị, đơn vị, người rà soát và ghi chú.",
           "6. Không sửa trích dẫn, con số, căn cứ, trạng thái; không thêm, xoá hay nhân đôi dòng trang 'review'.",
           "7. Ghi tên vào cột Người rà soát, rồi chạy: khuyencong review apply <tệp> và khuyencong ingest."),
    "en": ("Reviewing khuyến công figures",
           "1. Each row of the 'review' sheet is one figure from a report; its number is red in the quote.",
           "2. If every attribute (yellow cells) is right, write 'ok' in the Correct (ok) / drop column.",
           "3. If one is wrong, choose the right value from its list and say why in the Note column.",
           "4. If the number is not a figure, choose 'not a figure' in the Correct (ok) / drop column and say why.",
           "5. A figure the rules missed: fill a row of the 'add' sheet with its number id (sheet 'numbers') or "
           "its report id and quote, every attribute, value, unit, reviewer and note.",
           "6. Do not edit the quote, number, evidence or state; do not add, delete or repeat rows of 'review'.",
           "7. Sign the Reviewer column, then run: khuyencong review apply <file> and khuyencong ingest."),
}
_EDIT_FILL = PatternFill("solid", fgColor="FFFFF2CC")  # what the reviewer may change
_INPUT_FILL = PatternFill("solid", fgColor="FFE2EFDA")  # what the reviewer fills in
_NUMBER_FONT = InlineFont(b=True, color="FFC00000")


@dataclass
class ReviewSheet:
    """What a workbook says: the tables version, the fact keys exported, and its rows."""
    version: str
    keys: list[tuple[str, str, int, str]]
    header_ok: bool
    rows: list[tuple[int, dict[str, object]]]  # (sheet row number, values by column key)
    additions: list[tuple[int, dict[str, object]]] = dc_field(default_factory=list)  # rows of the add sheet
    add_header_ok: bool = True
    lang: str = "vi"  # the language of its headers, and so of its words


def printable(text: str) -> str:
    """``text`` as a cell can hold it: control characters XML forbids become U+FFFD, one for one."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def highlighted_quote(quote: str, start: int, end: int) -> CellRichText:
    """The quote with ``quote[start:end]`` (the number) in bold red."""
    quote = printable(quote)
    if not 0 <= start < end <= len(quote):
        return CellRichText([quote])
    parts: list[str | TextBlock] = [quote[:start]] if start else []
    parts.append(TextBlock(_NUMBER_FONT, quote[start:end]))
    return CellRichText(parts + ([quote[end:]] if end < len(quote) else []))


def write_workbook(rows: pd.DataFrame, version: str, out: Path, lang: str = "vi", words: Words | None = None,
                   numbers: pd.DataFrame | None = None) -> None:
    """``rows``: facts in review order with the report's ``title`` and ``published``; ``numbers``:
    the numbers of their reports that are not figures (``mention_id``, ``title``, ``text``,
    ``context``, ``reason``), for the add sheet; ``words`` the codes in the workbook's language."""
    words = words or Words.codes(lang)
    wb = Workbook()
    ws = wb.active
    ws.title = REVIEW_SHEET
    ws.append([getattr(c, lang) for c in COLUMNS])
    for fact in rows.to_dict("records"):
        _append_text(ws, [_cell(fact, key, words) for key in KEYS])
    _style(ws, len(rows))
    ranges = _write_lists(wb, words)
    _add_validations(ws, ranges, len(rows), KEYS)
    add = wb.create_sheet(ADD_SHEET)
    add.append([getattr(c, lang) for c in ADD_COLUMNS])
    _style(add, ADD_ROWS, ADD_COLUMNS)
    _add_validations(add, {k: v for k, v in ranges.items() if k != OK_MARK}, ADD_ROWS, ADD_KEYS)
    _write_numbers(wb, numbers, words, lang)
    _write_version(wb, version, rows)
    _write_guide(wb, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)


ADD_ROWS = 50  # rows of the add sheet laid out with drop-downs


def _append_text(ws: Worksheet, values: list[object]) -> None:
    ws.append(values)
    for column, value in enumerate(values, start=1):
        if isinstance(value, str) and value.startswith("="):
            ws.cell(ws.max_row, column).data_type = "s"  # words from a report are never a formula


def _write_numbers(wb: Workbook, numbers: pd.DataFrame | None, words: Words, lang: str) -> None:
    """Every number of the reports that is not a figure, with why: where an addition starts."""
    ws = wb.create_sheet(NUMBERS_SHEET)
    ws.append([getattr(c, lang) for c in NUMBER_COLUMNS])
    for row in (numbers if numbers is not None else pd.DataFrame()).to_dict("records"):
        values = [printable(str(row[c.key])) for c in NUMBER_COLUMNS]
        values[-1] = words.word("reason", row["reason"])
        _append_text(ws, values)
    for index, column in enumerate(NUMBER_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.cell(1, 1).font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(NUMBER_COLUMNS))}{max(ws.max_row, 2)}"


def _write_guide(wb: Workbook, lang: str) -> None:
    guide = wb.create_sheet(GUIDE_SHEET, 1)
    for line in GUIDE[lang]:
        guide.append([line])
    guide["A1"].font = Font(bold=True)


def _cell(fact: dict, key: str, words: Words) -> object:
    if key == "quote":
        offset = int(fact["number_start"]) - int(fact["char_start"])
        return highlighted_quote(fact["quote"], offset, offset + len(fact["number_text"]))
    if key == "confidence":
        return None if math.isnan(fact[key]) else round(float(fact[key]), 3)
    if key in (OK_MARK, "reviewer", "note"):
        return None
    if key in ("value", "unit"):
        return shown_amount(fact, words.lang)[0 if key == "value" else 1]
    if key in WORD_COLUMNS:
        return words.word(key, fact[key])
    return printable(fact[key]) if isinstance(fact[key], str) else fact[key]


def _style(ws: Worksheet, n_rows: int, columns: tuple[Column, ...] = COLUMNS) -> None:
    """Widths, and one named style per kind of column (one assignment per cell, not one per property)."""
    styles = _named_styles(ws.parent)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        style = styles.get(column.key, "review_info")
        for row in range(2, n_rows + 2):
            ws.cell(row, index).style = style
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{n_rows + 1}"


def _named_styles(wb: Workbook) -> dict[str, str]:
    """Column key -> named style: what a reviewer may change (yellow), fills in (green), reads."""
    if "review_info" not in wb.named_styles:
        top, wrap = Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
        for name, fill, alignment, number_format in (
                ("review_info", PatternFill(), top, "General"), ("review_text", PatternFill(), wrap, "General"),
                ("review_edit", _EDIT_FILL, top, "General"), ("review_value", _EDIT_FILL, top, "#,##0.######"),
                ("review_input", _INPUT_FILL, wrap, "General")):
            wb.add_named_style(NamedStyle(name, fill=fill, alignment=alignment, number_format=number_format))
    return {**{key: "review_edit" for key in (*EDITABLE, "unit")}, "value": "review_value",
            **{key: "review_text" for key in ("quote", "title", "evidence")},
            **{key: "review_input" for key in (OK_MARK, "reviewer", "note", "mention_id", "doc_id", "number_text")}}


def _write_lists(wb: Workbook, words: Words) -> dict[str, str]:
    """One column per vocabulary on a hidden sheet, in words; returns the range formula of each."""
    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    lists = {**{k: words.choices(k) for k in (*VOCABULARIES, "region_id")}, "unit": list(words.units),
             OK_MARK: [OK_MARK, words.not_a_figure]}
    ranges = {}
    for index, (key, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        ws.cell(row=1, column=index, value=key)
        for row, value in enumerate(values, start=2):
            ws.cell(row=row, column=index, value=value)
        ranges[key] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _add_validations(ws: Worksheet, ranges: dict[str, str], n_rows: int, keys: tuple[str, ...]) -> None:
    last = n_rows + 1
    for key, formula in ranges.items():
        rule = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                              errorTitle=key, error=f"{key}: choose a value from the list")
        _cover(ws, rule, key, last, keys)
    for key in ("period_start", "period_end"):
        letter = get_column_letter(keys.index(key) + 1)
        rule = DataValidation(type="custom", formula1=f'AND(LEN({letter}2)=7,MID({letter}2,5,1)="-")',
                              showErrorMessage=True, error="YYYY-MM")
        _cover(ws, rule, key, last, keys)
    _cover(ws, DataValidation(type="decimal", operator="between", formula1="-1E+18", formula2="1E+18",
                              showErrorMessage=True, error="a number"), "value", last, keys)


def _cover(ws: Worksheet, rule: DataValidation, key: str, last: int, keys: tuple[str, ...]) -> None:
    letter = get_column_letter(keys.index(key) + 1)
    rule.add(f"{letter}2:{letter}{max(last, 2)}")
    ws.add_data_validation(rule)


def _write_version(wb: Workbook, version: str, rows: pd.DataFrame) -> None:
    ws = wb.create_sheet(VERSION_SHEET)
    ws.sheet_state = "veryHidden"
    ws.append(["tables_version", version])
    ws.append(list(KEY_COLUMNS))
    for key in rows[list(KEY_COLUMNS)].itertuples(index=False):
        ws.append([key.fact_id, key.doc_id, int(key.number_start), key.number_text])


def read_workbook(path: Path) -> ReviewSheet:
    """The workbook's version, keys and rows; raises ValueError naming what is missing."""
    wb = load_workbook(path, read_only=True)
    try:
        for name in (REVIEW_SHEET, VERSION_SHEET):
            if name not in wb.sheetnames:
                raise ValueError(f"{path}: no {name!r} sheet; is it a workbook from `khuyencong review export`?")
        meta = list(wb[VERSION_SHEET].iter_rows(values_only=True))
        keys = [(str(r[0]), str(r[1]), int(r[2]), str(r[3])) for r in meta[2:] if r and r[0] is not None]
        header, rows = _sheet_rows(wb[REVIEW_SHEET], COLUMNS)
        add_header, additions = _sheet_rows(wb[ADD_SHEET], ADD_COLUMNS) if ADD_SHEET in wb.sheetnames else (None, [])
    finally:
        wb.close()
    lang = "en" if header == [c.en for c in COLUMNS] else "vi"
    return ReviewSheet(str(meta[0][1]) if meta and len(meta[0]) > 1 else "", keys, header is not None, rows,
                       additions, add_header is not None or not additions, lang)


def _sheet_rows(ws: Worksheet, columns: tuple[Column, ...]) -> tuple[list | None, list[tuple[int, dict]]]:
    """The header (None unless it is the exported one, in either language) and the non-empty rows."""
    keys = tuple(c.key for c in columns)
    cells = ws.iter_rows(values_only=True)
    header = list(next(cells, ()))[:len(columns)]
    rows = [(number, dict(zip(keys, values))) for number, values in enumerate(cells, start=2)
            if any(v not in (None, "") for v in values)]
    return (header if header in ([c.vi for c in columns], [c.en for c in columns]) else None), rows
