"""The proof sheet of one report: its text with every number marked and read out, to check it in one reading.

Every number of the report is marked: a figure shows its reading in words on the
page (what it is, its value, period, programme, activity, place, plan or result,
review state and confidence), coloured by confidence; a number that is not a figure
shows why (a date, a document number, a repeat, no unit …, from the mentions'
reasons). A short list at the top names the figures most worth a look (lowest
confidence first, then those failing a cross-check, in conflict with another
report, or placed on the whole country because no province was found), each
linking to its sentence; the report's warnings stand above the text.

Each figure's sentence carries the anchor ``#<fact_id>``, so the ↗ links of the
report tables land on it. The page is one file rendered from a Jinja2 template with
autoescaping (no name or quote from a report can become markup), with its style
inline and no script: it works offline and in JupyterLab's HTML viewer.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from pipelines.analysis import labels, views
from pipelines.tables.regions import COUNTRY
from pipelines.tables.vocabulary import Measure, Qualifier

TEMPLATES = Path(__file__).parent / "templates"
LOW_CONFIDENCE = views.LOW_CONFIDENCE  # below it a figure nobody confirmed is worth a look before a slide
HIGH_CONFIDENCE = 0.8
WORTH_A_LOOK_MAX = 12
LOWEST_ALWAYS = 3  # the lowest-confidence figures listed even when all are above LOW_CONFIDENCE
SHEETS_FILE = "sheets.json"  # what the index lists: every proof sheet written, with its title and counts
PLAN_MEASURES = (Measure.BUDGET_PLAN, Measure.BUDGET_ALLOCATED, Measure.PROJECTS_PLANNED, Measure.ALLOCATED_PCT)
# the unit words after a figure's number, marked with it so its reading follows the whole amount
_UNIT_AFTER = re.compile(r"\s?(?:%|(?:tỷ|tỉ|triệu|nghìn|ngàn)(?:\s+đồng)?|đồng|đề án|cơ sở|doanh nghiệp|mô hình|"
                         r"sản phẩm|hợp tác xã|HTX|lượt|lớp|học viên|hội chợ)(?!\w)")

TEXT = {
    "vi": {"heading": "Bản đối chiếu", "figures": "số liệu", "numbers": "con số khác", "unreviewed": "chưa kiểm tra",
           "look": "Nên xem trước", "none": "Không có số liệu nào cần xem trước.", "warnings": "Cảnh báo của báo cáo",
           "legend": "Chú giải", "high": "độ tin cậy cao (≥ 0,8)", "mid": "trung bình (0,5–0,8)",
           "low": "thấp (< 0,5)", "reviewed": "đã được rà soát", "other": "không phải số liệu",
           "confidence": "độ tin cậy", "plan": "kế hoạch", "result": "kết quả", "target": "mục tiêu",
           "estimate": "ước tính", "low_why": "độ tin cậy thấp", "lowest": "độ tin cậy thấp nhất của báo cáo",
           "mismatch": "lệch khi đối chiếu: nêu {stated}, tính lại {computed}",
           "conflict": "báo cáo khác nêu số khác cho cùng chỉ tiêu, kỳ, nơi",
           "fallback": "đặt cho cả nước vì không tìm thấy tỉnh", "repeat_of": "nêu lại số liệu",
           "published": "Ngày đăng", "publisher": "Nơi đăng", "place": "Địa bàn", "source": "Bài gốc",
           "index": "Bản đối chiếu từng báo cáo", "to_check": "nên xem"},
    "en": {"heading": "Proof sheet", "figures": "figures", "numbers": "other numbers", "unreviewed": "not reviewed",
           "look": "Worth a look first", "none": "No figure needs a look first.", "warnings": "The report's warnings",
           "legend": "Key", "high": "high confidence (≥ 0.8)", "mid": "medium (0.5–0.8)", "low": "low (< 0.5)",
           "reviewed": "reviewed", "other": "not a figure", "confidence": "confidence", "plan": "plan",
           "result": "result", "target": "target", "estimate": "estimate", "low_why": "low confidence",
           "lowest": "among the report's lowest confidence",
           "mismatch": "fails a cross-check: stated {stated}, recomputed {computed}",
           "conflict": "another report states a different value for the same measure, period and place",
           "fallback": "placed on the whole country: no province found", "repeat_of": "repeats the figure",
           "published": "Published", "publisher": "Publisher", "place": "Place", "source": "Original",
           "index": "Proof sheet of each report", "to_check": "worth a look"},
}


@dataclass
class Piece:
    """A run of the report's text: plain, an anchor, or a number with its reading."""
    text: str = ""
    anchor: str = ""
    kind: str = ""  # "", "figure" or "other"
    css: str = ""
    reading: str = ""
    number_id: str = ""
    link: str = ""  # a repeat links to the figure it repeats


