"""Pack the workshop kit: one zip that runs the chapters on a participant's laptop, in JupyterLab.

``python -m evidence.workshop`` (or ``make workshop``) writes
``_build/workshop/recomputing-the-evidence-workshop.zip`` with the reader's notebooks
(``evidence/reader_notebooks.py``: every number in place, no MyST markup, solutions at the end),
the data, the ``evidence`` helper package, the bibliography, the kit's own pinned requirements
(``kit/requirements.txt`` and ``kit/requirements.lock``: what the notebooks import, and
JupyterLab; not the book's build and test tools) and a short README. Unpacked, the folder has the
same layout as the repository, so ``evidence`` finds ``data/`` beside itself and nothing outside
the folder is needed. ``make book`` puts the same zip into the site (``_downloads/``).

The zip is reproducible: entries are sorted and stamped with ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import os
import sys
import time
import zipfile
from pathlib import Path

import nbformat

from evidence import paths

ZIP_NAME = "recomputing-the-evidence-workshop.zip"
FOLDER = "recomputing-the-evidence-workshop"
DEFAULT_TARGET = paths.REPO_ROOT / "_build" / "workshop" / ZIP_NAME
KIT_REQUIREMENTS = paths.REPO_ROOT / "kit"

README = """\
# Recomputing the evidence: workshop kit

The notebooks of the book *Recomputing the evidence: liver failure and stem-cell therapy*,
with their data and the small helper package they import. Everything runs offline.

| path | what it is |
| --- | --- |
| `notebooks/` | one notebook per chapter: the numbers in place, exercises in the text, solutions at the end |
| `data/` | the tables (CSV) and `datapackage.json`, which describes every column |
| `evidence/` | the helper package: loading data, statistics, figures |
| `book/references.bib` | the papers every data row cites |
| `requirements.lock` | the exact version of every package the notebooks need, JupyterLab included (`requirements.txt`: the direct ones) |

## Set-up (needs internet once)

You need Python 3.11 or newer. In a terminal (Linux, macOS or Windows), in this folder, run
one command, then start JupyterLab:

```bash
python -m pip install -r requirements.lock -e .
jupyter lab
```

JupyterLab opens in the browser; open `notebooks/` and any chapter, and run it from the top
(Run → Run All Cells). Where `python` is not found, use `python3` (Linux, macOS) or `py`
(Windows). To keep these packages apart from others, first make and activate a virtual
environment (`python -m venv .venv`, then `source .venv/bin/activate`, or
`.venv\\Scripts\\activate` on Windows).

## A room with no internet

A teacher can prepare the packages once, on a machine of the participants' kind (operating
system and Python version), and hand them out with this folder (for example on a USB stick):

```bash
python -m pip download -r requirements.lock -d wheels
```

Each participant then installs from the folder, with no network, and starts JupyterLab:

```bash
python -m pip install --no-index --find-links wheels -r requirements.lock -e .
jupyter lab
```

(`setuptools` is in the list because installing the helper package with `-e .` builds it.)

The notebooks read only `data/` and `book/references.bib`; they download nothing. The first
cell of each notebook does something only on Google Colab (it fetches these files there).

Not medical advice: the book checks published numbers; it recommends no treatment.
Code: MIT; text and data: CC BY 4.0 (see `LICENSE`).
"""


def kit_files() -> list[Path]:
    """Every repository file the kit carries as it is, as paths relative to the repository."""
    root = paths.REPO_ROOT
    chosen = [Path("pyproject.toml"), Path("LICENSE"), Path("CITATION.cff"), paths.BIBLIOGRAPHY.relative_to(root)]
    chosen += [p.relative_to(root) for p in sorted((root / "evidence").rglob("*.py"))]
    chosen += [p.relative_to(root) for p in sorted(paths.DATA_DIR.glob("*.csv"))]
    chosen += [paths.DATA_PACKAGE.relative_to(root)]
    return [p for p in chosen if (root / p).is_file()]


def reader_notebooks() -> dict[str, bytes]:
    """The reader's notebook of every chapter, as the kit names them (``notebooks/...``)."""
    from evidence.reader_notebooks import NOTEBOOK_DIR, reader_notebook

    return {f"notebooks/{source.name}": (nbformat.writes(reader_notebook(source)) + "\n").encode("utf-8")
            for source in sorted(NOTEBOOK_DIR.glob("*.ipynb"))}


def build(target: Path = DEFAULT_TARGET, notebooks: dict[str, bytes] | None = None) -> Path:
    """Write the zip to ``target`` and return its path (``notebooks``: already made reader's notebooks)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", "1767225600")))[:6]
    entries = {"README-workshop.md": README.encode("utf-8"),
               "requirements.txt": (KIT_REQUIREMENTS / "requirements.txt").read_bytes(),
               "requirements.lock": (KIT_REQUIREMENTS / "requirements.lock").read_bytes()}
    entries.update({p.as_posix(): (paths.REPO_ROOT / p).read_bytes() for p in kit_files()})
    entries.update(reader_notebooks() if notebooks is None else notebooks)

    with zipfile.ZipFile(target, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    return target


def main() -> int:
    target = build()
    with zipfile.ZipFile(target) as archive:
        count = len(archive.namelist())
    print(f"wrote {target.relative_to(paths.REPO_ROOT)} ({count} files, {target.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
