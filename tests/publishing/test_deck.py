"""Every region's deck opens with python-pptx and reads as the talk: titles, notes, pictures and charts in bounds."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu

from pipelines.analysis import talk
from pipelines.analysis.style import PROGRAM_COLOURS
from pipelines.publishing import build, deck, provenance
from pipelines.publishing.region import load_region
from pipelines.tables import regions

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def tables() -> talk.Tables:
    return talk.load_tables()


@pytest.fixture(scope="module")
def decks(tables: talk.Tables, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    out = tmp_path_factory.mktemp("slides")
    selected = build.select("all", build.processed_dir(None))
    built = {}
    for region in selected:
        built[(region, "vi")] = deck.write_deck(load_region(region, "vi", tables=tables), out / "vi", TODAY)
    built[("phia-nam", "en")] = deck.write_deck(load_region("phia-nam", "en", tables=tables), out / "en", TODAY)
    return built


def expected_charts(tables: talk.Tables, region: str, lang: str) -> list[tuple[talk.Chart, object]]:
    views = [(c, c.data(tables, region, lang)) for c in deck.conference_charts()]
    return [(c, v) for c, v in views if talk.own_figures(v)]


@pytest.mark.slow
def test_every_region_with_figures_has_a_deck(decks: dict, tables: talk.Tables) -> None:
    assert {r for r, _ in decks} == set(regions.regions_with_facts(build.table_path("facts", build.processed_dir(None)), tables.known))
    assert {"ca-nuoc", "phia-nam", "dak-lak"} <= {r for r, _ in decks}


@pytest.mark.slow
def test_slides_are_the_talk_in_order(decks: dict, tables: talk.Tables) -> None:
    for (region, lang), path in decks.items():
        pres = Presentation(str(path))
        data = load_region(region, lang, tables=tables)
        charts = expected_charts(tables, region, lang)
        closing = 2 if not data.mismatches.empty else 1
        assert len(pres.slides) == 1 + len(charts) + closing, region
        titles = [s.shapes.title.text for s in pres.slides]
        assert data.name in titles[0]
        assert all(titles[1:1 + len(charts)]), region
        if region in ("ca-nuoc", "phia-nam"):  # the chart's own title heads its slide (drawn again: slow)
            ctx = data.context()
            for (chart, view), title in zip(charts, titles[1:]):
                drawn_title, _, _ = deck.figure_texts(chart.draw(view, ctx))
                assert title == drawn_title, (region, chart.slug)
        assert titles[-1].startswith("Nguồn" if lang == "vi" else "Sources")
        if closing == 2:
            assert titles[-2] == deck.word("mismatches", lang)


@pytest.mark.slow
def test_title_slide_names_period_date_and_reports(decks: dict) -> None:
    pres = Presentation(str(decks[("phia-nam", "vi")]))
    subtitle = pres.slides[0].placeholders[1].text_frame.text
    assert "Số liệu: 01/2023–09/2024" in subtitle and "30/11/2026" in subtitle
    assert "Hội nghị khuyến công các tỉnh, thành phố khu vực phía Nam" in subtitle


@pytest.mark.slow
def test_notes_list_every_figure_drawn_with_report_and_quote(decks: dict, tables: talk.Tables) -> None:
    for (region, lang), path in decks.items():
        pres = Presentation(str(path))
        data = load_region(region, lang, tables=tables)
        for (chart, view), slide in zip(expected_charts(tables, region, lang), list(pres.slides)[1:]):
            notes = slide.notes_slide.notes_text_frame.text
            drawn = provenance.drawn_facts(view, data.all_facts)
            assert len(drawn) > 0, (region, chart.slug)
            for quote in drawn["quote"]:
                assert f"“{quote}”" in notes, (region, chart.slug, quote)
            unreviewed = int((drawn["review_state"] == "unreviewed").sum())
            assert (f"{unreviewed}/{len(drawn)} số liệu chưa được kiểm tra" if lang == "vi"
                    else f"{unreviewed} of {len(drawn)} figures not yet reviewed") in notes


@pytest.mark.slow
def test_the_mismatch_is_on_its_slide_with_both_values(decks: dict) -> None:
    pres = Presentation(str(decks[("phia-nam", "vi")]))
    execution = next(s for s in pres.slides if s.shapes.title.text.startswith("Tiến độ thực hiện"))
    assert "27,7% ⚠ đối chiếu: tính lại 42,89%" in execution.notes_slide.notes_text_frame.text
    text = "\n".join(s.text_frame.text for s in pres.slides[-2].shapes if s.has_text_frame)
    assert "nêu 27,7%, tính lại 42,89%" in text and "25,3 tỷ đồng" in text


@pytest.mark.slow
def test_pictures_and_charts_fit_inside_their_slide(decks: dict) -> None:
    for path in decks.values():
        pres = Presentation(str(path))
        width, height = pres.slide_width, pres.slide_height
        assert abs(width / height - 16 / 9) < 0.01
        for slide in pres.slides:
            for shape in slide.shapes:
                assert shape.left >= 0 and shape.top >= 0, (path.name, shape.name)
                assert shape.left + shape.width <= width and shape.top + shape.height <= height, (path.name, shape.name)


@pytest.mark.slow
def test_pictures_are_full_resolution(decks: dict) -> None:
    pres = Presentation(str(decks[("ca-nuoc", "vi")]))
    pictures = [s for slide in pres.slides for s in slide.shapes if s.shape_type == 13]
    assert pictures and all(p.image.size == (1920, 1080) for p in pictures)
    assert all(Emu(p.width).inches > 10 for p in pictures)


@pytest.mark.slow
def test_simple_bar_series_are_native_charts_with_their_data(decks: dict, tables: talk.Tables) -> None:
    pres = Presentation(str(decks[("dak-lak", "vi")]))
    native = {s.shapes.title.text: shape.chart for s in pres.slides for shape in s.shapes if shape.has_chart}
    mix = next(chart for title, chart in native.items() if title.startswith("Cơ cấu nguồn vốn"))
    view = talk.chart("funding-mix").data(tables, "dak-lak", "vi")
    national = next(s for s in mix.plots[0].series if s.name == "Khuyến công quốc gia")
    assert list(national.values)[::-1] == pytest.approx(view["national"].tolist())
    assert national.format.fill.fore_color.rgb == RGBColor.from_string(PROGRAM_COLOURS["national"].lstrip("#"))
    # the country's mix puts a 2012–2022 total beside annual figures: a picture, with a panel for each
    country = Presentation(str(decks[("ca-nuoc", "vi")]))
    slide = next(s for s in country.slides if s.shapes.title.text.startswith("Cơ cấu nguồn vốn"))
    assert not any(shape.has_chart for shape in slide.shapes)
    assert any(s.shapes.title.text.startswith("Kế hoạch kinh phí") and any(sh.has_chart for sh in s.shapes)
               for s in country.slides)


@pytest.mark.slow
def test_english_deck_speaks_english(decks: dict) -> None:
    pres = Presentation(str(decks[("phia-nam", "en")]))
    titles = [s.shapes.title.text for s in pres.slides]
    assert titles[-1] == "Sources / Nguồn" and "Key figures – Southern region" in titles


def test_a_region_without_figures_is_refused() -> None:
    with pytest.raises(ValueError, match="has no figures"):
        build.select("ha-noi", build.processed_dir(None))
    assert "ha-noi" in regions.known_regions()


@pytest.mark.slow
def test_slides_command_writes_each_language_apart_and_skips_what_is_up_to_date(tmp_path: Path) -> None:
    def run(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pipelines", "slides", "--region", "phia-nam", "--out",
                               str(tmp_path), "--quiet", *extra], capture_output=True, text=True, timeout=300)

    assert "1 file(s) written" in run().stdout and "1 file(s) written" in run("--lang", "en").stdout
    vi, en = tmp_path / "vi" / "phia-nam.pptx", tmp_path / "en" / "phia-nam.pptx"
    assert Presentation(str(vi)).slides[-1].shapes.title.text == "Nguồn / Sources"
    assert Presentation(str(en)).slides[-1].shapes.title.text == "Sources / Nguồn"
    assert "0 file(s) written, 1 region(s) up to date" in run().stdout
    assert "1 file(s) written" in run("--force").stdout
    refused = run("--region", "ha-noi")
    assert refused.returncode == 2 and "has no figures" in refused.stderr
