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
   source (``no-source-cited``); or it cites sources, and what the book could read of them
   (``data/source_reads.csv``) decides: read whole and silent on the number
   (``not-in-source``), read in part only (``not-in-part-read``), no public copy
   (``source-not-public``) or none reachable (``source-not-found``). A cited source missing
   from that table gives ``source-not-read``, which the tests allow for no claim.

A threshold or a definition can make a claim at most ``consistent``, never ``confirmed``.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from evidence import paths
from evidence.audit.checks import Finding, run_check
from evidence.audit.expressions import source_name
from evidence.audit.vocabulary import (
    CONFIRMED,
    CONSISTENT,
    CONTRADICTED,
    INCONSISTENT,
    MISCITED,
    NO_SOURCE_CITED,
    NOT_IN_PART_READ,
    NOT_IN_SOURCE,
    OPINION_OR_FORECAST,
    READ_FULL_TEXT,
    READ_NOTHING,
    SOURCE_NOT_FOUND,
    SOURCE_NOT_PUBLIC,
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


# 数 ("a few", "several") before a counter: the ledger records only the counter's size.
VAGUE_AMOUNTS = {"数亿": "hundreds of millions (数亿)", "数万": "tens of thousands (数万)", "数千": "thousands (数千)",
                 "数周": "a few weeks (数周)", "数天": "a few days (数天)", "数月": "a few months (数月)",
                 "数年": "a few years (数年)"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _date(values: list[str], parts: list[str]) -> str | None:
    """'26 March 2025' from 2025;3;26 and year;month;day; None if the parts are not a date."""
    named = dict(zip(parts, values))
    if "year" not in named or set(named) - {"year", "month", "day"}:
        return None
    month = MONTHS[int(named["month"]) - 1] if "month" in named else ""
    return " ".join(part for part in (named.get("day", ""), month, named["year"]) if part)


def _values(claim: pd.Series) -> str:
    """The claim's numbers as a reader would say them: '37%', '1 patient', 'March 2025'."""
    unit = str(claim.get("unit", ""))
    values = str(claim["values"]).split(";")
    quote = str(claim.get("quote", ""))
    vague = [words for key, words in VAGUE_AMOUNTS.items() if key in quote]
    if vague and len(values) == 1:
        return vague[0]
    if claim.get("quantity", "") == "date":
        date = _date(values, unit.split(";"))
        if date:
            return date
    if unit in ("percent", "%"):
        return " and ".join(values) + "%"
    if values == ["1"] and unit.endswith("s"):
        unit = unit[:-1]  # "1 patient", not "1 patients"
    if ";" in unit:  # one unit per value
        return " and ".join(f"{value} ({part})" for value, part in zip(values, unit.split(";")))
    return f"{' and '.join(values)} {unit}".strip()


def cited_sources(claim: pd.Series) -> list[str]:
    return [key for key in str(claim.get("cited_source", "") or "").split(";") if key]


def cited_names(claim: pd.Series) -> str:
    """'Lin et al. 2025', or 'Artru et al. 2017, Thuluvath et al. 2018 and Sundaram et al. 2019'."""
    names = [source_name(key) for key in cited_sources(claim)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def unverifiable_reason_for(claim: pd.Series, reads: pd.DataFrame | None = None) -> str:
    """Why nothing can check a claim: what the ledger says of it, and what was read of its sources.

    ``reads`` is ``data/source_reads.csv`` indexed by source; with several sources the least
    read decides, since the number may be in the part not read.
    """
    if claim.get("evidence_level", "") == "opinion":
        return OPINION_OR_FORECAST
    sources = cited_sources(claim)
    if not sources:
        return NO_SOURCE_CITED
    if reads is None or not all(key in reads.index for key in sources):
        return SOURCE_NOT_READ
    read = reads.loc[sources]
    unreadable = read[read["read"] == READ_NOTHING]
    if len(unreadable):
        return SOURCE_NOT_PUBLIC if (unreadable["full_text"] == "not public").all() else SOURCE_NOT_FOUND
    if (read["read"] == READ_FULL_TEXT).all():
        return NOT_IN_SOURCE
    return NOT_IN_PART_READ


def _what_was_read(claim: pd.Series, reads: pd.DataFrame) -> str:
    """The end of the sentence: what was read of the cited sources, and what was not."""
    keys = cited_sources(claim)
    if len(keys) == 1:
        row = reads.loc[keys[0]]
        if row["read"] == READ_NOTHING:
            return f"no copy of it could be read: {row['what_was_not_read']}"
        if row["read"] == READ_FULL_TEXT:
            return "the book read it in full, and it does not give that number"
        return f"the book could read only {row['what_was_read']}, which does not give it; {row['what_was_not_read']}"
    parts = [f"{source_name(key)}: " + ("nothing could be read" if reads.loc[key, "read"] == READ_NOTHING
                                       else f"only {reads.loc[key, 'what_was_read']}"
                                       if reads.loc[key, "read"] != READ_FULL_TEXT else "read in full")
             for key in keys]
    return f"none of what the book could read of them gives it ({'; '.join(parts)})"


def _unverifiable_sentence(claim: pd.Series, why: str, findings: list[Finding], reads: pd.DataFrame | None) -> str:
    if why == OPINION_OR_FORECAST:
        return f"The article gives {_values(claim)} as an opinion or a forecast, which no data can check."
    if why == NO_SOURCE_CITED:
        return f"The article cites no source for {_values(claim)}, and none of its own numbers can check it."
    if why == SOURCE_NOT_READ:
        return f"The article cites {cited_names(claim)} for {_values(claim)}, but the book has not yet read that number in it."
    return f"The article cites {cited_names(claim)} for {_values(claim)}, but {_what_was_read(claim, reads)}."


def combine(claim: pd.Series, findings: list[Finding], reads: pd.DataFrame | None = None) -> Verdict:
    """The verdict of one claim from its findings (the rules are in the module docstring).

    ``reads``: what was read of each cited source (``data/source_reads.csv`` indexed by source).
    """
    trace = "; ".join(f.trace for f in findings)
    pointing = [f for f in findings if f.points_to]
    if any(f.points_to == MISCITED for f in pointing):
        pointing = [f for f in pointing if f.points_to != CONTRADICTED]
    for verdict in PRECEDENCE:
        deciding = [f for f in pointing if f.points_to == verdict]
        if deciding:
            return Verdict(verdict, "", _two_sentences([f.plain for f in deciding]), trace)
    why = unverifiable_reason_for(claim, reads)
    sentences = [_unverifiable_sentence(claim, why, findings, reads)]
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


# The audit of the book's own data is the same in every notebook of a build. The first kernel
# keeps it here, named by a hash of all it was computed from; the next kernels read it back
# and skip the checks, and with them scipy's import (about 1.5 s of each page's start-up).
STORED_AUDITS = paths.REPO_ROOT / "_build" / "audit"


@cache
def _audit_of_the_data() -> pd.DataFrame:
    stored = STORED_AUDITS / f"audit-{_inputs_fingerprint()}.pickle"
    if stored.is_file():
        return pd.read_pickle(stored)
    result = _audit(None, None)
    try:
        STORED_AUDITS.mkdir(parents=True, exist_ok=True)
        unfinished = stored.with_name(f"{stored.name}.{os.getpid()}")
        result.to_pickle(unfinished)
        os.replace(unfinished, stored)  # whole or not at all, for kernels reading side by side
    except OSError:
        pass  # a read-only copy of the book computes the audit in every kernel instead
    return result


def _inputs_fingerprint() -> str:
    """A hash of what the audit reads and runs: the data, the bibliography, this package's code,
    and the versions of Python and pandas (which the stored file's format depends on)."""
    package = Path(__file__).resolve().parent.parent
    files = sorted(paths.DATA_DIR.iterdir()) + [paths.BIBLIOGRAPHY] + sorted(package.rglob("*.py"))
    digest = hashlib.sha256(f"{sys.version} pandas {pd.__version__}".encode())
    for file in files:
        if file.is_file():
            digest.update(f"{file.name} {file.stat().st_size}".encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _audit(claims: pd.DataFrame | None, checks: pd.DataFrame | None) -> pd.DataFrame:
    from evidence.data import load_table

    claims = (load_table("claims") if claims is None else claims).fillna("")
    checks = (load_table("claim_checks") if checks is None else checks).fillna("")
    reads = load_table("source_reads").fillna("").set_index("source")
    by_id = claims.set_index("claim_id", drop=False)
    rows = []
    for _, claim in claims.iterrows():
        mine = checks[checks["claim_id"] == claim["claim_id"]].sort_values("check_no")
        findings = [run_check(row, by_id) for _, row in mine.iterrows()]
        verdict = combine(claim, findings, reads)
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
