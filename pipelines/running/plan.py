"""What a batch will run: notebooks × regions, their checked parameters, where each writes, and a fingerprint.

Deciding this needs no Papermill, no pandas and no kernel, so a batch with
nothing to do stays well under a second.
"""

from __future__ import annotations

import ast
import hashlib
import json
import math
import os
from dataclasses import dataclass
from pathlib import Path

from pipelines.analysis import labels
from pipelines.tables import inputs
from pipelines.tables.inputs import digest
from pipelines.tables import regions as reference
from pipelines.tables.store import table_path

KERNEL = "python3"
NOTEBOOK_CODE = ("analysis", "tables")  # sub-packages whose code a notebook run executes
SET_BY_BATCH = ("processed_dir", "figures_dir")  # parameters the batch decides; not accepted from callers
PLAIN = (str, int, float, bool, type(None))  # the only parameter values a kernel may receive


class BatchError(ValueError):
    """A batch that cannot start: the message says what is wrong and lists the valid values."""


@dataclass(frozen=True)
class Run:
    notebook: str
    region: str
    lang: str
    source: Path
    parameters: dict[str, object]
    output: Path  # reports/<lang>/<region>/<notebook>.ipynb
    fingerprint: str
    title: str = ""  # the page title: the notebook's name and the region's, in the run's language
    siblings: tuple[tuple[str, str], ...] = ()  # (region id, name) of every region of the batch, for links

    @property
    def html(self) -> Path:
        return self.output.with_suffix(".html")

    @property
    def sidecar(self) -> Path:
        return self.output.with_suffix(".run.json")


def notebook_sources(notebooks_dir: Path) -> dict[str, Path]:
    """The analysis notebooks: those with a cell tagged ``parameters`` (``explore`` is for people, not the batch)."""
    return {path.stem: path for path in sorted(notebooks_dir.glob("*.ipynb")) if notebook_parameters(path)}


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


def notebook_parameters(path: Path) -> dict[str, object]:
    """The names and defaults in the cell tagged ``parameters``, read without Papermill.

    Agrees with ``papermill.inspect_notebook`` (a test checks it) at a fraction of its import time.
    """
    for cell in _cells(path):
        if cell["cell_type"] == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            found: dict[str, object] = {}
            for node in ast.parse(_source(cell)).body:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
                for target in targets:
                    if isinstance(target, ast.Name) and node.value is not None:
                        found[target.id] = ast.literal_eval(node.value)
            return found
    return {}


def notebook_title(path: Path, lang: str) -> str:
    """The notebook's first heading, ``# Vietnamese · English``, in ``lang``; the file name without one."""
    for cell in _cells(path):
        if cell["cell_type"] == "markdown" and _source(cell).startswith("# "):
            names = _source(cell).splitlines()[0][2:].split(" · ")
            return names[min(labels.LANGS.index(lang), len(names) - 1)].strip()
    return path.stem


def select_notebooks(notebook: str, notebooks_dir: Path) -> dict[str, Path]:
    available = notebook_sources(notebooks_dir)
    if notebook == "all":
        if not available:
            raise BatchError(f"no notebooks in {notebooks_dir}")
        return available
    name = notebook.removesuffix(".ipynb")
    if name not in available:
        raise BatchError(f"unknown notebook {notebook!r}; valid: all, {', '.join(available)}")
    return {name: available[name]}


def select_regions(region: str, charted: list[str], known: dict[str, reference.Region]) -> list[str]:
    """``all``: every region with figures; else one known region id that has figures."""
    if region == reference.ALL:
        return charted
    try:
        reference.check_region(region, known)
    except ValueError as exc:
        raise BatchError(str(exc)) from None
    if region not in charted:
        raise BatchError(f"region {region!r} has no programme figures in the tables; "
                         f"regions with figures: {', '.join(charted) or '(none)'}")
    return [region]


def regions_with_facts(processed: Path, known: dict[str, reference.Region], units: str = "2024") -> list[str]:
    """Every known region with figures (see ``tables.regions.regions_with_facts``)."""
    try:
        return reference.regions_with_facts(table_path("facts", processed), known, units)
    except FileNotFoundError as exc:
        raise BatchError(str(exc)) from None


