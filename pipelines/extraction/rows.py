"""Rows of the facts and mentions tables from decided figures, with their quotes.

Every number found gets a mention row: a fact, a repeated statement of an earlier
fact, or a rejection with its reason. A fact keeps its quote and offsets.
"""

from __future__ import annotations

import re

from dataclasses import dataclass

from pipelines.extraction.evidence import evidence_text
from pipelines.extraction.trust import probability_right
from pipelines.extraction.document import Document
from pipelines.extraction.figure import Figure
from pipelines.text.scan import NumberMention
from pipelines.text.segments import Span

# a quote is the figure's clause, cut around the number when the clause is longer
QUOTE_MAX_CHARS = 400
# a mention's context: about ten words either side, enough to judge it by eye
MENTION_CONTEXT_CHARS = 60
# numbers outside body sentences, by the kind of line they are on
_OUTSIDE_REASONS = {"heading": "headline", "chrome": "page_chrome"}


@dataclass
class Extraction:
    facts: list[dict]
    mentions: list[dict]


def quote_span(text: str, clause: Span, m: NumberMention) -> tuple[int, int]:
    start, end = clause.start, clause.end
    if end - start > QUOTE_MAX_CHARS:
        start = max(start, m.start - QUOTE_MAX_CHARS // 2)
        end = min(end, m.unit_end + QUOTE_MAX_CHARS // 2)
        while start > clause.start and not text[start - 1].isspace():
            start -= 1
        while end < clause.end and not text[end].isspace():
            end += 1
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip(" \t,.:;-–\u00a0"))
    trail = len(raw) - len(raw.rstrip(" \t,.:;\u00a0"))
    return start + lead, end - trail


def tables(doc: Document, figures: list[Figure]) -> Extraction:
    mentions = _outside_sentences(doc, figures)
    facts: list[dict] = []
    seen: dict[tuple, tuple[str, int]] = {}  # figure key -> (fact id, sentence start)
    for f in figures:
        m = f.mention
        if f.reason:
            mentions.append(mention_row(doc, m, "rejected", f.reason, ""))
            continue
        key = (f.measure, round(f.value, 6), f.period, f.program, f.activity, f.region_id, f.qualifier,
               f.recognition_level)
        # the same figure again in another sentence is a repeated statement; twice in one
        # sentence ("giữa 50-60 cơ sở … với 50-60 cơ sở") it is two figures
        if key in seen and seen[key][1] != f.sentence.start:
            mentions.append(mention_row(doc, m, "duplicate", "repeated_statement", seen[key][0]))
            continue
        if f.period is None:
            mentions.append(mention_row(doc, m, "rejected", "no_period", ""))
            continue
        fact = fact_row(doc, f)
        fact["confidence"] = probability_right(fact)  # refined at ingest with what the report says
        seen[key] = fact["fact_id"], f.sentence.start
        facts.append(fact)
        mentions.append(mention_row(doc, m, "fact", "", fact["fact_id"]))
    facts = _captions_said_again(doc, facts, mentions)
    mentions.sort(key=lambda row: row["char_start"])
    return Extraction(facts, mentions)


# a caption or headline (a line without a sentence's closing mark) that says a body sentence's
# figure again, in most of that sentence's words, is a repeat however its words run together
CAPTION_SHARED_WORDS = 0.6
_CLOSED = re.compile(r"[.;!?:…)\"”]\s*$")


def _captions_said_again(doc: Document, facts: list[dict], mentions: list[dict]) -> list[dict]:
    body: dict[tuple, list[dict]] = {}  # the body sentences' facts by what a repeat must say again
    for f in facts:
        if _CLOSED.search(f["sentence"]):
            body.setdefault(_said(f), []).append(f)
    kept = []
    for fact in facts:
        same = None if _CLOSED.search(fact["sentence"]) else next((
            b for b in body.get(_said(fact), []) if _shared(fact["sentence"], b["sentence"]) >= CAPTION_SHARED_WORDS),
            None)
        if same is None:
            kept.append(fact)
            continue
        for row in mentions:  # its own number, and any repeat that pointed at it
            if row.get("fact_id") == fact["fact_id"]:
                row.update(status="duplicate", reason="repeated_statement", fact_id=same["fact_id"])
    return kept


def _said(fact: dict) -> tuple:
    return fact["measure"], fact["value"], fact["period_start"], fact["period_end"], fact["region_id"]


def _shared(caption: str, sentence: str) -> float:
    """Share of the caption's words (letters only, run-together words split at digits) in the sentence."""
    own = _words(caption)
    return len(own & _words(sentence)) / len(own) if own else 0.0


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", text.casefold()))


def _outside_sentences(doc: Document, figures: list[Figure]) -> list[dict]:
    """Mention rows of the numbers outside body sentences (headlines, page chrome)."""
    in_body = {id(f.mention) for f in figures}
    rows = []
    for m in doc.numbers:
        if id(m) in in_body:
            continue
        para = doc.paragraph_of(m.start)
        reason = _OUTSIDE_REASONS.get(para.kind, "outside_sentence") if para else "outside_sentence"
        if m.reason and m.reason not in ("no_unit", "not_a_measure"):
            reason = m.reason
        rows.append(mention_row(doc, m, "rejected", reason, ""))
    return rows


def fact_row(doc: Document, f: Figure) -> dict:
    m, (qs, qe), sentence, period = f.mention, f.quote_span, f.sentence, f.period
    assert period is not None
    return {
        "fact_id": f"{doc.doc_id}:{m.start}", "doc_id": doc.doc_id, "region_id": f.region_id,
        "period_start": period.start, "period_end": period.end,
        "program": f.program, "activity": f.activity, "measure": f.measure, "value": float(f.value),
        "unit": m.unit, "qualifier": f.qualifier,
        "quote": doc.text[qs:qe], "char_start": qs, "char_end": qe, "method": "rule",
        "recognition_level": f.recognition_level,
        "confidence": 0.0, "evidence": evidence_text(f.evidence),
        "number_text": m.text, "number_start": m.start, "number_end": m.end,
        "sentence": doc.text[sentence.start:sentence.end], "sentence_start": sentence.start,
        "group_id": f.group_id, "role": f.role, "decimals": m.decimals,
    }


def mention_row(doc: Document, m: NumberMention, status: str, reason: str, fact_id: str) -> dict:
    lo, hi = max(0, m.start - MENTION_CONTEXT_CHARS), min(len(doc.text), m.unit_end + MENTION_CONTEXT_CHARS)
    return {
        "mention_id": f"{doc.doc_id}:m{m.start}", "doc_id": doc.doc_id, "text": m.text,
        "char_start": m.start, "char_end": m.end,
        "context": doc.text[lo:hi].replace("\n", " "),
        "status": status, "reason": reason, "fact_id": fact_id,
    }
