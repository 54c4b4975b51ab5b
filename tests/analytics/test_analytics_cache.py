"""The cached cockpit (analytics.cache): per scope and per store build.

A cached result must never be served to a user of another scope, and a rebuild of the store
must change what the cockpit shows (the build id is part of every key)."""

import shutil

from django.urls import reverse

from zhuanxing.analytics import cache as analytics_cache
from zhuanxing.analytics import cockpit as cockpit_data
from zhuanxing.analytics.build import build_store
from zhuanxing.analytics.store import build_id
from zhuanxing.reporting.models import AnnualReport


def _towns(response) -> set[str]:
    return {c["code"] for c in response.context["counties"]}


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
    assert client.get(url).context["body"] == tongxiang.context["body"]  # now from the cache
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
    assert again.context["body"] == before.context["body"]
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