@dataclass
class Look:
    fact_id: str
    number: str
    reading: str
    why: list[str] = field(default_factory=list)
    confidence: float = math.nan


def confidence_class(fact: dict) -> str:
    if fact.get("review_state") in ("confirmed", "corrected"):
        return "reviewed"
    value = fact.get("confidence")
    if value is None or pd.isna(value) or value < LOW_CONFIDENCE:
        return "low"
    return "high" if value >= HIGH_CONFIDENCE else "mid"


def phase(fact: dict, lang: str) -> str:
    """Plan or result, in words: a target or an estimate says so."""
    if fact["qualifier"] in (Qualifier.TARGET, Qualifier.ESTIMATE):
        return TEXT[lang][fact["qualifier"]]
    return TEXT[lang]["plan" if fact["measure"] in PLAN_MEASURES else "result"]


def reading(fact: dict, lang: str, names: dict[str, str]) -> str:
    """What a figure is, in words: measure and value, period, programme, activity, place, plan or
    result, its level, review state and confidence."""
    parts = [f"{labels.measure(fact['measure'], lang)} {labels.value(fact['value'], fact['unit'], lang)}",
             labels.figure_period(fact["measure"], fact["period_start"], fact["period_end"], lang),
             labels.program(fact["program"], lang), labels.activity(fact["activity"], lang),
             labels.region(fact["region_id"], lang, names), phase(fact, lang)]
    if fact.get("recognition_level"):
        parts.append(labels.level(fact["recognition_level"], lang))
    if fact["qualifier"] in (Qualifier.AVERAGE, Qualifier.AT_LEAST):
        parts.append(labels.t(f"qualifier.{fact['qualifier']}", lang))
    parts.append(labels.t(f"review.{fact['review_state']}", lang))
    value = fact.get("confidence")
    if value is not None and not pd.isna(value) and fact["review_state"] == "unreviewed":
        parts.append(f"{TEXT[lang]['confidence']} {labels.number(value, lang, 2)}")
    return " · ".join(parts)


def pieces(text: str, facts: pd.DataFrame, mentions: pd.DataFrame, lang: str, names: dict[str, str]) -> list[Piece]:
    """The text cut at every number and every figure's sentence start, in order."""
    marks: list[tuple[int, int, Piece]] = []  # start, end, what
    for fact in facts.to_dict("records"):
        marks.append((int(fact["sentence_start"]), int(fact["sentence_start"]), Piece(anchor=fact["fact_id"])))
        unit = _UNIT_AFTER.match(text, int(fact["number_end"]))
        marks.append((int(fact["number_start"]), unit.end() if unit else int(fact["number_end"]),
                      Piece(kind="figure", css=confidence_class(fact), reading=reading(fact, lang, names),
                            number_id=f"n-{fact['fact_id']}")))
    for mention in mentions[mentions["status"] != "fact"].to_dict("records"):
        link = f"#{mention['fact_id']}" if mention["status"] == "duplicate" and mention["fact_id"] else ""
        why = labels.reason(mention["reason"], lang) + (f" ({TEXT[lang]['repeat_of']})" if link else "")
        marks.append((int(mention["char_start"]), int(mention["char_end"]),
                      Piece(kind="other", css="other", reading=why, number_id=mention["mention_id"], link=link)))
    out, cursor = [], 0
    for start, end, piece in sorted(marks, key=lambda m: (m[0], m[1] != m[0])):
        if start < cursor:  # a number inside another (never expected): the first mark wins
            continue
        out.append(Piece(text=text[cursor:start]))
        if piece.kind:
            piece.text = text[start:end]
        out.append(piece)
        cursor = end
    out.append(Piece(text=text[cursor:]))
    return [p for p in out if p.text or p.anchor]


