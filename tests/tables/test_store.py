"""Validated, atomic, reproducible table writes."""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import signal
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.tables import schema, store
from pipelines.tables.lock import LOCK_WAIT_ENV, TablesBusyError, tables_lock
from pipelines.tables.store import load as read_table, table_path, write_table
from pipelines.tables.validate import TableValidationError, validate_table

TEXT = (
    "Kinh phí khuyến công miền Trung - Tây Nguyên\n\n"
    "7 tháng đầu năm 2022, kinh phí toàn vùng đã thực hiện đạt 20,7 tỷ đồng, "
    "đạt 28,44% kế hoạch năm.\n"
    "Trung bình mỗi năm thực hiện 30 đề án khuyến công tỉnh.\n"
)
DOC = "2022-mien-trung-tay-nguyen"
TEXTS = {DOC: TEXT}


def _frame(name: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    """Rows in schema order; schema columns a row leaves out get "" or 0, so these
    tables keep matching the schema as extra columns are added to it."""
    fields = schema.TABLES[name]
    defaults = {f.name: "" if pa.types.is_string(f.type) else 0 for f in fields}
    return pd.DataFrame([{**defaults, **row} for row in rows], columns=fields.names)


def _fact(fact_id: str, quote: str, number: str, **fields: object) -> dict[str, object]:
    start = TEXT.index(quote)
    number_start = TEXT.index(number, start)
    sentence_start = TEXT.rfind("\n", 0, start) + 1
    row: dict[str, object] = {
        "fact_id": fact_id, "doc_id": DOC, "region_id": "mien-trung-tay-nguyen",
        "period_start": "2022-01", "period_end": "2022-07", "program": "all", "activity": "all",
        "measure": "budget_spent", "value": 20.7e9, "unit": "VND", "qualifier": "",
        "quote": quote, "char_start": start, "char_end": start + len(quote), "method": "rule",
        "number_text": number, "number_start": number_start, "number_end": number_start + len(number),
        "sentence": TEXT[sentence_start:TEXT.index("\n", start)], "sentence_start": sentence_start,
        "group_id": "g1", "role": "", "review_state": "unreviewed",
    }
    row.update(fields)
    return row


def facts() -> pd.DataFrame:
    """Facts as the extractor states them for TEXT, following SCHEMA.md's worked examples."""
    return _frame("facts", [
        _fact("f1", "đã thực hiện đạt 20,7 tỷ đồng", "20,7"),
        _fact("f2", "đạt 28,44% kế hoạch năm", "28,44", measure="execution_pct", value=28.44,
              unit="percent"),
        _fact("f3", "Trung bình mỗi năm thực hiện 30 đề án", "30",
              measure="projects_implemented", value=30.0, unit="count", program="local",
              qualifier="average", period_start="2014-01", period_end="2018-12", method="curated"),
    ])


def documents() -> pd.DataFrame:
    return _frame("documents", [{
        "doc_id": DOC, "path": "data/raw/000_83be25ca213f9d1c.txt",
        "sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
        "title": "Kinh phí khuyến công miền Trung - Tây Nguyên", "published": "2022-08-18",
        "region_id": "mien-trung-tay-nguyen", "n_chars": len(TEXT), "publisher": "Bộ Công Thương",
        "received": "", "encoding": "utf-8", "warnings": "", "metadata_source": "manifest",
    }])


def checks() -> pd.DataFrame:
    return _frame("checks", [{
        "check_id": "c1", "doc_id": DOC, "kind": "ratio",
        "description": "budget_spent / execution_pct gives the plan", "stated": 28.44,
        "computed": 28.4, "rel_error": 0.0014, "status": "ok", "fact_ids": "f1,f2",
    }])


def mentions() -> pd.DataFrame:
    start = TEXT.index("20,7")
    return _frame("mentions", [{
        "mention_id": "m1", "doc_id": DOC, "text": "20,7", "char_start": start,
        "char_end": start + 4, "context": TEXT[start - 10:start + 14], "status": "fact",
        "reason": "", "fact_id": "f1",
    }])


TABLES = {"documents": documents, "facts": facts, "checks": checks, "mentions": mentions}


# --- valid tables -----------------------------------------------------------

@pytest.mark.parametrize("name", sorted(TABLES))
def test_valid_table_round_trips(name: str, tmp_path: Path) -> None:
    df = TABLES[name]()
    path = write_table(df, name, tmp_path / "processed", texts=TEXTS)
    assert path == tmp_path / "processed" / f"{name}.parquet"
    assert pq.read_schema(path).remove_metadata() == schema.TABLES[name]
    pd.testing.assert_frame_equal(read_table(name, path.parent), df, check_dtype=False)


def test_real_looking_facts_pass_with_quotes_checked() -> None:
    table = validate_table(facts(), "facts", TEXTS)
    assert table.schema == schema.FACTS
    assert table.num_rows == 3


def test_empty_table_is_valid(tmp_path: Path) -> None:
    empty = schema.CHECKS.empty_table().to_pandas()
    assert read_table("checks", write_table(empty, "checks", tmp_path).parent).empty


def test_integral_floats_are_accepted_as_integers() -> None:
    df = facts().astype({"char_start": "float64", "char_end": "object"})
    table = validate_table(df, "facts", TEXTS)
    assert table.schema == schema.FACTS
    assert table.column("char_start").to_pylist() == facts()["char_start"].tolist()


def test_same_rows_give_identical_bytes(tmp_path: Path) -> None:
    first = write_table(facts(), "facts", tmp_path / "a").read_bytes()
    second = write_table(facts(), "facts", tmp_path / "b").read_bytes()
    assert first == second
    assert b"pandas" not in first


# --- each rule is caught, naming the rows ---------------------------------------

Mutation = Callable[[pd.DataFrame], pd.DataFrame]


def _set(row: int, column: str, value: object) -> Mutation:
    def mutate(df: pd.DataFrame) -> pd.DataFrame:
        df = df.astype({column: "object"})
        df.at[row, column] = value
        return df
    return mutate


def _violation(case: str, mutate: Mutation, rule: str, rows: list[str]) -> object:
    return pytest.param(mutate, rule, rows, id=case)


FACT_VIOLATIONS = [
    _violation("extra column", lambda df: df.assign(note=""), "columns not in the schema: note", []),
    _violation("missing column", lambda df: df.drop(columns=["quote"]), "missing columns: quote", []),
    _violation("column order", lambda df: df[["doc_id", "fact_id", *df.columns[2:]]],
               "columns out of order", []),
    _violation("null string", _set(1, "qualifier", None), "null in string column qualifier", ["f2"]),
    _violation("NaN string", _set(2, "region_id", math.nan), "null in string column region_id", ["f3"]),
    _violation("number as string", _set(0, "region_id", 7), "non-string values in column region_id",
               ["f1"]),
    _violation("null id", _set(2, "fact_id", None), "null in string column fact_id", ["#2"]),
    _violation("fractional offset", _set(1, "char_start", 1.5),
               "non-integer values in column char_start", ["f2"]),
    _violation("text offset", _set(0, "char_end", "12"), "non-integer values in column char_end",
               ["f1"]),
    _violation("missing offset", _set(0, "char_start", None),
               "missing values in integer column char_start", ["f1"]),
    _violation("text value", _set(2, "value", "30"), "non-numeric values in column value", ["f3"]),
    _violation("NaN value", _set(0, "value", math.nan), "value not a finite number", ["f1"]),
    _violation("empty id", _set(0, "fact_id", ""), "empty fact_id", ["#0"]),
    _violation("duplicate id", _set(2, "fact_id", "f1"), "duplicate fact_id", ["f1", "f1"]),
    _violation("program", _set(1, "program", "tinh"), "program outside its vocabulary: 'tinh'", ["f2"]),
    _violation("activity", _set(0, "activity", "fairs"), "activity outside its vocabulary: 'fairs'",
               ["f1"]),
    _violation("measure", _set(2, "measure", "projects"), "measure outside its vocabulary", ["f3"]),
    _violation("unit", _set(0, "unit", "tỷ đồng"), "unit outside its vocabulary", ["f1"]),
    _violation("qualifier", _set(1, "qualifier", "ước"), "qualifier outside its vocabulary", ["f2"]),
    _violation("method", _set(2, "method", "manual"), "method outside its vocabulary", ["f3"]),
    _violation("unit of measure", _set(1, "unit", "count"), "unit does not match measure", ["f2"]),
    _violation("month 13", _set(0, "period_end", "2022-13"), "period_end not YYYY-MM", ["f1"]),
    _violation("year only", _set(2, "period_start", "2014"), "period_start not YYYY-MM", ["f3"]),
    _violation("reversed period", _set(1, "period_start", "2023-01"), "period_start after period_end",
               ["f2"]),
    _violation("negative offset", _set(0, "char_start", -1), "span not 0 <= char_start < char_end",
               ["f1"]),
    _violation("empty span", lambda df: df.assign(char_end=df["char_start"]),
               "span not 0 <= char_start < char_end", ["f1", "f2", "f3"]),
]


@pytest.mark.parametrize(("mutate", "rule", "rows"), FACT_VIOLATIONS)
def test_fact_rule_violation(mutate: Mutation, rule: str, rows: list[str], tmp_path: Path) -> None:
    with pytest.raises(TableValidationError) as info:
        write_table(mutate(facts()), "facts", tmp_path)
    error = info.value
    assert error.table == "facts"
    assert rule in error.rule
    assert error.row_ids == rows
    assert str(error).startswith(f"table 'facts': {error.rule}")
    assert not table_path("facts", tmp_path).exists()


def test_quote_must_match_the_text() -> None:
    df = _set(1, "char_start", facts().at[1, "char_start"] + 1)(facts())
    rule = r"quote != text\[char_start:char_end\] \(rows: f2\)"
    with pytest.raises(TableValidationError, match=rule):
        validate_table(df, "facts", TEXTS)
    validate_table(df, "facts")  # without texts there is nothing to compare against


def test_quote_needs_the_text_of_its_document() -> None:
    with pytest.raises(TableValidationError, match=r"doc_id has no text .* \(rows: f1, f2, f3\)"):
        validate_table(facts(), "facts", {"other-doc": TEXT})


@pytest.mark.parametrize(("name", "column", "value", "rule"), [
    ("documents", "sha256", "ABC", "sha256 not 64 lowercase hex digits"),
    ("documents", "published", "18/08/2023", "published neither empty nor a YYYY-MM-DD date"),
    ("documents", "published", "2023-02-30", "published neither empty nor a YYYY-MM-DD date"),
    ("documents", "n_chars", -5, "negative n_chars"),
    ("checks", "kind", "difference", "kind outside its vocabulary"),
    ("checks", "status", "warn", "status outside its vocabulary"),
    ("mentions", "status", "maybe", "status outside its vocabulary"),
    ("mentions", "char_end", 0, "span not 0 <= char_start < char_end"),
])
def test_other_table_rules(name: str, column: str, value: object, rule: str) -> None:
    df = _set(0, column, value)(TABLES[name]())
    id_column = schema.TABLES[name].names[0]
    with pytest.raises(TableValidationError, match=rf"\(rows: {df.at[0, id_column]}\)") as info:
        validate_table(df, name)
    assert rule in info.value.rule


def test_duplicate_document_ids() -> None:
    df = pd.concat([documents(), documents()], ignore_index=True)
    with pytest.raises(TableValidationError, match="duplicate doc_id"):
        validate_table(df, "documents")


def test_message_shows_the_first_ten_rows() -> None:
    quote = "đạt 28,44% kế hoạch năm"
    rows = [_fact(f"f{i:02d}", quote, "28,44", program="tỉnh") for i in range(15)]
    with pytest.raises(TableValidationError) as info:
        validate_table(_frame("facts", rows), "facts")
    assert len(info.value.row_ids) == 15
    assert "(rows: f00, f01, f02, f03, f04, f05, f06, f07, f08, f09, and 5 more)" in str(info.value)


def test_error_survives_the_trip_back_from_a_worker_process() -> None:
    error = pickle.loads(pickle.dumps(TableValidationError("facts", "duplicate fact_id", ["f1"])))
    assert (str(error), error.rule, error.row_ids) == (
        "table 'facts': duplicate fact_id (rows: f1)", "duplicate fact_id", ["f1"]
    )


def test_unknown_table() -> None:
    with pytest.raises(TableValidationError, match="unknown table"):
        validate_table(facts(), "figures")


# --- the four tables replaced together ------------------------------------------

def table_set(doc_id: str) -> dict[str, pd.DataFrame]:
    """The four tables about one document ``doc_id``, every id prefixed by it so that two
    sets never share an id; facts carry no text, so their quotes are not checked."""
    def own(ids: pd.Series) -> pd.Series:
        return ids.map(lambda v: ",".join(f"{doc_id}:{x}" for x in v.split(",")) if v else v)

    frames = {name: build() for name, build in TABLES.items()}
    frames["documents"]["doc_id"] = doc_id
    frames["facts"] = frames["facts"].assign(doc_id=doc_id, fact_id=own(frames["facts"]["fact_id"]))
    frames["mentions"] = frames["mentions"].assign(
        doc_id=doc_id, mention_id=own(frames["mentions"]["mention_id"]), fact_id=own(frames["mentions"]["fact_id"]))
    frames["checks"] = frames["checks"].assign(
        doc_id=doc_id, check_id=own(frames["checks"]["check_id"]), fact_ids=own(frames["checks"]["fact_ids"]))
    return frames


def stored_bytes(folder: Path) -> dict[str, bytes]:
    return {name: table_path(name, folder).read_bytes() for name in schema.TABLES}


def assert_one_set(folder: Path) -> str:
    """The tables in ``folder`` read (through ``load``) as one set whose ids join; its doc_id."""
    tables = {name: read_table(name, folder) for name in schema.TABLES}
    (doc_id,) = tables["documents"]["doc_id"]
    for name in ("facts", "mentions", "checks"):
        assert set(tables[name]["doc_id"]) == {doc_id}, name
    fact_ids = set(tables["facts"]["fact_id"])
    assert set(tables["mentions"]["fact_id"]) - {""} <= fact_ids
    assert {f for ids in tables["checks"]["fact_ids"] for f in ids.split(",")} <= fact_ids
    return doc_id


def test_a_set_is_written_and_read_back_whole(tmp_path: Path) -> None:
    paths = store.write_tables(table_set("old"), tmp_path)
    assert sorted(paths) == sorted(schema.TABLES) and assert_one_set(tmp_path) == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [".generation", ".tables.lock", *(f"{n}.parquet" for n in schema.TABLES)])


