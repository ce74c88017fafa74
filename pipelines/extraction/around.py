"""What every decision about one number looks at, gathered once per number (``decide.py``)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property
from typing import Optional, TypeVar

from pipelines.extraction.document import Document
from pipelines.extraction.figure import Figure, State
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Sentence, Span

A = TypeVar("A", bound="Around")


@dataclass(frozen=True)
class Around:
    """A number and the words and figures around it. A decision whose steps read more of it
    (a percentage's verb, an amount's frame) extends it (``seen_as``) rather than
    gathering the same things again."""

    doc: Document
    m: NumberMention
    window: tuple[int, int]  # the figure's own words before it: back to the figure before, or the clause start
    right: tuple[int, int]  # its phrase after it: to the next figure, the phrase's end or a few words
    clause: Span
    sentence: Sentence
    previous: list[Figure]  # the decided figures before it in the sentence
    total: Optional[Figure]  # the total it is a part of
    base: State  # what the sentences before hand on (period, programme, qualifier, frame)

    @cached_property
    def words(self) -> str:
        """Its own words before it."""
        return self.doc.text[self.window[0]:self.window[1]]

    @cached_property
    def before(self) -> str:
        """The sentence up to the number."""
        return self.doc.text[self.sentence.start:self.m.start]

    def seen_as(self, kind: type[A], **more: object) -> A:
        """The same number as a ``kind`` of ``Around`` (with its ``more`` fields)."""
        return kind(**{f.name: getattr(self, f.name) for f in fields(Around)}, **more)
