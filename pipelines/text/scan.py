"""Find every number in a text and say what kind of number it is.

Each numeric token becomes a ``NumberMention``. Tokens that are not figures get a
reason: document numbers (3384/BCT-CTĐP, Quyết định 1881), dates (18/08/2023,
tháng 3.2023, ngày 7/10/2024), times, years and year ranges, month counts of a
period ("7 tháng đầu năm"), ordinals (lần thứ 14, Đợt 1), names (Covid-19).
What remains is a quantity, with its unit read from the words that follow. The
order of these tests is not_a_figure.toml's ``[[order.token]]``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Optional

from pipelines.text.numbers import SCALES, SCALE_WORDS, parse_number
from pipelines.text.periods import PeriodMention
from pipelines.text.rules import chain, matcher

# digits with inner separators, optionally a "/"-joined tail (fractions, dates,
# document numbers) and a letter tail after "/" or "-" (3384/BCT-CTĐP, 19-NQ/TW).
_TOKEN = re.compile(
    r"(?<![\w])\d+(?:[.,]\d+)*(?:/\d+(?:[.,]\d+)*)*(?:[/-][^\W\d_][\w]*(?:[/-][\w]+)*)?"
)
# four digits before a dot cannot be a thousands group: a year, then a new sentence
_GLUED = re.compile(r"((?:19|20)\d{2})\.(\d+)")
# what stands before a number or right after it and says it is no figure (rules/not_a_figure.toml)
_LEGAL = matcher("not_a_figure", "document_before")
_ORDINAL = matcher("not_a_figure", "ordinal_before")
_DATE_BEFORE = matcher("not_a_figure", "date_before")
_OTHER_NOUNS = matcher("not_a_figure", "other_noun")
# what a count counts (rules/measure.toml)
_COUNT_NOUNS = matcher("measure", "count_noun")
_PROJECT_NOUN = matcher("measure", "project_noun")
_ACTIVITIES = matcher("activity", "named")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_GAP = r"[ \t\u00a0]{0,3}"  # spaces between a number and its unit, never a line break
_PERCENT = re.compile(rf"{_GAP}(?:%|phần trăm)")
_CURRENCY = re.compile(rf"{_GAP}(?:đồng|đ|VNĐ|VND)(?!\w)")
_FOREIGN = re.compile(rf"{_GAP}(?:USD|đô la|EUR|euro)(?!\w)", re.I)


@dataclass
class NumberMention:
    start: int  # offsets of the digits (a fraction gives two mentions)
    end: int
    text: str
    value: Optional[float] = None
    decimals: int = 0
    unit: str = ""  # VND, percent, count, or "" when not a quantity
    count_noun: str = ""  # projects, beneficiaries, models, products
    noun_rule: str = ""  # the id of the rule that read the count noun
    unit_end: int = 0  # end of the number with its unit words
    reason: str = ""  # why it is not a figure ("" for quantities)
    fraction: str = ""  # "numerator" / "denominator"
    notation: str = "vi"


def scan_numbers(text: str, periods: list[PeriodMention]) -> list[NumberMention]:
    """Every number of ``text``; ``periods`` are its time expressions (sorted, disjoint)."""
    starts = [p.start for p in periods]
    mentions: list[NumberMention] = []
    for m in _TOKEN.finditer(text):
        glued = _GLUED.fullmatch(m.group(0))
        if glued:  # "năm 2020.110 sản phẩm": a sentence end that lost its space
            for g in (1, 2):
                part = _TOKEN.match(text, m.start() + glued.start(g), m.start() + glued.end(g))
                mentions.extend(_classify(text, part, _period_around(periods, starts, part)))
            continue
        mentions.extend(_classify(text, m, _period_around(periods, starts, m)))
    _project_nouns(text, mentions)
    _elided_nouns(text, mentions)
    _compound_amounts(text, mentions)
    return mentions


# "1 tỷ 371 triệu đồng": billions then millions (or millions then thousands) are one amount
_LARGER_SCALE_THEN = re.compile(r"\s*(?:tỷ|tỉ|triệu)\s+$", re.I)
_SMALLER_SCALE = re.compile(r"\s*(?:triệu|nghìn|ngàn)(?!\w)", re.I)


def _compound_amounts(text: str, mentions: list[NumberMention]) -> None:
    """Fold the second number of a compound amount into the first; it stays a mention of its own
    (``part_of_amount``) so nothing is dropped silently."""
    for first, second in zip(mentions, mentions[1:]):
        if (first.unit == "VND" and second.unit == "VND" and not first.reason and not second.reason
                and first.value and second.value and "." not in second.text and "," not in second.text
                and _LARGER_SCALE_THEN.fullmatch(text[first.end:second.start])
                and _SMALLER_SCALE.match(text, second.end) and second.value < first.value):
            first.value += second.value
            first.unit_end = second.unit_end
            second.reason, second.unit = "part_of_amount", ""


# "3 dự án ứng dụng máy móc", "4 chương trình đào tạo nghề", "06 nhiệm vụ với kinh phí …": nouns
# that count the programme's projects only where khuyến công or one of its activities is
# named around them, or a budget or support follows
# "06 nhiệm vụ với kinh phí 1.605 triệu đồng", "64 dự án được hỗ trợ": counted work with its own budget
_WITH_BUDGET, _KHUYEN_CONG = matcher("measure", "project_budget"), matcher("measure", "project_context")
_PHRASE_AFTER = re.compile(r"[^\d,;.()\n]{0,80}")
# how far back the words before a number may name khuyến công
PROJECT_CONTEXT_CHARS = 60


def _project_nouns(text: str, mentions: list[NumberMention]) -> None:
    for m in mentions:
        noun = _PROJECT_NOUN.match(text, m.end) if m.reason == "no_unit" and not m.fraction else None
        if noun is None:
            continue
        after = _PHRASE_AFTER.match(text, noun.end).group(0)
        before = re.split(r"[.;\n]", text[max(0, m.start - PROJECT_CONTEXT_CHARS):m.start])[-1]
        if _KHUYEN_CONG.search(before + after) or _ACTIVITIES.find(after) or _WITH_BUDGET.match(after):
            m.unit, m.count_noun, m.reason, m.unit_end = "count", noun.answer, "", noun.end
            m.noun_rule = noun.rule.id


# "05 đề án KCQG và 14 khuyến công địa phương": between a counted figure and a bare
# integer, at most a short phrase and a coordinator; after the integer, a phrase up to
# the next punctuation
_ELIDED_BETWEEN = re.compile(r"(?P<phrase>[^\d,;.()\n]{0,60}?)\s*(?:,|;|(?<!\w)và)\s*", re.I)
_ELIDED_AFTER = re.compile(r"[^\d,;.()\n]{0,60}")


def _elided_nouns(text: str, mentions: list[NumberMention]) -> None:
    """A bare integer coordinated right after a counted figure, followed by a programme or
    activity phrase or by nothing, counts the noun of the figure before it."""
    for prev, m in zip(mentions, mentions[1:]):
        if m.reason != "no_unit" or prev.unit != "count" or m.decimals or m.fraction or prev.unit_end > m.start:
            continue
        between = _ELIDED_BETWEEN.fullmatch(text, prev.unit_end, m.start)
        after = _ELIDED_AFTER.match(text, m.end)
        if between and _names_programme_or_activity(between.group("phrase"), anywhere=True) \
                and _names_programme_or_activity(after.group(0) if after else "", anywhere=False):
            m.unit, m.count_noun, m.reason, m.noun_rule = "count", prev.count_noun, "", prev.noun_rule


def _names_programme_or_activity(phrase: str, anywhere: bool) -> bool:
    """Whether ``phrase`` is empty or names a programme or an activity (at its start, unless
    ``anywhere``)."""
    words = phrase.strip()
    if not words:
        return True
    starts = [h.start for h in matcher("program", "named").find(words) + _ACTIVITIES.find(words)]
    return any(anywhere or start == 0 for start in starts)


def _period_around(periods: list[PeriodMention], starts: list[int], m: re.Match[str]) -> Optional[PeriodMention]:
    """The time expression a token lies inside, if any."""
    index = bisect_right(starts, m.start()) - 1
    if index >= 0 and m.end() <= periods[index].end:
        return periods[index]
    return None


@dataclass(frozen=True)
class _Token:
    """A number token and what stands around it: what every step of not_a_figure.toml's order ``token`` reads."""

    text: str
    start: int
    end: int
    token: str
    inside: Optional[PeriodMention]  # the time expression it is part of

    @cached_property
    def before(self) -> str:
        return self.text[max(0, self.start - 30):self.start]

    @cached_property
    def parts(self) -> list[str]:
        return self.token.split("/")

    def rejected(self, reason: str) -> list[NumberMention]:
        return [NumberMention(self.start, self.end, self.token, reason=reason, unit_end=self.end)]


