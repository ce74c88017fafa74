"""Every region's deck, in both languages, rendered by LibreOffice: one page per slide, and no label of a
native chart outside its plot area (a thin segment's number over the axis or the category's name)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath
from pptx import Presentation
from pypdf import PdfReader

from pipelines.analysis import labels, talk
from pipelines.publishing import build, deck, native
from pipelines.publishing.region import load_region

pytestmark = pytest.mark.slow
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
EMU_PER_PT = 12700
TOLERANCE_PT = 2.0
NUMBER = re.compile(r"^[−-]?[\d.,]+%?$")


@dataclass(frozen=True)
class Run:
    text: str
    x: float  # left end of the baseline, in points from the page's lower left corner
    y: float
    size: float

    @property
    def width(self) -> float:
        font = FontProperties(family="DejaVu Sans", weight="bold", size=self.size)  # bold: the wider
        return TextToPath().get_text_width_height_descent(self.text, font, ismath=False)[0]


def render(decks: list[Path], out: Path) -> dict[Path, Path]:
    """Each deck as PDF, by LibreOffice in one call."""
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed (Debian: apt-get install libreoffice-impress; .ci/run does it): "
                    "decks not rendered")
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{out}/profile", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, decks)], check=True, capture_output=True, timeout=600)
    return {d: out / d.with_suffix(".pdf").name for d in decks}


def runs(page: object) -> list[Run]:
    found: list[Run] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append(Run(text.strip(), x, y, size * abs(tm[0] * cm[0] or 1)))

    page.extract_text(visitor_text=visit)
    return found


def stray_labels(pptx: Path, pdf: Path) -> list[str]:
    """Each number drawn in a native chart outside its plot area, except the value axis' own ticks
    (below a bar chart's plot, left of a column chart's)."""
    slides = list(Presentation(str(pptx)).slides)
    pages = PdfReader(str(pdf)).pages
    assert len(pages) == len(slides), f"{pdf.name}: {len(pages)} pages for {len(slides)} slides"
    height = float(pages[0].mediabox.height)
    problems = []
    for slide, page in zip(slides, pages):
        for shape in (s for s in slide.shapes if s.has_chart):
            kind = "bar_stacked" if shape.chart.chart_type == 58 else "column"  # XL_CHART_TYPE.BAR_STACKED
            left, top, w, h = native.PLOT_AREA[kind]
            x0 = (shape.left + left * shape.width) / EMU_PER_PT
            x1 = x0 + w * shape.width / EMU_PER_PT
            y1 = height - (shape.top + top * shape.height) / EMU_PER_PT  # PDF y grows upwards
            y0 = y1 - h * shape.height / EMU_PER_PT
            for run in (r for r in runs(page) if NUMBER.match(r.text)):
                tick = run.y + run.size < y0 + TOLERANCE_PT if kind == "bar_stacked" else run.x + run.width < x0 + TOLERANCE_PT
                inside = (x0 - TOLERANCE_PT <= run.x and run.x + run.width <= x1 + TOLERANCE_PT
                          and y0 - TOLERANCE_PT <= run.y and run.y + run.size * 0.75 <= y1 + TOLERANCE_PT)
                if not tick and not inside:
                    problems.append(f"{pptx.parent.name}/{pptx.name} «{slide.shapes.title.text}»: {run.text!r} at "
                                    f"({run.x:.0f}–{run.x + run.width:.0f}, {run.y:.0f}) outside the plot "
                                    f"({x0:.0f}–{x1:.0f}, {y0:.0f}–{y1:.0f})")
    return problems


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    out = tmp_path_factory.mktemp("decks")
    tables = talk.load_tables()
    decks = [deck.write_deck(load_region(region, lang, tables=tables), out / lang)
             for lang in labels.LANGS for region in build.select("all", build.processed_dir(None))]
    by_lang: dict[Path, Path] = {}
    for lang in labels.LANGS:
        by_lang |= render([d for d in decks if d.parent.name == lang], out / lang)
    return by_lang


def test_every_deck_renders_with_each_label_inside_its_plot(rendered: dict[Path, Path]) -> None:
    assert len(rendered) >= 2 * 7
    problems = [p for pptx, pdf in rendered.items() for p in stray_labels(pptx, pdf)]
    assert problems == []
    charts = sum(shape.has_chart for pptx in rendered for s in Presentation(str(pptx)).slides for shape in s.shapes)
    assert charts > 0  # native charts were there to check


def test_the_funding_mix_keeps_its_ratio(rendered: dict[Path, Path]) -> None:
    pdf = next(pdf for pptx, pdf in rendered.items() if pptx.name == "dak-lak.pptx" and pptx.parent.name == "vi")
    text = " ".join(r.text for page in PdfReader(str(pdf)).pages for r in runs(page))
    assert "3,04 đồng vốn đối ứng / 1 đồng ngân" in text and "15,167" in text


def test_the_check_sees_a_label_over_the_axis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With every label written, however thin its segment, Đắk Lắk's 3,786 lies over the axis."""
    monkeypatch.setattr(native, "label_fits", lambda *args: True)
    pptx = deck.write_deck(load_region("dak-lak", "vi"), tmp_path / "vi")
    problems = stray_labels(pptx, render([pptx], tmp_path)[pptx])
    assert any("'3,786'" in p for p in problems), problems
