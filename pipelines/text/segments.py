"""Paragraphs, sentences and clauses of a report, with offsets into its text.

A paragraph is a line. Short lines without closing punctuation are headings or
captions; everything after the formal end mark ``./.``, a lone counter line and the
lines ``chrome`` finds (weather widgets, menus, related headlines, footers, share
bars, tags) are page chrome. Numbers there are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines.text.chrome import chrome_lines, text_lines
from pipelines.text.rules import matcher

HEADING_MAX_WORDS = 20
_END_MARK = re.compile(r"\./\.\s*$")
_CLOSING_PUNCT = re.compile(r"[.!?;:…\"”)]\s*$")
# Split after . ! ? … followed by space and a capital letter, digit or quote,
# but not after a short abbreviation such as "TP." or "TS.".
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])")
_CLAUSE_BREAK = matcher("structure", "clause_break")
_ABBREVIATION = re.compile(r"(?:^|(?<=\s))(?:TP|Tp|TS|ThS|PGS|GS|Th\.S|v\.v)\.$")
_ABBREVIATION_SPAN = 6  # characters before a full stop that can hold an abbreviation and the space before it
# a sentence longer than this is read in pieces cut at a clause break (the longest in the
# five reports is about 1,200 characters)
SENTENCE_MAX_CHARS = 2000


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Sentence(Span):
    clauses: list[Span] = field(default_factory=list)


@dataclass
class Paragraph(Span):
    kind: str  # body, heading, chrome
    sentences: list[Sentence] = field(default_factory=list)


def split_paragraphs(text: str) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    lines = text_lines(text)
    chrome = chrome_lines([line.text for line in lines])
    after_end_mark = False
    for i, line in enumerate(lines):
        kind = "chrome" if after_end_mark or i in chrome else _line_kind(line.text)
        para = Paragraph(line.start, line.end, kind)
        if kind == "body":
            para.sentences = split_sentences(text, line.start, line.end)
        paragraphs.append(para)
        if _END_MARK.search(line.text):
            after_end_mark = True
    return paragraphs


def _line_kind(line: str) -> str:
    words = line.split()
    letters = sum(ch.isalpha() for ch in line)
    if letters < 3 or letters < 0.3 * len(line):  # counters, dates, "21872197"
        return "chrome"
    if len(words) <= HEADING_MAX_WORDS and not _CLOSING_PUNCT.search(line):
        return "heading"
    return "body"


def split_sentences(text: str, start: int, end: int) -> list[Sentence]:
    sentences: list[Sentence] = []
    cursor = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if _ABBREVIATION.search(text, max(cursor, m.start() - _ABBREVIATION_SPAN), m.start()):
            continue
        sentences += _bounded(text, cursor, m.start())
        cursor = m.end()
    if cursor < end:
        sentences += _bounded(text, cursor, end)
    return sentences


def _bounded(text: str, start: int, end: int) -> list[Sentence]:
    """The sentence, or pieces of it no longer than SENTENCE_MAX_CHARS cut after a ";" or ","
    (else at a space): each number's decisions read its sentence, so a run-on sentence of
    thousands of figures must not make extraction quadratic."""
    pieces = []
    while end - start > SENTENCE_MAX_CHARS:
        limit = start + SENTENCE_MAX_CHARS
        cut = max(text.rfind("; ", start, limit), text.rfind(", ", start, limit)) + 1  # after the mark
        if cut <= start:
            cut = text.rfind(" ", start + 1, limit)
        if cut <= start:
            cut = limit
        pieces.append(_sentence(text, start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    return pieces + [_sentence(text, start, end)] if start < end else pieces


def _sentence(text: str, start: int, end: int) -> Sentence:
    sentence = Sentence(start, end)
    cursor = start
    # ";" separates clauses; so does ", " before a count that opens a new list item (structure.toml)
    for m in _CLAUSE_BREAK.finditer(text[start:end]):
        sentence.clauses.append(Span(cursor, start + m.start))
        cursor = start + m.end
    sentence.clauses.append(Span(cursor, end))
    return sentence


def chrome_of(paragraphs: list[Paragraph]) -> list[tuple[int, int]]:
    """(start, end) of the page-chrome paragraphs, in order: places and periods named
    there say nothing about the report."""
    return [(p.start, p.end) for p in paragraphs if p.kind == "chrome"]
