"""Tiny schema-valid tables with figures like those in the real reports, for notebook tests.

The fixtures reach every test through ``pytest_plugins`` in conftest.py.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from pipelines.tables.schema import MEASURE_UNITS, TABLES
from pipelines.tables.store import write_table

BN = 1e9

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

# doc_id, region_id, period_start, period_end, program, activity, measure, value, qualifier, quote[, level]
FACTS = [
    ("2022-mien-trung-tay-nguyen", "mien-trung-tay-nguyen", "2021-01", "2021-12", "all", "all", "budget_plan", 51.23 * BN, "", "51,23 tỷ đồng"),
    ("2022-mien-trung-tay-nguyen", "mien-trung-tay-nguyen", "2022-01", "2022-12", "all", "all", "budget_plan", 72.8 * BN, "", "72,8 tỷ đồng"),
    ("2022-mien-trung-tay-nguyen", "mien-trung-tay-nguyen", "2022-01", "2022-12", "all", "all", "growth_pct", 42.11, "", "cao hơn 42,11%"),
    ("2022-mien-trung-tay-nguyen", "mien-trung-tay-nguyen", "2022-01", "2022-07", "all", "all", "budget_spent", 20.7 * BN, "", "20,7 tỷ đồng"),
    ("2022-mien-trung-tay-nguyen", "mien-trung-tay-nguyen", "2022-01", "2022-07", "all", "all", "execution_pct", 28.44, "", "đạt 28,44% kế hoạch năm"),
    ("2022-mien-trung-tay-nguyen", "mien-trung-tay-nguyen", "2022-01", "2022-12", "all", "technology", "models", 6, "", "6 mô hình trình diễn"),
    ("2022-mien-trung-tay-nguyen", "mien-trung-tay-nguyen", "2022-01", "2022-12", "all", "technology", "beneficiaries", 253, "", "253 cơ sở"),
    ("2022-mien-trung-tay-nguyen", "mien-trung-tay-nguyen", "2022-01", "2022-12", "all", "cleaner_production", "beneficiaries", 5, "", "05 cơ sở CNNT"),
    ("2024-phia-nam", "phia-nam", "2023-01", "2023-12", "all", "all", "budget_spent", 81.725 * BN, "", "81,725 tỷ đồng"),
    ("2024-phia-nam", "phia-nam", "2023-01", "2023-12", "all", "all", "execution_pct", 82.26, "", "đạt 82,26%"),
    ("2024-phia-nam", "phia-nam", "2024-01", "2024-09", "all", "all", "budget_plan", 91.3 * BN, "", "91,3 tỷ đồng"),
    ("2024-phia-nam", "phia-nam", "2024-01", "2024-09", "national", "all", "budget_plan", 32.3 * BN, "", "32,3 tỷ đồng"),
    ("2024-phia-nam", "phia-nam", "2024-01", "2024-09", "local", "all", "budget_plan", 59 * BN, "", "59 tỷ đồng"),
    ("2024-phia-nam", "phia-nam", "2024-01", "2024-09", "national", "all", "budget_allocated", 13 * BN, "", "13 tỷ đồng"),
    ("2024-phia-nam", "phia-nam", "2024-01", "2024-09", "national", "all", "allocated_pct", 40, "", "chiếm 40%"),
    ("2024-phia-nam", "phia-nam", "2024-01", "2024-09", "local", "all", "budget_spent", 25.3 * BN, "", "25,3 tỷ đồng"),
    ("2024-phia-nam", "phia-nam", "2024-01", "2024-09", "local", "all", "execution_pct", 27.7, "", "đạt 27,7% kế hoạch năm"),
    ("2023-dak-lak", "dak-lak", "2012-01", "2022-12", "all", "all", "budget_spent", 76.482 * BN, "", "76.482 triệu đồng"),
    ("2023-dak-lak", "dak-lak", "2012-01", "2022-12", "national", "all", "budget_spent", 3.786 * BN, "", "3.786 triệu đồng"),
    ("2023-dak-lak", "dak-lak", "2012-01", "2022-12", "local", "all", "budget_spent", 15.167 * BN, "", "15.167 triệu đồng"),
    ("2023-dak-lak", "dak-lak", "2012-01", "2022-12", "counterpart", "all", "budget_spent", 57.529 * BN, "", "57.529 triệu đồng"),
    ("2023-dak-lak", "dak-lak", "2021-01", "2021-12", "all", "all", "growth_pct", -50, "", "cắt giảm 50%"),
    ("2023-dak-lak", "dak-lak", "2017-01", "2021-12", "all", "typical_products", "products", 29, "", "29 sản phẩm", "provincial"),
    ("2023-dak-lak", "dak-lak", "2012-01", "2022-12", "all", "typical_products", "products", 21, "", "21 sản phẩm", "regional"),
    ("2023-dak-lak", "dak-lak", "2012-01", "2022-12", "all", "typical_products", "products", 8, "", "8 sản phẩm", "national"),
    ("2019-bac-giang", "bac-giang", "2014-01", "2018-12", "all", "all", "projects_implemented", 166, "", "166 đề án"),
    ("2019-bac-giang", "bac-giang", "2014-01", "2018-12", "local", "all", "projects_implemented", 150, "", "150 đề án"),
    ("2019-bac-giang", "bac-giang", "2014-01", "2018-12", "national", "all", "projects_implemented", 16, "", "16 đề án"),
    ("2019-bac-giang", "bac-giang", "2014-01", "2018-12", "local", "all", "projects_implemented", 30, "average", "30 đề án"),
    ("2019-bac-giang", "bac-giang", "2019-01", "2019-12", "all", "all", "projects_planned", 25, "", "25 đề án"),
    ("2019-bac-giang", "bac-giang", "2019-01", "2019-12", "local", "all", "projects_planned", 23, "", "23 đề án"),
    ("2019-bac-giang", "bac-giang", "2019-01", "2019-12", "national", "all", "projects_planned", 2, "", "2 đề án"),
    ("2019-bac-giang", "bac-giang", "2019-01", "2019-06", "all", "all", "execution_pct", 50, "", "hoàn thành 50% kế hoạch"),
    ("2024-bac-giang", "bac-giang", "2023-01", "2023-12", "national", "all", "budget_spent", 3.2 * BN, "", "3,2 tỷ đồng"),
    ("2024-bac-giang", "bac-giang", "2023-01", "2023-12", "national", "all", "execution_pct", 100, "", "hoàn thành 100%"),
    ("2024-bac-giang", "bac-giang", "2023-01", "2023-12", "national", "technology", "projects_completed", 6, "", "6 đề án"),
    ("2024-bac-giang", "bac-giang", "2023-01", "2023-12", "national", "technology", "beneficiaries", 11, "", "11 doanh nghiệp"),
    ("2024-bac-giang", "bac-giang", "2023-01", "2023-12", "local", "all", "budget_spent", 3.2 * BN, "", "3,2 tỷ đồng"),
    ("2024-bac-giang", "bac-giang", "2023-01", "2023-12", "local", "technology", "projects_implemented", 9, "", "9 đề án"),
    ("2024-bac-giang", "bac-giang", "2024-01", "2024-12", "local", "all", "budget_plan", 3.5 * BN, "", "3,5 tỷ đồng"),
    ("2024-bac-giang", "bac-giang", "2024-01", "2024-06", "local", "all", "projects_implemented", 16, "estimate", "16/18 đề án"),
    ("2024-bac-giang", "bac-giang", "2024-01", "2024-06", "local", "all", "projects_planned", 18, "estimate", "16/18 đề án"),
    ("2024-bac-giang", "bac-giang", "2024-01", "2024-06", "local", "technology", "projects_implemented", 10, "", "10 đề án"),
    ("2024-bac-giang", "bac-giang", "2024-01", "2024-06", "local", "typical_products", "projects_completed", 1, "", "1 đề án"),
    ("2024-bac-giang", "bac-giang", "2024-01", "2024-06", "local", "consulting", "projects_implemented", 1, "", "1 đề án"),
    ("2024-bac-giang", "bac-giang", "2024-01", "2024-06", "local", "information", "projects_implemented", 2, "", "2 đề án"),
    ("2024-bac-giang", "bac-giang", "2024-01", "2024-06", "local", "capacity", "projects_implemented", 2, "", "2 đề án"),
    ("2024-bac-giang", "bac-giang", "2024-03", "2024-03", "all", "all", "iip_growth_pct", 20.6, "", "tăng 20,6%"),
]

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
    rows = []
    for i, (doc, region, start, end, program, activity, measure, value, qualifier, quote, *level) in enumerate(FACTS):
        unit = MEASURE_UNITS[measure]
        rows.append({
            "fact_id": _id("fact", i), "doc_id": doc, "region_id": region,
            "period_start": start, "period_end": end, "program": program, "activity": activity,
            "measure": measure, "value": float(value), "unit": unit, "qualifier": qualifier,
            "quote": quote, "char_start": 100 * i, "char_end": 100 * i + len(quote), "method": "rule",
            "number_text": quote.split(" ")[0], "number_start": 100 * i, "number_end": 100 * i + 4,
            "sentence": quote, "sentence_start": 100 * i, "group_id": _id("group", doc), "role": "",
            "recognition_level": level[0] if level else "", "confidence": 1.0, "evidence": "",
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
