"""The date a report was published, and where that date came from.

In this order: the manifest (a person said so), the page's own metadata, a dateline
printed with the article ("Ngày đăng: 04/05/2011 08:30", "Cập nhật: …", "Thứ Hai,
12/3/2018"), the date of the event the report covers ("Chiều ngày 10/10/2024, …
tổ chức Hội nghị"). Years the text merely mentions give the report's year (see
``metadata.infer_year``), never a date: the contract's ``published`` is a day or empty.
"""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple

# A dateline is a short line of its own (date, time, a label, perhaps a view
# counter); a date inside a longer line is part of a sentence.
DATELINE_MAX_CHARS = 120
# The event a news report covers is stated in its lead: the first few paragraphs.
EVENT_WINDOW_CHARS = 1500

_DAY_MONTH_YEAR = (r"(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*(?P<year>(?:19|20)\d{2})"
                   r"|(?P<day2>\d{1,2})\s+tháng\s+(?P<month2>\d{1,2})\s*(?:năm|,)\s*(?P<year2>(?:19|20)\d{2})"
                   r"|(?P<year3>(?:19|20)\d{2})-(?P<month3>\d{2})-(?P<day3>\d{2})")  # ISO, as some sites print it
DATE = rf"(?<!\d)(?:{_DAY_MONTH_YEAR})(?!\d)"
_TIME = r"\d{1,2}\s*[:h]\s*\d{2}(?:\s*(?:AM|PM|SA|CH))?"
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|CN)"
# publication labels first: "Cập nhật" (updated) is later than the publication
_PUBLISHED_LABEL = r"(?:ngày\s+đăng|đăng\s+(?:ngày|lúc)|ngày\s+xuất\s+bản|xuất\s+bản|ngày\s*:)"
_UPDATED_LABEL = r"(?:ngày\s+cập\s+nhật|cập\s+nhật(?:\s+lúc)?|lần\s+cập\s+nhật\s+cuối)"
_AFTER_LABEL = rf"\s*:?\s*(?:{_TIME}\s*[,-]?\s*)?(?:ngày\s+)?(?:{_WEEKDAY}\s*[,-]?\s*)?"
# (rank, pattern): the lowest rank wins, then the earliest line
_DATELINES = (
    (0, re.compile(rf"{_PUBLISHED_LABEL}{_AFTER_LABEL}{DATE}", re.I)),
    (1, re.compile(rf"{_WEEKDAY}\s*[,-]?\s*(?:ngày\s+)?{DATE}", re.I)),
    (1, re.compile(rf"^\s*(?:{_TIME}\s*[,|-]?\s*)?(?:ngày\s+)?{DATE}(?:\s*[,|-]?\s*{_TIME}(?::\d{{2}})?)?"
                   rf"\s*(?:\(?GMT\s*[+]\s*\d+\)?)?\s*$", re.I)),
    (2, re.compile(rf"{_UPDATED_LABEL}{_AFTER_LABEL}{DATE}", re.I)),
)
# "Chiều ngày 10/10/2024, tại …, Bộ Công Thương … tổ chức Hội nghị", "Ngày 03/9/2020 UBND
# tỉnh … ban hành Quyết định": a dated opening of a sentence whose verb is an event taking place
_EVENT_OPENING = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=\n))(?:(?:vừa qua|mới đây|trong)\s*,?\s*)?"
    rf"(?:(?:sáng|chiều|tối|trưa)\s+(?:nay\s+)?)?(?:ngày\s*)?{DATE}\s*,?", re.I | re.M)
_EVENT_VERB = re.compile(
    r"\b(?:tổ chức|diễn ra|khai mạc|bế mạc|họp|làm việc|tiến hành|chủ trì|tham dự|"
    r"hội nghị|hội thảo|lễ|buổi|ban hành|phê duyệt|ký)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


class ReportDate(NamedTuple):
    published: str = ""  # YYYY-MM-DD, or "" when nothing says it
    source: str = ""  # manifest, page_metadata, dateline, text or ""


def report_date(text: str, manifest: str = "", manifest_source: str = "", page: str = "") -> ReportDate:
    """The report's date by the order above; ``manifest_source`` keeps the provenance
    that ``khuyencong add`` recorded with a date it wrote into the manifest."""
    if manifest:
        return ReportDate(manifest, manifest_source or "manifest")
    if page:
        return ReportDate(page, "page_metadata")
    if found := find_dateline(text):
        return ReportDate(found, "dateline")
    if found := find_event_date(text):
        return ReportDate(found, "text")
    return ReportDate()


def find_dateline(text: str) -> str:
    """The publication date printed on a dateline of its own, or ""."""
    best: tuple[int, int, str] | None = None
    offset = 0
    for line in text.split("\n"):
        if len(line.strip()) <= DATELINE_MAX_CHARS:
            for rank, pattern in _DATELINES:
                match = pattern.search(line)
                date = iso_date(match) if match else ""
                if date and (best is None or (rank, offset) < best[:2]):
                    best = (rank, offset, date)
        offset += len(line) + 1
    return best[2] if best else ""


def find_event_date(text: str) -> str:
    """The date a lead sentence opens with, when that sentence tells of an event, or ""."""
    lead = text[:EVENT_WINDOW_CHARS]
    for match in _EVENT_OPENING.finditer(lead):
        end = _SENTENCE_END.search(lead, match.end())
        sentence = lead[match.end():end.start() if end else len(lead)]
        if _EVENT_VERB.search(sentence) and (date := iso_date(match)):
            return date
    return ""


def iso_date(match: re.Match[str]) -> str:
    """YYYY-MM-DD of a match of ``DATE``, or "" when it is not a real day."""
    day, month, year = (next(g for g in match.group(f"{part}", f"{part}2", f"{part}3") if g)
                        for part in ("day", "month", "year"))
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return ""