def test_one_invalid_table_stops_the_whole_set(tmp_path: Path) -> None:
    store.write_tables(table_set("old"), tmp_path)
    before = stored_bytes(tmp_path)
    new = table_set("new")
    new["checks"].loc[0, "status"] = "warn"  # the last table written is the one that breaks
    with pytest.raises(TableValidationError, match="status outside its vocabulary"):
        store.write_tables(new, tmp_path)
    assert stored_bytes(tmp_path) == before and not (tmp_path / store.STAGING).exists()


def test_full_disk_while_staging_keeps_the_previous_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.write_tables(table_set("old"), tmp_path)
    before = stored_bytes(tmp_path)
    real_write = store._write_durably
    calls = []

    def disk_fills_up(data: bytes, path: Path, via_temporary: bool = False) -> None:
        calls.append(path.name)
        if len(calls) == 3:
            path.write_bytes(data[:10])
            raise OSError(28, "No space left on device")
        real_write(data, path, via_temporary)

    monkeypatch.setattr(store, "_write_durably", disk_fills_up)
    with pytest.raises(OSError, match="No space left"):
        store.write_tables(table_set("new"), tmp_path)
    assert len(calls) == 3
    assert stored_bytes(tmp_path) == before and not (tmp_path / store.STAGING).exists()


