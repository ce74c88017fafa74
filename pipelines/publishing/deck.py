"""A region's conference deck: title, one slide per conference chart in talk order, mismatches, sources.

Each chart slide has the chart's title as its slide title (the outline reads as
the talk) and speaker notes listing every figure drawn with its report, date
and full quote. Simple bar series are native PowerPoint charts with their data
(``native``); the others are the project's chart as a 1920×1080 picture, its
own title band cropped off since the slide title says it.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from pipelines.analysis import labels, style, talk
from pipelines.analysis.context import Context
from pipelines.publishing import native, provenance, readable
from pipelines.publishing.region import RegionData
from pipelines.tables.inputs import write_atomic

EMU_PER_INCH = 914400
SLIDE_W, SLIDE_H = int(13.333 * EMU_PER_INCH), int(7.5 * EMU_PER_INCH)  # 16:9
MARGIN = int(0.35 * EMU_PER_INCH)
TITLE_TOP, TITLE_H = int(0.2 * EMU_PER_INCH), int(0.85 * EMU_PER_INCH)
BODY_TOP = TITLE_TOP + TITLE_H + int(0.1 * EMU_PER_INCH)
BODY_H = SLIDE_H - BODY_TOP - int(0.15 * EMU_PER_INCH)
LAYOUT_TITLE, LAYOUT_TITLE_ONLY = 0, 5  # of python-pptx's default template
MAX_LINES = 14  # bullet lines that fit a text slide at 16 pt


def word(key: str, lang: str, **fields: object) -> str:
    return readable.word(f"deck.{key}", lang, **fields)


def conference_charts() -> list[talk.Chart]:
    return talk.charts_of(kind="conference")


def build_deck(data: RegionData, today: dt.date | None = None) -> object:
    """The region's deck as a python-pptx Presentation (save it with ``.save(path)``)."""
    from pptx import Presentation

    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    title_slide(deck, data, today or dt.date.today())
    ctx = data.context()
    for chart in conference_charts():
        view = chart.data(data.tables, data.region, data.lang)
        if not talk.own_figures(view):  # a talk leaves out what the region has no figures of its own for
            continue
        chart_slide(deck, chart.slug, view, chart.draw(view, ctx), data, ctx)
    if not data.mismatches.empty:
        text_slide(deck, word("mismatches", data.lang), mismatch_lines(data))
    text_slide(deck, word("sources", data.lang), source_lines(data))
    return deck


def write_deck(data: RegionData, out_dir: Path, today: dt.date | None = None) -> Path:
    """Write ``<out_dir>/<region>.pptx``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{data.region}.pptx"
    buffer = io.BytesIO()
    build_deck(data, today).save(buffer)
    write_atomic(path, buffer.getvalue())  # a killed run leaves the previous deck, never half of one
    return path


def _place(shape: object, left: int, top: int, width: int, height: int) -> None:
    shape.left, shape.top, shape.width, shape.height = left, top, width, height


def _title(slide: object, text: str) -> None:
    """The slide title on one line where it fits, else on two at a smaller size."""
    from pptx.util import Pt

    size = 28 if len(text) <= 45 else 22

    title = slide.shapes.title
    _place(title, MARGIN, TITLE_TOP, SLIDE_W - 2 * MARGIN, TITLE_H)
    title.text = text
    frame = title.text_frame
    frame.word_wrap = True
    for paragraph in frame.paragraphs:
        paragraph.font.size, paragraph.font.bold = Pt(size), True


def title_slide(deck: object, data: RegionData, today: dt.date) -> None:
    """Region, period covered, date made and the reports used."""
    from pptx.util import Pt

    slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE])
    _place(slide.shapes.title, MARGIN, int(1.2 * EMU_PER_INCH), SLIDE_W - 2 * MARGIN, int(1.4 * EMU_PER_INCH))
    slide.shapes.title.text = word("title", data.lang, region=data.name)
    subtitle = slide.placeholders[1]
    _place(subtitle, MARGIN, int(2.9 * EMU_PER_INCH), SLIDE_W - 2 * MARGIN, int(4.2 * EMU_PER_INCH))
    figures = data.figures
    lines = [word("made", data.lang, date=labels.date(today.isoformat(), data.lang))]
    if not figures.empty:
        span = labels.period(figures["period_start"].min(), figures["period_end"].max(), data.lang)
        lines.insert(0, word("covered", data.lang, period=span))
    left_out = talk.left_out_note(data.tables, data.region, data.lang)  # a conference version says what it left out
    lines += [left_out] if left_out else []
    reports = readable.reports(data.documents, figures, data.names, data.lang)
    lines.append(word("reports", data.lang, n=len(reports)) + ":")
    lines += [f"• {_short(r.report, 110)} ({labels.date(r.published or '', data.lang)})" for r in reports.head(5).itertuples()]
    if len(reports) > 5:
        lines.append(word("more", data.lang, n=len(reports) - 5))
    subtitle.text_frame.text = "\n".join(lines)
    subtitle.text_frame.word_wrap = True
    for paragraph in subtitle.text_frame.paragraphs:
        paragraph.font.size = Pt(18 if paragraph.text.startswith("•") else 22)


def chart_slide(deck: object, slug: str, view: pd.DataFrame, fig: Figure, data: RegionData,
                ctx: Context) -> None:
    """One conference chart filling the slide, its title as slide title, its figures in the notes."""
    slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE_ONLY])
    title, source, title_bottom = figure_texts(fig)
    _title(slide, title)
    drawn = provenance.drawn_facts(view, data.all_facts)
    flagged = bool(drawn.get("mismatch", pd.Series(dtype=bool)).fillna(False).any())
    spec = native.native_chart(slug, view, ctx, flagged)
    if spec is None:
        add_picture(slide, fig, title_bottom)
    else:
        source_h = int(0.55 * EMU_PER_INCH)
        native.add_native(slide, spec, (MARGIN, BODY_TOP, SLIDE_W - 2 * MARGIN, BODY_H - source_h), data.lang)
        if not readable.states_unreviewed(source, data.lang):  # the chart's own foot may already say it
            source = f"{source} · {readable.unreviewed_note(drawn, data.lang)}"
        add_text(slide, source, (MARGIN, BODY_TOP + BODY_H - source_h, SLIDE_W - 2 * MARGIN, source_h), size=11)
    slide.notes_slide.notes_text_frame.text = provenance.notes(drawn, data.documents, data.names, data.lang)


def figure_texts(fig: Figure) -> tuple[str, str, float]:
    """The chart's title (its topmost text), its source line (the lowest) and where the title band ends (0–1)."""
    fig.canvas.draw()  # lays the figure out, so text extents are final
    texts = sorted((t for t in fig.texts if t.get_visible() and t.get_text().strip()),
                   key=lambda t: t.get_window_extent().y0)
    if not texts:
        return "", "", 1.0
    top, bottom = texts[-1], texts[0]
    band = top.get_window_extent().y0 / fig.bbox.height
    source = bottom.get_text().replace("\n", " ") if bottom is not top else ""
    return top.get_text(), source, band


