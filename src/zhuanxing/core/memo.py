"""Results computed from database tables, kept in Django's cache until the tables change.

A page that scores or estimates every firm of the city (the tax page, the demonstration
ranking) computes the same figures for every request until a report, a firm or a rule changes.
:func:`memo` keeps ``compute()`` under the caller's name and parameters (the year), with the
*data versions* it was computed at: cheap aggregates of the tables the result is read from
(:func:`table_version`: the row count, the latest change time and the largest id) and the
policy's digest. Any write that changes the result changes a version, and the entry (one per
name and parameters) is computed again and replaced; an entry not asked for expires with the
cache's ``TIMEOUT``.

What is cached is never scoped: the callers cache the whole city's figures and narrow them to
the user's scope (``restrict``) on every request, after the cache.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet

T = TypeVar("T")
PREFIX = "zx:memo"
_MISSING = object()


def table_version(
    rows: QuerySet, *, changed: str = "updated_at", last: str = "pk", count: bool = True
) -> tuple:
    """(count, latest ``changed``, largest ``last``) of ``rows``, in one aggregate: an
    insert raises the count or the largest id, a delete lowers the count, an update moves the
    change time (of ``changed``, set on every write, e.g. an ``auto_now`` field or a history
    table's ``history_date``). ``count=False`` for a history table, which only grows: its
    latest id and date are its version."""
    found = rows.order_by().aggregate(
        **({"n": Count("pk")} if count else {}), changed=Max(changed), last=Max(last)
    )
    return (found.get("n"), str(found["changed"]), found["last"])


def cache_key(name: str, slot: tuple) -> str:
    return f"{PREFIX}:{name}:{hashlib.sha256(repr(slot).encode()).hexdigest()[:40]}"


def memo(
    name: str, slot: tuple, version: tuple, compute: Callable[[], T], timeout: int | None = None
) -> T:
    """``compute()``, or the value it gave for the same ``name``, ``slot`` (the parameters: a
    year) and ``version`` (data versions, the policy's digest). One entry per slot holds the
    version it was computed at; a new version replaces it, so a busy reporting season leaves
    one result per year in the cache, not one per change. ``timeout``: seconds (default: the
    cache's ``TIMEOUT``)."""
    key = cache_key(name, slot)
    found = cache.get(key, _MISSING)
    if found is not _MISSING and found[0] == version:
        return found[1]
    value = compute()
    if timeout is None:
        cache.set(key, (version, value))
    else:
        cache.set(key, (version, value), timeout)
    return value
