"""The claims audit: run every check in ``data/claim_checks.csv`` and give each claim a verdict.

A check row names a claim, a check (sum, proportion_feasibility, primary_agreement, ...), its
``operands``, a ``relation`` and a ``target``. Operands and target are expressions over three
kinds of reference, so that no number of a check is typed twice:

- ``LF5-004`` (every value of a claim, as the ledger writes them) or ``LF5-004[2]`` (the second);
- ``table(key|key).column``: a cell of a table in ``data/``, found by its primary key, e.g.
  ``primary_values(zang2022_ucmsc_arm).value`` or ``alss_survival(28|SMT).km_survival_percent``;
  ``*`` as a key part selects every matching row;
- a plain number, explained in the row's ``note``.

Terms can be added (``LF5-013+LF5-014``) and scaled (``...value*24`` for days to hours). An
empty target means the claim's own values. Each check computes a result from its operands and
asks whether ``result relation target`` holds, value by value.

The verdict follows from the results, never typed by hand:

- ``contradicted``: a primary_agreement check fails (the primary source says otherwise);
- ``inconsistent``: any other check fails (arithmetic, feasibility, interval, plausibility,
  cross-article or internal logic);
- ``reproduced``: a check that tests the number itself passes (a restatement that merely agrees
  with another claim, checked by cross_article or internal_contradiction, is not enough);
- ``unverifiable``: nothing could test the number; the reason says why.

``python -m evidence.audit`` (``make audit``) writes ``_build/audit/claims_audit.csv``.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass

import pandas as pd

from evidence import paths
from evidence.claims import (
    CONTRADICTED,
    INCONSISTENT,
    REPRODUCED,
    UNVERIFIABLE,
    VERDICTS,
    CheckResult,
    compare,
    format_number,
    interval_consistency,
    percent_from_counts,
    proportion_feasibility,
    sum_check,
    difference_check,
    fold_change_check,
)
from evidence.escape import markdown_text, write_csv

CHECKS = (
    "sum",
    "difference",
    "fold_change",
    "percent_from_counts",
    "proportion_feasibility",
    "interval_consistency",
    "plausibility",
    "cross_article",
    "primary_agreement",
    "internal_contradiction",
)
# Checks that only compare a claim with another claim: agreeing shows consistency, not truth.
RESTATEMENT_CHECKS = {"cross_article", "internal_contradiction"}
AUDIT_CSV = paths.REPO_ROOT / "_build" / "audit" / "claims_audit.csv"
AUDIT_COLUMNS = [
    "claim_id", "article", "section", "quote", "translation", "values", "unit",
    "evidence_level", "verdict", "reason",
]
# One appendix page per source article, named after the claim-id prefix.
ARTICLE_PAGES = {
    "LFR": "audit-lfr",
    "LF5": "audit-lf5",
    "SCLT": "audit-sclt",
    "T2DS": "audit-t2ds",
    "T2DH": "audit-t2dh",
}

CLAIM_REF = re.compile(r"^(?P<claim>(?:LFR|LF5|SCLT|T2DS|T2DH)-\d{3})(?:\[(?P<index>\d+)\])?$")
TABLE_REF = re.compile(r"^(?P<table>[a-z_0-9]+)\((?P<key>[^)]*)\)\.(?P<column>[a-z_0-9]+)$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True)
class Operand:
    """One number a check uses: its value, how it was written, and where it came from."""

    value: float | None  # None: the source does not report it
    text: str | None  # as written (None when computed), so equality uses its precision
    label: str  # e.g. "LF5-003" or "zang2022 (Abstract)"
    unit: str = ""
    table: str = "claims"

    def shown(self) -> str:
        number = self.text if self.text is not None else format_number(self.value)
        return f"{number} {self.unit}".strip() + f" ({self.label})"


def claim_values(claim: pd.Series) -> list[str]:
    return str(claim["values"]).split(";")


def _raw_table(name: str) -> list[dict]:
    with (paths.DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


SCALED = re.compile(r"^(?P<reference>.*)\*(?P<factor>\d+(\.\d+)?)$")


def resolve_term(term: str, claims: pd.DataFrame) -> list[Operand]:
    """The numbers one term of an expression stands for (see the module docstring)."""
    scaled = SCALED.match(term.strip())
    if not scaled:
        return _resolve_reference(term.strip(), claims)
    factor = float(scaled["factor"])
    return [
        Operand(None if o.value is None else o.value * factor, None,
                f"{o.text} {o.unit} × {scaled['factor']}, {o.label}", "", o.table)
        for o in _resolve_reference(scaled["reference"].strip(), claims)
    ]


def _resolve_reference(reference: str, claims: pd.DataFrame) -> list[Operand]:
    if NUMBER.match(reference):
        return [Operand(float(reference), reference, "given", table="literal")]
    if match := CLAIM_REF.match(reference):
        claim = claims.loc[match["claim"]]
        values = claim_values(claim)
        index = match["index"]
        chosen = [values[int(index) - 1]] if index else values
        return [Operand(float(v), v, match["claim"], str(claim["unit"])) for v in chosen]
    if match := TABLE_REF.match(reference):
        return _resolve_table_cells(match["table"], match["key"].split("|"), match["column"])
    raise ValueError(f"cannot read the reference {reference!r}")


def _resolve_table_cells(table: str, key: list[str], column: str) -> list[Operand]:
    from evidence.data import resource

    primary_key = resource(table)["schema"]["primaryKey"]
    if len(key) != len(primary_key):
        raise ValueError(f"{table} is keyed by {primary_key}, got {key}")
    rows = [
        row for row in _raw_table(table)
        if all(part == "*" or row[field] == part for field, part in zip(primary_key, key))
    ]
    if not rows:
        raise ValueError(f"no row of {table} has key {key}")
    operands = []
    for row in rows:
        text = row[column] or None
        where = f"{row.get('source', table)}, {row.get('location', '')}".rstrip(", ")
        what = row.get("outcome") or f"{table}: {' | '.join(row[f] for f in primary_key)}, {column}"
        operands.append(Operand(None if text is None else float(text), text, f"{what}; {where}", row.get("unit", ""), table))
    return operands


def resolve(expression: str, claims: pd.DataFrame) -> list[Operand]:
    """An expression: terms joined by '+', summed when there are several."""
    # '+' inside a key, as in "ALSS+SMT", is part of the key, not a sum.
    terms = [t.strip() for t in re.split(r"\+(?![^()]*\))", expression)]
    resolved = [resolve_term(t, claims) for t in terms]
    if len(resolved) == 1:
        return resolved[0]
    flat = [o for group in resolved for o in group]
    if any(o.value is None for o in flat):
        return [Operand(None, None, " + ".join(o.label for o in flat), flat[0].unit, flat[0].table)]
    total = sum(o.value for o in flat)
    shown = " + ".join(o.text or format_number(o.value) for o in flat)
    labels = ", ".join(dict.fromkeys(o.label for o in flat))
    units = {o.unit for o in flat}
    return [Operand(total, None, f"{shown}; {labels}", units.pop() if len(units) == 1 else "", flat[0].table)]


def resolve_list(expressions: str, claims: pd.DataFrame) -> list[Operand]:
    return [o for e in expressions.split(";") if e.strip() for o in resolve(e, claims)]


def _pairs(left: list[Operand], right: list[Operand]) -> list[tuple[Operand, Operand]]:
    if len(left) == len(right):
        return list(zip(left, right))
    if len(right) == 1:
        return [(o, right[0]) for o in left]
    if len(left) == 1:
        return [(left[0], o) for o in right]
    raise ValueError(f"cannot pair {len(left)} values with {len(right)}")


def _comparison(check: str, left: list[Operand], relation: str, right: list[Operand]) -> CheckResult:
    """``left relation right`` value by value; a missing number makes the check impossible."""
    name = check.replace("_", " ")
    missing = [o for o in left + right if o.value is None]
    if missing:
        return CheckResult(name, None, f"not possible: {missing[0].label} does not report this number")
    parts, passed_all = [], True
    for a, b in _pairs(left, right):
        passed, sign = compare(a.value, relation, b.value, b.text if relation == "=" else None)
        passed_all &= passed
        parts.append(f"{a.shown()} {sign} {b.shown()}")
    return CheckResult(name, passed_all, "; ".join(parts))


def run_check(row: pd.Series, claims: pd.DataFrame) -> CheckResult:
    """Run one row of claim_checks.csv."""
    check, relation = row["check"], row["relation"]
    operands = resolve_list(row["operands"], claims)
    target = resolve_list(row["target"] or row["claim_id"], claims)
    arithmetic = {
        "sum": lambda: sum_check([o.value for o in operands], target[0].text or format_number(target[0].value), relation),
        "difference": lambda: difference_check(operands[0].value, operands[1].value, target[0].text),
        "fold_change": lambda: fold_change_check(operands[0].value, operands[1].value, target[0].text),
        "percent_from_counts": lambda: percent_from_counts(target[0].text, int(operands[0].value), int(operands[1].value)),
    }
    if check in arithmetic:
        result = arithmetic[check]()
        # Say where the inputs and the stated result come from.
        inputs = "; ".join(dict.fromkeys(o.label for o in operands))
        return CheckResult(result.check, result.passed, f"{result.reason} (from {inputs}; stated in {target[0].label})")
    if check == "proportion_feasibility":
        results = [proportion_feasibility(t.text, int(n.value)) for t, n in _pairs(target, operands)]
        return CheckResult(results[0].check, all(r.passed for r in results), "; ".join(r.reason for r in results))
    if check == "interval_consistency":
        p_1, n_1, p_2, n_2 = operands
        return interval_consistency(p_1.text, int(n_1.value), p_2.text, int(n_2.value), target[0].text, target[1].text)
    if check in ("plausibility", "cross_article", "primary_agreement", "internal_contradiction"):
        return _comparison(check, operands, relation, target)
    raise ValueError(f"unknown check {check!r}")


def _fallback_reason(claim: pd.Series) -> str:
    """Why nothing could test a claim, from what the ledger says about its source."""
    if not claim["cited_source"]:
        return f"{claim['evidence_level']} figure with no cited source, so no data can check it"
    return f"no number from the cited {claim['cited_source']} for this claim is in the book's tables"


def verdict_for(claim: pd.Series, results: list[tuple[str, CheckResult, str]]) -> tuple[str, str]:
    """The verdict and its one-line reason, from the check results (check, result, note)."""
    def described(check: str, result: CheckResult, note: str) -> str:
        return f"{check.replace('_', ' ')}: {result.reason}" + (f" ({note})" if note else "")

    failed_primary = [r for r in results if r[0] == "primary_agreement" and r[1].passed is False]
    failed_other = [r for r in results if r[0] != "primary_agreement" and r[1].passed is False]
    substantive = [r for r in results if r[0] not in RESTATEMENT_CHECKS and r[1].passed]
    failed = failed_primary + failed_other
    if failed_primary or failed_other:
        verdict = CONTRADICTED if failed_primary else INCONSISTENT
        # The failures first, then what did check out, which often explains the failure.
        shown = failed + [r for r in results if r not in failed]
    elif substantive:
        verdict = REPRODUCED
        shown = [r for r in results if r[1].passed]
    else:
        verdict = UNVERIFIABLE
        shown = results
    reason = "; ".join(described(*r) for r in shown)
    if verdict == UNVERIFIABLE and not any(r[1].passed is None for r in results):
        reason = "; ".join(filter(None, [reason, _fallback_reason(claim)]))
    return verdict, f"{verdict}: {reason}"


def audit(claims: pd.DataFrame | None = None, checks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every claim with its verdict and reason, in ledger (reading) order."""
    from evidence.data import load_table

    claims = (load_table("claims") if claims is None else claims).fillna("")
    checks = (load_table("claim_checks") if checks is None else checks).fillna("")
    by_id = claims.set_index("claim_id", drop=False)
    rows = []
    for _, claim in claims.iterrows():
        mine = checks[checks["claim_id"] == claim["claim_id"]].sort_values("check_no")
        results = [(c["check"], run_check(c, by_id), c["note"]) for _, c in mine.iterrows()]
        verdict, reason = verdict_for(claim, results)
        rows.append({**{c: claim[c] for c in AUDIT_COLUMNS if c in claim}, "verdict": verdict, "reason": reason})
    result = pd.DataFrame(rows, columns=AUDIT_COLUMNS)
    assert result["verdict"].isin(VERDICTS).all()
    return result


