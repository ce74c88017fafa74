"""The data contract of docs/SCHEMA.md as pyarrow schemas and vocabularies.

Every table is checked against these on write and on load (see ``pipelines.tables.validate``).
"""

from __future__ import annotations

import pyarrow as pa

from pipelines.tables import vocabulary
from pipelines.tables.vocabulary import Activity, Program, Qualifier, RecognitionLevel, Unit

PROGRAMS = tuple(p.value for p in Program)
ACTIVITIES = tuple(a.value for a in Activity)
# measure -> unit it must carry
MEASURE_UNITS = {m.value: u.value for m, u in vocabulary.MEASURE_UNITS.items()}
MEASURES = tuple(MEASURE_UNITS)
UNITS = tuple(u.value for u in Unit)
QUALIFIERS = tuple(q.value for q in Qualifier)
CHECK_KINDS = ("ratio", "sum", "growth")
CHECK_STATUSES = ("ok", "mismatch")
MENTION_STATUSES = ("fact", "duplicate", "rejected")
RECOGNITION_LEVELS = tuple(r.value for r in RecognitionLevel)
# why a number is not a fact (mentions.reason; empty for facts): what the scan says of
# the token, what the extractor decided, and where the number stands
MENTION_REASONS = (
    "",
    # the token (pipelines.text.scan)
    "identifier", "document_number", "time", "ordinal", "date", "year", "period",
    "not_a_measure", "no_unit", "unreadable_number", "part_of_amount",
    # the extractor's decisions
    "no_measure_cue", "products_entered", "not_supported", "no_period", "repeated_statement",
    # where it stands
    "headline", "page_chrome", "outside_sentence",
    # an analyst's review: a fact found not to be a figure (kept here, visible, not in facts)
    "dropped_by_review",
)
REVIEW_STATES = ("unreviewed", "confirmed", "corrected")
PUBLISHED_SOURCES = ("", "manifest", "page_metadata", "dateline", "text")
METHODS = ("rule", "curated")
# Measures by kind, derived from their units so a new measure needs one line above.
BUDGET_MEASURES = tuple(m for m, u in MEASURE_UNITS.items() if u == "VND")
PERCENT_MEASURES = tuple(m for m, u in MEASURE_UNITS.items() if u == "percent")
COUNT_MEASURES = tuple(m for m, u in MEASURE_UNITS.items() if u == "count")

DOCUMENTS = pa.schema([
    ("doc_id", pa.string()),
    ("path", pa.string()),
    ("sha256", pa.string()),
    ("title", pa.string()),
    ("published", pa.string()),
    ("region_id", pa.string()),
    ("n_chars", pa.int64()),
    ("published_source", pa.string()),
    ("source_url", pa.string()),
    # extras
    ("publisher", pa.string()),
    ("received", pa.string()),
    ("encoding", pa.string()),
    ("warnings", pa.string()),
    ("metadata_source", pa.string()),
    ("region_source", pa.string()),  # text, outlet, manifest or fallback: how the report's place was found
])

FACTS = pa.schema([
    ("fact_id", pa.string()),
    ("doc_id", pa.string()),
    ("region_id", pa.string()),
    ("period_start", pa.string()),
    ("period_end", pa.string()),
    ("program", pa.string()),
    ("activity", pa.string()),
    ("measure", pa.string()),
    ("value", pa.float64()),
    ("unit", pa.string()),
    ("qualifier", pa.string()),
    ("quote", pa.string()),
    ("char_start", pa.int64()),
    ("char_end", pa.int64()),
    ("method", pa.string()),
    ("recognition_level", pa.string()),
    ("confidence", pa.float64()),
    ("evidence", pa.string()),
    ("review_state", pa.string()),
    # extras: the number itself and the sentence around it, for review and checks
    ("number_text", pa.string()),
    ("number_start", pa.int64()),
    ("number_end", pa.int64()),
    ("sentence", pa.string()),
    ("sentence_start", pa.int64()),
    ("group_id", pa.string()),
    ("role", pa.string()),
    ("decimals", pa.int64()),
])

CHECKS = pa.schema([
    ("check_id", pa.string()),
    ("doc_id", pa.string()),
    ("kind", pa.string()),
    ("description", pa.string()),
    ("stated", pa.float64()),
    ("computed", pa.float64()),
    ("rel_error", pa.float64()),
    ("status", pa.string()),
    ("fact_ids", pa.string()),
])

MENTIONS = pa.schema([
    ("mention_id", pa.string()),
    ("doc_id", pa.string()),
    ("text", pa.string()),
    ("char_start", pa.int64()),
    ("char_end", pa.int64()),
    ("context", pa.string()),
    ("status", pa.string()),
    ("reason", pa.string()),
    ("fact_id", pa.string()),
])

# Optional columns of the contract and the value a table written before them reads as
# (nothing named, no confidence computed, nothing reviewed); every other column is required.
OPTIONAL_COLUMNS: dict[str, dict[str, object]] = {
    "documents": {"published_source": "", "source_url": "", "region_source": ""},
    "facts": {"recognition_level": "", "confidence": float("nan"), "evidence": "", "review_state": "unreviewed"},
}

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "facts": FACTS,
    "checks": CHECKS,
    "mentions": MENTIONS,
}
