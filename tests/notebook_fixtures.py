"""Tiny schema-valid tables with figures like those in the real reports, for notebook tests.

The fixtures reach every test through ``pytest_plugins`` in conftest.py.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pandas as pd
import pytest

from pipelines.tables.schema import MEASURE_UNITS, TABLES
from pipelines.tables.store import write_table


DOCUMENTS = [
    # doc_id, title, published, region_id
    ("2022-mien-trung-tay-nguyen", "Miền Trung - Tây Nguyên: 6 nhóm giải pháp hoàn thành 100% các đề án khuyến công",
     "2022-08-18", "mien-trung-tay-nguyen"),
    ("2024-phia-nam", "Hội nghị khuyến công các tỉnh, thành phố khu vực phía Nam lần thứ XIV, năm 2024",
     "2024-10-10", "phia-nam"),
    ("2023-dak-lak", "Hoạt động Khuyến công tỉnh Đắk Lắk: vai trò quan trọng và động lực thúc đẩy phát triển công nghiệp nông thôn",
     "", "dak-lak"),
    ("2019-bac-giang", "Việc thực hiện các đề án Khuyến công và những kinh nghiệm rút ra từ thực tế của tỉnh Bắc Giang",
     "2019-07-15", "bac-giang"),
    ("2024-bac-giang", "Hỗ trợ mạnh cho sản xuất công nghiệp - tiểu thủ công nghiệp",
     "2024-04-02", "bac-giang"),
]

# the figures, one row each (value in VND, percent points or a count; recognition_level or empty)
FACTS_CSV = Path(__file__).parent / "fixtures" / "notebook_facts.csv"

# doc_id, kind, description, stated, computed, status, fact indexes
CHECKS = [
    ("2022-mien-trung-tay-nguyen", "ratio", "execution_pct = budget_spent / budget_plan", 28.44, 28.434, "ok", (4, 3, 1)),
    ("2022-mien-trung-tay-nguyen", "growth", "growth_pct = plan 2022 / plan 2021 - 1", 42.11, 42.104, "ok", (2, 1, 0)),
    ("2024-phia-nam", "sum", "budget_plan all = national + local", 91.3e9, 91.3e9, "ok", (10, 11, 12)),
    ("2024-phia-nam", "ratio", "execution_pct local = budget_spent / budget_plan", 27.7, 42.88, "mismatch", (16, 15, 12)),
    ("2023-dak-lak", "sum", "budget_spent all = national + local + counterpart", 76.482e9, 76.482e9, "ok", (17, 18, 19, 20)),
]

# doc_id, text, status, reason
MENTIONS = [
    ("2022-mien-trung-tay-nguyen", "72,8 tỷ đồng", "fact", ""),
    ("2022-mien-trung-tay-nguyen", "lần thứ XII, năm 2022", "rejected", "year"),
    ("2022-mien-trung-tay-nguyen", "15 tỉnh, thành phố", "rejected", "not_a_measure"),
    ("2024-phia-nam", "10/10/2024", "rejected", "date"),
    ("2024-phia-nam", "103/CĐ-TTg", "rejected", "document_number"),
    ("2024-phia-nam", "45/2012/NĐ-CP", "rejected", "document_number"),
    ("2024-phia-nam", "91,3 tỷ đồng", "fact", ""),
    ("2023-dak-lak", "76.482 triệu đồng", "fact", ""),
    ("2023-dak-lak", "76.482 triệu đồng", "duplicate", "repeated_statement"),
    ("2024-bac-giang", "tháng 3.2023", "rejected", "date"),
]


def _id(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:12]


def _write(table: str, rows: list[dict], folder: Path) -> None:
    """Through the validated writer of the real tables: a fixture that breaks the contract fails here."""
    write_table(pd.DataFrame(rows, columns=TABLES[table].names), table, folder)


def fact_rows() -> list[dict]:
    """The fixture's figures as fact rows: each traced to made-up offsets, budgets confirmed."""
    rows = []
    with FACTS_CSV.open(encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f)):
            quote, measure = row["quote"], row["measure"]
            rows.append({
                **row, "fact_id": _id("fact", i), "value": float(row["value"]), "unit": MEASURE_UNITS[measure],
                "char_start": 100 * i, "char_end": 100 * i + len(quote), "method": "rule",
                "number_text": quote.split(" ")[0], "number_start": 100 * i, "number_end": 100 * i + 4,
                "sentence": quote, "sentence_start": 100 * i, "group_id": _id("group", row["doc_id"]), "role": "",
                "confidence": 1.0, "evidence": "",
                "review_state": "confirmed" if measure == "budget_plan" else "unreviewed", "decimals": 0,
            })
    return rows


def write_tables(folder: Path) -> Path:
    """Write documents, facts, checks and mentions Parquet files into ``folder``; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    _write("documents", [
        {"doc_id": doc, "path": f"data/raw/{doc}.txt", "sha256": hashlib.sha256(doc.encode()).hexdigest(),
         "title": title, "published": published, "region_id": region, "n_chars": 5000,
         "published_source": "dateline" if published else "", "source_url": "",
         "publisher": "", "received": "", "encoding": "utf-8", "warnings": "", "metadata_source": "fixture", "region_source": "text"}
        for doc, title, published, region in DOCUMENTS
    ], folder)
    facts = fact_rows()
    _write("facts", facts, folder)
    _write("checks", [
        {"check_id": _id("check", i), "doc_id": doc, "kind": kind, "description": description,
         "stated": stated, "computed": computed, "rel_error": abs(stated - computed) / abs(stated),
         "status": status, "fact_ids": ",".join(facts[j]["fact_id"] for j in used)}
        for i, (doc, kind, description, stated, computed, status, used) in enumerate(CHECKS)
    ], folder)
    _write("mentions", [
        {"mention_id": _id("mention", i), "doc_id": doc, "text": text, "char_start": 10 * i,
         "char_end": 10 * i + len(text), "context": f"… {text} …", "status": status, "reason": reason,
         "fact_id": ""}
        for i, (doc, text, status, reason) in enumerate(MENTIONS)
    ], folder)
    return folder


@pytest.fixture(scope="session")
def tables_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A processed/ folder holding the fixture tables, shared by the whole session."""
    return write_tables(tmp_path_factory.mktemp("processed"))
