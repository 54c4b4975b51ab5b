"""The cached cockpit (analytics.cache): per scope and per store build.

A cached result must never be served to a user of another scope, and a rebuild of the store
must change what the cockpit shows (the build id is part of every key)."""

import re
import shutil
import time

from django.conf import settings as django_settings
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.middleware.csrf import _unmask_cipher_token
from django.urls import reverse

from zhuanxing.analytics import cache as analytics_cache
from zhuanxing.analytics import cockpit as cockpit_data
from zhuanxing.analytics.build import build_store
from zhuanxing.analytics.store import build_id
from zhuanxing.reporting.models import AnnualReport


def _towns(response) -> set[str]:
    return {c["code"] for c in response.context["counties"]}


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _page(response) -> str:
    """The page without its CSRF tokens (masked afresh on every answer)."""
    return TOKEN.sub("", response.content.decode())


def _from_cache(response) -> bool:
    """Whether the whole page came from the cache: no template was rendered for it."""
    return response.status_code == 200 and not response.templates


def test_a_cached_cockpit_never_serves_one_countys_figures_to_another(
    client, city_store, users, monkeypatch
):
    computed = []
    real = cockpit_data.cockpit
    monkeypatch.setattr(
        cockpit_data,
        "cockpit",
        lambda user, unit, year, **kw: computed.append(unit.code) or real(user, unit, year, **kw),
    )
    url = reverse("analytics:cockpit")
    # The leader opens Tongxiang first: the page offers every county in its region list.
    client.force_login(users["leader"])
    leader = client.get(url, {"region": "330483"})
    assert 'value="330481"' in leader.context["body"]
    assert computed == ["330483"]

    # Tongxiang's officer: the same region, another scope, so computed again for them.
    client.force_login(users["tongxiang"])
    tongxiang = client.get(url)
    assert tongxiang.context["unit"].code == "330483"
    assert computed == ["330483", "330483"]
    assert 'value="330481"' not in tongxiang.context["body"]
    assert _towns(tongxiang) == _towns(leader)
    again = client.get(url)
    assert _from_cache(again) and _page(again) == _page(tongxiang)
    assert computed == ["330483", "330483"]

    # Haining's officer: their own figures, none of Tongxiang's towns.
    client.force_login(users["haining"])
    haining = client.get(url)
    assert haining.context["unit"].code == "330481"
    assert computed == ["330483", "330483", "330481"]
    assert _towns(haining) and all(code.startswith("330481") for code in _towns(haining))
    assert not _towns(haining) & _towns(tongxiang)
    assert "region=330483" not in haining.content.decode()  # no link to Tongxiang or its towns
    # Asking for Tongxiang is still refused, though its page sits in the cache.
    assert client.get(url, {"region": "330483"}).status_code == 404
    assert computed == ["330483", "330483", "330481"]


def test_scope_keys_differ_by_county_and_are_shared_only_by_equal_scopes(city_store, users):
    keys = {
        name: analytics_cache.key_for("cockpit", users[name], ("330483", None), "b1")
        for name in ("leader", "admin", "tongxiang", "haining")
    }
    assert keys["leader"] == keys["admin"]  # both see the whole city
    assert len({keys["leader"], keys["tongxiang"], keys["haining"]}) == 3
    assert (
        analytics_cache.key_for("cockpit", users["leader"], ("330483", None), "b2")
        != keys["leader"]
    )


def test_a_store_rebuild_changes_what_the_cockpit_shows(
    client, city_store, users, settings, tmp_path
):
    path = tmp_path / "store.duckdb"
    shutil.copyfile(city_store_path(settings), path)
    settings.ZHUANXING = {**settings.ZHUANXING, "ANALYTICS_PATH": str(path)}
    client.force_login(users["leader"])
    url = reverse("analytics:cockpit")
    before = client.get(url, {"year": 2012})
    again = client.get(url, {"year": 2012})
    assert _from_cache(again) and _page(again) == _page(before)
    first_build = build_id(path)

    # Tongxiang's 2012 output doubles; the store is rebuilt and swapped in.
    reports = AnnualReport.objects.filter(
        year=2012, enterprise__org_unit__path__contains="/330483/"
    )
    for report in reports:
        report.gross_output *= 2
        report.save()
    build_store()
    assert build_id(path) != first_build
    after = client.get(url, {"year": 2012})

    def tongxiang(response):
        return next(c for c in response.context["counties"] if c["code"] == "330483")

    output = "output_100m" if "output_100m" in tongxiang(before)["values"] else None
    changed = [
        key
        for key, value in tongxiang(before)["values"].items()
        if value != tongxiang(after)["values"].get(key)
    ]
    assert changed, "the cockpit still shows the figures of the old build"
    assert after.context["body"] != before.context["body"]
    if output:
        assert tongxiang(after)["values"][output] > tongxiang(before)["values"][output]