# A driver process forks one writer per step of the write (every fsync and rename the
# store makes); the writer prints "writing <step>" when it gets there and waits to be
# killed; this test kills it with SIGKILL and the driver reports how it ended.
KILL_DRIVER = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, {tests!r})
    from test_store import table_set
    from pipelines.tables import store

    def stop_at(step, real):
        def call(*args, **kwargs):
            stop_at.count += 1
            if stop_at.count == step:
                print(f"writing {{step}} {{os.getpid()}}", flush=True)
                time.sleep(60)
            return real(*args, **kwargs)
        return call

    for step in range(1, {steps} + 1):
        folder = os.path.join({root!r}, str(step))
        pid = os.fork()
        if pid == 0:
            store.write_tables(table_set("old"), folder)
            stop_at.count = 0
            os.fsync, os.replace = stop_at(step, os.fsync), stop_at(step, os.replace)
            store.write_tables(table_set("new"), folder)
            print("finished", flush=True)
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        ended = f"signal {{os.WTERMSIG(status)}}" if os.WIFSIGNALED(status) else "exit"
        print(f"ended {{step}} {{ended}}", flush=True)
""")


def _steps_of_a_write(folder: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many fsyncs and renames one write of a set over another makes."""
    store.write_tables(table_set("old"), folder)
    calls = []
    for name in ("fsync", "replace"):
        real = getattr(os, name)
        monkeypatch.setattr(os, name, lambda *a, _real=real, **k: (calls.append(1), _real(*a, **k))[1])
    store.write_tables(table_set("new"), folder)
    monkeypatch.undo()
    return len(calls)


