"""Where the project's files live, found from this file so that notebooks run from any folder."""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
DATA_PACKAGE = DATA_DIR / "datapackage.json"
BIBLIOGRAPHY = REPO_ROOT / "book" / "references.bib"
# The source articles are not part of the project (we quote, we don't copy); CI and the
# developers have them beside the repository.
# BOOK_SOURCE_ARTICLES points elsewhere (a test's copy, or where a reader keeps them).
SOURCE_ARTICLES_DIR = Path(os.environ.get("BOOK_SOURCE_ARTICLES") or REPO_ROOT.parent / "shared" / "sources")
