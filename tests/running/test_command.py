"""``khuyencong notebooks`` on the command line: what it prints and the code it ends with."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines import cli
from pipelines.cli.notebooks import summary
from pipelines.running.execute import Outcome
from pipelines.running.plan import Run


def run(name: str) -> Run:
    return Run(name, "dak-lak", "vi", Path(f"{name}.ipynb"), {}, Path(f"/r/vi/dak-lak/{name}.ipynb"), "f")


def test_unknown_region_fails_at_once_with_the_list(tables_dir: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code = cli.main(["notebooks", "--region", "atlantis", "--processed", str(tables_dir)])
    assert code == 2
    error = capsys.readouterr().err
    assert error.startswith("khuyencong notebooks: unknown region 'atlantis'")
    assert "dak-lak" in error and "phia-nam" in error


@pytest.mark.parametrize("argv", [["--timeout", "0"], ["--timeout", "-5"], ["--lang", "fr"]])
def test_bad_options_are_refused_by_the_parser(argv: list[str], capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(["notebooks", *argv])
    assert stop.value.code == 2


def test_options_reach_the_batch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen = {}

    def fake(**kwargs: object) -> object:
        seen.update(kwargs)
        from pipelines.running.batch import BatchResult

        return BatchResult([Outcome(run("a"), "failed", 1.0, "kernel died")], tmp_path / "index.html", 0.1)

    monkeypatch.setattr("pipelines.running.batch.run_batch", fake)
    assert cli.main(["notebooks", "--no-fork", "--timeout", "30", "--jobs", "100000", "--quiet"]) == 1
    assert (seen["fork"], seen["timeout"], seen["jobs"], seen["progress"]) == (False, 30, 100000, False)


def test_summary_lists_status_time_and_the_failing_cell() -> None:
    text = summary([Outcome(run("ok_one"), "ok", 2.25),
                        Outcome(run("bad"), "failed", 1.0, "In [3] (cell 4 of the executed notebook): ZeroDivisionError")])
    assert "dak-lak" in text and "2.2s" in text
    assert "In [3] (cell 4 of the executed notebook): ZeroDivisionError" in text
    assert text.splitlines()[-1] == "1 ran, 0 up to date, 1 failed"
