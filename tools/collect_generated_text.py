"""Add to generated.po every text the code writes that the Chinese edition cannot yet translate.

Runs every notebook of the book as the Chinese edition does (``BOOK_LANGUAGE=zh_CN``), in a
scratch execution cache, with ``BOOK_COLLECT_MESSAGES`` set: each text missing from
``locale/zh_CN/LC_MESSAGES/generated.po`` is written down instead of stopping the run. The
messages found are added to the catalogue untranslated, for a translator. ``make catalogue``
runs it; locale/README.md says more.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evidence.language import CATALOGUE  # noqa: E402 - after the path is set


def collect() -> list[str]:
    """The messages the notebooks ask for and the catalogue lacks, in the order they were met."""
    with tempfile.TemporaryDirectory() as scratch:
        record = Path(scratch) / "missing.txt"
        record.touch()
        environment = {**os.environ, "BOOK_LANGUAGE": "zh_CN", "BOOK_COLLECT_MESSAGES": str(record)}
        subprocess.run([sys.executable, str(ROOT / "tools" / "fill_execution_cache.py"), f"{Path(scratch) / 'cache'}=zh_CN"],
                       cwd=ROOT, env=environment, check=True)
        lines = record.read_text(encoding="utf-8").splitlines()
    return list(dict.fromkeys(ast.literal_eval(line) for line in lines))


def main() -> int:
    missing = collect()
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="zh_CN")
    for message in missing:
        catalogue.add(message, "")
    with CATALOGUE.open("wb") as handle:
        write_po(handle, catalogue, width=0, omit_header=False)
    # babel marks messages with {0} as python-format; they are not, and msgfmt would check them as such.
    text = re.sub(r"^#, .*\n", "", CATALOGUE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    CATALOGUE.write_text(text, encoding="utf-8")
    print(f"{len(missing)} new messages added to {CATALOGUE.relative_to(ROOT)}, untranslated: translate each "
          "msgstr, keeping every {0}, {1}… (see locale/README.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
