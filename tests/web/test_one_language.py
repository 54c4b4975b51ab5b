"""Issue 13 §7: one language at a time. Every page of the menu (and the pages they link to, one
step deep), for each role, on the small city: in Chinese no English word that is not a code,
number or unit on the allow-list; in English no Chinese character outside the data (names of
firms and places are data: they are read from the page's own data cells and left out).

Text is taken from the rendered HTML (text nodes and the title/placeholder/aria-label
attributes); ``<script>``, ``<style>``, ``<pre>``, ``<code>`` and ``.mono`` are code, not prose.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

# Codes, units and names that stay as they are in Chinese text.
ALLOWED_ASCII = {
    "GDP", "kWh", "tce", "mu", "OEA", "OEM", "ODM", "OBM", "GB", "GBT", "T", "NBS", "USCC",
    "R", "D", "SHA", "Excel", "xlsx", "docx", "csv", "CSV", "Word", "PDF", "API", "English",
    "No", "ID", "ISO", "KPI", "DuckDB", "Zhuanxing", "TOML", "toml", "CO", "SO", "COD", "NH",
    "NOx", "N", "t", "m", "km", "kg", "kW", "x", "h", "min", "s", "ms", "pp", "HHI", "UTF",
    "GBK", "IP", "JSON",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z][A-Za-z]+")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SKIPPED_TAGS = {"script", "style", "pre", "code", "noscript", "template", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # skipped?
        self.chunks: list[str] = []
        self.links: list[str] = []

    def _skipped(self) -> bool:
        return any(self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        skip = tag in SKIPPED_TAGS or "mono" in classes or "data-lang-free" in attrs
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if not (skip or self._skipped()):
            for name in ("title", "placeholder", "aria-label", "alt"):
                if attrs.get(name):
                    self.chunks.append(attrs[name])
            if tag in ("input", "button") and attrs.get("type") in ("submit", "button"):
                if attrs.get("value"):
                    self.chunks.append(attrs["value"])
        if tag not in VOID:
            self.stack.append(skip)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self._skipped() and data.strip():
            self.chunks.append(data.strip())


def page_text(html: str) -> tuple[list[str], list[str]]:
    parser = _Text()
    parser.feed(html)
    return parser.chunks, parser.links


def english_words(chunks: list[str], data: set[str]) -> set[str]:
    found = set()
    for chunk in chunks:
        for word in WORD.findall(chunk):
            if word not in ALLOWED_ASCII and word not in data:
                found.add(word)
    return found


def chinese_text(chunks: list[str], data: set[str]) -> set[str]:
    found = set()
    for chunk in chunks:
        rest = chunk
        for value in sorted(data, key=len, reverse=True):
            rest = rest.replace(value, "")
        if CJK.search(rest):
            found.add(chunk[:60])
    return found


SKIP_LINK = re.compile(r"(\.xlsx|\.docx|\.csv|/export|/logout|/admin/|/api/|/i18n/|format=|kind=x)")


def _walk(client, start: list[str], depth: int = 1) -> dict[str, str]:
    """URL → HTML of each page reached: the start pages and links one step from them."""
    seen: dict[str, str] = {}
    frontier = list(start)
    for level in range(depth + 1):
        following = []
        for url in frontier:
            if url in seen:
                continue
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            seen[url] = html
            if level < depth:
                for href in page_text(html)[1]:
                    parts = urlsplit(href)
                    if parts.netloc or not parts.path.startswith("/") or SKIP_LINK.search(href):
                        continue
                    following.append(href)
        # Keep the walk bounded: the first few distinct pages of each kind of link.
        by_route: dict[str, list[str]] = {}
        for href in following:
            key = re.sub(r"\d+", "N", urlsplit(href).path)
            by_route.setdefault(key, [])
            if len(by_route[key]) < 2 and href not in by_route[key]:
                by_route[key].append(href)
        frontier = [h for hrefs in by_route.values() for h in hrefs]
    return seen


def _data_values() -> set[str]:
    """Names that are data, not interface: firms, places, users (either language's page shows
    them as stored)."""
    from zhuanxing.accounts.models import User
    from zhuanxing.enterprises.models import Enterprise
    from zhuanxing.orgunits.models import OrgUnit

    values = set(Enterprise.objects.values_list("name", flat=True))
    values |= set(OrgUnit.objects.values_list("name", flat=True))
    values |= {n for n in User.objects.values_list("username", flat=True)}
    values |= {n for n in User.objects.values_list("first_name", flat=True) if n}
    values |= {n for n in User.objects.values_list("institution", flat=True) if n}
    from zhuanxing.support.models import RecommendationItem

    for name, owner in RecommendationItem.objects.values_list("name", "owner"):
        values |= {name, owner}
    return values


ROLES = ["admin", "leader", "tongxiang", "firm", "bank"]


@pytest.fixture
def bank_list(city_with_store, users):
    """A published list of projects recommended to banks and a draft of the next version, so the
    bank user's pages and the officials' have rows. Written as rows (no project in the plan:
    the plan pages are not this fixture's business)."""
    from decimal import Decimal

    from django.utils import timezone

    from zhuanxing.enterprises.models import Enterprise
    from zhuanxing.support.models import RecommendationItem, RecommendationList

    firm = Enterprise.objects.order_by("pk").first()
    lists = [
        RecommendationList.objects.create(
            year=2012, version=1, status="published", evaluation_year=2011,
            published_by=users["admin"], published_at=timezone.now(),
            rule={"owner_classes": ["A", "B"]},
        ),
        RecommendationList.objects.create(
            year=2012, version=2, status="draft", rule={"owner_classes": ["A", "B"]}
        ),
    ]  # fmt: skip
    for recommendation in lists:
        for name, klass, included in (("年产10万套汽车零部件技改项目", "A", True),
                                      ("年产5万吨纺织品项目", "C", False)):  # fmt: skip
            RecommendationItem.objects.create(
                recommendation=recommendation, name=name, owner=firm.name,
                county=firm.org_unit.name, kind="stock", total_investment=Decimal(12000),
                planned_investment=Decimal(6000), owner_class=klass,
                checks=[["in_plan", True, ""], ["owner_class", included, f"{klass}|2011"],
                        ["not_backward", True, ""]],
                rule_included=included, included=included or klass == "C",
                note="" if included else "示范项目",
            )  # fmt: skip
    return lists


def _menu(client) -> list[str]:
    from zhuanxing.web.context_processors import navigation

    response = client.get(reverse("home"), follow=True)
    request = response.wsgi_request
    urls = [item["url"] for item in navigation(request)["nav_items"]]
    return [u for u in urls if not u.startswith("/admin/")] + [reverse("policy")]


def _offences(client, language: str) -> dict[str, list[str]]:
    client.cookies["django_language"] = language
    data = _data_values()
    words = {w for value in data for w in WORD.findall(value)}
    found = {}
    for url, html in _walk(client, _menu(client)).items():
        chunks, _ = page_text(html)
        bad = english_words(chunks, words) if language == "zh-hans" else chinese_text(chunks, data)
        if bad:
            found[url] = sorted(bad)[:12]
    return found


@pytest.mark.parametrize("role", ROLES)
def test_chinese_pages_have_no_english(client, city_with_store, users, bank_list, role):
    client.force_login(users[role])
    found = _offences(client, "zh-hans")
    assert not found, "\n".join(f"{url}: {words}" for url, words in found.items())


@pytest.mark.parametrize("role", ROLES)
def test_english_pages_have_no_chinese(client, city_with_store, users, bank_list, role):
    client.force_login(users[role])
    found = _offences(client, "en")
    assert not found, "\n".join(f"{url}: {words}" for url, words in found.items())


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_error_pages_in_the_sites_layout_and_language(client, language, django_user_model):
    from zhuanxing.accounts.models import Role

    user = django_user_model.objects.create_user("clerkless", password="x", role=Role.LEADER)
    client.force_login(user)
    client.cookies["django_language"] = language
    for url, status in [("/no-such-page/", 404), (reverse("audit:log"), 403)]:
        response = client.get(url)
        assert response.status_code == status
        html = response.content.decode()
        assert 'class="topbar"' in html  # the site's own layout
        chunks, _ = page_text(html)
        if language == "en":
            assert not chinese_text(chunks, set()), chunks
        else:
            assert not english_words(chunks, {"clerkless"}), chunks
