"""The claims ledger as chapters and audit pages use it: one layer, one source of truth.

A chapter never types a verdict, a claim id or a number of a claim. It finds the claim by
(part of) its quote, and shows what the audit says about it::

    from evidence import ledger
    claim = ledger.find("28 天生存率")
    claim.values          # (Printed(65.2, "65.2"), Printed(59.0, "59.0"))
    claim.verdict         # the audit's verdict, e.g. "confirmed"
    claim.reason          # the audit's plain reason
    claim.link            # a MyST link to the claim's entry in the audit appendix
    ledger.links([...])   # links to several entries, each with its verdict
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from evidence.audit import audit
from evidence.audit.render import claim_link, markdown_text, verdict_label
from evidence.printed import Printed


@dataclass(frozen=True)
class LedgerEntry:
    """One claim of the ledger with the audit's verdict on it."""

    claim_id: str
    article: str
    quote: str
    translation: str
    values: tuple[Printed, ...]
    unit: str
    verdict: str
    unverifiable_reason: str
    reason: str
    trace: str

    @property
    def link(self) -> str:
        """A MyST link to the claim's entry in the audit appendix (glue it with ``:myst``)."""
        return claim_link(self.claim_id)

    @property
    def verdict_label(self) -> str:
        """'confirmed', or 'unverifiable (source-not-read)': the verdict as every page prints it."""
        return verdict_label(self.verdict, self.unverifiable_reason)

    def shown(self) -> str:
        """The link followed by the verdict in brackets, as chapters print a claim they discuss."""
        return f"{self.link} ({self.verdict_label})"

    def shown_with_reason(self) -> str:
        """The link, the verdict and the audit's reason, as MyST text."""
        return f"{self.shown()}: {markdown_text(self.reason)}"


@cache
def _audited() -> pd.DataFrame:
    from evidence.data import load_table

    claims = load_table("claims").fillna("").set_index("claim_id", drop=False)
    audited = audit().set_index("claim_id", drop=False)
    audited["translation"] = claims["translation"]
    audited["values"] = claims["values"]
    audited["unit"] = claims["unit"]
    return audited


def _entry(row: pd.Series) -> LedgerEntry:
    return LedgerEntry(
        claim_id=row["claim_id"],
        article=row["article"],
        quote=row["quote"],
        translation=row["translation"],
        values=tuple(Printed.parse(v) for v in str(row["values"]).split(";")),
        unit=row["unit"],
        verdict=row["verdict"],
        unverifiable_reason=row["unverifiable_reason"],
        reason=row["reason"],
        trace=row["trace"],
    )


def entry(claim_id: str) -> LedgerEntry:
    """The claim with this id (for ids that come from data, e.g. a table's claim_id column)."""
    audited = _audited()
    if claim_id not in audited.index:
        raise ValueError(f"no claim {claim_id!r} in data/claims.csv")
    return _entry(audited.loc[claim_id])


def find_all(words: str, article_prefix: str = "") -> list[LedgerEntry]:
    """Every claim whose quote contains these words (verbatim), in ledger order."""
    audited = _audited()
    chosen = audited[audited["quote"].str.contains(words, regex=False)]
    if article_prefix:
        chosen = chosen[chosen["claim_id"].str.startswith(f"{article_prefix}-")]
    return [_entry(row) for _, row in chosen.iterrows()]


def find(words: str, article_prefix: str = "", value_index: int | None = None) -> LedgerEntry:
    """The one claim whose quote contains these words.

    Several claims can share a sentence (one per number); ``value_index`` picks the n-th of
    them (0-based), in ledger order. Raises ValueError when no claim, or more than one
    without ``value_index``, matches.
    """
    found = find_all(words, article_prefix)
    if not found:
        raise ValueError(f"no claim's quote contains {words!r}")
    if value_index is not None:
        return found[value_index]
    if len(found) > 1:
        ids = ", ".join(e.claim_id for e in found)
        raise ValueError(f"{len(found)} claims' quotes contain {words!r} ({ids}); pass value_index")
    return found[0]


def links(claim_ids) -> str:
    """MyST links to the appendix entries of these claims, each with its verdict, in order, without repeats."""
    return "; ".join(entry(claim_id).shown() for claim_id in dict.fromkeys(claim_ids))


def verdict_table(entries: list[LedgerEntry]) -> pd.DataFrame:
    """The audit's verdicts and reasons on some claims, for a chapter's table."""
    return pd.DataFrame(
        [{"claim": e.claim_id, "quote": e.quote, "translation": e.translation,
          "audit verdict": e.verdict_label, "audit reason": e.reason} for e in entries],
        columns=["claim", "quote", "translation", "audit verdict", "audit reason"],
    )
