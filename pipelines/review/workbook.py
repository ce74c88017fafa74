"""The review workbook: one sheet of facts to look at, read back cell by cell.

The ``review`` sheet has one row per fact: where it comes from (report title and
date, the quote with its number in bold red), the attributes a reviewer may change
(drop-down lists of the contract's vocabularies, kept on a hidden sheet because a
list written into the rule itself is limited to 255 characters), the extractor's
confidence and evidence, and the reviewer's ``ok``, ``reviewer`` and ``note``.
A ``guide`` sheet says how to fill it in. A very hidden ``version`` sheet records which tables the rows were taken from and
the fact keys, so a workbook is only ever applied to the tables it shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
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

from pipelines.review.overrides import EDITABLE, VOCABULARIES, region_ids

REVIEW_SHEET, GUIDE_SHEET, LISTS_SHEET, VERSION_SHEET = "review", "guide", "vocabularies", "version"
OK_MARK = "ok"
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
    Column(OK_MARK, "Đúng (ok)", "Correct (ok)", 10),
    Column("reviewer", "Người rà soát", "Reviewer", 16),
    Column("note", "Ghi chú", "Note", 40),
)
KEYS = tuple(c.key for c in COLUMNS)
GUIDE = {
    "vi": ("Rà soát số liệu khuyến công",
           "1. Mỗi dòng của trang 'review' là một số liệu trích từ báo cáo; con số được tô đỏ trong trích dẫn.",
           "2. Nếu mọi thuộc tính (ô nền vàng) đều đúng, ghi 'ok' vào cột Đúng (ok).",
           "3. Nếu có thuộc tính sai, chọn giá trị đúng trong danh sách và ghi lý do vào cột Ghi chú.",
           "4. Không sửa trích dẫn, con số, đơn vị, căn cứ, trạng thái; không thêm, xoá hay nhân đôi dòng.",
           "5. Ghi tên vào cột Người rà soát, rồi chạy: khuyencong review apply <tệp> và khuyencong ingest."),
    "en": ("Reviewing khuyến công figures",
           "1. Each row of the 'review' sheet is one figure from a report; its number is red in the quote.",
           "2. If every attribute (yellow cells) is right, write 'ok' in the Correct (ok) column.",
           "3. If one is wrong, choose the right value from its list and say why in the Note column.",
           "4. Do not edit the quote, number, unit, evidence or state; do not add, delete or repeat rows.",
           "5. Sign the Reviewer column, then run: khuyencong review apply <file> and khuyencong ingest."),
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


def write_workbook(rows: pd.DataFrame, version: str, out: Path, lang: str = "vi") -> None:
    """``rows``: facts in review order with the report's ``title`` and ``published``."""
    wb = Workbook()
    ws = wb.active
    ws.title = REVIEW_SHEET
    ws.append([getattr(c, lang) for c in COLUMNS])
    for row, fact in enumerate(rows.to_dict("records"), start=2):
        values = [_cell(fact, key) for key in KEYS]
        ws.append(values)
        for column, value in enumerate(values, start=1):
            if isinstance(value, str) and value.startswith("="):
                ws.cell(row, column).data_type = "s"  # words from a report are never a formula
    _style(ws, len(rows))
    _add_validations(ws, _write_lists(wb), len(rows))
    _write_version(wb, version, rows)
    _write_guide(wb, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)


def _write_guide(wb: Workbook, lang: str) -> None:
    guide = wb.create_sheet(GUIDE_SHEET, 1)
    for line in GUIDE[lang]:
        guide.append([line])
    guide["A1"].font = Font(bold=True)


def _cell(fact: dict, key: str) -> object:
    if key == "quote":
        offset = int(fact["number_start"]) - int(fact["char_start"])
        return highlighted_quote(fact["quote"], offset, offset + len(fact["number_text"]))
    if key == "confidence":
        return None if math.isnan(fact[key]) else round(float(fact[key]), 3)
    if key in (OK_MARK, "reviewer", "note"):
        return None
    return float(fact[key]) if key == "value" else printable(fact[key]) if isinstance(fact[key], str) else fact[key]


def _style(ws: Worksheet, n_rows: int) -> None:
    """Widths, and one named style per kind of column (one assignment per cell, not one per property)."""
    styles = _named_styles(ws.parent)
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        style = styles.get(column.key, "review_info")
        for row in range(2, n_rows + 2):
            ws.cell(row, index).style = style
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{n_rows + 1}"


def _named_styles(wb: Workbook) -> dict[str, str]:
    """Column key -> named style: what a reviewer may change (yellow), fills in (green), reads."""
    top, wrap = Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
    for name, fill, alignment, number_format in (
            ("review_info", PatternFill(), top, "General"), ("review_text", PatternFill(), wrap, "General"),
            ("review_edit", _EDIT_FILL, top, "General"), ("review_value", _EDIT_FILL, top, "#,##0.###"),
            ("review_input", _INPUT_FILL, wrap, "General")):
        wb.add_named_style(NamedStyle(name, fill=fill, alignment=alignment, number_format=number_format))
    return {**{key: "review_edit" for key in EDITABLE}, "value": "review_value",
            **{key: "review_text" for key in ("quote", "title", "evidence")},
            **{key: "review_input" for key in (OK_MARK, "reviewer", "note")}}


def _write_lists(wb: Workbook) -> dict[str, str]:
    """One column per vocabulary on a hidden sheet; returns the range formula of each."""
    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    lists = {**{k: [v for v in vocab if v] for k, vocab in VOCABULARIES.items()},
             "region_id": sorted(region_ids()), OK_MARK: [OK_MARK]}
    ranges = {}
    for index, (key, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        ws.cell(row=1, column=index, value=key)
        for row, value in enumerate(values, start=2):
            ws.cell(row=row, column=index, value=value)
        ranges[key] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _add_validations(ws: Worksheet, ranges: dict[str, str], n_rows: int) -> None:
    last = n_rows + 1
    for key, formula in ranges.items():
        rule = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                              errorTitle=key, error=f"{key}: choose a value from the list")
        _cover(ws, rule, key, last)
    for key in ("period_start", "period_end"):
        letter = get_column_letter(KEYS.index(key) + 1)
        rule = DataValidation(type="custom", formula1=f'AND(LEN({letter}2)=7,MID({letter}2,5,1)="-")',
                              showErrorMessage=True, error="YYYY-MM")
        _cover(ws, rule, key, last)
    _cover(ws, DataValidation(type="decimal", operator="between", formula1="-1E+18", formula2="1E+18",
                              showErrorMessage=True, error="a number"), "value", last)


def _cover(ws: Worksheet, rule: DataValidation, key: str, last: int) -> None:
    letter = get_column_letter(KEYS.index(key) + 1)
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
        cells = wb[REVIEW_SHEET].iter_rows(values_only=True)
        header = list(next(cells, ()))[:len(COLUMNS)]
        rows = [(number, dict(zip(KEYS, values))) for number, values in enumerate(cells, start=2)
                if any(v not in (None, "") for v in values)]
    finally:
        wb.close()
    header_ok = header in ([c.vi for c in COLUMNS], [c.en for c in COLUMNS])
    return ReviewSheet(str(meta[0][1]) if meta and len(meta[0]) > 1 else "", keys, header_ok, rows)
