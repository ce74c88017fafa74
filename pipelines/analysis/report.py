"""Tables for the HTML reports, and a readable copy of each source report to link figures to.

``table(frame, lang)`` turns any view into an HTML table a reader can use:
headers in the language, codes as words, amounts in tỷ đồng and every number in
the language's format, the full quote with the figure highlighted, and a link to
the sentence in the rendered source, ``<sources_url>/<doc_id>.html#<fact_id>``.

``write_sources(tables, raw_root, out_dir)`` writes those copies,
``<out_dir>/<doc_id>.html``: each report's proof sheet (``proof``), its text with
every number marked and read out and an anchor at each figure's sentence. Notebook pages live in ``reports/<lang>/<region>/``
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


def write_sources(documents: pd.DataFrame, facts: pd.DataFrame, raw_root: Path, out_dir: Path,
                  lang: str = "vi", mentions: pd.DataFrame | None = None, checks: pd.DataFrame | None = None,
                  names: dict[str, str] | None = None, only: str = "") -> list[Path]:
    """Write the proof sheet ``<out_dir>/<doc_id>.html`` of every report whose raw file is at hand
    (of report ``only`` when given), and the list the reports' index shows; return the pages.
    A doc_id that is not a plain slug never becomes a file name."""
    from pipelines.analysis import proof
    from pipelines.tables.regions import known_regions, region_names

    mentions = mentions if mentions is not None else pd.DataFrame(columns=["doc_id", "status", "reason", "char_start",
                                                                           "char_end", "mention_id", "fact_id"])
    checks = checks if checks is not None else pd.DataFrame(columns=["doc_id", "status", "fact_ids", "stated",
                                                                     "computed"])
    names = names if names is not None else region_names(known_regions())
    conflicting = proof.conflicting_facts(facts)
    out_dir.mkdir(parents=True, exist_ok=True)
    pages, listed = [], []
    for doc in documents.to_dict("records"):
        path = raw_root / doc["path"]
        if not SAFE_DOC_ID.fullmatch(doc["doc_id"]) or not path.exists() or only not in ("", doc["doc_id"]):
            continue
        page = proof.write_proof(doc, read_report(path).text, facts, mentions, checks, out_dir, lang, names,
                                 conflicting)
        pages.append(page)
        own = facts[facts["doc_id"] == doc["doc_id"]]
        looks = proof.worth_a_look(own, checks[checks["doc_id"] == doc["doc_id"]], conflicting, doc, lang, names)
        listed.append({"doc_id": doc["doc_id"], "title": doc.get("title", ""), "published": doc.get("published", ""),
                       "figures": len(own), "to_check": len(looks)})
    if not only:
        proof.write_sheet_list(out_dir, listed)
    return pages
