"""The workshop zip is self-contained: unpacked anywhere, a chapter notebook runs from it."""

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from evidence import paths, reader_notebooks, workshop

from test_reader_notebooks import LEFTOVER_MARKUP

NOTEBOOK_RUN_FROM_THE_KIT = "alss-survival.ipynb"
# Every notebook of the kit, as many at a time as there are cores; each reports which copy
# of `evidence` it imported (the kit's own, not this checkout's).
RUN_EVERY_NOTEBOOK = """
import pathlib, nbformat
from concurrent.futures import ProcessPoolExecutor
from nbclient import NotebookClient

def run(path):
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("import evidence\\nprint(evidence.__file__)"))
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return path.name, notebook.cells[-1].outputs[0]["text"].strip()

with ProcessPoolExecutor() as pool:
    for name, module in pool.map(run, sorted(pathlib.Path("notebooks").glob("*.ipynb"))):
        print("ran", name, module, flush=True)
"""


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


def test_the_kit_carries_the_readers_notebooks_and_its_own_requirements(tmp_path):
    with zipfile.ZipFile(workshop.build(tmp_path / "kit.zip")) as kit:
        names = kit.namelist()
        readme = kit.read(f"{workshop.FOLDER}/README-workshop.md").decode("utf-8")
        lock = kit.read(f"{workshop.FOLDER}/requirements.lock").decode("utf-8")
        notebook = kit.read(f"{workshop.FOLDER}/notebooks/alss-survival.ipynb").decode("utf-8")
    assert names == sorted(names)
    assert "python -m pip install -r requirements.lock -e .\njupyter lab" in readme
    assert "jupyter notebook" not in readme
    assert re.search(r"^jupyterlab==", lock, re.M) and not re.search(r"^(jupyter-book|sphinx)==", lock, re.M)
    assert "{glue" not in notebook and "Solutions" in notebook
    # Small: no glue records (hidden outputs), and each figure once, as the reader sees it.
    assert "papermill.record" not in notebook
    assert sum(1 for n in names if n.endswith(".svg")) == 0


def test_binder_installs_what_the_kit_installs():
    binder = paths.REPO_ROOT / "binder"
    pins = lambda text: [l for l in text.splitlines() if l and not l.startswith("#")]  # noqa: E731
    assert pins((binder / "requirements.txt").read_text()) == pins(
        (workshop.KIT_REQUIREMENTS / "requirements.lock").read_text())
    post_build = (binder / "postBuild").read_text()
    assert "pip install --no-deps -e ." in post_build and "evidence.reader_notebooks --in-place" in post_build
    assert os.access(binder / "postBuild", os.X_OK)


@pytest.mark.slow
def test_the_kit_sets_itself_up_and_runs_every_notebook(tmp_path):
    """Unpacked alone, the kit's own files make its environment; JupyterLab starts; every notebook runs."""
    with zipfile.ZipFile(workshop.build(tmp_path / "kit.zip")) as kit:
        kit.extractall(tmp_path)
    folder = tmp_path / workshop.FOLDER
    environment = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    uv = [shutil.which("python3") or sys.executable, "-m", "uv"]
    subprocess.run(uv + ["venv", "--quiet", "--python", "3.11", str(folder / ".venv")], check=True, env=environment)
    python = folder / ".venv" / "bin" / "python"
    install = uv + ["pip", "install", "--quiet", "--python", str(python), "-r", "requirements.lock", "-e", "."]
    if subprocess.run(install + ["--offline"], cwd=folder, env=environment, capture_output=True).returncode:
        subprocess.run(install, cwd=folder, env=environment, check=True)
    version = subprocess.run([str(folder / ".venv" / "bin" / "jupyter"), "lab", "--version"],
                             cwd=folder, env=environment, capture_output=True, text=True, check=True)
    assert re.fullmatch(r"\d+\.\d+\.\d+\s*", version.stdout)
    environment["BOOK_SOURCE_ARTICLES"] = str(tmp_path / "no-articles")
    result = subprocess.run([str(python), "-c", RUN_EVERY_NOTEBOOK], cwd=folder, env=environment,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    ran = dict(line.split(" ", 2)[1:] for line in result.stdout.splitlines() if line.startswith("ran "))
    notebooks = sorted(path.name for path in (folder / "notebooks").glob("*.ipynb"))
    assert sorted(ran) == notebooks and len(notebooks) == len(list(reader_notebooks.NOTEBOOK_DIR.glob("*.ipynb")))
    for name, module in ran.items():
        assert Path(module).is_relative_to(folder), f"{name} imported evidence from {module}, not from the kit"
    for name in notebooks:
        for cell in nbformat.read(folder / "notebooks" / name, as_version=4).cells:
            assert not LEFTOVER_MARKUP.search(cell.source), (name, cell.source[:200])
