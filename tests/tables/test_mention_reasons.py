"""mentions.reason is a vocabulary: empty for facts, a known reason otherwise."""

import pandas as pd
import pytest

from pipelines.tables.validate import TableValidationError, validate_table


def mentions(reason: str) -> pd.DataFrame:
    return pd.DataFrame([{"mention_id": "d:m0", "doc_id": "d", "text": "12", "char_start": 0, "char_end": 2,
                          "context": "12 tỉnh", "status": "rejected", "reason": reason, "fact_id": ""}])


def test_known_reasons_pass() -> None:
    validate_table(mentions("document_number"), "mentions")
    validate_table(mentions(""), "mentions")


def test_an_unknown_reason_is_refused_by_name() -> None:
    with pytest.raises(TableValidationError, match="reason"):
        validate_table(mentions("no measure cue"), "mentions")
