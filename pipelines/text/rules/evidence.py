"""Reading the facts' ``evidence`` column back: which rule decided each attribute."""

from __future__ import annotations

import re

_OVER = re.compile(r"\s*\(over ([^)]*)\)\s*$")


def deciders(evidence: str) -> dict[str, str]:
    """attribute -> the id (or words) after ``source:`` that decided it, without what it outweighed."""
    found = {}
    for part in evidence.split(";"):
        attribute, _, said = part.strip().partition("=")
        source, _, why = said.partition(":")
        found[attribute] = _OVER.sub("", why).strip()
    return found


def outweighed(evidence: str) -> dict[str, list[str]]:
    """attribute -> the ids its decider outweighed."""
    found = {}
    for part in evidence.split(";"):
        attribute, _, said = part.strip().partition("=")
        over = _OVER.search(said)
        found[attribute] = [x.strip() for x in over.group(1).split(",")] if over else []
    return found