def _classify(text: str, m: re.Match[str], inside: Optional[PeriodMention]) -> list[NumberMention]:
    """The mentions of one token: the first step of the token order that answers, else a quantity."""
    token = _Token(text, m.start(), m.end(), m.group(0), inside)
    return _TOKEN_ORDER.first(token) or [_quantity(text, token.start, token.end, token.token)]


def _identifier(t: _Token) -> Optional[list[NumberMention]]:
    glued = t.start > 1 and t.text[t.start - 1] == "-" and t.text[t.start - 2].isalpha()
    return t.rejected("identifier") if glued else None  # Covid-19


def _lettered(t: _Token) -> Optional[list[NumberMention]]:
    return t.rejected("document_number") if re.search(r"[^\W\d_]", t.token) else None  # 3384/BCT-CTĐP


def _legal_before(t: _Token) -> Optional[list[NumberMention]]:
    return t.rejected("document_number") if _LEGAL.search(t.before) else None


def _clock_time(t: _Token) -> Optional[list[NumberMention]]:
    clock = re.match(r":\d{2}", t.text[t.end:t.end + 3]) or re.search(r"\d:$", t.before)
    return t.rejected("time") if clock else None


def _list_number(t: _Token) -> Optional[list[NumberMention]]:
    """A numbered list item "1. …" at the start of a line."""
    at_line_start = t.start == 0 or t.text[t.start - 1] == "\n"
    return t.rejected("ordinal") if re.match(r"\.\s", t.text[t.end:t.end + 2]) and at_line_start else None


