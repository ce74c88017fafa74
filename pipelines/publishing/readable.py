"""Figures, cross-checks and reports as a reader wants them: names, words and tỷ đồng, not ids and codes.

The exports, the decks and the exploring helpers share these tables and words,
so a spreadsheet, a slide and a notebook show the same figure the same way. Column keys are stable English
identifiers; ``headers`` gives the Vietnamese or English heading of each.
"""

from __future__ import annotations

import pandas as pd

from pipelines.analysis import labels, views

FIGURE_COLUMNS = ("place", "period", "program", "activity", "measure", "value", "unit", "qualifier",
                  "recognition_level", "cross_check", "review_state", "attention", "confidence", "report",
                  "published", "publisher", "quote", "sentence", "source_url", "doc_id", "fact_id")
CHECK_COLUMNS = ("status", "description", "stated", "computed", "unit", "rel_error_pct", "report", "published", "doc_id",
                 "fact_ids")
REPORT_COLUMNS = ("report", "published", "publisher", "place", "figures", "unreviewed", "source_url", "doc_id")

_WORDS = {
    "header.place": ("Địa bàn", "Place"),
    "header.period": ("Kỳ", "Period"),
    "header.program": ("Nguồn kinh phí", "Programme"),
    "header.activity": ("Nội dung", "Activity"),
    "header.measure": ("Chỉ tiêu", "Measure"),
    "header.value": ("Giá trị", "Value"),
    "header.unit": ("Đơn vị", "Unit"),
    "header.qualifier": ("Ghi chú số liệu", "Qualifier"),
    "header.recognition_level": ("Cấp công nhận", "Recognition level"),
    "header.review_state": ("Kiểm tra", "Review"),
    "header.attention": ("Cần xem lại", "Worth a look"),
    "header.confidence": ("Độ tin cậy", "Confidence"),
    "header.report": ("Báo cáo", "Report"),
    "header.published": ("Ngày đăng", "Published"),
    "header.quote": ("Trích dẫn", "Quote"),
    "header.sentence": ("Cả câu", "Whole sentence"),
    "header.cross_check": ("Đối chiếu", "Cross-check"),
    "cross_check.mismatch": ("⚠ lệch: tính lại {computed}", "⚠ mismatch: recomputed {computed}"),
    "header.doc_id": ("Mã báo cáo", "Report id"),
    "header.fact_id": ("Mã số liệu", "Figure id"),
    "header.fact_ids": ("Mã số liệu", "Figure ids"),
    "header.status": ("Kết quả", "Result"),
    "header.description": ("Nội dung đối chiếu", "Check"),
    "header.stated": ("Số nêu", "Stated"),
    "header.computed": ("Số tính lại", "Recomputed"),
    "header.rel_error_pct": ("Sai lệch (%)", "Relative error (%)"),
    "header.publisher": ("Nơi đăng", "Publisher"),
    "header.figures": ("Số liệu", "Figures"),
    "header.unreviewed": ("Chưa kiểm tra", "Unreviewed"),
    "header.source_url": ("Đường dẫn", "Link"),
    "review_state.unreviewed": ("chưa kiểm tra", "unreviewed"),
    "review_state.confirmed": ("đã xác nhận", "confirmed"),
    "review_state.corrected": ("đã sửa", "corrected"),
    "unit.percent": ("%", "%"),
    "unit.count": ("số lượng", "number"),
    "deck.title": ("Khuyến công – {region}", "Khuyến công – {region}"),
    "deck.covered": ("Số liệu: {period}", "Figures for {period}"),
    "deck.made": ("Lập ngày {date}", "Made on {date}"),
    "deck.reports": ("Báo cáo sử dụng ({n})", "Reports used ({n})"),
    "deck.flag": ("⚠ đối chiếu: tính lại {computed}", "⚠ cross-check: recomputed {computed}"),
    "deck.sources": ("Nguồn / Sources", "Sources / Nguồn"),
    "deck.mismatches": ("Số liệu không khớp khi đối chiếu", "Figures that do not add up"),
    "deck.stated_computed": ("nêu {stated}, tính lại {computed}", "stated {stated}, recomputed {computed}"),
    "deck.from": ("tính lại từ:", "recomputed from:"),
    "deck.more": ("… và {n} mục khác (xem bản xuất số liệu)", "… and {n} more (see the data export)"),
}


def headers(columns: tuple[str, ...] | list[str], lang: str) -> list[str]:
    """The heading of each column key in ``lang``."""
    return [word(f"header.{c}", lang) for c in columns]


def word(key: str, lang: str, **fields: object) -> str:
    """A code in words (``review_state.unreviewed`` → ``chưa kiểm tra``); the empty code stays empty."""
    if key.endswith("."):
        return ""
    if key in _WORDS:
        text = _WORDS[key][labels.LANGS.index(labels.check_lang(lang))]
        return text.format(**fields) if fields else text
    if key == "unit.VND":
        return labels.t("bn_vnd", lang)
    return labels.t(key, lang)


