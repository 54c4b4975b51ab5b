"""Issue 11, finding 6: every answer holding enterprise data says no-store, every page carries a
Content-Security-Policy allowing only the site itself, and no template needs inline code."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

SRC = Path(__file__).resolve().parents[2] / "src" / "zhuanxing"


def test_login_page_has_csp_and_no_store(client, db):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/enterprises/",
        "/analytics/api/indicators/",
        "/analytics/explorer/export.xlsx",
        "/monitoring/report.xlsx",
        "/assessment/?export=xlsx",
    ],
)
def test_pages_exports_and_json_are_not_stored(client, city_users, url):
    client.force_login(city_users["admin"])
    path, _, query = url.partition("?")
    response = client.get(path, dict([query.split("=")]) if query else {})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "Content-Security-Policy" in response


TEMPLATES = sorted(SRC.glob("**/templates/**/*.html"))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_templates_have_no_inline_script_or_style(path):
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert not re.search(r"<style\b", html), "inline <style>"
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assert not re.search(r"\sstyle\s*=", html), "style attribute"
