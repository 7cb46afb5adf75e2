"""Load the book's tables, validated against ``data/datapackage.json``.

``load_table("alss_survival")`` returns a pandas DataFrame whose columns have the types
the schema declares (integer columns with an empty cell become pandas' nullable ``Int64``).
If any table in the package breaks a rule, :class:`~evidence.validate.DataValidationError`
is raised with every violation listed: a notebook never runs on bad data.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from evidence import paths
from evidence.validate import DataValidationError, load_package, validate_package

PANDAS_DTYPES = {"integer": "Int64", "number": "float64", "string": "string", "boolean": "boolean"}


@lru_cache(maxsize=1)
def _validated_tables() -> dict[str, list[dict]]:
    violations, tables = validate_package(paths.DATA_PACKAGE, paths.BIBLIOGRAPHY)
    if violations:
        raise DataValidationError(violations)
    return tables


def resource(name: str) -> dict:
    """The data-package resource (title, description, schema, sources) of one table."""
    for candidate in load_package(paths.DATA_PACKAGE)["resources"]:
        if candidate["name"] == name:
            return candidate
    raise KeyError(f"no table named {name!r} in data/datapackage.json")


def load_table(name: str) -> pd.DataFrame:
    """One table of ``data/`` as a typed DataFrame, in file order."""
    rows = _validated_tables()[name]
    fields = resource(name)["schema"]["fields"]
    frame = pd.DataFrame(rows, columns=[f["name"] for f in fields])
    return frame.astype({f["name"]: PANDAS_DTYPES[f.get("type", "string")] for f in fields})


def as_reported(name: str, column: str, value: float) -> str:
    """A number written with the precision its source printed (the field's ``x-decimals``)."""
    field = next(f for f in resource(name)["schema"]["fields"] if f["name"] == column)
    return f"{value:.{field['x-decimals']}f}"


@dataclass(frozen=True)
class TableDescription:
    """What ``data/datapackage.json`` says about one table, for the Datasets appendix."""

    name: str
    title: str
    description: str
    path: str
    rows: int
    primary_key: list[str]
    sources: list[dict]
    licenses: list[dict]
    fields: pd.DataFrame
    row_rules: list[str]


def describe_constraints(field: dict) -> str:
    """A field's rules in words, e.g. ``"required; ≥ 0; ≤ 100; printed with 1 decimal"``."""
    constraints = field.get("constraints", {})
    words = []
    if constraints.get("required"):
        words.append("required")
    if constraints.get("unique"):
        words.append("unique")
    if "minimum" in constraints:
        words.append(f"≥ {constraints['minimum']}")
    if "maximum" in constraints:
        words.append(f"≤ {constraints['maximum']}")
    if "enum" in constraints:
        words.append("one of: " + ", ".join(str(v) for v in constraints["enum"]))
    if "pattern" in constraints:
        words.append(f"matches {constraints['pattern']}")
    if "x-decimals" in field:
        decimals = field["x-decimals"]
        words.append(f"printed with {decimals} decimal{'s' if decimals != 1 else ''}")
    if field.get("x-citation"):
        words.append("a key of book/references.bib")
    return "; ".join(words)


def describe_package(package_path: Path = paths.DATA_PACKAGE) -> list[TableDescription]:
    """Every table of a data package: fields with their rules, sources, licence, row count."""
    package = load_package(package_path)
    descriptions = []
    for table in package["resources"]:
        schema = table["schema"]
        with (package_path.parent / table["path"]).open(encoding="utf-8", newline="") as handle:
            rows = sum(1 for _ in csv.reader(handle)) - 1
        fields = pd.DataFrame(
            [{"field": f["name"], "type": f.get("type", "string"), "description": f.get("description", ""),
              "rules": describe_constraints(f)} for f in schema["fields"]]
        )
        row_rules = [f"{r['field']} {r['rule']} {r['other']}" for r in schema.get("x-row-rules", [])]
        descriptions.append(TableDescription(
            name=table["name"], title=table.get("title", table["name"]), description=table.get("description", ""),
            path=table["path"], rows=rows, primary_key=list(schema.get("primaryKey", [])),
            sources=table.get("sources", []), licenses=table.get("licenses", package.get("licenses", [])),
            fields=fields, row_rules=row_rules,
        ))
    return descriptions