def claim_page(claim_id: str) -> str:
    """The appendix page (a notebook in notebooks/) that lists a claim."""
    return ARTICLE_PAGES[claim_id.split("-")[0]]


def claim_anchor(claim_id: str) -> str:
    """The label of a claim's entry in the appendix (Sphinx lower-cases labels)."""
    return f"claim-{claim_id.lower()}"


def claim_link(claim_id: str) -> str:
    """A MyST link from any page to the claim's entry in the audit appendix.

    It is a ``{ref}`` to the entry's label, so Sphinx (run with -n) fails the build if the
    entry is missing. Glue it with the MyST format: ``{glue:md}`name:myst```.
    """
    return f"{{ref}}`{claim_id} <{claim_anchor(claim_id)}>`"


def ledger_links(claim_ids) -> str:
    """MyST links to the appendix entries of these claims, each with its verdict, in order."""
    verdicts = audit().set_index("claim_id")["verdict"]
    return "; ".join(f"{claim_link(claim_id)} ({verdicts[claim_id]})" for claim_id in dict.fromkeys(claim_ids))


VERDICT_STYLE = {
    REPRODUCED: {"color": "#009E73", "hatch": ""},
    INCONSISTENT: {"color": "#E69F00", "hatch": "//"},
    CONTRADICTED: {"color": "#D55E00", "hatch": "xx"},
    UNVERIFIABLE: {"color": "#BBBBBB", "hatch": ".."},
}


