"""Load the book's tables, validated against ``data/datapackage.json``.

``load_table("alss_survival")`` returns a pandas DataFrame whose columns have the types
the schema declares (integer columns with an empty cell become pandas' nullable ``Int64``).
If any table in the package breaks a rule, :class:`~evidence.validate.DataValidationError`
is raised with every violation listed: a notebook never runs on bad data.
"""

from __future__ import annotations

from functools import lru_cache

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
