"""The one engine that applies the rule tables: load, validate, compile once, match.

A table is one TOML file per decision (``frame.toml``, ``measure.toml`` …) in this
folder. Each rule is a record: a stable ``id``, the ``scope`` it looks in (a key of
the table's ``[scopes]``, which says where in words and how its rules match), a
regex ``pattern``, the ``answer`` it gives, its ``weight`` and at least one
``examples`` entry: a sentence written for the table and the fact columns it must
give (``tests/extraction/test_rule_examples.py`` runs every one through the whole
extractor). A scope matches its rules one of two ways:

- ``alternation``: one regex of all its rules in table order; at each position the
  first rule that matches wins (``finditer``, ``search``, ``match``);
- ``priority``: each rule on its own, earlier rules winning overlaps (``find``).

With ``whole_words`` a match must neither start nor end inside a word. Patterns are
matched case-insensitively against NFC text, unless the scope is ``case_sensitive``.

A table also keeps the order of its decision as records: ``[[order.<chain>]]``
entries, each a ``step`` with what it ``does`` (and, for a step no rule of the table
decides, such as an inheritance, its own ``examples``). The code gives each step's
function by name (``chain``); the table says in which order they are asked and how
(``[applies]``, by chain): ``first`` (the default: the first that answers decides),
``each`` (adjustments, each applied to what the one before left) or ``all`` (every
step answers, each with its ``weight``: the votes of a weighed decision). Reordering
a decision, or reweighing a vote, is an edit of its table.
"""

from __future__ import annotations

import re
import tomllib
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Callable, Generic, Iterator, Mapping, Optional, TypeVar

RULES_DIR = Path(__file__).parent
MATCHINGS = ("alternation", "priority")
APPLIES = {"first": "the first step that answers decides", "each": "each step adjusts what the one before left",
           "all": "every step answers; the answers are weighed"}
_ID = re.compile(r"[a-z_]+(?:\.[a-z0-9_]+)+")
# rules switched off for a test of what each decides (see ``without``); empty in use
_DISABLED: set[str] = set()


class RuleError(ValueError):
    """A table that cannot be used: a duplicate id, a pattern that does not compile, a
    rule without an example, an unknown scope or answer."""


@dataclass(frozen=True)
class Example:
    """A sentence (or a short report, paragraphs split by blank lines) and the fact
    columns its figure must have; ``number`` is that figure's number as written (the
    first fact when empty)."""

    text: str
    expect: dict[str, str]
    number: str = ""
    published: str = ""  # the report's date, YYYY-MM-DD, when the answer depends on it
    region: str = ""  # the report's own region, when not the examples' usual province


@dataclass(frozen=True)
class Rule:
    id: str
    decision: str
    scope: str
    pattern: str
    answer: str
    weight: float
    examples: tuple[Example, ...]
    note: str = ""


@dataclass(frozen=True)
class Scope:
    name: str
    where: str  # in words: where in the text the rules of this scope look
    matching: str = "alternation"
    whole_words: bool = True
    case_sensitive: bool = False


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    rule: Rule
    words: str
    match: Optional[re.Match[str]] = None  # of a priority scope: its named groups ("(?P<y>…)")

    @property
    def answer(self) -> str:
        return self.rule.answer


@dataclass(frozen=True)
class Step:
    """One step of a decision's order: ``id`` is ``<decision>.order.<chain>.<step>``."""

    decision: str
    chain: str
    name: str
    does: str
    examples: tuple[Example, ...] = ()
    scopes: tuple[str, ...] = ()  # the table's scopes whose rules it asks (their examples test it)
    cites: str = ""  # what the evidence names when this step decides and no rule did (``inherit.total`` …)
    weight: float = 1.0  # what its answers weigh, in an order that weighs them (``all``)

    @property
    def id(self) -> str:
        return f"{self.decision}.order.{self.chain}.{self.name}"


