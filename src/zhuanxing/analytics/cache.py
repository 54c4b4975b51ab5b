"""Cached analytics results: computed once per scope, parameters and store build.

Officials open the same cockpit many times a day and its figures change only when the store is
rebuilt. A result (the cockpit's rendered body, indicator records) is kept in Django's cache
framework (``CACHES``: each process's memory by default, a file cache shared by one server's
processes, see docs/deployment.md) under a key made of:

- the store's build id (``store.build_id``): every build and every incremental refresh writes a
  new one, so a swap makes all older entries unreachable (they expire with
  ``ANALYTICS_CACHE_SECONDS`` or are evicted);
- the user's scope (``scope_key``): the whole city, or the exact set of org units an officer is
  assigned. Two users share an entry only if they see exactly the same units; nothing cached
  for one county is ever served to another;
- the policy in force, the language, and the request's own parameters (region, year, level).

The caller has already checked the parameters against the user (``selectors.region_for``);
caching never replaces that check, it only runs after it.

``cached_page`` keeps a whole page (the cockpit's): the same key plus what the layout shows by
role (the menu, ``role_key``), rendered with marks where the per-user parts go (the CSRF token,
the user's name and role, the page's own address in the language form) and filled in on every
answer; a page with one-off messages for the user is rendered afresh.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.html import escape
from django.utils.translation import get_language

from zhuanxing.accounts import access

from . import store
from .paths import store_path

T = TypeVar("T")
PREFIX = "zx:analytics"


def scope_key(user) -> str:
    """The units ``user`` may see: "city" for whole-city accounts, else the sorted codes of the
    officer's assigned units (their subtrees are what they see)."""
    if access.sees_whole_city(user):
        return "city"
    codes = sorted(user.org_units.values_list("code", flat=True))
    return "units:" + ",".join(codes)


def key_for(kind: str, user, params: tuple, build: str) -> str:
    from .selectors import policy

    parts = (kind, build, policy().info.id, get_language() or "", scope_key(user), params)
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"{PREFIX}:{kind}:{digest}"


def cached(kind: str, user, params: tuple, compute: Callable[[], T]) -> T:
    """``compute()``, or its result for the same kind, scope, parameters and store build.

    Without a store there is nothing to key on: the result is computed every time (and is
    usually the "no data" page)."""
    build = store.build_id(store_path())
    if build is None:
        return compute()
    key = key_for(kind, user, params, build)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value)
    return value


# The per-user parts of a cached page, rendered as these marks and filled in on every answer.
# Private-use characters: no text of the app, its translations or its data has them.
CSRF_MARK = "\ue000csrf\ue001"
WHO_MARK = "\ue000who\ue001"
NEXT_MARK = "\ue000next\ue001"


def role_key(user) -> tuple:
    """What the layout shows by role (the menu, the footer's links, ``access.template_access``):
    users with equal role keys see the same layout around a page."""
    return (user.role, user.is_superuser, user.is_staff, user.is_active, user.enterprise_id)


def who(user) -> str:
    """The user's name and role as the layout's top bar shows them."""
    return f"{user.get_full_name() or user.username} · {user.get_role_display()}"


def cached_page(request, kind: str, params: tuple, render_page: Callable[[dict], str]):
    """The page ``render_page(extra_context)`` renders, kept whole per scope, role, language,
    parameters and store build (see the module), its per-user parts filled in for ``request``.

    ``params`` must already be checked against the user; ``render_page`` renders the template
    with ``extra_context`` over the view's own context."""
    user = request.user
    build = store.build_id(store_path())
    if build is None or len(messages.get_messages(request)):
        return HttpResponse(render_page({}))
    key = key_for(f"page:{kind}", user, (role_key(user), params), build)
    html = cache.get(key)
    if html is None:
        html = render_page({"csrf_token": CSRF_MARK, "who": WHO_MARK, "next_path": NEXT_MARK})
        cache.set(key, html)
    return HttpResponse(
        html.replace(CSRF_MARK, get_token(request))
        .replace(WHO_MARK, escape(who(user)))
        .replace(NEXT_MARK, escape(request.get_full_path()))
    )
