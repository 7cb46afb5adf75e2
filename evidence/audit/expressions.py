"""The expressions of ``data/claim_checks.csv``: which numbers a check uses, and what each measures.

Operands and targets are expressions over three kinds of reference, so that no number of a
check is typed twice:

- ``LF5-004`` (every value of a claim, as the ledger prints them) or ``LF5-004[2]`` (the second);
- ``table(key|key).column``: a cell of a table in ``data/``, found by its primary key, e.g.
  ``primary_values(zang2022_ucmsc_arm).value`` or ``alss_survival(28|SMT).km_survival_percent``;
  ``*`` as a key part selects every matching row;
- a plain number, explained in the row's ``note``.

Terms can be added (``LF5-013+LF5-014``) and scaled (``...value*24``). ``;`` separates
several expressions. Every operand says what it measures (:class:`Described`): a table cell
by its row (population, outcome, time point, unit), a claim's value by what the check row
says the article's number refers to.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import cache

import pandas as pd

from evidence import paths
from evidence.printed import Printed

CLAIM_REF = re.compile(r"^(?P<claim>(?:LFR|LF5|SCLT|T2DS|T2DH)-\d{3})(?:\[(?P<index>\d+)\])?$")
TABLE_REF = re.compile(r"^(?P<table>[a-z_0-9]+)\((?P<key>[^)]*)\)\.(?P<column>[a-z_0-9]+)$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
SCALED = re.compile(r"^(?P<reference>.*)\*(?P<factor>\d+(\.\d+)?)$")


@dataclass(frozen=True)
class Described:
    """What a number measures: in whom (population or analysis), what, when, in which unit."""

    population: str = ""
    measure: str = ""
    timepoint: str = ""
    unit: str = ""

    FIELDS = ("population", "measure", "timepoint", "unit")

    def differences(self, other: Described, fields=FIELDS) -> list[str]:
        """The fields in which two descriptions differ (compared case- and space-insensitively)."""
        def same(a: str, b: str) -> bool:
            return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()

        return [f for f in fields if not same(getattr(self, f), getattr(other, f))]

    def plain(self) -> str:
        """'patients with ACLF (bacterial infection, at ACLF diagnosis)' (empty parts left out)."""
        what = ", ".join(p for p in (self.measure, self.timepoint) if p)
        return f"{self.population} ({what})" if self.population and what else self.population or what


# How a row of a data table other than primary_values says what its number measures. The
# description is built from the row's own cells, so nothing is typed twice.
TABLE_DESCRIPTIONS = {
    "alss_cohort": lambda row, column: Described(
        f"{row['population']} patients, {row['arm']}", "patients", "", "patients"),
    "alss_survival": lambda row, column: Described(
        f"propensity-matched patients, {row['arm']}", "Kaplan-Meier survival", f"{row['timepoint_days']} days", "percent"),
    "alss_device_nma": lambda row, column: Described(
        f"{row['device']} vs standard medical therapy", "risk ratio of death, upper 95% credible bound",
        f"{row['timepoint_months']} months", "ratio"),
}


@dataclass(frozen=True)
class Operand:
    """One number a check uses: as printed, what it measures, and where it came from."""

    number: Printed | None  # None: the source does not report it
    described: Described
    label: str  # e.g. "LF5-003" or "fernandez2018, Abstract"
    table: str = "claims"  # "claims", a data table, or "literal"
    source: str = ""  # citation key of a table row, or the claim id
    role: str = ""  # primary_values.role: primary, companion or reference
    value_kind: str = ""  # primary_values.value_kind: finding, threshold or definition

    @property
    def value(self) -> float | None:
        return None if self.number is None else self.number.value

    @property
    def text(self) -> str | None:
        return None if self.number is None else self.number.text

    def shown(self) -> str:
        """'37 percent (fernandez2018, Abstract)', for the trace."""
        number = "not reported" if self.number is None else str(self.number)
        return f"{number} {self.described.unit}".strip() + f" ({self.label})"


@cache
def _bibliography():
    from pybtex.database import parse_file

    return parse_file(paths.BIBLIOGRAPHY, bib_format="bibtex")


def bibliography_keys() -> frozenset[str]:
    return frozenset(_bibliography().entries)


def source_name(key: str) -> str:
    """A citation key as readers know the paper: 'fernandez2018' → 'Fernández et al. 2018'."""
    import codecs

    import latexcodec  # noqa: F401 - registers the 'ulatex' codec

    entry = _bibliography().entries.get(key)
    if entry is None:
        return key
    authors = entry.persons.get("author", [])
    if not authors:
        return f"{key}"

    def last(person) -> str:
        return codecs.decode(" ".join(person.last_names), "ulatex").replace("{", "").replace("}", "")

    names = last(authors[0]) if len(authors) == 1 else (
        f"{last(authors[0])} and {last(authors[1])}" if len(authors) == 2 else f"{last(authors[0])} et al.")
    return f"{names} {entry.fields.get('year', '')}".strip()


def claim_values(claim: pd.Series) -> list[str]:
    return str(claim["values"]).split(";")


@cache
def _raw_table(name: str) -> tuple[dict, ...]:
    path = paths.DATA_DIR / f"{name}.csv"
    if not path.exists():
        raise ValueError(f"no table {name!r} in data/ (looked for {path.name})")
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def _per_value(text: str, index: int) -> str:
    """The description of the index-th value: "|" separates one entry per value."""
    parts = str(text).split("|")
    return parts[index].strip() if len(parts) > 1 and index < len(parts) else str(text).strip()


def claim_side(row: pd.Series | dict | None, index: int) -> Described:
    """What the check row says the article's index-th number refers to."""
    if row is None:
        return Described()
    return Described(*(_per_value(row.get(field, "") or "", index) for field in Described.FIELDS))


