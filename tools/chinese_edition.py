"""Build the Chinese edition (简体中文版) into _build/html/zh, from the same sources.

Sphinx's own translation route: the English pages' paragraphs are messages, translated in
``locale/zh_CN/LC_MESSAGES/<page>.po``, and the book is built again with ``language: zh_CN``.
This writes that configuration (``_config.yml`` with the language, the catalogues and a
Chinese title) to ``_build/zh/_config.yml``, and ``_toc.yml`` with Chinese part captions to
``_build/zh/_toc.yml``, builds with Jupyter Book into ``_build/zh``, and
copies the site to ``_build/html/zh``. ``make book`` runs it after the English edition.

What the code writes (table headers, figure labels, verdict reasons) is translated by
``evidence.language`` from ``locale/zh_CN/LC_MESSAGES/generated.po``, in the notebooks' kernels,
which this runs with ``BOOK_LANGUAGE=zh_CN``. So the Chinese edition's notebooks have outputs of
their own, and their own execution cache, ``_build/zh/.jupyter_cache``: it is filled in parallel
first (tools/fill_execution_cache.py), and emptied when the code's catalogue changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from evidence import language

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build" / "zh"
SITE = ROOT / "_build" / "html" / "zh"
CACHE = BUILD / ".jupyter_cache"
GENERATED_TEXT = ROOT / "locale" / "zh_CN" / "LC_MESSAGES" / "generated.po"
# As the Chinese landing page names the book (locale/zh_CN/LC_MESSAGES/book/intro.po).
TITLE = "重算证据：肝衰竭与干细胞治疗"
AUTHOR = "《重算证据》的贡献者"


def empty_cache_if_catalogue_changed() -> None:
    """The notebooks' outputs depend on generated.po, which jupyter-cache does not look at."""
    stamp = BUILD / ".generated-text.sha256"
    digest = hashlib.sha256(GENERATED_TEXT.read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        shutil.rmtree(CACHE, ignore_errors=True)
        shutil.rmtree(BUILD / "_build" / ".doctrees", ignore_errors=True)
        stamp.write_text(digest)


def edition_config() -> dict:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"], config["author"] = TITLE, AUTHOR
    config["execute"]["cache"] = str(CACHE)
    sphinx = config["sphinx"]
    # The configuration file lives in _build/zh, so the extension's folder is given in full.
    sphinx["local_extensions"] = {name: str(ROOT / folder) for name, folder in sphinx["local_extensions"].items()}
    sphinx["config"].update({"language": "zh_CN", "locale_dirs": ["locale/"], "gettext_compact": False,
                             # the fold on every hidden code cell (the book hides only code, never outputs)
                             "nb_code_prompt_show": "显示代码", "nb_code_prompt_hide": "隐藏代码",
                             "numfig_format": {"figure": "图 %s", "table": "表 %s"}})
    return config


def edition_toc() -> dict:
    """_toc.yml with the sidebar's part captions ("Chapters", "Appendices") in Chinese, from
    generated.po: Sphinx's catalogues translate pages, not the table of contents."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    captions = language.catalogue()
    for part in toc["parts"]:
        if part["caption"] not in captions:
            raise language.MissingTranslation(
                f"the Chinese edition has no translation for the part caption {part['caption']!r} of _toc.yml: "
                f"add it to {language.CATALOGUE.name} in locale/{language.CHINESE}/LC_MESSAGES")
        part["caption"] = captions[part["caption"]]
    return toc


def publish() -> None:
    """Copy the Chinese site into the English one's zh/ (after the English build has finished:
    its last steps go through every page of _build/html)."""
    if SITE.exists():
        shutil.rmtree(SITE)
    shutil.copytree(BUILD / "_build" / "html", SITE)
    print(f"the Chinese edition is in {SITE.relative_to(ROOT)}")


def main(arguments: list[str]) -> int:
    """Build the Chinese edition and copy it into _build/html/zh. ``make book`` runs it in three
    steps, so that the two editions share the cores: ``--prepare`` (empty the execution cache if
    the catalogue of generated text changed), then ``--build`` beside the English build (which
    fills the cache first if it lacks a notebook), then ``--publish``."""
    steps = arguments or ["--prepare", "--build", "--publish"]
    BUILD.mkdir(parents=True, exist_ok=True)
    if "--prepare" in steps:
        empty_cache_if_catalogue_changed()
    if "--build" in steps:
        config_path, toc_path = BUILD / "_config.yml", BUILD / "_toc.yml"
        config_path.write_text(yaml.safe_dump(edition_config(), allow_unicode=True, sort_keys=False),
                               encoding="utf-8")
        toc_path.write_text(yaml.safe_dump(edition_toc(), allow_unicode=True, sort_keys=False), encoding="utf-8")
        filled = subprocess.run([sys.executable, str(ROOT / "tools" / "fill_execution_cache.py"), f"{CACHE}=zh_CN"],
                                cwd=ROOT)
        if filled.returncode != 0:
            return filled.returncode
        jupyter_book = Path(sys.executable).parent / "jupyter-book"
        build = subprocess.run([str(jupyter_book), "build", str(ROOT), "--builder", "html", "--config",
                                str(config_path), "--toc", str(toc_path), "--path-output", str(BUILD),
                                "-W", "-n", "--keep-going"],
                               cwd=ROOT, env={**os.environ, "BOOK_LANGUAGE": "zh_CN"})
        if build.returncode != 0:
            return build.returncode
    if "--publish" in steps:
        publish()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
