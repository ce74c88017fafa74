"""The pages around the reports: each language's index, the links on every report, and removing stale outputs.

Every page is rendered from a Jinja2 template with autoescaping, so no name or
id from the data can become markup. Only known region ids and existing
notebooks are listed or kept.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from pipelines.analysis import labels
from pipelines.running import records
from pipelines.running.plan import Run, notebook_sources, notebook_title
from pipelines.tables.regions import REGION_ID
from pipelines.tables import regions as reference

TEMPLATES = Path(__file__).parent / "templates"
OUTPUT_SUFFIXES = (".ipynb", ".html", ".run.json")

TEXT = {
    "vi": {"title": "Khuyến công – báo cáo theo khu vực", "region": "Khu vực", "back": "← Mục lục",
           "others": "Khu vực khác", "failed": "lỗi: xem sổ đã chạy", "open": "Mở báo cáo",
           "empty": "Chưa có báo cáo nào.", "name": "Tiếng Việt",
           "sheets": "Bản đối chiếu từng báo cáo nguồn", "figures": "số liệu", "to_check": "nên xem lại"},
    "en": {"title": "Khuyến công – reports by region", "region": "Region", "back": "← Index",
           "others": "Other regions", "failed": "failed: see the executed notebook", "open": "Open report",
           "empty": "No reports yet.", "name": "English",
           "sheets": "Proof sheet of each source report", "figures": "figures", "to_check": "worth a look"},
}
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@lru_cache(maxsize=1)
def _environment() -> object:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                       keep_trailing_newline=True)


def render(template: str, **fields: object) -> str:
    return _environment().get_template(template).render(**fields)


def decorate(body: str, run: Run) -> str:
    """nbconvert's page with the run's language, a style that keeps tables inside the page, and the links."""
    siblings = [(f"../{region_id}/{run.notebook}.html", name) for region_id, name in run.siblings
                if region_id != run.region]
    nav = render("nav.html.j2", text=TEXT[run.lang], siblings=siblings)
    css = (TEMPLATES / "page.css").read_text(encoding="utf-8")
    body = re.sub(r"<html\b[^>]*>", f'<html lang="{run.lang}">', body, count=1)
    body = body.replace("</head>", f"<style>\n{css}</style>\n</head>", 1)
    return re.sub(r"(<body\b[^>]*>)", lambda m: m.group(1) + "\n" + nav, body, count=1)


def when(iso: str, lang: str) -> str:
    """Papermill's UTC ISO time as ``30/11/2026 05:10 UTC`` (vi) or ``30 Nov 2026, 05:10 UTC`` (en)."""
    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return ""
    if lang == "vi":
        return f"{moment:%d/%m/%Y %H:%M} UTC"
    return f"{moment.day} {_MONTHS_EN[moment.month - 1]} {moment.year}, {moment:%H:%M} UTC"


@dataclass(frozen=True)
class Cell:
    href: str
    label: str
    when: str
    ok: bool


def _cell(folder: Path, notebook: str, lang: str) -> Cell | None:
    executed = folder / f"{notebook}.ipynb"
    if not executed.exists():
        return None
    page = executed.with_suffix(".html")
    ok = records.outputs_intact(executed.with_suffix(".run.json"), (executed, page))
    times = records.run_times(executed)
    target = page if ok else executed
    label = TEXT[lang]["open"] if ok else TEXT[lang]["failed"]
    return Cell(f"{folder.name}/{target.name}", label, when(str(times.get("end_time", "")), lang), ok)


def write_index(lang_dir: Path, notebooks_dir: Path, known: dict[str, reference.Region], lang: str) -> Path:
    """``reports/<lang>/index.html``: a table of every region's reports by notebook, and ``reports/index.html``."""
    sources = notebook_sources(notebooks_dir)
    notebooks = [{"name": name, "title": notebook_title(path, lang)} for name, path in sources.items()]
    names = reference.region_names(known)
    folders = [p.name for p in lang_dir.iterdir() if p.is_dir() and p.name in known] if lang_dir.exists() else []
    rows = []
    for region_id in reference.sort_regions(folders, known):
        cells = [_cell(lang_dir / region_id, name, lang) for name in sources]
        if any(cells):
            rows.append({"name": labels.region(region_id, lang, names), "cells": cells})
    languages = [(code, TEXT[code]["name"]) for code in labels.LANGS
                 if code != lang and (lang_dir.parent / code / "index.html").exists()]
    from pipelines.analysis import proof  # here: the quick no-change path imports no pandas

    # every proof sheet of reports/sources/ (see analysis.proof), newest report first
    sheets = [{**sheet, "href": f"../sources/{sheet['doc_id']}.html", "when": labels.date(sheet["published"], lang)}
              for sheet in sorted(proof.sheet_list(lang_dir.parent / "sources"),
                                  key=lambda s: (s.get("published") or "", s["doc_id"]), reverse=True)]
    lang_dir.mkdir(parents=True, exist_ok=True)
    page = lang_dir / "index.html"
    records.write_atomic(page, render("index.html.j2", lang=lang, text=TEXT[lang], notebooks=notebooks,
                                      rows=rows, languages=languages, sheets=sheets).encode("utf-8"))
    _write_top(lang_dir.parent)
    return page


def _write_top(reports_dir: Path) -> None:
    """``reports/index.html``: one link per language that has reports."""
    present = [(code, TEXT[code]["name"]) for code in labels.LANGS if (reports_dir / code / "index.html").exists()]
    records.write_atomic(reports_dir / "index.html",
                         render("top.html.j2", languages=present, title=TEXT["vi"]["title"]).encode("utf-8"))


def remove_stale(lang_dir: Path, figures_lang_dir: Path, regions: list[str], notebooks: list[str]) -> list[Path]:
    """Remove the outputs of regions that no longer have figures and of notebooks that no longer exist,
    and files half written by a killed run; return what was removed."""
    removed = []
    for folder in (lang_dir, figures_lang_dir):
        for child in sorted(folder.iterdir()) if folder.is_dir() else []:
            stale = child.name not in regions or not REGION_ID.fullmatch(child.name)
            if stale and (child.is_dir() or child.is_symlink()):  # files such as index.html stay
                removed.append(_remove(child))
    for region_dir in sorted(lang_dir.iterdir()) if lang_dir.is_dir() else []:
        for path in sorted(region_dir.iterdir()) if region_dir.is_dir() else []:
            known_output = path.name.endswith(OUTPUT_SUFFIXES) and path.name.split(".")[0] in notebooks
            if not known_output:
                removed.append(_remove(path))
    return removed


def _remove(path: Path) -> Path:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
    return path
