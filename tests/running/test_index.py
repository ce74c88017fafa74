"""The index pages, the links on each report and the removal of stale outputs, without kernels."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

from pipelines import paths
from pipelines.running import index, records
from pipelines.running.plan import Run
from pipelines.tables.regions import known_regions

HOSTILE = "<img src=x onerror=alert(1)>"


def executed(folder: Path, notebook: str, ok: bool = True, end: str = "2026-11-30T05:07:03.5") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{notebook}.ipynb"
    path.write_text(json.dumps({"metadata": {"papermill": {"end_time": end}}}))
    if ok:
        path.with_suffix(".html").write_text("<html></html>")
        records.write_record(Run(notebook, folder.name, "vi", path, {}, path, "f"))


def test_index_is_a_table_by_region_and_notebook_with_names_and_local_dates(tmp_path: Path) -> None:
    lang_dir = tmp_path / "reports" / "vi"
    executed(lang_dir / "phia-nam", "funding_trends")
    executed(lang_dir / "dak-lak", "funding_trends")
    executed(lang_dir / "dak-lak", "data_quality", ok=False)
    page = index.write_index(lang_dir, paths.NOTEBOOKS_DIR, known_regions(), "vi").read_text()
    assert '<html lang="vi">' in page
    assert 'href="phia-nam/funding_trends.html"' in page and 'href="dak-lak/funding_trends.html"' in page
    assert 'href="dak-lak/data_quality.ipynb"' in page and "lỗi" in page  # a failed run points to its notebook
    assert "Kinh phí khuyến công theo thời gian" in page and "Đắk Lắk" in page and "30/11/2026 05:07" in page
    assert "dak-lak<" not in page  # names, not ids
    assert page.index("Khu vực phía Nam") < page.index("Đắk Lắk")  # regions before provinces
    assert 'href="vi/index.html"' in (tmp_path / "reports" / "index.html").read_text()


def test_english_index_has_english_names_and_dates(tmp_path: Path) -> None:
    lang_dir = tmp_path / "reports" / "en"
    executed(lang_dir / "phia-nam", "funding_trends")
    page = index.write_index(lang_dir, paths.NOTEBOOKS_DIR, known_regions(), "en").read_text()
    assert '<html lang="en">' in page and "Southern region" in page and "Funding trends" in page
    assert "30 Nov 2026, 05:07 UTC" in page


def test_nothing_from_folders_or_notebooks_becomes_markup(tmp_path: Path) -> None:
    lang_dir = tmp_path / "reports" / "vi"
    executed(lang_dir / HOSTILE, "funding_trends")
    executed(lang_dir / "phia-nam", "evil")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell('region = "all"')
    parameters.metadata["tags"] = ["parameters"]  # an analysis notebook: the batch lists it
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {HOSTILE} · x"), parameters]
    nbformat.write(nb, notebooks / "evil.ipynb")
    page = index.write_index(lang_dir, notebooks, known_regions(), "vi").read_text()
    assert "<img" not in page and "&lt;img src=x" in page  # the notebook's heading, escaped
    assert "onerror=alert(1)>" not in page


def test_a_report_page_gets_its_language_title_and_links(tmp_path: Path) -> None:
    run = Run("funding_trends", "dak-lak", "en", tmp_path / "x.ipynb", {}, tmp_path / "x.ipynb", "f",
              "Funding trends – Đắk Lắk", (("phia-nam", "Southern region"), ("dak-lak", "Đắk Lắk"),
                                           ("x", HOSTILE)))
    body = '<!DOCTYPE html>\n<html>\n<head><title>Funding trends – Đắk Lắk</title></head>\n<body class="jp">\n<p>x</p></body></html>'
    page = index.decorate(body, run)
    assert '<html lang="en">' in page and 'href="../index.html"' in page
    assert 'href="../phia-nam/funding_trends.html">Southern region</a>' in page
    assert 'href="../dak-lak/' not in page  # not a link to itself
    assert "<img" not in page and page.index("<nav") > page.index("<body")
    assert "overflow-x: auto" in page.split("</head>")[0]


def test_stale_regions_and_notebooks_are_removed_and_the_index_kept(tmp_path: Path) -> None:
    lang_dir, figures = tmp_path / "reports" / "vi", tmp_path / "figures" / "vi"
    executed(lang_dir / "phia-nam", "funding_trends")
    executed(lang_dir / "phia-nam", "retired_notebook")
    executed(lang_dir / "quang-tri", "funding_trends")  # no longer has figures
    (lang_dir / "phia-nam" / ".funding_trends.1234.partial.ipynb").write_text("half")  # a killed run
    (lang_dir / "index.html").write_text("")
    (figures / "quang-tri").mkdir(parents=True)
    (figures / "phia-nam").mkdir(parents=True)
    removed = index.remove_stale(lang_dir, figures, ["phia-nam"], ["funding_trends"])
    assert not (lang_dir / "quang-tri").exists() and not (figures / "quang-tri").exists()
    assert sorted(p.name for p in (lang_dir / "phia-nam").iterdir()) == [
        "funding_trends.html", "funding_trends.ipynb", "funding_trends.run.json"]
    assert (lang_dir / "index.html").exists() and (figures / "phia-nam").exists()
    assert len(removed) == 6


def test_the_index_links_every_proof_sheet(tmp_path: Path) -> None:
    from pipelines.analysis import proof

    lang_dir, sources = tmp_path / "reports" / "vi", tmp_path / "reports" / "sources"
    executed(lang_dir / "phia-nam", "funding_trends")
    sources.mkdir(parents=True)
    for doc_id in ("2023-dak-lak", "2024-phia-nam"):
        (sources / f"{doc_id}.html").write_text("<html></html>")
    proof.write_sheet_list(sources, [
        {"doc_id": "2023-dak-lak", "title": HOSTILE, "published": "2023-08-18", "figures": 16, "to_check": 3},
        {"doc_id": "2024-phia-nam", "title": "Phía Nam", "published": "2024-10-10", "figures": 9, "to_check": 0},
        {"doc_id": "gone", "title": "no page", "published": "", "figures": 1, "to_check": 0}])
    page = index.write_index(lang_dir, paths.NOTEBOOKS_DIR, known_regions(), "vi").read_text()
    assert page.index('href="../sources/2024-phia-nam.html"') < page.index('href="../sources/2023-dak-lak.html"')
    assert "18/08/2023 · 16 số liệu · 3 nên xem lại" in page and "no page" not in page
    assert HOSTILE not in page