def verdict_counts(audited: pd.DataFrame, by: str) -> pd.DataFrame:
    """Claims per verdict (columns, in VERDICTS order) for each value of ``by`` (rows)."""
    table = pd.crosstab(audited[by], audited["verdict"]).reindex(columns=list(VERDICTS), fill_value=0)
    return table.astype(int)


def verdict_bars(axes, counts: pd.DataFrame) -> None:
    """Horizontal stacked bars of verdict counts; hatching repeats the colour's message."""
    left = pd.Series(0, index=counts.index)
    for verdict in VERDICTS:
        style = VERDICT_STYLE[verdict]
        axes.barh(counts.index, counts[verdict], left=left, label=verdict, color=style["color"],
                  hatch=style["hatch"], edgecolor="white", linewidth=0.5)
        left = left + counts[verdict]
    axes.invert_yaxis()
    axes.set_xlabel("claims")
    axes.grid(axis="y", visible=False)


def entries_markdown(audited: pd.DataFrame) -> str:
    """The appendix entries of some claims, in ledger order, each under its own label."""
    blocks = []
    for _, row in audited.iterrows():
        # Every field is shown as text (markdown_text), never read as HTML or MyST.
        text = {field: markdown_text(row[field]) for field in AUDIT_COLUMNS}
        values = markdown_text(" ; ".join(claim_values(row)))
        blocks.append(
            f"({claim_anchor(row['claim_id'])})=\n"
            f"**{text['claim_id']}** · {text['section']} · evidence: {text['evidence_level']}"
            f" · verdict: **{text['verdict']}**\n\n"
            f"> {text['quote']}\n\n"
            f"*{text['translation']}*\n\n"
            f"Values: {values} ({text['unit']}). {text['reason']}\n"
        )
    return "\n".join(blocks)


def main() -> int:
    result = audit()
    AUDIT_CSV.parent.mkdir(parents=True, exist_ok=True)
    write_csv(result, AUDIT_CSV)
    counts = result["verdict"].value_counts().reindex(VERDICTS, fill_value=0)
    print(f"wrote {AUDIT_CSV}: {len(result)} claims; "
          + ", ".join(f"{v} {n}" for v, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