def add_picture(slide: object, fig: Figure, title_bottom: float) -> None:
    """The chart at full resolution below the slide title, its own title band cropped, centred."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=style.DPI, pil_kwargs={"compress_level": style.PNG_COMPRESSION})
    crop_top = min(1.0, 1.0 - title_bottom + 0.004)  # a few pixels more: no descender of the title shows
    aspect = fig.bbox.width / (fig.bbox.height * (1 - crop_top))
    width = min(SLIDE_W - 2 * MARGIN, int(BODY_H * aspect))
    height = int(width / aspect)
    picture = slide.shapes.add_picture(io.BytesIO(buffer.getvalue()), (SLIDE_W - width) // 2, BODY_TOP, width, height)
    picture.crop_top = crop_top


def add_text(slide: object, text: str, box: tuple[int, int, int, int], size: int = 16) -> None:
    from pptx.util import Pt

    frame = slide.shapes.add_textbox(*box).text_frame
    frame.word_wrap = True
    frame.text = text
    for paragraph in frame.paragraphs:
        paragraph.font.size = Pt(size)


def text_slide(deck: object, title: str, lines: list[str]) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE_ONLY])
    _title(slide, title)
    add_text(slide, "\n".join(lines), (MARGIN, BODY_TOP, SLIDE_W - 2 * MARGIN, BODY_H))


def mismatch_lines(data: RegionData) -> list[str]:
    """Per mismatch: the stated figure in words, stated against recomputed, what it is recomputed from, its quote."""
    facts = data.tables.facts.drop_duplicates("fact_id").set_index("fact_id")
    lines = []
    for check in data.mismatches.itertuples():
        stated, parts = readable.check_in_words(check.fact_ids, facts, data.documents, data.names, data.lang)
        if stated is None:
            continue
        unit = facts.loc[next(i for i in str(check.fact_ids).split(",") if i in facts.index), "unit"]
        values = word("stated_computed", data.lang, stated=labels.value(check.stated, unit, data.lang),
                      computed=labels.value(check.computed, unit, data.lang))
        what = " · ".join(p for p in (stated.measure, stated.place, stated.period, stated.program) if p)
        lines += [f"• {what}: {values}"] + ([f"  {word('from', data.lang)} {parts}"] if parts else [])
        lines.append(f"  “{_short(stated.quote, 200)}” — {_short(stated.report, 80)}")
    return _limit(lines, data.lang)


def source_lines(data: RegionData) -> list[str]:
    """Every report the deck draws on, with its date and publisher, and how many figures are unreviewed."""
    figures = data.figures
    reports = readable.reports(data.documents, figures, data.names, data.lang)
    lines = [f"• {_short(r.report, 120)} — {labels.date(r.published or '', data.lang)}"
             + (f", {r.publisher}" if r.publisher else "") + (f" · {r.source_url}" if r.source_url else "")
             for r in reports.itertuples()]
    return _limit(lines, data.lang, MAX_LINES - 1) + [readable.unreviewed_note(figures, data.lang)]


def _limit(lines: list[str], lang: str, most: int = MAX_LINES) -> list[str]:
    if len(lines) <= most:
        return lines
    return lines[: most - 1] + [word("more", lang, n=len(lines) - most + 1)]


def _short(text: str, limit: int) -> str:
    return textwrap.shorten(str(text), limit, placeholder=" …")
