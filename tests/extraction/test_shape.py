"""The extraction package stays readable: small modules, short functions."""

import ast
from pathlib import Path

import pipelines.extraction

PACKAGE = Path(pipelines.extraction.__file__).parent
MAX_MODULE_LINES = 350
MAX_FUNCTION_LINES = 40


def test_no_module_over_350_lines_and_no_function_over_40() -> None:
    too_long = []
    for path in sorted(PACKAGE.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        if source.count("\n") > MAX_MODULE_LINES:
            too_long.append(f"{path.name}: {source.count(chr(10))} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    too_long.append(f"{path.name}:{node.lineno} {node.name}: {lines} lines")
    assert not too_long, too_long