def resolve_term(term: str, claims: pd.DataFrame, row=None) -> list[Operand]:
    """The numbers one term of an expression stands for (see the module docstring)."""
    scaled = SCALED.match(term.strip())
    if not scaled:
        return _resolve_reference(term.strip(), claims, row)
    factor = float(scaled["factor"])
    operands = _resolve_reference(scaled["reference"].strip(), claims, row)
    return [
        replace(
            o,
            number=None if o.number is None else Printed(o.number.value * factor),
            label=f"{o.label} ({o.number} {o.described.unit} × {scaled['factor']})",
            # A scaled table cell is no longer in the unit its row gives.
            described=o.described if o.table == "claims" else replace(o.described, unit=f"{o.described.unit} × {scaled['factor']}"),
        )
        for o in operands
    ]


def _resolve_reference(reference: str, claims: pd.DataFrame, row) -> list[Operand]:
    if NUMBER.match(reference):
        return [Operand(Printed.parse(reference), claim_side(row, 0), "given", table="literal")]
    if match := CLAIM_REF.match(reference):
        if match["claim"] not in claims.index:
            raise ValueError(f"no claim {match['claim']} in data/claims.csv")
        claim = claims.loc[match["claim"]]
        values = claim_values(claim)
        index = int(match["index"]) - 1 if match["index"] else None
        if index is not None and not 0 <= index < len(values):
            raise ValueError(f"{match['claim']} has {len(values)} value(s); there is no value [{index + 1}]")
        chosen = [(index, values[index])] if index is not None else list(enumerate(values))
        return [
            Operand(Printed.parse(v), claim_side(row, i), match["claim"], "claims", match["claim"])
            for i, v in chosen
        ]
    if match := TABLE_REF.match(reference):
        return _resolve_table_cells(match["table"], match["key"].split("|"), match["column"])
    raise ValueError(f"cannot read the reference {reference!r}: expected a claim id, table(key).column or a number")


def _described_row(table: str, row: dict, column: str) -> Described:
    if table == "primary_values":
        return Described(row["population"], row["outcome"], row["timepoint"], row["unit"])
    if table in TABLE_DESCRIPTIONS:
        return TABLE_DESCRIPTIONS[table](row, column)
    raise ValueError(f"the audit cannot say what a number of table {table!r} measures; add it to TABLE_DESCRIPTIONS")


def _resolve_table_cells(table: str, key: list[str], column: str) -> list[Operand]:
    from evidence.data import resource

    try:
        primary_key = resource(table)["schema"]["primaryKey"]
    except KeyError as missing:
        raise ValueError(f"no table {table!r} in data/datapackage.json") from missing
    if len(key) != len(primary_key):
        raise ValueError(f"{table} is keyed by {primary_key}, got {key}")
    rows = [
        row for row in _raw_table(table)
        if all(part == "*" or row[field] == part for field, part in zip(primary_key, key))
    ]
    if not rows:
        raise ValueError(f"no row of {table} has key {key}")
    if column not in rows[0]:
        raise ValueError(f"{table} has no column {column!r}")
    return [
        Operand(
            Printed.parse(row[column]) if row[column] else None,
            _described_row(table, row, column),
            f"{source_name(row['source']) if row.get('source') else table}, {row.get('location', '')}".rstrip(", "),
            table,
            row.get("source", ""),
            row.get("role", "primary"),
            row.get("value_kind", "finding"),
        )
        for row in rows
    ]


def resolve(expression: str, claims: pd.DataFrame, row=None) -> list[Operand]:
    """An expression: terms joined by '+', summed when there are several."""
    # '+' inside a key, as in "ALSS+SMT", is part of the key, not a sum.
    terms = [t.strip() for t in re.split(r"\+(?![^()]*\))", expression)]
    resolved = [resolve_term(t, claims, row) for t in terms]
    if len(resolved) == 1:
        return resolved[0]
    flat = [o for group in resolved for o in group]
    first = flat[0]
    labels = ", ".join(dict.fromkeys(o.label for o in flat))
    if any(o.number is None for o in flat):
        return [replace(first, number=None, label=labels)]
    shown = " + ".join(str(o.number) for o in flat)
    total = Printed(sum(o.value for o in flat))
    return [replace(first, number=total, label=f"{shown}; {labels}", source=", ".join(dict.fromkeys(o.source for o in flat)))]


def resolve_list(expressions: str, claims: pd.DataFrame, row=None) -> list[Operand]:
    """Every operand of ';'-separated expressions; ValueError names an unknown claim, table, row or column."""
    if "claim_id" in claims.columns and claims.index.name != "claim_id":
        claims = claims.set_index("claim_id", drop=False)
    return [o for e in str(expressions).split(";") if e.strip() for o in resolve(e, claims, row)]
