"""Pack the workshop kit: one zip that runs the chapters offline on a participant's laptop.

``python -m evidence.workshop`` (or ``make workshop``) writes
``_build/workshop/recomputing-the-evidence-workshop.zip`` with the notebooks (with their
outputs), the data, the ``evidence`` helper package, the bibliography the data validator
checks sources against, the requirements and a short README on offline set-up. Unpacked,
the folder has the same layout as the repository, so ``evidence`` finds ``data/`` beside
itself and nothing outside the folder is needed.

The zip is reproducible: entries are sorted and stamped with ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import os
import sys
import time
import zipfile
from pathlib import Path

from evidence import paths

ZIP_NAME = "recomputing-the-evidence-workshop.zip"
FOLDER = "recomputing-the-evidence-workshop"
DEFAULT_TARGET = paths.REPO_ROOT / "_build" / "workshop" / ZIP_NAME

README = """\
# Recomputing the evidence: workshop kit

The notebooks of the book *Recomputing the evidence: liver failure and stem-cell therapy*,
with their data and the small helper package they import. Everything runs offline.

| path | what it is |
| --- | --- |
| `notebooks/` | one notebook per chapter, with outputs, and exercises with solutions |
| `data/` | the tables (CSV) and `datapackage.json`, which describes every column |
| `evidence/` | the helper package: loading data, statistics, figures |
| `book/references.bib` | the papers every data row cites |
| `requirements.lock` | the exact versions of every package (`requirements.txt`: the direct ones) |

## Before the workshop (needs internet once)

With Python 3.11:

```bash
python3 -m venv .venv
.venv/bin/python -m pip install -r requirements.lock
.venv/bin/python -m pip install --no-deps -e .
```

(On Windows use `.venv\\Scripts\\python`.) Then check that a notebook runs:

```bash
.venv/bin/jupyter notebook notebooks/
```

## A room with no internet

A teacher can prepare the packages once, on a machine of the participants' kind, and hand
them out with this folder (for example on a USB stick):

```bash
python3 -m pip download -r requirements.lock "setuptools>=68" -d wheels
```

Each participant then installs from the folder, with no network:

```bash
python3 -m venv .venv
.venv/bin/python -m pip install --no-index --find-links wheels -r requirements.lock
.venv/bin/python -m pip install --no-index --find-links wheels --no-deps -e .
```

(`setuptools` is in the list because installing the helper package with `-e .` builds it.)

The notebooks read only `data/` and `book/references.bib`; they download nothing.

Not medical advice: the book checks published numbers; it recommends no treatment.
Code: MIT; text and data: CC BY 4.0 (see `LICENSE`).
"""


def kit_files() -> list[Path]:
    """Every repository file the kit needs, as paths relative to the repository."""
    root = paths.REPO_ROOT
    chosen = [Path("pyproject.toml"), Path("requirements.txt"), Path("requirements.lock"), Path("LICENSE"),
              Path("CITATION.cff"), paths.BIBLIOGRAPHY.relative_to(root)]
    chosen += [p.relative_to(root) for p in sorted((root / "evidence").rglob("*.py"))]
    chosen += [p.relative_to(root) for p in sorted(paths.DATA_DIR.glob("*.csv"))]
    chosen += [paths.DATA_PACKAGE.relative_to(root)]
    chosen += [p.relative_to(root) for p in sorted((root / "notebooks").glob("*.ipynb"))]
    return [p for p in chosen if (root / p).is_file()]


def build(target: Path = DEFAULT_TARGET) -> Path:
    """Write the zip to ``target`` and return its path."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", "1767225600")))[:6]

    def add(archive: zipfile.ZipFile, name: str, content: bytes) -> None:
        info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        archive.writestr(info, content)

    with zipfile.ZipFile(target, "w") as archive:
        add(archive, "README-workshop.md", README.encode("utf-8"))
        for relative in kit_files():
            add(archive, relative.as_posix(), (paths.REPO_ROOT / relative).read_bytes())
    return target


def main() -> int:
    target = build()
    with zipfile.ZipFile(target) as archive:
        count = len(archive.namelist())
    print(f"wrote {target.relative_to(paths.REPO_ROOT)} ({count} files, {target.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