def city_store_path(settings):
    return settings.ZHUANXING["ANALYTICS_PATH"]


def test_cached_monitoring_stays_in_its_scope(client, city_store, users):
    url = reverse("monitoring:index")
    client.force_login(users["leader"])
    leader = client.get(url, {"region": "330483"})
    assert leader.status_code == 200 and leader.context["unit"].code == "330483"
    client.force_login(users["haining"])
    assert client.get(url, {"region": "330483"}).status_code == 404  # cached, still refused
    assert client.get(reverse("monitoring:summary"), {"region": "330483"}).status_code == 404
    own = client.get(url)
    assert own.context["unit"].code == "330481"
    assert "330483" not in {w.subject for w in own.context["warnings"]}


def test_a_cached_page_carries_each_users_own_name_token_and_language(
    client, city_store, users, django_user_model
):
    """Two leaders share the whole page (same scope and role); each sees their own name and
    gets a CSRF token of their own session; another language is another page."""
    other = django_user_model.objects.create_user(
        username="leader2", password="x" * 12, role=users["leader"].role, first_name="Zhou"
    )
    url = reverse("analytics:cockpit")
    client.force_login(users["leader"])
    first = client.get(url, {"year": 2012})
    assert not _from_cache(first)
    leader_name = users["leader"].get_full_name() or users["leader"].username

    client.force_login(other)
    second = client.get(url, {"year": 2012})
    assert _from_cache(second) and _page(second) != _page(first)
    html = second.content.decode()
    assert "Zhou" in html and f">{leader_name} · " not in html
    assert _page(second).replace("Zhou", leader_name) == _page(first)
    # The token belongs to this session's CSRF secret (the cookie), not the first user's.
    secret = client.cookies[django_settings.CSRF_COOKIE_NAME].value
    tokens = set(TOKEN.findall(html))
    assert tokens and all(_unmask_cipher_token(t) == secret for t in tokens)
    assert set(TOKEN.findall(first.content.decode())).isdisjoint(tokens)
    # The page's own address in the language form is this request's.
    assert 'name="next" type="hidden" value="/analytics/cockpit/?year=2012"' in html

    english = client.get(url, {"year": 2012}, HTTP_ACCEPT_LANGUAGE="en")
    assert not _from_cache(english) and 'lang="en"' in english.content.decode()
    assert "Zhou · " in english.content.decode()
    chinese = client.get(url, {"year": 2012}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert _from_cache(chinese) and 'lang="zh-hans"' in chinese.content.decode()


def test_a_cached_page_is_never_served_after_sign_out_or_expiry(client, city_store, users):
    url = reverse("analytics:cockpit")
    client.force_login(users["leader"])
    assert client.get(url).status_code == 200
    assert _from_cache(client.get(url))
    client.post(reverse("logout"))
    assert client.get(url).status_code == 302

    # Signed out by another worker: its store deletes the session from the database and from
    # the shared sessions cache.
    client.force_login(users["leader"])
    assert _from_cache(client.get(url))
    SessionStore(session_key=client.session.session_key).delete()
    assert client.get(url).status_code == 302

    # Expired.
    client.force_login(users["leader"])
    session = client.session
    session.set_expiry(1)
    session.save()
    assert _from_cache(client.get(url))
    time.sleep(1.5)
    assert client.get(url).status_code == 302


def test_sessions_are_cached_where_every_worker_sees_a_sign_out():
    """A per-process memory cache would let another worker accept a signed-out session."""
    assert django_settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    assert not isinstance(caches[django_settings.SESSION_CACHE_ALIAS], LocMemCache)


def test_a_page_with_messages_for_the_user_is_not_cached(client, city_store, users):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage

    url = reverse("analytics:cockpit")
    client.force_login(users["leader"])
    client.get(url)
    storage = CookieStorage(None)
    client.cookies[storage.cookie_name] = storage._encode([_message(constants.INFO, "Saved X")])
    shown = client.get(url)
    assert not _from_cache(shown) and "Saved X" in shown.content.decode()
    assert _from_cache(client.get(url))  # the message was shown once


def _message(level, text):
    from django.contrib.messages.storage.base import Message

    return Message(level, text)
