"""Time the book's set-up, builds and tests from fresh clones; print one JSON object.

Run ``make bench`` (or ``python3 tools/bench.py``). It clones the last commit of this
repository into a temporary folder (uncommitted changes are not measured) and times, each
as the median of ``BENCH_RUNS`` runs (default 3; each run in its own new clone):

- ``fresh_setup``: ``make env`` in a new clone, with uv's download cache warm;
- ``first_build_in_fresh_environment``: the first ``make book`` there (it also fills
  Python's bytecode cache);
- ``clean_build``: ``make book`` after ``make clean`` (every notebook executed again);
- ``no_change_rebuild``: ``make book`` again, nothing changed (make finds the book up to date);
- ``rebuild_after_touch_only``: ``make book`` after a file's date changed but not its
  content, so jupyter-book starts and finds nothing to do (its start-up cost);
- ``rebuild_after_markdown_change``: ``make book`` after one notebook's markdown changed
  (the execution cache still holds, so only pages are rendered again);
- ``rebuild_after_code_change``: ``make book`` after one notebook's code changed (that
  notebook is executed again);
- ``make_test``: the whole suite, with the book already built;
- ``bare_execution``: every notebook executed once with nbclient, nothing else (timed inside
  the Python process, so interpreter start-up is not counted).

It then checks the budgets of the README's "Reproducibility and speed" section. Times are
wall-clock seconds; ``cpu_s`` (user + system time of all child processes) is given beside
them because on a shared machine wall-clock time also measures the neighbours.

Set ``BENCH_COLD_SETUP=1`` to time one more set-up with an empty uv cache (downloads every
package). Progress goes to stderr, the JSON to stdout.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
BROWSER_TESTS = "tests.site.test_browser"  # junit classname of tests/site/test_browser.py
# The environment the Makefile gives its commands, for the one step that runs without make.
MAKEFILE_ENVIRONMENT = {"PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8", "MPLBACKEND": "agg", "PYTHONDONTWRITEBYTECODE": ""}
BARE_EXECUTION = """
import time
from evidence.notebooks import chapter_notebooks, execute
start = time.perf_counter()
for path in chapter_notebooks():
    execute(path)
