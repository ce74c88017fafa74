"""Charts: slide size, source line, what each figure means, and nothing cut off."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.image import imread
from matplotlib.patches import Rectangle

from pipelines.analysis import context, labels, style, talk
from pipelines.tables import schema


@pytest.fixture(scope="module")
def tables(tables_dir: Path) -> talk.Tables:
    return talk.load_tables(tables_dir)


def draw(tables: talk.Tables, name: str, region: str, lang: str = "vi") -> tuple[pd.DataFrame, Figure]:
    chart = talk.chart(name)
    data = chart.data(tables, region, lang)
    return data, chart.draw(data, talk.context(tables, region, lang))


def texts(fig: Figure) -> str:
    return " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))


@pytest.mark.slow  # draws and saves every chart
@pytest.mark.parametrize(("region", "lang"), [("ca-nuoc", "vi"), ("dak-lak", "en"), ("ha-noi", "en")])
def test_every_chart_is_1920_by_1080_with_an_svg_and_a_source_line(tables: talk.Tables, tmp_path: Path,
                                                                  region: str, lang: str) -> None:
    ctx = talk.context(tables, region, lang, tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph or a collapsed layout warns
        for chart in talk.CHARTS:
            data = chart.data(tables, region, lang)
            fig = chart.draw(data, ctx)
            png, svg = ctx.save(fig, chart)
            assert png == tmp_path / region / chart.kind / f"{chart.name}.png"
            assert imread(png).shape[:2] == (1080, 1920), chart.name
            assert svg.stat().st_size > 1000
            if not data.empty:  # a chart with nothing to draw says so instead (tested below)
                assert f"{labels.t('source', lang)}: " in texts(fig), chart.name


def test_registry_orders_the_talk_and_names_files_stably() -> None:
    conference = talk.charts_of("conference")
    assert [c.order for c in conference] == list(range(1, len(conference) + 1))
    assert conference[0].name == "01-key-figures" and talk.chart("key-figures") is conference[0]
    assert {c.kind for c in talk.CHARTS} == set(talk.KINDS)
    assert all(re.fullmatch(r"\d\d-[a-z-]+", c.name) for c in talk.CHARTS)
    with pytest.raises(KeyError, match="key-figures"):
        talk.chart("nope")


def test_southern_key_figures_show_the_allocated_share_and_mark_the_mismatch(tables: talk.Tables) -> None:
    data, fig = draw(tables, "key-figures", "phia-nam")
    words = texts(fig)
    allocated = data[data["measure"] == "allocated_pct"].iloc[0]
    assert allocated["value"] == 40 and "40%" in words and "Tỷ lệ phân bổ so với kế hoạch" in words
    execution = data[data["measure"] == "execution_pct"].iloc[0]
    assert execution["value"] == 27.7 and execution["mismatch"]
    assert "27,7% ⚠" in words and "báo cáo nêu 27,7%, tính lại từ các số khác 42,88%" in words
    assert "Kế hoạch năm 2024" in words  # the annual plan, not "9 tháng 2024"
    assert not any(p.get_hatch() for p in fig.findobj(Rectangle) if p.get_facecolor()[:3] == (1, 1, 1))


def test_charts_show_figures_to_the_precision_the_reports_give(tables: talk.Tables) -> None:
    assert "28,44% / 58,3%" in texts(draw(tables, "execution-vs-plan", "mien-trung-tay-nguyen")[1])
    assert "81,725" in texts(draw(tables, "funding-over-time", "phia-nam")[1])
    assert "51,23 → 72,8" in texts(draw(tables, "plan-growth", "mien-trung-tay-nguyen")[1])


def test_a_mismatched_bar_is_hatched(tables: talk.Tables) -> None:
    _, fig = draw(tables, "execution-vs-plan", "phia-nam", "en")
    hatched = [p for p in fig.findobj(Rectangle) if p.get_hatch() == style.MISMATCH_HATCH]
    assert len(hatched) == 1 and "stated 27.7%, recomputed from the other figures 42.88%" in texts(fig)


def test_dak_lak_typical_products_show_every_level(tables: talk.Tables) -> None:
    data, fig = draw(tables, "typical-products", "dak-lak")
    assert sorted(data["value"]) == [8, 21, 29]
    words = texts(fig)
    for level, value in (("cấp tỉnh", "29"), ("cấp khu vực", "21"), ("cấp quốc gia", "8")):
        assert level in words and value in words


def test_the_country_chart_says_it_compares_places(tables: talk.Tables) -> None:
    _, fig = draw(tables, "funding-over-time", "ca-nuoc")
    words = texts(fig)
    assert "Các vùng và tỉnh có số liệu" in words and "Tổng nhiều năm" in words
    multi = [ax for ax in fig.axes if "Tổng nhiều năm" in " ".join(ax.get_title("right").split())]
    annual = [ax for ax in fig.axes if ax.get_title("left") and ax not in multi]
    assert len(multi) == 1 and annual  # the 2012–2022 totals are not on an axis with annual figures
    assert all("2012" not in t.get_text() for ax in annual for t in ax.get_yticklabels())


def test_source_line_counts_unreviewed_figures(tables: talk.Tables) -> None:
    data, fig = draw(tables, "funding-over-time", "phia-nam")
    unreviewed = int((data["review_state"] == "unreviewed").sum())
    assert 0 < unreviewed < len(data)
    assert f"{unreviewed}/{len(data)} số liệu chưa được kiểm tra" in texts(fig)


@pytest.mark.slow  # about 12 s: every chart drawn
def test_no_code_reaches_a_chart(tables: talk.Tables) -> None:
    codes = {c for c in (*schema.MEASURES, *schema.ACTIVITIES, "not_a_measure", "document_number") if "_" in c}
    for region in ("all", "phia-nam"):
        for chart in talk.CHARTS:
            words = set(re.findall(r"[a-z_]+", texts(draw(tables, chart.name, region, "en")[1])))
            assert not words & codes, (chart.name, words & codes)


def test_every_code_has_both_labels() -> None:
    reasons = ("year", "date", "time", "period", "document_number", "identifier", "ordinal", "headline",
               "page_chrome", "not_a_measure", "no_unit", "repeated_statement", "products_entered",
               "not_supported", "unreadable_number")
    for lang in labels.LANGS:
        for measure in schema.MEASURES:
            assert labels.measure(measure, lang) != measure
        for reason in reasons:
            assert labels.reason(reason, lang) != f"reason.{reason}"
        for level in schema.RECOGNITION_LEVELS:
            assert not labels.level(level, lang).startswith("level.")


def test_a_label_short_of_a_language_is_refused_naming_it(tmp_path: Path) -> None:
    table = tmp_path / "labels.toml"
    table.write_text('"budget_plan" = { vi = "Kế hoạch", en = "Planned" }\n"source" = { vi = "Nguồn" }\n',
                     encoding="utf-8")
    with pytest.raises(ValueError, match="source"):
        labels._read_labels(table)


def test_axes_use_the_languages_decimal_mark() -> None:
    for lang, expected, wrong in (("vi", "0,5", "0.5"), ("en", "0.5", "0,5")):
        fig, axes = style.new_figure("t", [])
        ax = axes[0, 0]
        ax.set_xlim(0, 2)
        style.number_axis(ax, lang)
        fig.draw_without_rendering()
        ticks = [t.get_text() for t in ax.get_xticklabels()]
        assert expected in ticks and wrong not in ticks


def test_at_most_eight_colours_and_never_one_for_two_series(tables: talk.Tables) -> None:
    for chart in talk.CHARTS:
        fig = draw(tables, chart.name, "all")[1]
        legend = fig.legends[0] if fig.legends else None
        if legend is not None:
            colours = [tuple(np.ravel(h.get_facecolor())) for h in legend.legend_handles if hasattr(h, "get_facecolor")]
            assert len(colours) <= style.MAX_COLOURS and len(set(colours)) == len(colours), chart.name


@pytest.mark.slow  # about 12 s: every chart drawn twice
def test_identical_inputs_give_identical_files(tables: talk.Tables, tmp_path: Path) -> None:
    for chart in (talk.chart("funding-over-time"), talk.chart("coverage")):
        first = talk.render(chart, tables, "phia-nam", "vi", tmp_path / "a")
        second = talk.render(chart, tables, "phia-nam", "vi", tmp_path / "b")
        for a, b in zip(first, second):
            assert a.read_bytes() == b.read_bytes(), a.name


def test_a_region_without_figures_gets_a_message_not_empty_axes(tables: talk.Tables) -> None:
    for lang, expected in (("vi", "Chưa có số liệu"), ("en", "No figures")):
        for chart in talk.CHARTS:
            fig = draw(tables, chart.name, "ha-noi", lang)[1]
            if chart.slug == "execution-vs-plan":  # compares with the other regions, says Hà Nội has none
                assert "Hà Nội" in texts(fig)
                continue
            assert expected in texts(fig) and "Hà Nội" in texts(fig), chart.name
            assert not any(ax.axison for ax in fig.axes), chart.name


def test_source_text_names_reports_and_dates_and_counts_the_rest() -> None:
    docs = pd.DataFrame({"title": [f"Báo cáo {i}" for i in range(6)], "published": ["2024-10-10"] + [""] * 5})
    text = context.source_text(docs, "vi")
    assert text.startswith("Nguồn: Báo cáo 0 (10/10/2024); Báo cáo 1 (không rõ ngày)")
    assert text.endswith("và 3 báo cáo khác")
    assert context.source_text(docs.head(1), "en") == "Source: Báo cáo 0 (2024-10-10)"


def test_labels_format_numbers_and_periods_per_language() -> None:
    assert labels.number(76482.5, "vi") == "76.482,5" and labels.number(76482.5, "en") == "76,482.5"
    assert labels.number(float("nan"), "vi") == "–" and labels.number(-0.01, "vi") == "0"
    assert labels.amount_bn(72.8e9, "vi") == "72,8 tỷ đồng" and labels.amount_bn(72.8e9, "en") == "VND 72.8 billion"
    assert labels.amount_bn(81.725e9, "vi") == "81,725 tỷ đồng"  # the report's own precision, never rounded
    assert labels.period("2022-01", "2022-07", "vi") == "7 tháng 2022"
    assert labels.period("2022-01", "2022-07", "en") == "Jan–Jul 2022"
    assert labels.period("2012-01", "2022-12", "vi") == "2012–2022"
    assert labels.period("2024-03", "2024-03", "vi") == "T3/2024"
    assert labels.figure_period("budget_plan", "2024-01", "2024-09", "vi") == "Kế hoạch năm 2024"
    assert labels.figure_period("budget_spent", "2024-01", "2024-09", "vi") == "9 tháng 2024"
    with pytest.raises(ValueError, match="vi, en"):
        labels.t("budget_plan", "fr")


def test_long_names_shorten_at_a_word_and_stay_recognisable() -> None:
    assert style.shorten("Miền Trung – Tây Nguyên", 16) == "Miền Trung…"
    assert style.wrap("một hai ba bốn năm sáu bảy", 8, 2) == "một hai\nba bốn…"


def test_svg_keeps_text_as_text_naming_its_font_and_png_keeps_its_pixels(tables: talk.Tables, tmp_path: Path) -> None:
    _, fig = draw(tables, "funding-mix", "dak-lak")
    png, svg = style.save(fig, tmp_path, "mix")
    text = svg.read_text(encoding="utf-8")
    assert "Cơ cấu nguồn vốn – Đắk Lắk" in text and "DejaVu Sans" in text  # editable words, its font named
    fig.savefig(tmp_path / "default.png", dpi=style.DPI)  # zlib's default effort, the same layout
    assert np.array_equal(imread(png), imread(tmp_path / "default.png"))
