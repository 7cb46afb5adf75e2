"""The claims audit: run every check in ``data/claim_checks.csv`` and give each claim a verdict.

- :mod:`evidence.audit.vocabulary`: the verdicts and the reasons a claim can be unverifiable;
- :mod:`evidence.audit.expressions`: what a check's operands refer to, and what each measures;
- :mod:`evidence.audit.checks`: one check row, like with like, and what its result shows;
- :mod:`evidence.audit.verdicts`: the rules that combine a claim's checks into one verdict;
- :mod:`evidence.audit.render`: appendix entries, links, figures and the CSV.

``python -m evidence.audit`` (``make audit``) writes ``_build/audit/claims_audit.csv``.
Chapters read verdicts through :mod:`evidence.ledger`, never from here directly.
"""

from evidence.audit.checks import CHECKS, SCOPES, CheckRowError, Finding, run_check
from evidence.audit.expressions import Described, Operand, resolve_list
from evidence.audit.render import (
    AUDIT_CSV,
    claim_anchor,
    claim_link,
    claim_page,
    entries_markdown,
    problems_markdown,
    verdict_badge,
    main,
    verdict_bars,
    verdict_counts_by_article,
    verdict_figure,
    verdict_counts,
    verdict_label,
)
from evidence.audit.verdicts import AUDIT_COLUMNS, Verdict, audit, combine
from evidence.audit.vocabulary import UNVERIFIABLE_REASONS, VERDICTS

__all__ = [
    "AUDIT_COLUMNS", "AUDIT_CSV", "CHECKS", "SCOPES", "UNVERIFIABLE_REASONS", "VERDICTS", "CheckRowError",
    "Described", "Finding", "Operand", "Verdict", "audit", "claim_anchor", "claim_link", "claim_page", "combine",
    "entries_markdown", "main", "problems_markdown", "verdict_badge", "resolve_list", "run_check", "verdict_bars", "verdict_counts", "verdict_counts_by_article", "verdict_figure", "verdict_label",
]