@pytest.mark.slow  # about 12 s: a process killed at every step of a write
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_killed_at_any_step_leaves_one_whole_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = _steps_of_a_write(tmp_path / "count", monkeypatch)
    assert steps >= 10  # four tables staged and renamed, the commit record, the folder syncs
    driver = subprocess.Popen(
        [sys.executable, "-c", KILL_DRIVER.format(tests=str(Path(__file__).parent), steps=steps, root=str(tmp_path))],
        stdout=subprocess.PIPE, text=True)
    assert driver.stdout is not None
    try:
        for step in range(1, steps + 1):
            said, at, pid = driver.stdout.readline().split()
            assert (said, int(at)) == ("writing", step)
            os.kill(int(pid), signal.SIGKILL)
            assert driver.stdout.readline().split() == ["ended", str(step), "signal", str(int(signal.SIGKILL))]
    finally:
        driver.kill()
        driver.wait(timeout=30)
    sets = [assert_one_set(tmp_path / str(step)) for step in range(1, steps + 1)]
    # killed before the commit record: the old set; after it: the new one, completed on load
    assert "old" in sets and "new" in sets and sets == sorted(sets, key=lambda s: s == "new")
    for step in range(1, steps + 1):  # the next write clears what a killed one left
        store.write_tables(table_set("newer"), tmp_path / str(step))
        assert assert_one_set(tmp_path / str(step)) == "newer"
        assert sorted(p.name for p in (tmp_path / str(step)).iterdir()) == sorted(
            [".generation", ".tables.lock", *(f"{n}.parquet" for n in schema.TABLES)])


