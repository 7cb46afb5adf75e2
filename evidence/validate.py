"""Validate the tables of ``data/`` against ``data/datapackage.json``.

The data package follows the Frictionless Table Schema (field types, ``constraints``,
``primaryKey``) with two project extensions, both ignored by other Frictionless tools:

- a field with ``"x-citation": true`` must hold a key of ``book/references.bib`` (or several,
  separated by ``;``);
- a number field with ``"x-decimals": k`` must be written with exactly k decimals, as the
  source printed it, so that precision checks know the reported precision;
- ``schema["x-row-rules"]`` lists comparisons between two fields of the same row, such as
  ``{"field": "events", "rule": "<=", "other": "n"}``.

Every violation names the file, the row (1 = first data row; the file line is row + 1),
the column, the rule and the offending value. Nothing is dropped or coerced: a table that
breaks a rule is not loaded at all.

Run ``python -m evidence.validate`` to check the whole package (``make validate``).
"""

from __future__ import annotations

import csv
import json
import operator
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from evidence import paths

INTEGER_PATTERN = re.compile(r"^[+-]?\d+$")
NUMBER_PATTERN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
BOOLEAN_VALUES = {"true": True, "false": False}
ROW_RULES = {"<=": operator.le, "<": operator.lt, ">=": operator.ge, ">": operator.gt}


@dataclass(frozen=True)
class Violation:
    """One broken rule, with everything a reader needs to find and fix it."""

    file: str
    rule: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row} (line {self.row + 1})"
        if self.column is not None:
            where += f", column '{self.column}'"
        shown_value = "" if self.value is None else f" (value: {self.value!r})"
        return f"{where}: rule '{self.rule}' broken: {self.message}{shown_value}"


class DataValidationError(ValueError):
    """Raised when a table breaks its schema; carries every violation found."""

    def __init__(self, violations: list[Violation]):
        self.violations = violations
        lines = [f"{len(violations)} data violation(s):"] + [f"  {v}" for v in violations]
        super().__init__("\n".join(lines))


def read_bibliography_keys(bib_path: Path) -> set[str]:
    """The entry keys of a BibTeX file (``@type{key,``)."""
    text = bib_path.read_text(encoding="utf-8")
    return set(re.findall(r"^\s*@\w+\s*\{\s*([^,\s]+)\s*,", text, flags=re.MULTILINE))


def decimals_written(raw: str) -> int:
    """How many decimals a number was written with: '65.2' → 1, '20' → 0."""
    mantissa = raw.lower().split("e")[0]
    return len(mantissa.split(".")[1]) if "." in mantissa else 0


def parse_cell(raw: str, field_type: str):
    """Convert one non-empty cell to its schema type, or raise ValueError."""
    if field_type == "string":
        return raw
    if field_type == "integer":
        if not INTEGER_PATTERN.match(raw):
            raise ValueError
        return int(raw)
    if field_type == "number":
        if not NUMBER_PATTERN.match(raw):
            raise ValueError
        return float(raw)
    if field_type == "boolean":
        if raw not in BOOLEAN_VALUES:
            raise ValueError
        return BOOLEAN_VALUES[raw]
    raise ValueError(f"unsupported field type {field_type!r}")


def _check_constraints(file: str, row: int, field: dict, raw: str, value) -> list[Violation]:
    name, constraints = field["name"], field.get("constraints", {})
    found = []

    def broken(rule: str, message: str) -> None:
        found.append(Violation(file, rule, message, row, name, raw))

    if "minimum" in constraints and value < constraints["minimum"]:
        broken("minimum", f"must be >= {constraints['minimum']}")
    if "exclusiveMinimum" in constraints and value <= constraints["exclusiveMinimum"]:
        broken("exclusiveMinimum", f"must be > {constraints['exclusiveMinimum']}")
    if "maximum" in constraints and value > constraints["maximum"]:
        broken("maximum", f"must be <= {constraints['maximum']}")
    if "enum" in constraints and value not in constraints["enum"]:
        broken("enum", f"must be one of {constraints['enum']}")
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], raw):
        broken("pattern", f"must match {constraints['pattern']!r}")
    if "x-decimals" in field and decimals_written(raw) != field["x-decimals"]:
        broken("decimals", f"must be written with {field['x-decimals']} decimal(s), as printed in the source")
    if "minLength" in constraints and len(raw) < constraints["minLength"]:
        broken("minLength", f"must have at least {constraints['minLength']} characters")
    return found


