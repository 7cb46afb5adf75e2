"""Validate the tables of ``data/`` against ``data/datapackage.json``.

The data package follows the Frictionless Table Schema (field types, ``constraints``,
``primaryKey``) with two project extensions, both ignored by other Frictionless tools:

- a field with ``"x-citation": true`` must hold a key of ``book/references.bib`` (or several,
  separated by ``;``);
- a number field with ``"x-decimals": k`` must be written with exactly k decimals, as the
  source printed it, so that precision checks know the reported precision;
- ``schema["x-row-rules"]`` lists comparisons between two fields of the same row, such as
  ``{"field": "events", "rule": "<=", "other": "n"}``;
- ``schema["x-percent-by-unit"]`` names fields that hold a percentage (0 to 100) on every row
  whose ``unit`` is ``percent``;
- a resource with ``"x-allow-empty": true`` may have a header and no rows; any other empty
  table is an error.

Numbers are read only as a paper prints them, in ASCII digits; cells may not start or end
with spaces or hold control characters; tables must be UTF-8 and named ``*.csv``. For the
claims ledger, :func:`ledger_violations` also checks what ties the tables together.

Every violation names the file, the row (1 = first data row; the file line is row + 1),
the column, the rule and the offending value. Nothing is dropped or coerced: a table that
breaks a rule is not loaded at all.

Run ``python -m evidence.validate`` to check the whole package (``make validate``).
"""

from __future__ import annotations

import csv
import io
import json
import operator
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from evidence import paths
from evidence.printed import decimals_written

# Numbers as a paper prints them, in ASCII digits: no sign but '-', no leading zeros (so
# '028' cannot pass for 28), no exponent, no full-width or other Unicode digits.
INTEGER_PATTERN = re.compile(r"-?(0|[1-9][0-9]*)")
NUMBER_PATTERN = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")
# Control characters (NUL included) have no place in a table; line breaks inside a quoted
# cell are allowed, as some notes run over lines.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FIELD_TYPES = ("string", "integer", "number", "boolean")
TYPE_MESSAGES = {
    "integer": "must be of type integer, in ASCII digits as printed (no '+', leading zero or exponent)",
    "number": "must be of type number, in ASCII digits as printed (no '+', leading zero or exponent)",
    "boolean": "must be true or false",
    "string": "must be text",
}
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


def parse_cell(raw: str, field_type: str):
    """Convert one non-empty cell to its schema type, or raise ValueError."""
    if field_type == "string":
        return raw
    if field_type == "integer":
        if not INTEGER_PATTERN.fullmatch(raw):
            raise ValueError
        return int(raw)
    if field_type == "number":
        if not NUMBER_PATTERN.fullmatch(raw):
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
    try:
        text = table_path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        return [Violation(file, "encoding", f"must be saved as UTF-8, but byte 0x{error.object[error.start]:02x} at "
                                            f"offset {error.start} is not UTF-8 (was it saved as Latin-1 or GB18030?)")], []
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        return [Violation(file, "csv", f"cannot be read as CSV: {error}")], []
    header, records = (rows[0], rows[1:]) if rows else (None, [])
    if header != names:
        return [Violation(file, "header", f"columns must be exactly {names}, found {header}")], []
    if not records and not resource.get("x-allow-empty"):
        return [Violation(file, "empty", "has a header but no rows (declare \"x-allow-empty\": true if that is meant)")], []

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
            if CONTROL_CHARACTER.search(raw):
                typed[name] = None
                violations.append(Violation(file, "control-character", "must not hold control characters such as NUL",
                                            row_number, name, raw))
                continue
            if raw != raw.strip():
                typed[name] = None
                violations.append(Violation(file, "whitespace", "must not start or end with spaces", row_number, name, raw))
                continue
            if raw == "":
                typed[name] = None
                if field.get("constraints", {}).get("required"):
                    violations.append(Violation(file, "required", "must not be empty", row_number, name, raw))
                continue
            try:
                typed[name] = value = parse_cell(raw, field.get("type", "string"))
            except ValueError:
                typed[name] = None
                violations.append(Violation(file, "type", TYPE_MESSAGES[field.get("type", "string")], row_number, name, raw))
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
        for name in schema.get("x-percent-by-unit", []):
            # A percentage in a column whose unit varies by row: bounded where the row says percent.
            numbers = [float(v) for v in str(typed.get(name) or "").split(";") if NUMBER_PATTERN.fullmatch(v)]
            if typed.get("unit") == "percent" and any(not 0 <= v <= 100 for v in numbers):
                violations.append(Violation(file, "percent-range", "a percentage must lie between 0 and 100",
                                            row_number, name, str(typed.get(name))))
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


