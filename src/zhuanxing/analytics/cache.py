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
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

from zhuanxing.accounts import access

from . import store
from .store import store_path

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
