"""The Chinese edition's message catalogues: complete, valid, and with the markup intact."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from babel.messages.pofile import read_po

from evidence import paths

CATALOGUES = sorted((paths.REPO_ROOT / "locale" / "zh_CN" / "LC_MESSAGES").rglob("*.po"))
ROLE = re.compile(r"\{(glue:md|glue:text|glue|cite:p|cite:t|numref|eq)\}`[^`]*`")
TARGET = re.compile(r"\{(?:term|ref|doc)\}`[^`]*?(<[^`>]+>)`")


def test_there_are_catalogues():
    assert len(CATALOGUES) >= 20


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: p.relative_to(p.parents[1]).as_posix())
def test_catalogue_is_complete_and_valid(catalogue):
    msgfmt = shutil.which("msgfmt")
    if msgfmt:  # gettext's own check, where it is installed
        result = subprocess.run([msgfmt, "--check", "--statistics", "-o", "/dev/null", str(catalogue)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
    with catalogue.open("rb") as handle:
        messages = [m for m in read_po(handle) if m.id]
    assert messages
    for message in messages:
        assert message.string, f"untranslated: {message.id[:60]!r}"
        assert not message.fuzzy, f"fuzzy: {message.id[:60]!r}"


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: p.relative_to(p.parents[1]).as_posix())
def test_translation_keeps_every_glued_value_citation_and_link_target(catalogue):
    with catalogue.open("rb") as handle:
        messages = [m for m in read_po(handle) if m.id]
    for message in messages:
        for token in [m.group(0) for m in ROLE.finditer(message.id)] + TARGET.findall(message.id):
            assert token in message.string, f"{token!r} of {message.id[:60]!r} is missing from its translation"


def test_the_markup_check_catches_a_dropped_glue_value():
    assert ROLE.search("{glue:md}`alss-pairs` pairs")
    assert "{glue:md}`alss-pairs`" not in "310 对"