def worth_a_look(facts: pd.DataFrame, checks: pd.DataFrame, conflicting: set[str], document: dict, lang: str,
                 names: dict[str, str]) -> list[Look]:
    """The figures most worth a look, lowest confidence first: low confidence (and the report's
    lowest few), failed cross-checks, conflicts with other reports, places that fell back to the country."""
    words = TEXT[lang]
    units = dict(zip(facts["fact_id"], facts["unit"]))
    mismatched = {}
    for check in checks[checks["status"] == "mismatch"].itertuples():
        stated = str(check.fact_ids).split(",")[0]
        unit = units.get(stated, "count")
        mismatched[stated] = words["mismatch"].format(stated=labels.value(check.stated, unit, lang),
                                                      computed=labels.value(check.computed, unit, lang))
    open_facts = facts[facts["review_state"] == "unreviewed"].sort_values("confidence", na_position="first")
    lowest = set(open_facts["fact_id"].head(LOWEST_ALWAYS))
    looks = []
    for fact in open_facts.to_dict("records"):
        why = []
        if not fact["confidence"] >= LOW_CONFIDENCE:
            why.append(words["low_why"])
        elif fact["fact_id"] in lowest:
            why.append(words["lowest"])
        if fact["fact_id"] in mismatched:
            why.append(mismatched[fact["fact_id"]])
        if fact["fact_id"] in conflicting:
            why.append(words["conflict"])
        if fact["region_id"] == COUNTRY and document.get("region_id") == COUNTRY and _region_by_default(fact):
            why.append(words["fallback"])
        if why:
            looks.append(Look(fact["fact_id"], fact["number_text"], reading(fact, lang, names), why,
                              fact["confidence"]))
    return looks[:WORTH_A_LOOK_MAX]


def _region_by_default(fact: dict) -> bool:
    """The figure's place came from the report's default, not from its own words."""
    entries = dict(p.strip().split("=", 1) for p in str(fact.get("evidence") or "").split(";") if "=" in p)
    return entries.get("region", "report").split(":")[0] in ("report", "default")


@lru_cache(maxsize=1)
def _environment() -> object:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)


def proof_html(document: dict, text: str, facts: pd.DataFrame, mentions: pd.DataFrame, checks: pd.DataFrame,
               conflicting: set[str], lang: str, names: dict[str, str]) -> str:
    """One report's proof sheet as a page."""
    labels.check_lang(lang)
    document = {"title": "", "published": "", "publisher": "", "source_url": "", "region_id": "", "warnings": "",
                **{k: ("" if v is None or (isinstance(v, float) and math.isnan(v)) else v) for k, v in document.items()}}
    facts = facts.sort_values("number_start")
    warnings = [w.strip() for w in str(document.get("warnings") or "").split(";") if w.strip()]
    return _environment().get_template("proof.html.j2").render(
        lang=lang, words=TEXT[lang], doc=document, text_pieces=pieces(text, facts, mentions, lang, names),
        looks=worth_a_look(facts, checks, conflicting, document, lang, names), warnings=warnings,
        n_figures=len(facts), n_other=int((mentions["status"] != "fact").sum()),
        n_unreviewed=int((facts["review_state"] == "unreviewed").sum()),
        published=labels.date(document.get("published") or "", lang),
        place=labels.region(document.get("region_id") or "", lang, names))


def conflicting_facts(facts: pd.DataFrame) -> set[str]:
    """Fact ids of figures another figure contradicts (same place, period, programme, activity,
    measure and level, another value)."""
    if facts.empty:
        return set()
    rows = views.distinct(facts.assign(source_region=facts["region_id"]))
    return set(views.conflicts(rows)["fact_id"])


def write_proof(document: dict, text: str, facts: pd.DataFrame, mentions: pd.DataFrame, checks: pd.DataFrame,
                out_dir: Path, lang: str, names: dict[str, str], conflicting: set[str] = frozenset()) -> Path:
    """Write ``<out_dir>/<doc_id>.html`` (the doc_id must be a plain slug) and return it."""
    page = out_dir / f"{document['doc_id']}.html"
    out_dir.mkdir(parents=True, exist_ok=True)
    doc_id = document["doc_id"]
    page.write_text(proof_html(document, text, facts[facts["doc_id"] == doc_id],
                               mentions[mentions["doc_id"] == doc_id], checks[checks["doc_id"] == doc_id],
                               conflicting, lang, names), encoding="utf-8")
    return page


def write_sheet_list(out_dir: Path, rows: list[dict]) -> Path:
    """``sheets.json`` beside the proof sheets: what the reports' index lists."""
    path = out_dir / SHEETS_FILE
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def sheet_list(out_dir: Path) -> list[dict]:
    """The proof sheets written into ``out_dir`` (doc_id, title, published, figures, to_check), if any."""
    try:
        rows = json.loads((out_dir / SHEETS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [r for r in rows if (out_dir / f"{r.get('doc_id')}.html").exists()]
