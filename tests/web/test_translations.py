"""Simplified Chinese is the default language: every user-facing string has a translation."""

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "zhuanxing"
CATALOGS = sorted(SRC.glob("**/locale/zh_Hans/LC_MESSAGES/django.po"))


def untranslated(path: Path) -> list[str]:
    missing = []
    for entry in path.read_text(encoding="utf-8").split("\n\n"):
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        if not msgid or not "".join(re.findall(r'"(.*)"', msgid.group(1))):
            continue
        msgstr = re.findall(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', entry, re.M)
        if not msgstr or not "".join(re.findall(r'"(.*)"', msgstr[0])) or "#, fuzzy" in entry:
            missing.append("".join(re.findall(r'"(.*)"', msgid.group(1))))
    return missing


def test_there_are_catalogs():
    assert len(CATALOGS) >= 6


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(SRC)))
def test_catalog_is_complete_and_compiled(path):
    assert untranslated(path) == []
    compiled = path.with_suffix(".mo")
    assert compiled.exists() and compiled.stat().st_size > 0
