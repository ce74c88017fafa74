"""Page chrome in a report's text: the lines around the article that are not of it.

A page saved as text, or what the HTML extractor left of one, may carry a weather
widget ("Hà Nội 28°C"), menus of sections or places, a list of other articles'
headlines after "Tin liên quan" or "Xem thêm", share and print bars, tag lines and
the publisher's footer (copyright, licence, newsroom address, hotline). A place or a
number there says nothing about the report: such lines are not read for its region
and their numbers are not figures.

Lines are judged by the cue words of ``rules/chrome.toml`` and by their shape. A list of headlines
runs from its heading over short lines up to the first line that reads as the
article's (a sentence ending in a full stop, or a long paragraph), so article text
after an inline "related" box is kept.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from pipelines.text.rules import matcher

WIDGET_MAX_WORDS = 12  # "Hà Nội 28°C, mây rải rác, độ ẩm 80%"
WIDGET_PART_MAX_WORDS = 4  # a city or a sky on its own line beside the temperature
WIDGET_REACH = 3  # lines on each side of a temperature that can belong to its widget
MENU_ITEM_MAX_WORDS = 5  # "Bà Rịa - Vũng Tàu"
MENU_MIN_ITEMS = 3  # items of a menu on one line (two after "Trang chủ")
MENU_RUN = 4  # consecutive lines of one menu item each
HEADING_MAX_WORDS = 6  # "Tin cùng chuyên mục:", "Thời tiết Hà Nội"
HEADLINE_MAX_WORDS = 30  # a related headline; a longer line is the article's
FOOTER_MAX_WORDS = 40
TAG_MAX_WORDS = 6  # one tag on its own line under "Từ khóa"

# the cue words that open a chrome line (rules/chrome.toml)
_WEATHER, _RELATED, _FOOTER = matcher("chrome", "weather"), matcher("chrome", "related"), matcher("chrome", "footer")
_SHARE, _TAGS, _HOME = matcher("chrome", "share"), matcher("chrome", "tags"), matcher("chrome", "home")
# the shapes: a temperature ("28°C", "31 độ C"), an e-mail address (bounded: linear on long
# lines), what stands between the items of a menu on one line ("Trang chủ | Thời sự"), how a
# line of the article ends (a full stop, not an ellipsis; a semicolon or a colon)
_TEMPERATURE = re.compile(r"\d\s*°\s*[CF]?|(?<!\w)\d+\s*độ\s*C(?!\w)")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_MENU_SEPARATOR = re.compile(r"\s*[|•·»›]\s*|\s+[>/]\s+")
_SENTENCE_END = re.compile(r"(?<!\.)\.\s*$|[;:]\s*$")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str  # without the spaces around it


def text_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with their offsets, stripped."""
    lines: list[Line] = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + len(raw) - len(raw.lstrip())
            lines.append(Line(start, start + len(stripped), stripped))
        offset += len(raw) + 1
    return lines


def chrome_lines(lines: Sequence[str]) -> set[int]:
    """The indexes of the lines (stripped, blank ones left out) that are page chrome."""
    found = {i for i, line in enumerate(lines) if _chrome_line(line)}
    return found | _widgets(lines) | _menu_runs(lines) | _lists(lines)


def chrome_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every chrome line of ``text``, in order."""
    lines = text_lines(text)
    chrome = chrome_lines([line.text for line in lines])
    return [(line.start, line.end) for i, line in enumerate(lines) if i in chrome]


class _Located(Protocol):
    start: int


T = TypeVar("T", bound=_Located)


def outside_chrome(items: Sequence[T], spans: Sequence[tuple[int, int]]) -> list[T]:
    """The items (places, periods …) that do not start inside a chrome span."""
    starts = [s for s, _ in spans]
    kept = []
    for item in items:
        index = bisect_right(starts, item.start) - 1
        if index < 0 or item.start >= spans[index][1]:
            kept.append(item)
    return kept


def _words(line: str) -> int:
    return len(line.split())


def _chrome_line(line: str) -> bool:
    """A line that is chrome on its own: widget, footer, contact, share bar, tags, menu."""
    words = _words(line)
    if _TEMPERATURE.search(line) and words <= WIDGET_MAX_WORDS:
        return True
    if _WEATHER.match(line) and words <= HEADING_MAX_WORDS and not _SENTENCE_END.search(line):
        return True
    if _FOOTER.match(line) and words <= FOOTER_MAX_WORDS:
        return True
    if _EMAIL.search(line) and words <= WIDGET_MAX_WORDS:
        return True
    if _SHARE.match(line) or (_TAGS.match(line) and words <= FOOTER_MAX_WORDS):
        return True
    if _RELATED.match(line) and _headline(line):  # "Xem thêm: …" on its own line
        return True
    return _menu_line(line)


def _menu_line(line: str) -> bool:
    """Short items between separators: "Trang chủ | Thời sự | Kinh tế", "Hà Nội · Huế · Cần Thơ"."""
    items = [item for item in _MENU_SEPARATOR.split(line) if item.strip()]
    enough = len(items) >= MENU_MIN_ITEMS or (len(items) == 2 and _HOME.match(line) is not None)
    return enough and all(_words(item) <= MENU_ITEM_MAX_WORDS for item in items) \
        and not _SENTENCE_END.search(line)


def _short(line: str, max_words: int) -> bool:
    return _words(line) <= max_words and not _SENTENCE_END.search(line)


def _headline(line: str) -> bool:
    return _short(line, HEADLINE_MAX_WORDS)


def _widgets(lines: Sequence[str]) -> set[int]:
    """Short lines beside a temperature: the widget's city, sky and heading."""
    found: set[int] = set()
    for i, line in enumerate(lines):
        if not (_TEMPERATURE.search(line) and _words(line) <= WIDGET_MAX_WORDS):
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(lines) and abs(j - i) <= WIDGET_REACH and _short(lines[j], WIDGET_PART_MAX_WORDS):
                found.add(j)
                j += step
    return found


def _menu_item(line: str) -> bool:
    return line[0].isupper() and not any(c.isdigit() for c in line) and _short(line, MENU_ITEM_MAX_WORDS)


def _menu_runs(lines: Sequence[str]) -> set[int]:
    """A menu of one item a line: at least MENU_RUN short capitalised lines in a row."""
    found: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if line and _menu_item(line):
            run.append(i)
            continue
        if len(run) >= MENU_RUN:
            found.update(run)
        run = []
    return found


def _lists(lines: Sequence[str]) -> set[int]:
    """A heading of related articles or of tags alone on its line, and the short lines after it."""
    found: set[int] = set()
    for i, line in enumerate(lines):
        if _RELATED.match(line) and _short(line.rstrip(":："), HEADING_MAX_WORDS):
            item_words = HEADLINE_MAX_WORDS
        elif _TAGS.match(line) and not _TAGS.sub(line).strip(" :："):
            item_words = TAG_MAX_WORDS
        else:
            continue
        found.add(i)
        j = i + 1
        while j < len(lines) and _short(lines[j], item_words):
            found.add(j)
            j += 1
    return found
