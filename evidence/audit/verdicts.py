"""Combine the checks of a claim into one verdict, with a plain reason and a technical trace.

The rules, written once here and quoted on the audit's method page:

1. Each check points to a verdict or to nothing (:func:`evidence.audit.checks._points_to`).
2. A check showing that the number belongs to another population, measure, time point or
   source (``miscited``) explains a mismatch with the population the article names: such a
   contradiction is set aside.
3. Of what is left, the first verdict in this order that some check points to is the
   claim's verdict: contradicted, inconsistent, miscited, confirmed, consistent.
4. If no check points anywhere, the claim is unverifiable, and ``unverifiable_reason`` says
   why: the claim is an opinion or a forecast (``opinion-or-forecast``); the article cites no
   source (``no-source-cited``); or it cites one whose number the book has not read or that
   does not print it (``source-not-read``).

A threshold or a definition can make a claim at most ``consistent``, never ``confirmed``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from evidence.audit.checks import Finding, run_check
from evidence.audit.expressions import source_name
from evidence.audit.vocabulary import (
    CONFIRMED,
    CONSISTENT,
    CONTRADICTED,
    INCONSISTENT,
    MISCITED,
    NO_SOURCE_CITED,
    OPINION_OR_FORECAST,
    SOURCE_NOT_READ,
    UNVERIFIABLE,
    UNVERIFIABLE_REASONS,
    VERDICTS,
)

PRECEDENCE = (CONTRADICTED, INCONSISTENT, MISCITED, CONFIRMED, CONSISTENT)
AUDIT_COLUMNS = ["claim_id", "article", "quote", "verdict", "unverifiable_reason", "reason", "trace"]
# Columns of the ledger the audit pages show besides the audit's own.
PAGE_COLUMNS = ["section", "translation", "values", "unit", "evidence_level", "cited_source"]


@dataclass(frozen=True)
class Verdict:
    verdict: str
    unverifiable_reason: str  # empty unless the verdict is unverifiable
    reason: str  # one or two plain sentences with the numbers
    trace: str  # every check, technically


def _values(claim: pd.Series) -> str:
    unit = str(claim.get("unit", ""))
    values = " and ".join(str(claim["values"]).split(";"))
    return f"{values}%" if unit in ("percent", "%") else f"{values} {unit}".strip()


def unverifiable_reason_for(claim: pd.Series) -> str:
    """Why nothing can check a claim, from what the ledger says about it."""
    if claim.get("evidence_level", "") == "opinion":
        return OPINION_OR_FORECAST
    if not claim.get("cited_source", ""):
        return NO_SOURCE_CITED
    return SOURCE_NOT_READ


def _unverifiable_sentence(claim: pd.Series, why: str, findings: list[Finding]) -> str:
    blocked = [f for f in findings if f.blocked_by_source]
    if why == OPINION_OR_FORECAST:
        return f"The article gives {_values(claim)} as an opinion or a forecast, which no data can check."
    if why == NO_SOURCE_CITED:
        return f"The article cites no source for {_values(claim)}, and none of its own numbers can check it."
    if blocked:
        return f"The article cites {source_name(claim['cited_source'])} for {_values(claim)}, but {blocked[0].plain}"
    return f"The article cites {source_name(claim['cited_source'])} for {_values(claim)}, but the book has not yet read that number in it."


def combine(claim: pd.Series, findings: list[Finding]) -> Verdict:
    """The verdict of one claim from its findings (the rules are in the module docstring)."""
    trace = "; ".join(f.trace for f in findings)
    pointing = [f for f in findings if f.points_to]
    if any(f.points_to == MISCITED for f in pointing):
        pointing = [f for f in pointing if f.points_to != CONTRADICTED]
    for verdict in PRECEDENCE:
        deciding = [f for f in pointing if f.points_to == verdict]
        if deciding:
            return Verdict(verdict, "", _two_sentences([f.plain for f in deciding]), trace)
    why = unverifiable_reason_for(claim)
    sentences = [_unverifiable_sentence(claim, why, findings)]
    sentences += [f.plain for f in findings if not f.blocked_by_source]
    return Verdict(UNVERIFIABLE, why, _two_sentences(sentences), trace)


# A sentence ends at '.', '!' or '?' before a capital or a digit, but not after "et al.".
SENTENCE_END = re.compile(r"(?<!\bal\.)(?<=[.!?])\s+(?=[A-Z0-9])")


def _two_sentences(sentences: list[str]) -> str:
    """At most two sentences: a reader needs the deciding numbers, the trace keeps the rest."""
    return " ".join(SENTENCE_END.split(" ".join(sentences))[:2])


def audit(claims: pd.DataFrame | None = None, checks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every claim with its verdict, unverifiable_reason, reason and trace, in ledger order.

    Raises :class:`evidence.audit.checks.CheckRowError` (a ValueError naming the check row)
    for a check that cannot be run as written, e.g. one comparing unlike numbers.
    """
    if claims is None and checks is None:
        return _audit_of_the_data().copy()
    return _audit(claims, checks)


@cache
def _audit_of_the_data() -> pd.DataFrame:
    return _audit(None, None)


def _audit(claims: pd.DataFrame | None, checks: pd.DataFrame | None) -> pd.DataFrame:
    from evidence.data import load_table

    claims = (load_table("claims") if claims is None else claims).fillna("")
    checks = (load_table("claim_checks") if checks is None else checks).fillna("")
    by_id = claims.set_index("claim_id", drop=False)
    rows = []
    for _, claim in claims.iterrows():
        mine = checks[checks["claim_id"] == claim["claim_id"]].sort_values("check_no")
        findings = [run_check(row, by_id) for _, row in mine.iterrows()]
        verdict = combine(claim, findings)
        rows.append({
            **{c: claim.get(c, "") for c in AUDIT_COLUMNS + PAGE_COLUMNS if c in claim},
            "verdict": verdict.verdict,
            "unverifiable_reason": verdict.unverifiable_reason,
            "reason": verdict.reason,
            "trace": verdict.trace,
        })
    result = pd.DataFrame(rows, columns=AUDIT_COLUMNS + [c for c in PAGE_COLUMNS if c in claims.columns])
    if not result["verdict"].isin(VERDICTS).all():
        raise AssertionError("a verdict outside the vocabulary")
    reasons = result.loc[result["verdict"] == UNVERIFIABLE, "unverifiable_reason"]
    if not reasons.isin(UNVERIFIABLE_REASONS).all():
        raise AssertionError("an unverifiable claim without a reason from the vocabulary")
    return result