def figures(facts: pd.DataFrame, documents: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    """One readable row per figure: amounts in tỷ đồng, every code in words, the report (its date,
    publisher and address where known), the exact quote and the whole sentence around it, and a flag
    where a cross-check finds the figure wrong (``views.flag_mismatches``)."""
    docs = documents.set_index("doc_id")
    rows = facts.reset_index(drop=True)
    column = lambda name: rows[name] if name in rows.columns else pd.Series([None] * len(rows), dtype=object)  # noqa: E731
    doc = lambda name: rows["doc_id"].map(docs[name]) if name in docs.columns else ""  # noqa: E731
    out = pd.DataFrame({
        "place": [labels.region(r, lang, names) for r in rows["region_id"]],
        "period": [labels.figure_period(m, s, e, lang)
                   for m, s, e in zip(rows["measure"], rows["period_start"], rows["period_end"])],
        "program": [labels.program(p, lang) for p in rows["program"]],
        "activity": [labels.activity(a, lang) for a in rows["activity"]],
        "measure": [labels.measure(m, lang) for m in rows["measure"]],
        "value": rows["value"].where(rows["unit"] != "VND", rows["value"] / 1e9).astype(float),
        "unit": [word(f"unit.{u}", lang) for u in rows["unit"]],
        "qualifier": [word(f"qualifier.{q}", lang) for q in rows["qualifier"].fillna("")],
        "recognition_level": [word(f"level.{q}", lang) for q in rows["recognition_level"].fillna("")],
        "cross_check": [word("cross_check.mismatch", lang, computed=labels.value(c, u, lang)) if bad is True else ""
                        for bad, c, u in zip(column("mismatch"), column("recomputed"), rows["unit"])],
        "review_state": [word(f"review_state.{q}", lang) for q in rows["review_state"].fillna("")],
        # a figure nobody confirmed whose confidence is low says so beside its review state
        "attention": [labels.t("doubtful.mark", lang) if d else "" for d in views.doubtful(rows)],
        "confidence": rows["confidence"].astype(float) if "confidence" in rows.columns else float("nan"),
        "report": doc("title"),
        "published": doc("published"),
        "publisher": doc("publisher"),
        "quote": rows["quote"],
        "sentence": column("sentence").fillna("").astype(str).str.strip(),
        "source_url": doc("source_url"),
        "doc_id": rows["doc_id"],
        "fact_id": rows["fact_id"],
    })
    return out[list(FIGURE_COLUMNS)].fillna({"publisher": "", "source_url": ""})


def check_in_words(fact_ids: str, facts: pd.DataFrame, documents: pd.DataFrame, names: dict[str, str],
                   lang: str) -> tuple[pd.Series | None, str]:
    """What a check recomputes, in words: the stated figure's row (``figures``) and the figures it is
    recomputed from ("chi tiêu 25,3 tỷ đồng (khuyến công địa phương, 9 tháng 2024); …").
    ``facts`` is indexed by fact_id."""
    ids = [i for i in str(fact_ids).split(",") if i in facts.index]
    if not ids:
        return None, ""
    rows = figures(facts.loc[ids].reset_index(), documents, names, lang)
    parts = "; ".join(f"{r.measure.lower()} {labels.value(facts.loc[i, 'value'], facts.loc[i, 'unit'], lang)}"
                      f" ({r.program.lower()}, {r.period})" for i, r in zip(ids[1:], rows.iloc[1:].itertuples()))
    return rows.iloc[0], parts


def checks(rows: pd.DataFrame, facts: pd.DataFrame, documents: pd.DataFrame, lang: str,
           names: dict[str, str] | None = None) -> pd.DataFrame:
    """Cross-check results, mismatches first: in words, stated against recomputed in the stated figure's unit."""
    docs = documents.set_index("doc_id")
    by_id = facts.drop_duplicates("fact_id").set_index("fact_id")
    units = facts.drop_duplicates("fact_id").set_index("fact_id")["unit"]
    rows = rows.sort_values(["status", "rel_error"], ascending=[True, False], key=_mismatch_first).reset_index(drop=True)
    unit = rows["fact_ids"].fillna("").str.split(",").str[0].map(units).fillna("")
    scale = pd.Series([1e9 if u == "VND" else 1.0 for u in unit], index=rows.index, dtype=float)
    described = [check_in_words(ids, by_id, documents, names or {}, lang) for ids in rows["fact_ids"]]
    out = rows.assign(
        status=[labels.t(f"status.{s}", lang) for s in rows["status"]],
        description=[_described(stated, parts, lang) if stated is not None else ""
                     for stated, parts in described],
        stated=rows["stated"] / scale,
        computed=rows["computed"] / scale,
        unit=[word(f"unit.{u}", lang) if u else "" for u in unit],
        rel_error_pct=rows["rel_error"] * 100,
        report=rows["doc_id"].map(docs["title"]),
        published=rows["doc_id"].map(docs["published"]),
    )
    return out[list(CHECK_COLUMNS)]


def _described(stated: pd.Series, parts: str, lang: str) -> str:
    what = " · ".join(p for p in (stated.measure, stated.place, stated.period, stated.program) if p)
    return f"{what} · {word('deck.from', lang)} {parts}" if parts else what


def _mismatch_first(column: pd.Series) -> pd.Series:
    return column.map({"mismatch": 0, "ok": 1}) if column.name == "status" else column


def reports(documents: pd.DataFrame, facts: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    """The reports used, oldest first, with how many figures each gives and how many are unreviewed."""
    used = documents[documents["doc_id"].isin(set(facts["doc_id"]))].sort_values(["published", "title"])
    counts = facts.groupby("doc_id").agg(figures=("fact_id", "size"),
                                         unreviewed=("review_state", lambda s: int((s == "unreviewed").sum())))
    out = used.join(counts, on="doc_id").reset_index(drop=True).assign(
        report=lambda f: f["title"], place=lambda f: [labels.region(r, lang, names) for r in f["region_id"]])
    return out[list(REPORT_COLUMNS)]


def states_unreviewed(text: str, lang: str) -> bool:
    """Whether ``text`` already says how many figures are unreviewed."""
    return labels.t("unreviewed", lang, n="\0", total="\0").rsplit("\0", 1)[1] in text


def unreviewed_note(facts: pd.DataFrame, lang: str) -> str:
    """``3/12 số liệu chưa được kiểm tra``, in the words of the charts' source lines."""
    n = int((facts["review_state"] == "unreviewed").sum()) if len(facts) else 0
    return labels.t("unreviewed", lang, n=n, total=len(facts))
