"""Totals and their parts: "X, trong đó A …, B …" makes X a total and A, B its parts.

A following sentence that opens with a programme ("Kinh phí khuyến công địa
phương …") continues the list of the paragraph's last group. Grouping is decided
for a sentence before its figures, since parts inherit what they do not state from
their total.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

from pipelines.extraction.document import Document
from pipelines.extraction.figure import Figure
from pipelines.text.rules import matcher
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Sentence

# the subject of a sentence: its words before the first number, at most this many
# characters ("Kinh phí khuyến công địa phương là …")
SUBJECT_MAX_CHARS = 60
# quantities rejected by their measure that can still head a list of parts
_REJECTED_TOTALS = ("products_entered", "not_supported")
# a sentence continues a group among the paragraph's last this many figures
GROUP_LOOKBACK = 200
_OPENERS = matcher("structure", "group_opener")  # "X, trong đó A … B …"


@dataclass
class Grouping:
    """The groups a sentence opens or joins; ``roles`` maps a mention's start to its
    (group id, role), for the sentence's quantities and for an earlier figure that
    became a total."""

    opened: int  # groups numbered so far in the report
    roles: dict[int, tuple[str, str]] = field(default_factory=dict)
    new_totals: list[tuple[str, int]] = field(default_factory=list)  # (group id, mention start)

    def of(self, f: Figure) -> tuple[str, str]:
        return self.roles.get(f.mention.start, (f.group_id, f.role))


def group_sentence(doc: Document, sentence: Sentence, quantities: list[NumberMention],
                   paragraph_earlier: list[Figure], opened: int) -> Grouping:
    """Group roles for a sentence's quantities, given the figures before it in its paragraph."""
    grouping = Grouping(opened)
    for opener in _OPENERS.finditer(doc.text, sentence.start, sentence.end):
        before = [q for q in quantities if q.start < opener.start]
        if before:
            total_start = before[-1].start
        else:
            earlier = _earlier_total(doc, sentence, opener.start, quantities, paragraph_earlier)
            if earlier is None:
                continue
            total_start = earlier.mention.start
            grouping.roles.setdefault(total_start, (earlier.group_id, earlier.role))
        gid = grouping.roles.get(total_start, ("", ""))[0]
        if not gid:
            grouping.opened += 1
            gid = f"{doc.doc_id}:g{grouping.opened}"
            grouping.roles[total_start] = (gid, "total")
            grouping.new_totals.append((gid, total_start))
        for q in quantities:
            if q.start > opener.start and not grouping.roles.get(q.start, ("", ""))[0]:
                grouping.roles[q.start] = (gid, "part")
    _continued_list(doc, sentence, quantities, paragraph_earlier, grouping)
    return grouping


def _earlier_total(doc: Document, sentence: Sentence, opener: int, quantities: list[NumberMention],
                   paragraph_earlier: list[Figure]) -> Figure | None:
    """"… 4,7 tỷ đồng. Trong đó, …": the total closes the previous sentence."""
    before = [f for f in paragraph_earlier if (f.reason in _REJECTED_TOTALS or not f.reason) and not f.compared]
    if not before or doc.text[sentence.start:opener].strip(' "“('):
        return None
    if quantities:  # the total is of the kind its parts are
        before = [f for f in before if f.mention.unit == quantities[0].unit] or before
    return before[-1]


def _continued_list(doc: Document, sentence: Sentence, quantities: list[NumberMention],
                    paragraph_earlier: list[Figure], grouping: Grouping) -> None:
    first_number = min([q.start for q in quantities] + [sentence.end])
    opening = doc.text[sentence.start:min(first_number, sentence.start + SUBJECT_MAX_CHARS)]
    if not matcher("program", "named").find(opening) or any(grouping.roles.get(q.start) for q in quantities):
        return
    # the last grouped figure, looked for from the end and among the last few: linear in a long paragraph
    recent = islice(reversed(paragraph_earlier), GROUP_LOOKBACK)
    last = next((f for f in recent if grouping.of(f)[0] and not f.reason), None)
    if last is not None:
        gid = grouping.of(last)[0]
        for q in quantities:
            grouping.roles[q.start] = (gid, "part")
