"""Charts: slide size, source line, Vietnamese labels, and a message instead of empty axes."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.image import imread

from pipelines.tables import regions, store
from pipelines.analysis import charts, labels, views


@pytest.fixture(scope="module")
def data(tables_dir: Path) -> dict[str, pd.DataFrame]:  # noqa: F811
    return {name: store.load(name, tables_dir) for name in ("documents", "facts", "checks", "mentions")}


def context(data: dict, region: str, tmp_path: Path, lang: str = "vi") -> charts.Context:
    return charts.Context(region, lang, data["documents"], tmp_path, regions.region_names(regions.known_regions()))


def all_charts(data: dict, region: str, ctx: charts.Context) -> dict:
    known = regions.known_regions()
    scoped = views.scope(data["facts"], region, known)
    budgets = views.budgets(scoped)
    return {
        "funding_over_time": charts.funding_over_time(budgets, ctx),
        "funding_mix": charts.funding_mix(views.funding_mix(budgets), ctx),
        "plan_growth": charts.plan_growth(views.plan_growth(budgets, scoped), ctx),
        "key_figures": charts.key_figures(views.key_figures(scoped, region, known), ctx),
        "execution": charts.execution(views.execution(data["facts"], region, known), ctx),
        "activity": charts.activity_counts(views.activity_counts(scoped), ctx),
        "checks": charts.check_errors(views.checks_for(data["checks"], data["documents"], scoped, region, known), ctx),
        "coverage": charts.coverage(views.coverage(scoped), ctx, regions.sort_regions(set(scoped["source_region"]), known)),
        "periods": charts.periods(views.periods(scoped), ctx),
        "rejected": charts.rejected(views.rejection_reasons(
            views.mentions_for(data["mentions"], data["documents"], region, known)), ctx),
    }


def texts(fig: object) -> str:
    return " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))


@pytest.mark.parametrize(("region", "lang"), [("ca-nuoc", "vi"), ("dak-lak", "en")])
def test_every_chart_is_1920_by_1080_with_an_svg_and_a_source_line(data: dict, tmp_path: Path, region: str,
                                                                 lang: str) -> None:
    ctx = context(data, region, tmp_path, lang)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph or a collapsed layout warns
        for name, fig in all_charts(data, region, ctx).items():
            source = texts(fig)
            png, svg = charts.save(fig, ctx.out_dir, name)
            assert imread(png).shape[:2] == (1080, 1920), name
            assert svg.stat().st_size > 1000
            if labels.t("no_figures", lang, what="", region="").split()[0] not in source:
                assert f"{labels.t('source', lang)}: " in source, name
    assert ctx.out_dir == tmp_path / region


def test_amounts_are_in_ty_dong_with_vietnamese_decimals(data: dict, tmp_path: Path) -> None:
    ctx = context(data, "mien-trung-tay-nguyen", tmp_path)
    fig = all_charts(data, "mien-trung-tay-nguyen", ctx)["funding_over_time"]
    words = texts(fig)
    assert "tỷ đồng" in words and "72,8" in words and "Miền Trung – Tây Nguyên" in words
    assert "Miền Trung - Tây Nguyên: 6 nhóm giải pháp" in words and "18/08/2022" in words


def test_a_region_without_figures_gets_a_message_not_empty_axes(data: dict, tmp_path: Path) -> None:
    for lang, expected in (("vi", "Chưa có số liệu"), ("en", "No figures")):
        ctx = context(data, "ha-noi", tmp_path, lang)
        for name, fig in all_charts(data, "ha-noi", ctx).items():
            if name == "execution":  # compares with the other regions, says Hà Nội has none
                assert "Hà Nội" in texts(fig)
                continue
            assert expected in texts(fig) and "Hà Nội" in texts(fig), name
            assert not any(ax.axison for ax in fig.axes), name


def test_source_text_names_reports_and_dates_and_counts_the_rest() -> None:
    docs = pd.DataFrame({"title": [f"Báo cáo {i}" for i in range(6)], "published": ["2024-10-10"] + [""] * 5})
    text = charts.source_text(docs, "vi")
    assert text.startswith("Nguồn: Báo cáo 0 (10/10/2024); Báo cáo 1 (không rõ ngày)")
    assert text.endswith("và 2 báo cáo khác")
    assert charts.source_text(docs.head(1), "en") == "Source: Báo cáo 0 (2024-10-10)"


def test_labels_format_numbers_and_periods_per_language() -> None:
    assert labels.number(76482.5, "vi") == "76.482,5" and labels.number(76482.5, "en") == "76,482.5"
    assert labels.amount_bn(72.8e9, "vi") == "72,8 tỷ đồng" and labels.amount_bn(72.8e9, "en") == "VND 72.8 billion"
    assert labels.period("2022-01", "2022-07", "vi") == "7 tháng 2022"
    assert labels.period("2022-01", "2022-07", "en") == "Jan–Jul 2022"
    assert labels.period("2012-01", "2022-12", "vi") == "2012–2022"
    assert labels.period("2024-03", "2024-03", "vi") == "T3/2024"
    with pytest.raises(ValueError, match="vi, en"):
        labels.t("budget_plan", "fr")
