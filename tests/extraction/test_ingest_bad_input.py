"""Ingest over the folder of bad and awkward reports: readable ones are written,
every refused one is named with its cause, and the run says it failed."""

from pathlib import Path

from pipelines.extraction.ingest import ingest, run_ingest

BAD = Path(__file__).parent.parent / "fixtures" / "bad"
REFUSED = {"binary_control.txt", "binary_nul.txt", "directory.txt", "empty.txt", "html_no_text.txt",
           "latin1_not_vietnamese.txt", "utf8_broken_byte.txt", "whitespace_only.txt"}


def test_each_bad_file_is_refused_by_name_and_the_rest_read() -> None:
    result = ingest(BAD, jobs=1)
    assert {Path(e.path).name for e in result.errors} == REFUSED
    assert all(e.reason for e in result.errors)
    read = {Path(p).name for p in result.documents["path"]}
    assert len(read) == 8 and not read & REFUSED
    # the same sentences in every encoding give the same figures (the HTML page says other things)
    html = result.documents.loc[result.documents["path"].str.endswith("html_page.txt"), "doc_id"]
    plain = result.facts[~result.facts["doc_id"].isin(html)]
    per_doc = plain.groupby("doc_id")[["measure", "value"]].apply(lambda d: sorted(map(tuple, d.values)))
    assert per_doc.map(tuple).nunique() == 1
    assert set(result.documents["encoding"]) >= {"utf-8", "utf-8-sig", "windows-1258", "utf-16-le"}


def test_run_ends_non_zero_but_writes_the_readable(tmp_path: Path, capsys) -> None:
    assert run_ingest(BAD, tmp_path, jobs=1, progress=False) == 1
    err = capsys.readouterr().err
    for name in REFUSED:
        assert name in err
    assert (tmp_path / "facts.parquet").exists()