print(time.perf_counter() - start)
"""


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run a command; return its wall-clock and CPU seconds and its output. Stop on failure."""
    cpu_before, start = children_cpu_seconds(), time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - start, children_cpu_seconds() - cpu_before
    if result.returncode != 0:
        log(f"`{' '.join(command)}` failed in {cwd}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        sys.exit(1)
    return wall, cpu, result.stdout


def clone(destination: Path) -> Path:
    subprocess.run(["git", "clone", "--quiet", str(REPO_ROOT), str(destination)], check=True)
    return destination


def summary(walls: list[float], cpus: list[float]) -> dict:
    return {
        "median_s": round(statistics.median(walls), 2),
        "runs_s": [round(w, 2) for w in walls],
        "cpu_s": round(statistics.median(cpus), 2),
    }


def edit_notebook(path: Path, cell_type: str, text: str) -> None:
    """Append ``text`` to the last cell of ``cell_type``, as an author's small edit would."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cell = [c for c in notebook["cells"] if c["cell_type"] == cell_type][-1]
    source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
    cell["source"] = source + text
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def browser_test_seconds(junit_xml: Path) -> float:
    if not junit_xml.exists():
        return 0.0
    cases = ElementTree.parse(junit_xml).getroot().iter("testcase")
    return sum(float(case.get("time", 0)) for case in cases if case.get("classname", "").startswith(BROWSER_TESTS))


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    models = [line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")]
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    memory_kb = next((int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal")), 0)
    uv = subprocess.run([sys.executable, "-m", "uv", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "cpu_model": models[0] if models else platform.processor(),
        "logical_cpus": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024**2, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "uv": uv or None,
    }


def main() -> int:
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True).stdout.strip()
    load_before = os.getloadavg()
    # The clones live in a temporary folder with no ../shared beside them: point the book at
    # the source articles this checkout uses (validation and the injection test read them).
    os.environ.setdefault("BOOK_SOURCE_ARTICLES", str(REPO_ROOT.parent / "shared" / "sources"))
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        figures = measure(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()

    bare, clean, no_change, test = (figures[k]["median_s"] for k in ("bare_execution", "clean_build", "no_change_rebuild", "make_test"))
    browser = figures["browser_tests_in_make_test"]["median_s"]
    setup = figures["fresh_setup"]["median_s"]
    budgets = {
        "clean_build <= 1.5 x bare_execution + 10 s": {"limit_s": round(1.5 * bare + 10, 2), "measured_s": clean},
        "no_change_rebuild < 5 s": {"limit_s": 5.0, "measured_s": no_change},
        "make_test <= 2 x bare_execution + browser tests": {"limit_s": round(2 * bare + browser, 2), "measured_s": test},
        "fresh_setup < 30 s": {"limit_s": 30.0, "measured_s": setup},
    }
    for budget in budgets.values():
        budget["met"] = budget["measured_s"] <= budget["limit_s"]
    report = {
        "commit": commit,
        "runs_per_figure": RUNS,
        "notebooks": figures.pop("notebooks"),
        "figures": figures,
        "ratios": {
            "clean_build / bare_execution": round(clean / bare, 2),
            "make_test / bare_execution": round(test / bare, 2),
            "no_change_rebuild / clean_build": round(no_change / clean, 3),
        },
        "budgets": budgets,
        "all_budgets_met": all(b["met"] for b in budgets.values()),
        "machine": {**machine(), "load_average_1min_before_after": [round(load_before[0], 2), round(load_after[0], 2)]},
        "notes": [
            "wall-clock seconds, median of runs_per_figure runs; cpu_s is the median user+system time",
            "fresh_setup: `make env` in a new clone with uv's cache warm (packages already downloaded, installed offline)",
            "each run goes through every step once in its own new clone, so that varying load weighs on all figures alike",
            "make_test: the book already built; includes the double build of tests/site/test_reproducible.py",
            "bare_execution: evidence.notebooks.execute on every notebook, timed inside Python",
        ],
    }
    print(json.dumps(report, indent=2))
    return 0


def measure(work: Path) -> dict:
    """Each run goes through every step once, in a new clone: on a shared machine the load
    of the neighbours then weighs on every figure alike, and the medians stay comparable."""
    walls: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}

    def record(name: str, wall: float, cpu: float) -> None:
        log(f"{name}: {wall:.1f} s")
        walls.setdefault(name, []).append(wall)
        cpus.setdefault(name, []).append(cpu)

    junit_xml = work / "make-test.xml"
    notebook_count = 0
    for run_number in range(1, RUNS + 1):
        log(f"run {run_number}/{RUNS}")
        book = clone(work / f"run-{run_number}")
        record("fresh_setup", *run(["make", "env"], book)[:2])
        # The first build also compiles and caches the bytecode of every module it imports.
        record("first_build_in_fresh_environment", *run(["make", "book"], book)[:2])
        run(["make", "clean"], book)
        record("clean_build", *run(["make", "book"], book)[:2])
        record("no_change_rebuild", *run(["make", "book"], book)[:2])

        time.sleep(0.1)  # file dates are coarse: an edit in the stamp's millisecond looks old
        (book / "_config.yml").touch()  # make starts jupyter-book, which finds nothing to do
        record("rebuild_after_touch_only", *run(["make", "book"], book)[:2])

        notebooks = sorted((book / "notebooks").glob("*.ipynb"))
        notebook_count = len(notebooks)
        for cell_type, text in (("markdown", "\n\n<!-- bench edit -->"), ("code", "\n# bench edit")):
            time.sleep(0.1)
            edit_notebook(notebooks[0], cell_type, text)
            record(f"rebuild_after_{cell_type}_change", *run(["make", "book"], book)[:2])
        subprocess.run(["git", "checkout", "--quiet", "--", "notebooks"], cwd=book, check=True)
        run(["make", "book"], book)

        junit_xml.unlink(missing_ok=True)
        record("make_test", *run(["make", "test"], book, env={"PYTEST_ADDOPTS": f"--junitxml={junit_xml}"})[:2])
        record("browser_tests_in_make_test", browser_test_seconds(junit_xml), 0.0)

        python = str(book / ".venv" / "bin" / "python")
        _, cpu, output = run([python, "-c", BARE_EXECUTION], book / "notebooks", MAKEFILE_ENVIRONMENT)
        record("bare_execution", float(output.strip().splitlines()[-1]), cpu)
        shutil.rmtree(book, ignore_errors=True)

    if os.environ.get("BENCH_COLD_SETUP") == "1":
        cold = clone(work / "cold")
        wall, cpu, _ = run(["make", "env"], cold, env={"UV_CACHE_DIR": str(work / "empty-uv-cache")})
        record("fresh_setup_cold_uv_cache", wall, cpu)
    figures = {name: summary(walls[name], cpus[name]) for name in walls}
    figures["notebooks"] = notebook_count
    return figures


if __name__ == "__main__":
    sys.exit(main())