@dataclass(frozen=True)
class Table:
    decision: str
    answers: tuple[str, ...]
    scopes: dict[str, Scope]
    rules: tuple[Rule, ...]
    extra: dict = field(default_factory=dict)  # the table's other data ([as_plan] …)
    order: dict[str, tuple[Step, ...]] = field(default_factory=dict)  # each chain's steps, first asked first
    applies: dict[str, str] = field(default_factory=dict)  # how each chain is applied (a key of APPLIES)

    def of(self, scope: str, answer: Optional[str] = None) -> tuple[Rule, ...]:
        if scope not in self.scopes:
            raise RuleError(f"{self.decision}: no scope {scope!r}")
        return tuple(r for r in self.rules if r.scope == scope and (answer is None or r.answer == answer))


@contextmanager
def without(*ids: str) -> Iterator[None]:
    """Match as if the rules ``ids`` were not in their tables (to test what a rule decides)."""
    _DISABLED.update(ids)
    try:
        yield
    finally:
        _DISABLED.difference_update(ids)


class Matcher:
    """The rules of one scope (optionally of one answer), compiled once."""

    def __init__(self, rules: tuple[Rule, ...], scope: Scope) -> None:
        self.rules, self.scope = rules, scope
        self._without: dict[frozenset[str], Matcher] = {}
        self._by_group = {f"r{i}": rule for i, rule in enumerate(rules)}
        flags = 0 if scope.case_sensitive else re.I
        if scope.matching == "alternation":
            body = "|".join(f"(?P<r{i}>{rule.pattern})" for i, rule in enumerate(rules)) or "(?!)"
            self._one = re.compile(_bounded(body, scope.whole_words), flags)
        self._each = [(re.compile(_bounded(rule.pattern, scope.whole_words), flags), rule) for rule in rules]

    def _active(self) -> "Matcher":
        """This matcher, or one without the switched-off rules."""
        if not _DISABLED or not any(rule.id in _DISABLED for rule in self.rules):
            return self
        key = frozenset(_DISABLED)
        if key not in self._without:
            self._without[key] = Matcher(tuple(r for r in self.rules if r.id not in key), self.scope)
        return self._without[key]

    def _hit(self, m: Optional[re.Match[str]]) -> Optional[Hit]:
        if m is None:
            return None
        name = next(k for k, v in m.groupdict().items() if v is not None and k in self._by_group)
        return Hit(m.start(), m.end(), self._by_group[name], m.group(0))

    def finditer(self, text: str, pos: int = 0, endpos: Optional[int] = None) -> Iterator[Hit]:
        if _DISABLED and self._active() is not self:
            yield from self._active().finditer(text, pos, endpos)
            return
        for m in self._one.finditer(text, pos, len(text) if endpos is None else endpos):
            yield self._hit(m)  # type: ignore[misc]

    def search(self, text: str, pos: int = 0, endpos: Optional[int] = None) -> Optional[Hit]:
        if _DISABLED and self._active() is not self:
            return self._active().search(text, pos, endpos)
        return self._hit(self._one.search(text, pos, len(text) if endpos is None else endpos))

    def match(self, text: str, pos: int = 0) -> Optional[Hit]:
        if _DISABLED and self._active() is not self:
            return self._active().match(text, pos)
        return self._hit(self._one.match(text, pos))

    def fullmatch(self, text: str) -> Optional[Hit]:
        """The hit that spans all of ``text``; in a priority scope, the first rule's that does
        (with its named groups)."""
        if _DISABLED and self._active() is not self:
            return self._active().fullmatch(text)
        if self.scope.matching == "priority":
            return next((Hit(0, len(text), rule, text, m) for pattern, rule in self._each
                         for m in [pattern.fullmatch(text)] if m), None)
        return self._hit(self._one.fullmatch(text))

    def sub(self, text: str, blank: str = " ") -> str:
        """``text`` with every match replaced by as many ``blank`` characters."""
        if _DISABLED and self._active() is not self:
            return self._active().sub(text, blank)
        return self._one.sub(lambda m: blank * len(m.group(0)), text)

    def find(self, text: str) -> list[Hit]:
        """Non-overlapping hits, earlier rules winning overlaps, in text order."""
        if _DISABLED and self._active() is not self:
            return self._active().find(text)
        found: list[Hit] = []
        for pattern, rule in self._each:
            for m in pattern.finditer(text):
                if any(m.start() < h.end and h.start < m.end() for h in found):
                    continue
                found.append(Hit(m.start(), m.end(), rule, m.group(0), m))
        return sorted(found, key=lambda h: h.start)

    def each(self, text: str, pos: int = 0, endpos: Optional[int] = None) -> Iterator[Hit]:
        """Every match of every rule in table order (overlaps included: the caller decides)."""
        if _DISABLED and self._active() is not self:
            yield from self._active().each(text, pos, endpos)
            return
        for pattern, rule in self._each:
            for m in pattern.finditer(text, pos, len(text) if endpos is None else endpos):
                yield Hit(m.start(), m.end(), rule, m.group(0), m)


