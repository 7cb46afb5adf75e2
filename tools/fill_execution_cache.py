"""Execute the book's notebooks in parallel into the execution cache, before Jupyter Book reads them.

Jupyter Book 1 executes notebooks one after another while Sphinx reads them. This fills the
same jupyter-cache first, one notebook per core, exactly as myst-nb's ``cache`` mode would
(same cache, same working folder, same timeout, no errors allowed), so that the build then
finds every notebook cached. A notebook whose code is unchanged is not run again.

``python tools/fill_execution_cache.py [CACHE[=LANGUAGE]]...``: each cache with its edition's
notebooks, all in one pool, so that the editions share the cores (``make book`` fills the English
cache and the Chinese edition's, ``_build/zh/.jupyter_cache``, whose kernels run with
``BOOK_LANGUAGE=zh_CN``). With no argument, the English cache. A notebook that fails is left out
of the cache and named; the build then runs it again and reports the cell and the traceback, as
it always did.
"""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
TIMEOUT = CONFIG["execute"]["timeout"]


def book_notebooks() -> list[Path]:
    """The notebooks in the table of contents, in its order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return [ROOT / f"{name}.ipynb" for name in files if (ROOT / f"{name}.ipynb").is_file()]


def execute(task: tuple[Path, str]):
    """Run one notebook from its own folder, in the given edition; return it executed, or the
    error as text. A worker runs one notebook at a time, so the variable is set for its kernel only."""
    from jupyter_cache.executors.utils import single_nb_execution

    path, language = task
    os.environ.pop("BOOK_LANGUAGE", None)
    if language:
        os.environ["BOOK_LANGUAGE"] = language
    notebook = nbformat.read(path, as_version=4)
    result = single_nb_execution(notebook, cwd=str(path.parent), allow_errors=False, timeout=TIMEOUT,
                                 meta_override=True)
    if result.err is not None:
        return path, None, type(result.err).__name__
    return path, notebook, result.time


def main(targets: list[tuple[str, str]]) -> int:
    """Fill each (cache, language) target; language "" is the English edition."""
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    caches = {cache_path: get_cache(cache_path) for cache_path, _ in targets}
    stale: list[tuple[str, Path, str]] = []
    for cache_path, language in targets:
        for path in book_notebooks():
            try:
                caches[cache_path].match_cache_notebook(nbformat.read(path, as_version=4))
            except KeyError:
                stale.append((cache_path, path, language))
    if not stale:
        return 0
    start = time.perf_counter()
    workers = min(len(stale), os.cpu_count() or 1)
    failed = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        outcomes = pool.map(execute, [(path, language) for _, path, language in stale])
        for (cache_path, _, language), (path, notebook, outcome) in zip(stale, outcomes):
            name = f"{path.relative_to(ROOT)}{f' ({language})' if language else ''}"
            if notebook is None:
                failed.append(f"{name}: {outcome}")
                continue
            cache = caches[cache_path]
            record = cache.add_nb_to_project(str(path))
            cache.cache_notebook_bundle(CacheBundleIn(notebook, record.uri, data={"execution_seconds": outcome}),
                                        check_validity=False, overwrite=True)
    if failed:
        print("not cached, because executing them failed (the build shows where):", file=sys.stderr)
        for line in failed:
            print(f"  {line}", file=sys.stderr)
    print(f"executed {len(stale) - len(failed)} of {len(stale)} notebooks on {workers} cores in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    given = [argument.partition("=") for argument in sys.argv[1:]]
    sys.exit(main([(cache, language) for cache, _, language in given]
                  or [(str(ROOT / CONFIG["execute"]["cache"]), "")]))
