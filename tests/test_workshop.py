"""The workshop zip is self-contained: unpacked anywhere, a chapter notebook runs from it."""

import zipfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from evidence import workshop

NOTEBOOK_RUN_FROM_THE_KIT = "alss-survival.ipynb"


def test_workshop_zip_unpacks_and_runs_a_notebook(tmp_path, monkeypatch):
    archive = workshop.build(tmp_path / "kit.zip")
    unpacked = tmp_path / "laptop"
    with zipfile.ZipFile(archive) as kit:
        names = kit.namelist()
        kit.extractall(unpacked)
    folder = unpacked / workshop.FOLDER
    for needed in ("README-workshop.md", "requirements.lock", "requirements.txt", "pyproject.toml",
                   "data/datapackage.json", "evidence/__init__.py", "book/references.bib"):
        assert f"{workshop.FOLDER}/{needed}" in names, needed

    # The kernel imports `evidence` from the unpacked folder, not from this repository.
    monkeypatch.setenv("PYTHONPATH", str(folder))
    notebook = nbformat.read(folder / "notebooks" / NOTEBOOK_RUN_FROM_THE_KIT, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(
        "import evidence, evidence.data\nprint(evidence.__file__)\nprint(evidence.data.paths.DATA_DIR)"))
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(folder / "notebooks")}}).execute()

    printed = notebook.cells[-1].outputs[0]["text"].splitlines()
    assert Path(printed[0]).is_relative_to(folder)
    assert Path(printed[1]) == folder / "data"


def test_workshop_zip_is_reproducible(tmp_path):
    first = workshop.build(tmp_path / "first.zip").read_bytes()
    second = workshop.build(tmp_path / "second.zip").read_bytes()
    assert first == second