def _slashed(t: _Token) -> Optional[list[NumberMention]]:
    """Three "/"-joined parts are a date; two a date (11/2019, ngày 7/10) or a fraction."""
    if len(t.parts) >= 3:
        return t.rejected("date")
    if len(t.parts) == 2:
        if _YEAR.fullmatch(t.parts[1]) or _DATE_BEFORE.search(t.before):
            return t.rejected("date")
        return _fraction(t.text, t.start, t.parts)
    return None


def _in_period(t: _Token) -> Optional[list[NumberMention]]:
    if t.inside is None:
        return None
    return t.rejected("year" if _YEAR.fullmatch(t.token) else "period")


def _date_before(t: _Token) -> Optional[list[NumberMention]]:
    return t.rejected("date") if _DATE_BEFORE.search(t.before) else None


def _ordinal_before(t: _Token) -> Optional[list[NumberMention]]:
    return t.rejected("ordinal") if _ORDINAL.search(t.before) else None


def _month_glued(t: _Token) -> Optional[list[NumberMention]]:
    return t.rejected("date") if re.match(r"\.\d", t.text[t.end:t.end + 2]) else None  # "tháng 3.2023", no period


def _bare_year(t: _Token) -> Optional[list[NumberMention]]:
    return t.rejected("year") if _YEAR.fullmatch(t.token) and not _unit_after(t.text, t.end)[0] else None


