"""Execute the chapter notebooks in place, so they are committed with fresh outputs.

``python -m evidence.notebooks`` (or ``make notebooks``) runs every notebook in
``notebooks/`` with nbclient, from the notebook's own folder, and writes it back with only
what is deterministic: execution timestamps are dropped, so re-running an unchanged
notebook leaves the file byte-identical. nbval then checks the committed outputs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from evidence import paths

NOTEBOOK_DIR = paths.REPO_ROOT / "notebooks"


def chapter_notebooks() -> list[Path]:
    return sorted(p for p in NOTEBOOK_DIR.glob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def execute(path: Path, timeout: int = 300) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in notebook.cells:
        cell.get("metadata", {}).pop("execution", None)
    return notebook


def main(argv: list[str]) -> int:
    targets = [Path(a).resolve() for a in argv] or chapter_notebooks()
    for path in targets:
        print(f"executing {path.relative_to(paths.REPO_ROOT)}", flush=True)
        nbformat.write(execute(path), path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
