"""Tables for the HTML reports, and a readable copy of each source report to link figures to.

``table(frame, lang)`` turns any view into an HTML table a reader can use:
headers in the language, codes as words, amounts in tỷ đồng and every number in
the language's format, the full quote with the figure highlighted, and a link to
the sentence in the rendered source, ``<sources_url>/<doc_id>.html#<fact_id>``.

``write_sources(tables, raw_root, out_dir)`` writes those copies,
``<out_dir>/<doc_id>.html``: the report's decoded text with an anchor per fact
and the figure highlighted. Notebook pages live in ``reports/<lang>/<region>/``
and the copies in ``reports/sources/``, so the default link is ``../../sources``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from pipelines.analysis import labels
from pipelines.tables.schema import MEASURE_UNITS
from pipelines.text.reading import read_report

SOURCES_URL = "../../sources"
HEADERS = {
    "source_region": ("Nơi", "Place"), "region": ("Vùng", "Region"), "period": ("Kỳ", "Period"),
    "program": ("Nguồn vốn", "Programme"), "activity": ("Nội dung", "Activity"), "measure": ("Chỉ tiêu", "Measure"),
    "value": ("Số liệu", "Figure"), "value_bn": ("Tỷ đồng", "VND billion"), "recognition_level": ("Cấp", "Level"),
    "review_state": ("Kiểm tra", "Review"), "quote": ("Trích dẫn", "Quote"), "title": ("Báo cáo", "Report"),
    "status": ("Kết quả", "Result"), "reason": ("Lý do", "Reason"), "n": ("Số lượng", "Count"),
    "text": ("Con số", "Number"), "context": ("Ngữ cảnh", "Context"), "stated": ("Số nêu", "Stated"),
    "computed": ("Số tính lại", "Recomputed"), "rel_error": ("Sai lệch", "Error"),
    "national": ("Quốc gia (tỷ đồng)", "National (VND bn)"), "local": ("Địa phương (tỷ đồng)", "Local (VND bn)"),
    "counterpart": ("Đối ứng (tỷ đồng)", "Counterpart (VND bn)"),
    "counterpart_per_state": ("Đối ứng / ngân sách", "Counterpart per state đồng"),
    "previous_bn": ("Năm trước (tỷ đồng)", "Year before (VND bn)"), "plan_bn": ("Kế hoạch (tỷ đồng)", "Plan (VND bn)"),
    "growth_pct": ("Tăng/giảm tính lại", "Change computed"), "stated_pct": ("Tăng/giảm theo báo cáo", "Change as reported"),
    "on_track_pct": ("Đúng tiến độ", "On track"), "gap_pct": ("Chênh lệch", "Gap"), "year": ("Năm", "Year"),
}
CODES = {"program": labels.program, "activity": labels.activity, "measure": labels.measure,
         "recognition_level": lambda c, lang: labels.level(c, lang) if c else "",
         "reason": labels.reason, "status": lambda c, lang: labels.t(f"status.{c}", lang),
         "review_state": lambda c, lang: labels.t(f"review.{c}", lang)}
PERCENT_COLUMNS = ("growth_pct", "stated_pct", "on_track_pct", "gap_pct")
BILLION_COLUMNS = ("value_bn", "national", "local", "counterpart", "previous_bn", "plan_bn")
# Words never break inside (no overflow-wrap:anywhere: it let the wide quote column squeeze the
# others into "Đắ k Lắ k"); periods and numbers stay on one line, quotes wrap at spaces and keep
# a readable width of their own.
STYLE = ("<style>.kc-table{border-collapse:collapse;width:100%;table-layout:auto;font-size:13px}"
         ".kc-table td,.kc-table th{border-bottom:1px solid #e4e7eb;padding:4px 6px;vertical-align:top;"
         "text-align:left;overflow-wrap:normal;word-break:normal;hyphens:manual}"
         ".kc-table .kc-nb{white-space:nowrap}.kc-table .kc-quote{display:inline-block;min-width:18em}"
         ".kc-table mark{background:#fde68a}</style>")
ONE_LINE = ("period", "value", "stated", "computed", "rel_error", "year", "n", *BILLION_COLUMNS, *PERCENT_COLUMNS,
            "counterpart_per_state")


def table(frame: pd.DataFrame, lang: str, names: dict[str, str] | None = None,
          sources_url: str = SOURCES_URL) -> str:
    """``frame`` as an HTML table for readers: only the columns a reader needs, in their words."""
    rows = [{c: f'<span class="kc-nb">{v}</span>' if c in ONE_LINE and v not in ("", "–") else v for c, v in
             _row(row, lang, names or {}, sources_url).items()} for row in frame.to_dict("records")]
    shown = pd.DataFrame(rows)
    # a column no row fills (no level of recognition, say) only narrows the others
    shown = shown.loc[:, [c for c in shown.columns if not shown[c].isin(["", "–"]).all()]]
    shown.columns = [HEADERS[c][labels.LANGS.index(labels.check_lang(lang))] for c in shown.columns]
    return STYLE + shown.to_html(escape=False, index=False, classes="kc-table", border=0, na_rep="–")


def _row(row: dict, lang: str, names: dict[str, str], sources_url: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for column, value in row.items():
        if column == "period_start":
            out["period"] = html.escape(labels.figure_period(row.get("measure", ""), value, row["period_end"], lang))
        elif column in ("source_region", "region"):
            out[column] = html.escape(labels.region(value, lang, names))
        elif column in CODES:
            out[column] = html.escape(CODES[column](value, lang)) if isinstance(value, str) else "–"
        elif column == "value":
            flag = " ⚠" if row.get("mismatch") else ""
            out[column] = html.escape(labels.value(value, MEASURE_UNITS.get(row.get("measure"), "count"), lang)) + flag
        elif column in ("stated", "computed"):
            out[column] = html.escape(labels.value(value, MEASURE_UNITS.get(row.get("measure"), "count"), lang))
        elif column == "rel_error":
            out[column] = html.escape(labels.number(value * 100, lang, 2)) + "%"
        elif column in BILLION_COLUMNS or column in PERCENT_COLUMNS or column == "counterpart_per_state":
            out[column] = html.escape(labels.number(value, lang, 3)) + ("%" if column in PERCENT_COLUMNS else "")
        elif column == "quote":
            out[column] = quote_html(row, sources_url)
        elif column == "title":
            out[column] = f"{html.escape(str(value))} ({html.escape(labels.date(row.get('published') or '', lang))})"
        elif column in HEADERS:
            out[column] = html.escape(str(value))
    return out


def quote_html(row: dict, sources_url: str = SOURCES_URL) -> str:
    """The full quote with the figure highlighted, linked to its sentence in the rendered report."""
    quote = str(row["quote"])
    start = int(row["number_start"]) - int(row["char_start"]) if pd.notna(row.get("number_start")) else -1
    end = start + int(row["number_end"]) - int(row["number_start"]) if start >= 0 else -1
    if 0 <= start < end <= len(quote):
        text = (html.escape(quote[:start]) + f"<mark>{html.escape(quote[start:end])}</mark>"
                + html.escape(quote[end:]))
    else:
        text = html.escape(quote)
    if row.get("fact_id") and row.get("doc_id"):
        href = f"{sources_url}/{html.escape(row['doc_id'])}.html#{html.escape(row['fact_id'])}"
        text += f'&nbsp;<a href="{href}">↗</a>'
    return f'<span class="kc-quote">{text}</span>'


SAFE_DOC_ID = re.compile(r"[a-z0-9][a-z0-9-]*")  # as ingest makes them: a year and a place


def source_html(text: str, facts: pd.DataFrame, title: str, lang: str) -> str:
    """A report's text as a page: an anchor at each fact's quote, each figure highlighted."""
    inserts: list[tuple[int, int, str]] = []  # position, order at that position, markup
    for fact in facts.itertuples():
        inserts.append((int(fact.char_start), 1, f'<a id="{html.escape(fact.fact_id)}"></a>'))
        inserts.append((int(fact.number_start), 2, "<mark>"))
        inserts.append((int(fact.number_end), 0, "</mark>"))
    parts, last = [], 0
    for position, _, markup in sorted(set(inserts)):
        parts += [html.escape(text[last:position]), markup]
        last = position
    parts.append(html.escape(text[last:]))
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            "<style>body{max-width:48em;margin:2em auto;font:16px/1.6 sans-serif;white-space:pre-wrap}"
            "mark{background:#fde68a}</style></head>"
            f"<body><h1>{html.escape(title)}</h1>{''.join(parts)}</body></html>")


def write_sources(documents: pd.DataFrame, facts: pd.DataFrame, raw_root: Path, out_dir: Path,
                  lang: str = "vi") -> list[Path]:
    """Write ``<out_dir>/<doc_id>.html`` for every report whose raw file is at hand; return the pages.
    A doc_id that is not a plain slug never becomes a file name."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = []
    for doc in documents.itertuples():
        path = raw_root / doc.path
        if not SAFE_DOC_ID.fullmatch(doc.doc_id) or not path.exists():
            continue
        page = out_dir / f"{doc.doc_id}.html"
        page.write_text(source_html(read_report(path).text, facts[facts["doc_id"] == doc.doc_id], doc.title, lang),
                        encoding="utf-8")
        pages.append(page)
    return pages
