"""The ``khuyencong`` command line: add, ingest, check, rules, review, proof, notebooks, slides, export.

It owns all printing and exit codes; each module registers its commands and turns
what the stage packages return into lines on the terminal.
"""

from __future__ import annotations

import argparse
import sys

from pipelines.cli import notebooks, proof, publishing, review, rules, tables
from pipelines.cli.review import run_review_apply, run_review_export

__all__ = ["build_parser", "main", "run_review_apply", "run_review_export"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="khuyencong",
        description="Turn khuyến công reports into traceable tables, analyses and charts.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for commands in (tables, rules, review, proof, notebooks, publishing):
        commands.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _stop_on_sigterm()
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _stop_on_sigterm() -> None:
    """A SIGTERM ends the command like Ctrl-C: workers, forge and kernels are stopped on the way out."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
