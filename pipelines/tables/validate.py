"""Checks a table against the data contract when it is written and when it is loaded.

Notebooks, tests and outside checks rely on docs/SCHEMA.md; a table that breaks it
must fail loudly, naming the rule and the rows, rather than produce a file or a
chart that misleads its readers later.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa

from pipelines.tables import schema

ID_COLUMNS = {
    "documents": "doc_id", "facts": "fact_id", "checks": "check_id", "mentions": "mention_id",
}
VOCABULARIES: dict[str, dict[str, tuple[str, ...]]] = {
    "facts": {
        "program": schema.PROGRAMS,
        "activity": schema.ACTIVITIES,
        "measure": schema.MEASURES,
        "unit": schema.UNITS,
        "qualifier": schema.QUALIFIERS,
        "method": schema.METHODS,
        "recognition_level": schema.RECOGNITION_LEVELS,
        "review_state": schema.REVIEW_STATES,
    },
    "documents": {"published_source": schema.PUBLISHED_SOURCES},
    "checks": {"kind": schema.CHECK_KINDS, "status": schema.CHECK_STATUSES},
    "mentions": {"status": schema.MENTION_STATUSES, "reason": schema.MENTION_REASONS},
}
SPAN_TABLES = ("facts", "mentions")  # tables whose char_start/char_end point into a text
MAX_SHOWN = 10
_MONTH = r"\d{4}-(?:0[1-9]|1[0-2])"
_SHA256 = r"[0-9a-f]{64}"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class TableValidationError(ValueError):
    """A table breaks the data contract; names the table, the rule and the rows."""

    def __init__(self, table: str, rule: str, row_ids: Iterable[str] = ()) -> None:
        self.table = table
        self.rule = rule
        self.row_ids = list(row_ids)
        message = f"table {table!r}: {rule}"
        if self.row_ids:
            shown = ", ".join(self.row_ids[:MAX_SHOWN])
            more = len(self.row_ids) - MAX_SHOWN
            message += f" (rows: {shown}{f', and {more} more' if more > 0 else ''})"
        super().__init__(message)

    def __reduce__(self) -> tuple[type, tuple[str, str, list[str]]]:
        # rebuilt from its parts when sent back from a worker process
        return type(self), (self.table, self.rule, self.row_ids)


def validate_table(df: pd.DataFrame, name: str, texts: Mapping[str, str] | None = None) -> pa.Table:
    """Check ``df`` against ``schema.TABLES[name]`` and return it as a pyarrow Table of that
    schema; ``texts`` (doc_id -> decoded text) enables the quote check for facts."""
    if name not in schema.TABLES:
        raise TableValidationError(name, f"unknown table; known tables: {', '.join(schema.TABLES)}")
    table_schema = schema.TABLES[name]
    _check_columns(df, name, table_schema)
    labels = _row_labels(df, ID_COLUMNS[name])
    for fld in table_schema:
        _check_type(df[fld.name], fld, name, labels)
    table = _to_arrow(df, name, table_schema)
    _check_ids(df, name, labels)
    for column, vocabulary in VOCABULARIES.get(name, {}).items():
        _check_vocabulary(df, column, vocabulary, name, labels)
    if name in SPAN_TABLES:
        _check_spans(df, name, labels)
    if name == "facts":
        _check_facts(df, labels)
        if texts is not None:
            _check_quotes(df, texts, labels)
    if name == "documents":
        _check_documents(df, labels)
    return table


def _fail_rows(table: str, rule: str, mask: Iterable[bool], labels: list[str]) -> None:
    hits = np.flatnonzero(np.fromiter(mask, dtype=bool, count=len(labels)))
    if hits.size:
        raise TableValidationError(table, rule, [labels[i] for i in hits])


def _row_labels(df: pd.DataFrame, id_column: str) -> list[str]:
    """The id of each row for messages, or its position when the id itself is unusable."""
    ids = df[id_column].tolist()
    return [v if isinstance(v, str) and v else f"#{i}" for i, v in enumerate(ids)]


def _check_columns(df: pd.DataFrame, name: str, table_schema: pa.Schema) -> None:
    columns = [str(c) for c in df.columns]
    unknown = [c for c in columns if c not in table_schema.names]
    if unknown:
        raise TableValidationError(name, f"columns not in the schema: {', '.join(unknown)}")
    missing = [c for c in table_schema.names if c not in columns]
    if missing:
        raise TableValidationError(name, f"missing columns: {', '.join(missing)}")
    if columns != table_schema.names:
        raise TableValidationError(
            name, f"columns out of order or repeated; expected {', '.join(table_schema.names)}"
        )


def _check_type(values: pd.Series, fld: pa.Field, name: str, labels: list[str]) -> None:
    """Values castable to the field's type; whole typed columns are checked at once,
    object columns value by value."""
    missing = values.isna().to_numpy()
    if pa.types.is_string(fld.type):
        _fail_rows(name, f"null in string column {fld.name} (use \"\" for empty)", missing, labels)
        if not pd.api.types.is_string_dtype(values.dtype) or values.dtype == object:
            _fail_rows(name, f"non-string values in column {fld.name}",
                       (not isinstance(v, str) for v in values.tolist()), labels)
    elif pa.types.is_integer(fld.type):
        _fail_rows(name, f"missing values in integer column {fld.name}", missing, labels)
        if pd.api.types.is_float_dtype(values.dtype):
            floats = values.to_numpy(dtype=float)
            bad = ~np.isfinite(floats) | (np.floor(floats) != floats)
        elif pd.api.types.is_integer_dtype(values.dtype):
            bad = np.zeros(len(values), dtype=bool)
        else:
            bad = np.array([not _is_integral(v) for v in values.tolist()], dtype=bool)
        _fail_rows(name, f"non-integer values in column {fld.name}", bad, labels)
    elif pa.types.is_floating(fld.type) and not _is_numeric_dtype(values.dtype):
        _fail_rows(name, f"non-numeric values in column {fld.name}",
                   (not (m or _is_number(v)) for v, m in zip(values.tolist(), missing)), labels)


def _is_numeric_dtype(dtype: object) -> bool:
    return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _is_integral(value: object) -> bool:
    return _is_number(value) and math.isfinite(value) and float(value).is_integer()


def _to_arrow(df: pd.DataFrame, name: str, table_schema: pa.Schema) -> pa.Table:
    """Cast to the schema; the per-column checks above catch what users are likely to hit."""
    try:
        table = pa.Table.from_pandas(df, schema=table_schema, preserve_index=False, safe=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise TableValidationError(name, f"cannot be cast to the schema: {exc}") from None
    # pandas metadata records library versions and index details; files must not vary with them
    return table.replace_schema_metadata(None)


def _check_ids(df: pd.DataFrame, name: str, labels: list[str]) -> None:
    id_column = ID_COLUMNS[name]
    ids = df[id_column]
    _fail_rows(name, f"empty {id_column}", (ids == "").to_numpy(), labels)
    _fail_rows(name, f"duplicate {id_column}", ids.duplicated(keep=False).to_numpy(), labels)


def _check_vocabulary(
    df: pd.DataFrame, column: str, vocabulary: tuple[str, ...], name: str, labels: list[str]
) -> None:
    outside = ~df[column].isin(vocabulary).to_numpy()
    if outside.any():
        values = sorted(set(df[column][outside]))[:MAX_SHOWN]
        rule = (f"{column} outside its vocabulary: {', '.join(map(repr, values))} "
                f"(allowed: {', '.join(map(repr, vocabulary))})")
        _fail_rows(name, rule, outside, labels)


def _check_spans(df: pd.DataFrame, name: str, labels: list[str]) -> None:
    start, end = (df[c].to_numpy(dtype="int64") for c in ("char_start", "char_end"))
    _fail_rows(name, "span not 0 <= char_start < char_end", (start < 0) | (start >= end), labels)


def _check_facts(df: pd.DataFrame, labels: list[str]) -> None:
    expected_unit = df["measure"].map(schema.MEASURE_UNITS)
    _fail_rows("facts", "unit does not match measure (see schema.MEASURE_UNITS)",
               (df["unit"] != expected_unit).to_numpy(), labels)
    for column in ("period_start", "period_end"):
        _fail_rows("facts", f"{column} not YYYY-MM",
                   ~df[column].str.fullmatch(_MONTH).to_numpy(dtype=bool), labels)
    _fail_rows("facts", "period_start after period_end",
               (df["period_start"] > df["period_end"]).to_numpy(), labels)
    _fail_rows("facts", "value not a finite number",
               ~np.isfinite(df["value"].to_numpy(dtype=float)), labels)
    confidence = df["confidence"].to_numpy(dtype=float)
    _fail_rows("facts", "confidence outside 0..1", ~np.isnan(confidence) & ((confidence < 0) | (confidence > 1)),
               labels)


def _check_quotes(df: pd.DataFrame, texts: Mapping[str, str], labels: list[str]) -> None:
    _fail_rows("facts", "doc_id has no text to check the quote against",
               ~df["doc_id"].isin(list(texts)).to_numpy(), labels)
    rows = zip(*(df[c].tolist() for c in ("doc_id", "char_start", "char_end", "quote")))
    _fail_rows("facts", "quote != text[char_start:char_end]",
               (texts[d][int(s):int(e)] != q for d, s, e, q in rows), labels)


def _check_documents(df: pd.DataFrame, labels: list[str]) -> None:
    _fail_rows("documents", "sha256 not 64 lowercase hex digits",
               ~df["sha256"].str.fullmatch(_SHA256).to_numpy(dtype=bool), labels)
    _fail_rows("documents", "published neither empty nor a YYYY-MM-DD date",
               (v != "" and not _is_date(v) for v in df["published"].tolist()), labels)
    _fail_rows("documents", "negative n_chars", df["n_chars"].to_numpy(dtype="int64") < 0, labels)


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True