def test_interrupted_replacement_is_completed_by_the_next_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.write_tables(table_set("old"), tmp_path)
    monkeypatch.setattr(store, "_roll_forward", lambda folder: None)  # the writer stops at its commit point
    store.write_tables(table_set("new"), tmp_path)
    monkeypatch.undo()
    assert (tmp_path / store.STAGING / store.COMMIT).exists()
    store.write_table(table_set("newer")["checks"], "checks", tmp_path)
    assert read_table("documents", tmp_path)["doc_id"].tolist() == ["new"]
    assert read_table("checks", tmp_path)["doc_id"].tolist() == ["newer"]


def _write_in_a_thread(frames: dict[str, pd.DataFrame], folder: Path) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def write() -> None:
        try:
            store.write_tables(frames, folder)
        except BaseException as exc:  # handed to the test
            errors.append(exc)

    thread = threading.Thread(target=write)
    thread.start()
    return thread, errors


def test_a_second_writer_waits_a_bounded_time_then_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.write_tables(table_set("old"), tmp_path)
    monkeypatch.setenv(LOCK_WAIT_ENV, "0.3")
    with tables_lock(tmp_path):
        thread, errors = _write_in_a_thread(table_set("new"), tmp_path)
        thread.join()
    assert len(errors) == 1 and isinstance(errors[0], TablesBusyError)
    assert f"{tmp_path}: another process (pid {os.getpid()}) is writing these tables" in str(errors[0])
    assert assert_one_set(tmp_path) == "old"


