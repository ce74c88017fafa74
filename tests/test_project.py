"""Set-up stays honest: raw files untouched, conda and pip agree, notebooks clean."""

import csv
import hashlib
import re
import tomllib

from pipelines import paths

ROOT = paths.REPO_ROOT


def test_raw_files_match_manifest_checksums() -> None:
    with open(paths.MANIFEST, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows, "manifest is empty"
    for row in rows:
        data = (paths.RAW_DIR / row["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"], row["file"]


def test_environment_yml_agrees_with_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = dict(re.fullmatch(r"([\w.-]+)==([\w.]+)", d).groups()
                for d in project["dependencies"] + project["optional-dependencies"]["test"]
                + project["optional-dependencies"]["lab"])
    environment = (ROOT / "environment.yml").read_text()
    conda = dict(re.findall(r"^\s+- ([\w.-]+)=([\w.]+)\s*$", environment, re.M))
    conda.pop("python")
    conda.update(re.findall(r"^\s+- ([\w.-]+)==([\w.]+)\s*$", environment, re.M))  # pip: what conda-forge lacks
    assert conda == pins


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "make run" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_the_contract_in_the_repository_is_the_shared_one() -> None:
    """docs/SCHEMA.md travels with the code; it must say what ../shared/SCHEMA.md says."""
    shared = ROOT.parent / "shared" / "SCHEMA.md"
    if not shared.exists():
        import pytest

        pytest.skip(f"{shared} is not beside this checkout")
    assert (ROOT / "docs" / "SCHEMA.md").read_bytes() == shared.read_bytes()


def test_the_schema_in_code_has_every_column_of_the_contract() -> None:
    from pipelines.tables.schema import TABLES

    contract = (ROOT / "docs" / "SCHEMA.md").read_text(encoding="utf-8")
    contracted = [t for t in TABLES if f"## {t}.parquet" in contract]
    assert contracted == ["documents", "facts", "checks"]
    for table in contracted:
        schema = TABLES[table]
        section = contract.split(f"## {table}.parquet", 1)[1].split("\n## ", 1)[0]
        columns = re.findall(r"^\| (\w+) \| (?:string|int64|float64) \|", section, re.M)
        assert columns and set(columns) <= set(schema.names), (table, set(columns) - set(schema.names))


def test_every_benchmark_script_imports() -> None:
    """Benchmarks are scripts, not tests, but one that no longer imports is broken."""
    import importlib.util

    for script in sorted((paths.REPO_ROOT / "benchmarks").glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"benchmark_{script.stem}", script)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)  # runs the imports, not the script's work
