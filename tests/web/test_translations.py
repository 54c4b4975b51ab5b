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


def _entries(path: Path) -> dict[str, str]:
    """Singular, non-fuzzy msgid → msgstr of a catalogue."""
    found = {}
    for entry in path.read_text(encoding="utf-8").split("\n\n"):
        if "#, fuzzy" in entry or re.search(r"^msgid_plural", entry, re.M):
            continue
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        msgstr = re.search(r'^msgstr ((?:".*"\n?)+)', entry, re.M)
        if msgid and msgstr:
            key = "".join(re.findall(r'"(.*)"', msgid.group(1)))
            value = "".join(re.findall(r'"(.*)"', msgstr.group(1)))
            if key and value:
                found[key] = value
    return found


def _unescape(text: str) -> str:
    """A PO string's escapes (\\n, \\t, \\", \\\\) as the characters they stand for."""
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(SRC)))
def test_compiled_catalog_matches_its_source(path):
    # A .mo older than its .po (a merge, a hand edit) would show English on the pages.
    import gettext

    with path.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        key
        for key, value in _entries(path).items()
        if compiled.gettext(_unescape(key)) != _unescape(value)
    ]
    assert stale == []