def _bounded(body: str, whole_words: bool) -> str:
    return rf"(?<!\w)(?:{body})(?!\w)" if whole_words else f"(?:{body})"


def read_table(path: Path) -> Table:
    """One table file, validated: ids unique and well formed, scopes and answers known,
    patterns compile, every rule has at least one example."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    decision = data.get("decision") or path.stem
    answers = tuple(data.get("answers", ()))
    scopes = {}
    for name, s in data.get("scopes", {}).items():
        scope = Scope(name, s.get("where", ""), s.get("matching", "alternation"), s.get("whole_words", True),
                      s.get("case_sensitive", False))
        if scope.matching not in MATCHINGS:
            raise RuleError(f"{path.name}: scope {name}: matching must be one of {MATCHINGS}")
        scopes[name] = scope
    rules = []
    for row in data.get("rules", []):
        rules.append(_rule(path.name, decision, row, scopes, answers))
    extra = {k: v for k, v in data.items() if k not in ("decision", "answers", "scopes", "rules", "order", "applies")}
    order = {name: tuple(_step(path.name, decision, name, row) for row in rows)
             for name, rows in data.get("order", {}).items()}
    applies = {name: data.get("applies", {}).get(name, "first") for name in order}
    if set(data.get("applies", {})) - set(order) or set(applies.values()) - set(APPLIES):
        raise RuleError(f"{path.name}: [applies] names an order of the table and one of {sorted(APPLIES)}")
    for name, steps in order.items():
        names = [step.name for step in steps]
        if len(set(names)) != len(names):
            raise RuleError(f"{path.name}: order {name}: a step is listed twice")
        unknown = {scope for step in steps for scope in step.scopes} - set(scopes)
        if unknown:
            raise RuleError(f"{path.name}: order {name}: no scope {sorted(unknown)}")
    return Table(decision, answers, scopes, tuple(rules), extra, order, applies)


def _step(file: str, decision: str, chain: str, row: dict) -> Step:
    name = row.get("step", "")
    if not re.fullmatch(r"[a-z0-9_]+", name) or not row.get("does", "").strip():
        raise RuleError(f"{file}: order {chain}: every step has a name (lower-case words) and says what it does")
    scopes = tuple(row.get("scopes", ()))
    examples = _examples(row)
    if not scopes and not examples:
        raise RuleError(f"{file}: order {chain}: step {name} names the scopes whose rules it asks, "
                        "or has examples of its own")
    return Step(decision, chain, name, row["does"].strip(), examples, scopes, row.get("cites", ""),
                float(row.get("weight", 1.0)))


def _examples(row: dict) -> tuple[Example, ...]:
    return tuple(Example(e["text"], {k: str(v) for k, v in e.get("expect", {}).items()}, str(e.get("number", "")),
                         str(e.get("published", "")), str(e.get("region", "")))
                 for e in row.get("examples", []))


def _rule(file: str, decision: str, row: dict, scopes: dict[str, Scope], answers: tuple[str, ...]) -> Rule:
    rid = row.get("id", "")
    where = f"{file}: rule {rid or '(no id)'}"
    if not _ID.fullmatch(rid) or not rid.startswith(decision + "."):
        raise RuleError(f"{where}: an id is '{decision}.' then lower-case words joined by dots")
    if row.get("scope") not in scopes:
        raise RuleError(f"{where}: scope {row.get('scope')!r} is not one of {sorted(scopes)}")
    if answers and row.get("answer") not in answers:
        raise RuleError(f"{where}: answer {row.get('answer')!r} is not one of {answers}")
    pattern = row.get("pattern", "")
    try:
        compiled = re.compile(pattern)
    except re.error as e:
        raise RuleError(f"{where}: pattern does not compile: {e}") from None
    if not pattern or (compiled.groupindex and scopes[row["scope"]].matching != "priority"):
        raise RuleError(f"{where}: a pattern is not empty, and names groups only in a priority scope")
    examples = _examples(row)
    if not examples or not all(e.text.strip() and e.expect for e in examples):
        raise RuleError(f"{where}: every rule has at least one example with the answer it must give")
    return Rule(rid, decision, row["scope"], pattern, row.get("answer", ""), float(row.get("weight", 1.0)),
                examples, row.get("note", ""))


@cache
def tables() -> dict[str, Table]:
    """Every table of this folder by decision, validated once (ids unique across tables)."""
    found: dict[str, Table] = {}
    seen: set[str] = set()
    for path in sorted(RULES_DIR.glob("*.toml")):
        table = read_table(path)
        for rule in table.rules:
            if rule.id in seen:
                raise RuleError(f"{path.name}: rule id {rule.id} is used twice")
            seen.add(rule.id)
        found[table.decision] = table
    return found


def table(decision: str) -> Table:
    return tables()[decision]


@cache
def matcher(decision: str, scope: str, answer: Optional[str] = None) -> Matcher:
    """The compiled rules of one decision's scope (of one answer, when given)."""
    t = table(decision)
    return Matcher(t.of(scope, answer), t.scopes[scope])


