"""A region's figures, cross-checks and reports for a spreadsheet: Excel (one sheet each) or CSV (one file each).

Numbers stay numbers (amounts in tỷ đồng, percentages, counts) so they sum and
chart in the spreadsheet; the header row is frozen, filters are on and columns
are wide enough to read.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd

from pipelines.publishing import readable
from pipelines.publishing.region import RegionData
from pipelines.tables.inputs import write_atomic

FORMATS = ("xlsx", "csv")
SHEETS = {"figures": ("Số liệu", "Figures"), "checks": ("Đối chiếu", "Cross-checks"), "reports": ("Báo cáo", "Reports")}
NUMBER_FORMATS = {"value": "#,##0.###", "stated": "#,##0.###", "computed": "#,##0.###", "rel_error_pct": "0.00",
                  "figures": "0", "unreviewed": "0", "confidence": "0.00"}
MAX_WIDTH = 60  # characters; longer cells (quotes) wrap
WRAPPED = ("quote", "sentence", "description")
DATE_FORMATS = {"vi": "DD/MM/YYYY", "en": "YYYY-MM-DD"}
# a text cell beginning with one of these is read as a formula by spreadsheet programs
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A text cell as data, never a formula: prefixed with ``'`` as spreadsheet programs expect."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_START) else value


def tables(data: RegionData) -> dict[str, pd.DataFrame]:
    """The three tables of an export, keyed ``figures``, ``checks``, ``reports``, with column keys."""
    figures = data.figures
    return {
        "figures": readable.figures(figures, data.documents, data.names, data.lang),
        "checks": readable.checks(data.checks, data.tables.facts, data.documents, data.lang, data.names),
        "reports": readable.reports(data.documents, figures, data.names, data.lang),
    }


def with_headers(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return frame.set_axis(readable.headers(list(frame.columns), lang), axis=1)


def sheet_name(key: str, lang: str) -> str:
    return SHEETS[key][0 if lang == "vi" else 1]


def write_export(data: RegionData, out_dir: Path, fmt: str = "xlsx") -> list[Path]:
    """Write ``<out_dir>/<region>.xlsx``, or ``<out_dir>/<region>/<table>.csv``; returns the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")
    parts = tables(data)
    if fmt == "csv":
        folder = out_dir / data.region
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for key, frame in parts.items():
            path = folder / f"{key}.csv"
            # utf-8-sig: Excel opens the file with the right diacritics
            write_atomic(path, with_headers(frame.map(csv_cell), data.lang).to_csv(index=False).encode("utf-8-sig"))
            written.append(path)
        return written
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{data.region}.xlsx"
    write_workbook(parts, path, data.lang)
    return [path]


def write_workbook(parts: dict[str, pd.DataFrame], path: Path, lang: str) -> None:
    """One sheet per table, each with a frozen header, filters, widths and number formats."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    for key, frame in parts.items():
        sheet = book.create_sheet(sheet_name(key, lang))
        sheet.append(readable.headers(list(frame.columns), lang))
        for row in frame.itertuples(index=False):
            sheet.append([_cell(column, v) for column, v in zip(frame.columns, row)])
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":  # text from a report that begins with "=" stays text
                    cell.data_type = "s"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for index, column in enumerate(frame.columns, start=1):
            letter = sheet.cell(1, index).column_letter
            texts = [str(sheet.cell(1, index).value)] + [str(v) for v in frame[column].dropna()] + ["31/12/2024"] * (column == "published")
            sheet.column_dimensions[letter].width = min(MAX_WIDTH, max(len(t) for t in texts) + 2)
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                if column in NUMBER_FORMATS:
                    cell.number_format = NUMBER_FORMATS[column]
                elif column == "published" and isinstance(cell.value, dt.datetime):
                    cell.number_format = DATE_FORMATS[lang]
                elif column in WRAPPED:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(path, buffer.getvalue())


def _cell(column: str, value: object) -> object:
    """A value as the spreadsheet should hold it: no NaN, and a publication day as a real date
    (sortable, filterable) rather than text."""
    if isinstance(value, float) and pd.isna(value):
        return None
    if column == "published" and isinstance(value, str) and len(value) == 10:
        try:
            return dt.datetime.strptime(value, "%Y-%m-%d")
        except ValueError:
            return value
    return value