def check_parameters(parameters: dict[str, object], notebooks: dict[str, Path]) -> None:
    """Every parameter must exist in every selected notebook, with a plain value of its default's type.

    Papermill writes values into a code cell, so anything but a plain value could run code.
    """
    for name, path in notebooks.items():
        declared = notebook_parameters(path)
        unknown = [p for p in parameters if p not in declared]
        if unknown:
            raise BatchError(f"unknown parameter {', '.join(map(repr, unknown))} for notebook {name}; "
                             f"valid: {', '.join(declared) or '(none: no cell tagged parameters)'}")
        for parameter, value in parameters.items():
            _check_value(parameter, value, declared[parameter])


def _check_value(name: str, value: object, default: object) -> None:
    expected = type(default)
    fits = type(value) is expected or default is None or (expected is float and type(value) is int)
    if type(value) not in PLAIN or not fits or (type(value) is float and not math.isfinite(value)):
        raise BatchError(f"parameter {name!r} must be a plain {expected.__name__} like its default "
                         f"{default!r}, not {type(value).__name__}")


def input_digests(processed: Path, reference_dir: Path, package: Path = Path(__file__).parent.parent) -> dict[str, str]:
    """What every run reads besides its notebook: the tables, the reference data and the code it executes."""
    # the analysis and the tables it loads, not the extraction rules
    code = [p for folder in NOTEBOOK_CODE for p in (package / folder).glob("*.py")] + [package / "paths.py"]
    return inputs.input_digests(processed, reference_dir, package, code)


def fingerprint(source: Path, parameters: dict[str, object], inputs: dict[str, str]) -> str:
    blob = json.dumps({"notebook": digest(source), "parameters": parameters, "inputs": inputs}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def inside(path: Path, folder: Path) -> Path:
    """``path``, after confirming that it resolves to a place inside ``folder``."""
    if not path.resolve().is_relative_to(folder.resolve()):
        raise BatchError(f"refusing to write {path}: it is outside {folder}")
    return path


def plan(region: str, notebook: str, lang: str, processed: Path, reports_dir: Path, figures_dir: Path,
         notebooks_dir: Path, reference_dir: Path, extra: dict[str, object] | None = None) -> list[Run]:
    """Every run of the batch, after checking all its parameters; raises BatchError on the first problem.

    ``region`` and ``lang`` given in ``extra`` replace the arguments and are checked the same way.
    """
    extra = dict(extra or {})
    reserved = [name for name in SET_BY_BATCH if name in extra]
    if reserved:
        raise BatchError(f"parameter {', '.join(map(repr, reserved))} is set by the batch, not by the caller")
    notebooks = select_notebooks(notebook, notebooks_dir)
    check_parameters({"region": region, "lang": lang, **extra}, notebooks)
    region, lang = extra.pop("region", region), extra.pop("lang", lang)
    try:
        labels.check_lang(lang)
    except ValueError as exc:
        raise BatchError(str(exc)) from None
    known = reference.known_regions(reference_dir)
    try:
        charted = regions_with_facts(processed, known, str(extra.get("units", "2024")))
    except ValueError as exc:  # an unknown units value
        raise BatchError(str(exc)) from None
    regions = select_regions(region, charted, known)
    base = {"lang": lang, "processed_dir": str(processed), "figures_dir": str(figures_dir / lang), **extra}
    inputs = input_digests(processed, reference_dir)
    names = reference.region_names(known)
    runs = []
    for region_id in regions:
        inside(figures_dir / lang / region_id, figures_dir)
        for name, source in notebooks.items():
            parameters = {"region": region_id, **base}
            output = inside(reports_dir / lang / region_id / f"{name}.ipynb", reports_dir / lang)
            title = f"{notebook_title(source, lang)} – {labels.region(region_id, lang, names)}"
            # links only to pages this batch writes or that are already there: none that leads nowhere
            siblings = tuple((other, labels.region(other, lang, names)) for other in charted
                             if other in regions or (reports_dir / lang / other / f"{name}.html").exists())
            runs.append(Run(name, region_id, lang, source, parameters, output,
                            fingerprint(source, parameters, inputs), title, siblings))
    return runs


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def worker_count(jobs: int, runs: int) -> int:
    """``jobs`` (0: one per core), never more than the runs or the cores."""
    return max(1, min(jobs or cores(), runs, cores()))