def all_rules() -> list[Rule]:
    return [rule for t in tables().values() for rule in t.rules]


def all_steps() -> list[Step]:
    return [step for t in tables().values() for steps in t.order.values() for step in steps]


T = TypeVar("T")


class Chain(Generic[T]):
    """A decision's order bound to code: each step a function of the same arguments that
    answers, or returns None to pass to the next. ``first`` asks them in the table's order,
    ``each`` passes a value through them, ``gather`` collects every step's answers; which
    one a chain is used with is the table's ``[applies]``."""

    def __init__(self, steps: tuple[Step, ...], functions: Mapping[str, Callable[..., Optional[T]]],
                 applies: str = "first") -> None:
        self.steps, self.applies = steps, applies
        self._bound = tuple((step, functions[step.name]) for step in steps)

    def _used_as(self, applies: str) -> None:
        if self.applies != applies:
            raise RuleError(f"{self.steps[0].decision}.order.{self.steps[0].chain} applies {self.applies!r}, "
                            f"not {applies!r}")

    def first(self, *args: object) -> Optional[T]:
        self._used_as("first")
        for step, function in self._bound:
            if step.id in _DISABLED:
                continue
            answer = function(*args)
            if answer is not None:
                return answer
        return None

    def each(self, value: T, *args: object) -> T:
        """``value`` passed through every step in order: a step that returns None leaves it as it is."""
        self._used_as("each")
        for step, function in self._bound:
            if step.id not in _DISABLED:
                changed = function(value, *args)
                value = value if changed is None else changed
        return value


    def gather(self, *args: object) -> list:
        """Every step's answers in order: each function is given its step (for its ``weight``)
        and the arguments, and returns a list (empty: it has nothing to say)."""
        self._used_as("all")
        return [answer for step, function in self._bound if step.id not in _DISABLED
                for answer in function(step, *args)]


def chain(decision: str, name: str, functions: Mapping[str, Callable[..., Optional[T]]]) -> Chain[T]:
    """The order ``name`` of ``decision``'s table, each step bound to its function. A step
    of the table without code, or code the table does not place, is an error."""
    steps = table(decision).order.get(name)
    if steps is None:
        raise RuleError(f"{decision}.toml: no order {name!r}")
    listed, coded = {s.name for s in steps}, set(functions)
    if listed != coded:
        raise RuleError(f"{decision}.toml: order {name}: steps without code {sorted(listed - coded)}, "
                        f"code the table does not place {sorted(coded - listed)}")
    return Chain(steps, functions, table(decision).applies[name])