_TOKEN_ORDER = chain("not_a_figure", "token", {
    "identifier": _identifier,
    "lettered": _lettered,
    "legal_before": _legal_before,
    "clock_time": _clock_time,
    "list_number": _list_number,
    "slashed": _slashed,
    "in_period": _in_period,
    "date_before": _date_before,
    "ordinal_before": _ordinal_before,
    "month_glued": _month_glued,
    "bare_year": _bare_year,
})


def _fraction(text: str, start: int, parts: list[str]) -> list[NumberMention]:
    """'16/18 đề án': numerator and denominator are each a count of the noun after."""
    num_end = start + len(parts[0])
    den_start = num_end + 1
    den_end = den_start + len(parts[1])
    out = []
    for s, e, role in ((start, num_end, "numerator"), (den_start, den_end, "denominator")):
        mention = _quantity(text, s, e, text[s:e], unit_from=den_end)
        mention.fraction = role
        if mention.unit not in ("count", "VND"):  # "16/18 đề án", "600/1.200 triệu đồng"
            mention.unit, mention.reason = "", "not_a_measure"  # 10/10 huyện, 7/9 nội dung
        out.append(mention)
    return out


_RANGE_END = re.compile(r"\s*[-–]\s*\d+(?:[.,]\d+)*(?=\s|%)")


def _unit_after(text: str, end: int) -> tuple[str, str, int, str]:
    """(unit, count noun, end of unit words, the count noun's rule) for the words right
    after a number; the first number of a range ("10 - 15 đề án") takes the unit after the range."""
    if m := _RANGE_END.match(text, end):
        unit, noun, unit_end, rule = _unit_after(text, m.end())
        return unit, noun, (end if unit else unit_end), rule
    rest = text[end:end + 40]
    if m := _PERCENT.match(rest):
        return "percent", "", end + m.end(), ""
    for word in SCALE_WORDS:
        if m := re.match(rf"{_GAP}{word}(?!\w)", rest):
            tail = end + m.end()
            if c := _CURRENCY.match(text, tail):
                tail = c.end()
            elif SCALES[word] < 1e6:  # "gần 1 ngàn chủ cơ sở": a count, not money
                return "", "", end, ""
            return "VND:" + word, "", tail, ""
    if m := _CURRENCY.match(rest):
        return "VND", "", end + m.end(), ""
    if _FOREIGN.match(rest):
        return "foreign", "", end, ""
    if noun := _COUNT_NOUNS.match(rest.lstrip(), 0):
        skipped = len(rest) - len(rest.lstrip())
        if skipped <= 3 and "\n" not in rest[:skipped]:
            return "count", noun.answer, end + skipped + noun.end, noun.rule.id
    if re.match(r"\s?(?:[^\W\d_]+\s){0,2}?", rest) and _OTHER_NOUNS.match(rest.lstrip()):
        return "other", "", end, ""
    return "", "", end, ""


def _quantity(text: str, start: int, end: int, token: str, unit_from: Optional[int] = None) -> NumberMention:
    mention = NumberMention(start, end, token, unit_end=end)
    try:
        parsed = parse_number(token)
    except ValueError:
        mention.reason = "unreadable_number"
        return mention
    mention.value, mention.decimals, mention.notation = parsed.value, parsed.decimals, parsed.notation
    unit, noun, unit_end, rule = _unit_after(text, unit_from if unit_from is not None else end)
    mention.unit_end = unit_end
    if unit.startswith("VND"):
        scale = SCALES[unit.split(":")[1]] if ":" in unit else 1.0
        mention.value = parsed.value * scale
        mention.unit = "VND"
    elif unit in ("percent", "count"):
        mention.unit, mention.count_noun, mention.noun_rule = unit, noun, rule
    elif unit in ("other", "foreign"):
        mention.reason = "not_a_measure"
    else:
        mention.reason = "no_unit"
    return mention