def validate_table(
    resource: dict, table_path: Path, bib_keys: set[str], file: str
) -> tuple[list[Violation], list[dict]]:
    """Check one CSV against its resource; return the violations and the typed rows.

    ``file`` is the name the messages use for the table, such as ``data/alss_survival.csv``.
    """
    schema = resource["schema"]
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    with table_path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        records = list(reader)
    if header != names:
        return [Violation(file, "header", f"columns must be exactly {names}, found {header}")], []

    violations: list[Violation] = []
    typed_rows: list[dict] = []
    for row_number, record in enumerate(records, start=1):
        if len(record) != len(names):
            violations.append(
                Violation(file, "row-length", f"has {len(record)} cells, the header has {len(names)}", row_number)
            )
            continue
        typed: dict = {}
        for field, raw in zip(fields, record):
            name = field["name"]
            if raw == "":
                typed[name] = None
                if field.get("constraints", {}).get("required"):
                    violations.append(Violation(file, "required", "must not be empty", row_number, name, raw))
                continue
            try:
                typed[name] = value = parse_cell(raw, field.get("type", "string"))
            except ValueError:
                typed[name] = None
                violations.append(
                    Violation(file, "type", f"must be of type {field.get('type')}", row_number, name, raw)
                )
                continue
            violations += _check_constraints(file, row_number, field, raw, value)
            if field.get("x-citation") and not set(value.split(";")) <= bib_keys:
                violations.append(
                    Violation(file, "citation", "is not a key of book/references.bib", row_number, name, raw)
                )
        for rule in schema.get("x-row-rules", []):
            left, right = typed.get(rule["field"]), typed.get(rule["other"])
            if left is not None and right is not None and not ROW_RULES[rule["rule"]](left, right):
                violations.append(
                    Violation(
                        file,
                        f"{rule['field']} {rule['rule']} {rule['other']}",
                        f"{rule['field']} = {left} but {rule['other']} = {right}",
                        row_number,
                        rule["field"],
                        str(left),
                    )
                )
        typed_rows.append(typed)

    violations += _check_unique(file, schema, names, records)
    return violations, typed_rows


def _check_unique(file: str, schema: dict, names: list[str], records: list[list[str]]) -> list[Violation]:
    """Primary key and ``unique`` constraints, compared on the cells as written."""
    key = schema.get("primaryKey", [])
    key = [key] if isinstance(key, str) else key
    keys_to_check = [(key, "primaryKey")] if key else []
    keys_to_check += [
        ([f["name"]], "unique") for f in schema["fields"] if f.get("constraints", {}).get("unique")
    ]
    found = []
    for columns, rule in keys_to_check:
        positions = [names.index(c) for c in columns]
        first_seen: dict[tuple, int] = {}
        for row_number, record in enumerate(records, start=1):
            if len(record) != len(names):
                continue
            value = tuple(record[p] for p in positions)
            if value in first_seen:
                found.append(
                    Violation(
                        file,
                        rule,
                        f"duplicate key {list(columns)}, first seen in row {first_seen[value]}",
                        row_number,
                        ",".join(columns),
                        ",".join(value),
                    )
                )
            else:
                first_seen[value] = row_number
    return found


def load_package(package_path: Path = paths.DATA_PACKAGE) -> dict:
    return json.loads(package_path.read_text(encoding="utf-8"))


def validate_package(
    package_path: Path = paths.DATA_PACKAGE, bib_path: Path = paths.BIBLIOGRAPHY
) -> tuple[list[Violation], dict[str, list[dict]]]:
    """Check every table of a data package; return the violations and the typed rows by table."""
    package = load_package(package_path)
    data_dir = package_path.parent
    bib_keys = read_bibliography_keys(bib_path)
    violations: list[Violation] = []
    tables: dict[str, list[dict]] = {}
    declared = {resource["path"] for resource in package["resources"]}
    for csv_path in sorted(data_dir.glob("*.csv")):
        if csv_path.name not in declared:
            violations.append(
                Violation(f"{data_dir.name}/{csv_path.name}", "declared", "the table is not declared in datapackage.json")
            )
    for resource in package["resources"]:
        table_path = data_dir / resource["path"]
        file = f"{data_dir.name}/{resource['path']}"
        if not table_path.exists():
            violations.append(Violation(file, "exists", "declared in datapackage.json but missing"))
            continue
        table_violations, rows = validate_table(resource, table_path, bib_keys, file)
        violations += table_violations
        tables[resource["name"]] = rows
    return violations, tables


def main() -> int:
    violations, tables = validate_package()
    for violation in violations:
        print(violation, file=sys.stderr)
    if violations:
        print(f"FAILED: {len(violations)} violation(s) in data/", file=sys.stderr)
        return 1
    rows = sum(len(t) for t in tables.values())
    print(f"OK: {len(tables)} tables, {rows} rows valid against data/datapackage.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
