"""The reading rules as data: one TOML table per decision and the engine that applies them.

Owns the tables (``frame.toml`` …: every rule a record with its id, scope, pattern,
answer, weight and examples), their loading and validation, and matching
(``engine``), and reading rule ids back from the facts' evidence (``evidence``).
It imports only the standard library; the scanner and the extraction modules ask
it for a decision's compiled rules and keep inheritance (from a total, the figure
before, a carried frame) as code.
"""

from pipelines.text.rules.engine import (Example, Hit, Matcher, Rule, RuleError, Table, all_rules, matcher,
                                               table, tables)

__all__ = ["Example", "Hit", "Matcher", "Rule", "RuleError", "Table", "all_rules", "matcher", "table", "tables"]
