"""A private evaluation set: published articles keyed by hand, kept as addresses, checksums and key.

The articles are third-party text and stay outside the repository; a set's folder
(``evaluation/sets/<name>/``) holds ``sources.csv`` (file, url, sha256, title,
published, …), ``key.csv`` (the answer key, ``tests/golden/answer_key.csv``'s columns
plus ``accepted``) and notes. ``stage`` copies the texts into a raw folder after
checking every checksum, so a set is scored on exactly the bytes it was keyed on.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipelines.evaluation.scoring import Score, load_key, lowest_share, roc_auc, score


class SetError(Exception):
    """A set that cannot be scored: a text missing or not the bytes that were keyed."""


@dataclass
class SetResult:
    score: Score
    facts: pd.DataFrame
    documents: pd.DataFrame
    checks: pd.DataFrame

    @property
    def wrong_flags(self) -> list[bool]:
        return [f in self.score.wrong for f in self.facts["fact_id"]]

    def auc(self) -> float:
        return roc_auc(self.facts["confidence"].astype(float).tolist(), self.wrong_flags)

    def lowest_share(self, share: float = 0.2) -> tuple[int, int]:
        """Wrong facts among the lowest-confidence ``share`` of facts (ties against the measure), and all wrong."""
        return lowest_share(self.facts["confidence"].astype(float).tolist(), self.wrong_flags, share)


def read_sources(set_dir: Path) -> list[dict[str, str]]:
    with open(set_dir / "sources.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def stage(set_dir: Path, texts_dir: Path, raw_dir: Path, with_addresses: bool = False) -> None:
    """Copy the set's texts into ``raw_dir`` with a manifest.

    Without addresses the manifest gives each file only its publication date (as a
    department's e-mail would): title, region and publisher are worked out from the text.
    """
    raw_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for source in read_sources(set_dir):
        text = texts_dir / source["file"]
        if not text.is_file():
            raise SetError(f"{text}: missing (rebuild it from {source['url']}, see evaluation/README.md)")
        digest = hashlib.sha256(text.read_bytes()).hexdigest()
        if digest != source["sha256"]:
            raise SetError(f"{text}: SHA-256 {digest[:12]}… is not the keyed {source['sha256'][:12]}…")
        shutil.copyfile(text, raw_dir / source["file"])
        rows.append({"file": source["file"], "published": source.get("published", ""),
                     "source_url": source["url"] if with_addresses else ""})
    columns = ["file", "published", "source_url"]
    pd.DataFrame(rows, columns=columns).to_csv(raw_dir / "manifest.csv", index=False)


def evaluate(set_dir: Path, texts_dir: Path, work_dir: Path, with_addresses: bool = False) -> SetResult:
    """Stage the set, ingest it with the rules alone (no reviewed overrides) and score it."""
    from pipelines.ingest.run import ingest  # the stage being measured

    raw = work_dir / "raw"
    stage(set_dir, texts_dir, raw, with_addresses)
    result = ingest(raw, jobs=1)
    if result.errors:
        raise SetError("; ".join(str(e) for e in result.errors))
    key = load_key(set_dir / "key.csv")
    return SetResult(score(result.facts, result.documents, key), result.facts, result.documents, result.checks)
