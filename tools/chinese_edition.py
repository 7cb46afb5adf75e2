"""Build the Chinese edition (简体中文版) into _build/html/zh, from the same sources.

Sphinx's own translation route: the English pages' paragraphs are messages, translated in
``locale/zh_CN/LC_MESSAGES/<page>.po``, and the book is built again with ``language: zh_CN``.
This writes that configuration (``_config.yml`` with the language, the catalogues and a
Chinese title) to ``_build/zh/_config.yml``, builds with Jupyter Book into ``_build/zh``, and
copies the site to ``_build/html/zh``. ``make book`` runs it after the English edition.

Work in progress (see locale/README.md): the code's own text (table headers, figure labels,
verdict reasons) is still English in this edition, so its notebooks give the same outputs as
the English ones and share their execution cache.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build" / "zh"
SITE = ROOT / "_build" / "html" / "zh"
TITLE = "重新核算证据：肝衰竭与干细胞治疗"


def edition_config() -> dict:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = TITLE
    config["execute"]["cache"] = str(ROOT / config["execute"]["cache"])
    sphinx = config["sphinx"]
    # The configuration file lives in _build/zh, so the extension's folder is given in full.
    sphinx["local_extensions"] = {name: str(ROOT / folder) for name, folder in sphinx["local_extensions"].items()}
    sphinx["config"].update({"language": "zh_CN", "locale_dirs": ["locale/"], "gettext_compact": False})
    return config


def main() -> int:
    BUILD.mkdir(parents=True, exist_ok=True)
    config_path = BUILD / "_config.yml"
    config_path.write_text(yaml.safe_dump(edition_config(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    build = subprocess.run([str(jupyter_book), "build", str(ROOT), "--builder", "html", "--config", str(config_path),
                            "--path-output", str(BUILD), "-W", "-n", "--keep-going"], cwd=ROOT)
    if build.returncode != 0:
        return build.returncode
    if SITE.exists():
        shutil.rmtree(SITE)
    shutil.copytree(BUILD / "_build" / "html", SITE)
    print(f"the Chinese edition is in {SITE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