def test_a_second_writer_goes_on_when_the_first_is_done(tmp_path: Path) -> None:
    with tables_lock(tmp_path):
        thread, errors = _write_in_a_thread(table_set("new"), tmp_path)
        thread.join(timeout=0.5)
        assert thread.is_alive() and not table_path("facts", tmp_path).exists()  # waiting
    thread.join()
    assert not errors and assert_one_set(tmp_path) == "new"


# --- tables from an older contract --------------------------------------------------

def test_older_table_without_optional_columns_reads_with_their_empty_values(tmp_path: Path) -> None:
    path = write_table(facts(), "facts", tmp_path)
    pq.write_table(pq.read_table(path).drop_columns(["recognition_level", "confidence", "evidence", "review_state"]),
                   path)
    frame = read_table("facts", tmp_path)
    assert list(frame.columns) == schema.FACTS.names
    assert set(frame["review_state"]) == {"unreviewed"} and frame["confidence"].isna().all()


def test_older_table_without_a_required_column_is_refused_by_name(tmp_path: Path) -> None:
    path = write_table(facts(), "facts", tmp_path)
    pq.write_table(pq.read_table(path).drop_columns(["qualifier", "method"]), path)
    with pytest.raises(TableValidationError, match=rf"{path} lacks required column\(s\) qualifier, method"):
        read_table("facts", tmp_path)


def test_a_table_that_breaks_the_contract_is_refused_on_load(tmp_path: Path) -> None:
    path = write_table(facts(), "facts", tmp_path)
    pq.write_table(pa.Table.from_pandas(_set(0, "unit", "tỷ đồng")(facts()), preserve_index=False), path)
    with pytest.raises(TableValidationError, match=rf"{path}: unit outside its vocabulary"):
        read_table("facts", tmp_path)


def test_the_four_tables_are_read_as_one_set_while_sets_are_replaced(tmp_path: Path) -> None:
    store.write_tables(table_set("a"), tmp_path)
    sets = {name: table_set(name) for name in ("a", "b")}
    stop = threading.Event()

    def replace_again_and_again() -> None:
        while not stop.is_set():
            for name in ("a", "b"):
                store.write_tables(sets[name], tmp_path)

    writer = threading.Thread(target=replace_again_and_again)
    writer.start()
    try:
        for _ in range(15):
            tables = store.load_set(processed=tmp_path)
            documents = set(tables["documents"]["doc_id"])
            assert set(tables["facts"]["doc_id"]) <= documents and set(tables["checks"]["doc_id"]) <= documents
    finally:
        stop.set()
        writer.join()


def test_a_run_that_started_earlier_does_not_put_its_set_over_a_newer_one(tmp_path: Path) -> None:
    store.write_tables(table_set("newer"), tmp_path, started=2_000)
    with pytest.raises(store.SupersededError, match="started after this one"):
        store.write_tables(table_set("older"), tmp_path, started=1_000)
    assert assert_one_set(tmp_path) == "newer"
    store.write_tables(table_set("newest"), tmp_path, started=3_000)
    assert assert_one_set(tmp_path) == "newest"


@pytest.mark.parametrize("folder", ["/", "/etc", "/usr/share/x", "/proc/self", "~"])
def test_tables_are_never_written_into_the_root_or_a_system_folder(folder: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def no_lock(folder: Path) -> None:  # the guard must come first; if it does not, nothing is written anyway
        raise AssertionError(f"would have written into {folder}")

    monkeypatch.setattr(store, "tables_lock", no_lock)
    with pytest.raises(ValueError, match="refusing to write tables into"):
        store.write_tables(table_set("x"), Path(folder).expanduser())


def test_a_table_from_an_older_contract_names_the_optional_columns_it_lacks(tmp_path: Path) -> None:
    store.write_tables(table_set("old"), tmp_path)
    path = table_path("facts", tmp_path)
    pq.write_table(pq.read_table(path).drop_columns(["recognition_level", "review_state"]), path)
    with pytest.warns(store.OlderContractWarning, match="recognition_level, review_state"):
        facts = read_table("facts", tmp_path)
    assert facts.attrs["missing_optional"] == ["recognition_level", "review_state"]


def test_a_project_folder_below_usr_src_is_not_a_system_folder() -> None:
    assert store.check_out_dir(Path("/usr/src/app/data/processed")) == Path("/usr/src/app/data/processed")
