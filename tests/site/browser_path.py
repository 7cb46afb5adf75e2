"""Which Chromium the browser tests use; run as a script, it prints the path or exits 1.

In order: ``BOOK_CHROMIUM``; Debian's ``chromium`` on the PATH; Playwright's own Chromium
(``python -m playwright install chromium``). ``tools/ensure-browser.sh`` installs one if
none is found.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path


def chromium_path() -> Path | None:
    # Lazily: asking Playwright starts its driver, which takes seconds.
    for candidate in (lambda: os.environ.get("BOOK_CHROMIUM"), lambda: shutil.which("chromium"), _playwright_chromium):
        found = candidate()
        if found and Path(found).is_file():
            return Path(found)
    return None


def _playwright_chromium() -> str | None:
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            return playwright.chromium.executable_path
    except Exception:  # noqa: BLE001 - no Playwright, or no browser of its own: not found
        return None


if __name__ == "__main__":
    found = chromium_path()
    if found is None:
        sys.exit(1)
    print(found)