class PackageError(ValueError):
    """datapackage.json itself cannot be read: not UTF-8, or not JSON."""

    def __init__(self, violation: Violation):
        self.violation = violation
        super().__init__(str(violation))


def load_package(package_path: Path = paths.DATA_PACKAGE) -> dict:
    file = f"{package_path.parent.name}/{package_path.name}"
    try:
        return json.loads(package_path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as error:
        raise PackageError(Violation(file, "encoding", f"must be saved as UTF-8 (byte offset {error.start})")) from None
    except json.JSONDecodeError as error:
        raise PackageError(Violation(file, "json", f"is not valid JSON: {error.msg} at line {error.lineno}, "
                                                   f"column {error.colno}")) from None


def _schema_problems(resource: dict, file: str) -> list[Violation]:
    """What makes a resource's schema unusable, before any row is read."""
    schema = resource.get("schema")
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not schema["fields"]:
        return [Violation(file, "schema", "has no schema with fields in datapackage.json")]
    found = [
        Violation(file, "field-type", f"field {field.get('name')!r} has type {field.get('type')!r}; "
                                      f"known types: {', '.join(FIELD_TYPES)}")
        for field in schema["fields"] if field.get("type", "string") not in FIELD_TYPES
    ]
    found += [
        Violation(file, "row-rule", f"unknown rule {rule.get('rule')!r} in x-row-rules; known: {', '.join(ROW_RULES)}")
        for rule in schema.get("x-row-rules", []) if rule.get("rule") not in ROW_RULES
    ]
    return found


def _misnamed_tables(data_dir: Path) -> list[Violation]:
    """A table file must end in lower-case '.csv'; 'X.CSV' would be missed by every tool."""
    return [
        Violation(f"{data_dir.name}/{path.name}", "extension", "a table's name must end in lower-case '.csv'")
        for path in sorted(data_dir.iterdir())
        if path.suffix.lower() == ".csv" and path.suffix != ".csv"
    ]


def validate_package(
    package_path: Path = paths.DATA_PACKAGE, bib_path: Path = paths.BIBLIOGRAPHY
) -> tuple[list[Violation], dict[str, list[dict]]]:
    """Check every table of a data package; return the violations and the typed rows by table."""
    try:
        package = load_package(package_path)
    except PackageError as error:
        return [error.violation], {}
    data_dir = package_path.parent
    bib_keys = read_bibliography_keys(bib_path)
    violations: list[Violation] = _misnamed_tables(data_dir)
    tables: dict[str, list[dict]] = {}
    declared = {resource.get("path") for resource in package.get("resources", [])}
    for csv_path in sorted(data_dir.glob("*.csv")):
        if csv_path.name not in declared:
            violations.append(
                Violation(f"{data_dir.name}/{csv_path.name}", "declared", "the table is not declared in datapackage.json")
            )
    for resource in package.get("resources", []):
        file = f"{data_dir.name}/{resource.get('path')}"
        if not str(resource.get("path", "")).endswith(".csv"):
            violations.append(Violation(file, "extension", "a table's name must end in lower-case '.csv'"))
            continue
        table_path = data_dir / resource["path"]
        if not table_path.exists():
            violations.append(Violation(file, "exists", "declared in datapackage.json but missing"))
            continue
        if problems := _schema_problems(resource, file):
            violations += problems
            continue
        table_violations, rows = validate_table(resource, table_path, bib_keys, file)
        violations += table_violations
        tables[resource["name"]] = rows
    return list(dict.fromkeys(violations)), tables  # a file named twice is reported once


def descriptor_violations(package_path: Path = paths.DATA_PACKAGE) -> list[Violation]:
    """datapackage.json against the Frictionless Data Package v2 profile, by the frictionless
    library itself, so the package is one every Frictionless tool accepts.

    Only what frictionless says of the descriptors is reported: the rows are checked by
    :func:`validate_table`, which is stricter (numbers only as printed, no padded keys).
    """
    from frictionless import validate

    report = validate(str(package_path))
    file = f"{package_path.parent.name}/{package_path.name}"
    found = [Violation(file, f"frictionless {error.type}", error.message) for error in report.errors]
    for task in report.tasks:
        found += [
            Violation(f"{package_path.parent.name}/{task.place}", f"frictionless {error.type}", error.message)
            for error in task.errors if getattr(error, "row_number", None) is None
        ]
    return found


def ledger_violations(claims: list[dict], checks: list[dict], articles_dir: Path) -> list[Violation]:
    """What ties the claims ledger together across tables and to the source articles.

    Every check names a claim of the ledger and refers only to rows and columns that exist;
    every value of a claim is stated in its quote; every quote stands verbatim in its
    article. Where the articles are absent the last rule cannot run: see
    :func:`articles_missing`.
    """
    import pandas as pd

    from evidence.audit.expressions import resolve_list
    from evidence.quote_numbers import value_in_quote

    found: list[Violation] = []
    by_id = pd.DataFrame(claims).fillna("").set_index("claim_id", drop=False)
    for row_number, check in enumerate(checks, start=1):
        if check["claim_id"] not in by_id.index:
            found.append(Violation("data/claim_checks.csv", "claim-exists", "names a claim that is not in data/claims.csv",
                                   row_number, "claim_id", check["claim_id"]))
            continue
        for column in ("operands", "target"):
            if check.get(column):
                try:
                    resolve_list(check[column], by_id, pd.Series(check).fillna(""))
                except (ValueError, KeyError) as error:
                    found.append(Violation("data/claim_checks.csv", "reference", f"cannot be resolved: {error}",
                                           row_number, column, check[column]))
    for row_number, claim in enumerate(claims, start=1):
        for value in (claim["values"] or "").split(";"):
            if value and not value_in_quote(value, claim["quote"]):
                found.append(Violation("data/claims.csv", "value-in-quote", f"the value {value} is not stated in the quote",
                                       row_number, "values", claim["values"]))
        article = articles_dir / claim["article"]
        if article.is_file() and claim["quote"] not in article.read_text(encoding="utf-8"):
            found.append(Violation("data/claims.csv", "verbatim", f"the quote is not word for word in {claim['article']}",
                                   row_number, "quote", claim["quote"]))
    return found


def articles_missing(claims: list[dict], articles_dir: Path) -> list[str]:
    """The source articles the quotes come from that are not in ``articles_dir``."""
    return sorted({c["article"] for c in claims if not (articles_dir / c["article"]).is_file()})


def hype_count_violations(articles_dir: Path) -> list[Violation]:
    """The stored hype-word counts and lengths against a fresh count in the articles present."""
    from evidence import appraisal

    present = [a for a in appraisal.load_table("source_articles")["article"] if (articles_dir / a).is_file()]
    if not present:
        return []
    counts, lengths = appraisal.counts_from_articles(present)
    violations = []
    for table, fresh, key, column in (("hype_counts", counts, ["article", "term"], "count"),
                                      ("article_lengths", lengths, ["article"], "characters")):
        stored = appraisal.load_table(table)
        stored = stored[stored["article"].isin(present)].set_index(key)[column]
        fresh = fresh.set_index(key)[column]
        for index in sorted(set(stored.index) | set(fresh.index)):
            if index not in stored.index or index not in fresh.index or int(stored[index]) != int(fresh[index]):
                violations.append(Violation(
                    f"{table}.csv", "counted-in-article",
                    f"the count in the article is {fresh.get(index, 'missing')}; run "
                    "`.venv/bin/python -c 'from evidence import appraisal; appraisal.write_counts()'`",
                    column=column, value=f"{index}: {stored.get(index, 'missing')}"))
    return violations


def main() -> int:
    try:
        return _main()
    except Exception as error:  # noqa: BLE001 - a reader gets a message, never a traceback
        print(f"make validate: unexpected {type(error).__name__}: {error}", file=sys.stderr)
        return 2


def _main() -> int:
    violations, tables = validate_package()
    if not violations:
        violations += descriptor_violations()
    missing = []
    if not violations and {"claims", "claim_checks"} <= tables.keys():
        violations += ledger_violations(tables["claims"], tables["claim_checks"], paths.SOURCE_ARTICLES_DIR)
        missing = articles_missing(tables["claims"], paths.SOURCE_ARTICLES_DIR)
    if not violations and {"hype_counts", "article_lengths"} <= tables.keys():
        violations += hype_count_violations(paths.SOURCE_ARTICLES_DIR)
    for violation in violations:
        print(violation, file=sys.stderr)
    if missing:
        print(f"The quotes could not be checked word for word against {len(missing)} source article(s) missing "
              f"from {paths.SOURCE_ARTICLES_DIR} (set BOOK_SOURCE_ARTICLES to their folder): {', '.join(missing)}",
              file=sys.stderr)
    if violations:
        print(f"FAILED: {len(violations)} violation(s) in data/", file=sys.stderr)
        return 1
    if missing and os.environ.get("CI"):
        print("FAILED: in CI every quote must be checked against its source article", file=sys.stderr)
        return 1
    rows = sum(len(t) for t in tables.values())
    print(f"OK: {len(tables)} tables, {rows} rows valid against data/datapackage.json"
          + ("" if missing else "; every check resolves, every value is in its quote, every quote in its article"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
