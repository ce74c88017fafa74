"""The reading rules as data: one TOML table per decision and the engine that applies them.

Owns the tables (``frame.toml`` …: every rule a record with its id, scope, pattern,
answer, weight and examples; each decision's order of steps), their loading and
validation, matching and the ordered steps (``engine``), and reading rule ids back
from the facts' evidence (``evidence``). It imports only the standard library; the
scanner and the extraction modules ask it for a decision's compiled rules and for
its order bound to their step functions, and keep inheritance (from a total, the
figure before, a carried frame) as code.
"""

from pipelines.text.rules.engine import (Chain, Example, Hit, Matcher, Rule, RuleError, Step, Table, all_rules,
                                               all_steps, chain, matcher, table, tables)

__all__ = ["Chain", "Example", "Hit", "Matcher", "Rule", "RuleError", "Step", "Table", "all_rules", "all_steps",
           "chain", "matcher", "table", "tables"]
