"""Write a checked batch: insert new rows, update changed ones, leave equal ones alone, and keep
a history record (who, when, before/after) for every row written.

The caller holds the transaction, so a failure anywhere leaves nothing behind. Rows equal to
what is stored are not written and get no history record: importing the same file twice changes
nothing. Writes go in bulk (``executemany`` on SQLite, ``COPY`` on PostgreSQL): one ORM save
per row would take minutes for a county's annual reports.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import islice

from django.db import connection
from django.utils import timezone

from zhuanxing.enterprises.models import Enterprise
from zhuanxing.policy.vocabulary import MONTHLY_PRIOR_MEASURES

from ..models import AnnualReport, MonthlyReport, RegionStatistics, ReportReview, ReviewAction
from .checks import Batch
from .formats import ANNUAL
from .validate import Resolved

CHUNK = 5000
Progress = Callable[[str, int, int], None]


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class Target:
    model: type
    keys: tuple[str, ...]  # column names identifying a row
    fields: tuple[str, ...]  # column names compared and written


TARGETS = {
    "annual": Target(
        AnnualReport,
        ("enterprise_id", "year"),
        tuple(c.key for c in ANNUAL.stored_columns if c.key not in ("uscc", "year")),
    ),
    "monthly": Target(
        MonthlyReport,
        ("enterprise_id", "period"),
        (
            "year",
            "month",
            "gross_output",
            "sales_output",
            "value_added",
            "electricity_kwh",
            "profit",
            "export_delivery",
            *MONTHLY_PRIOR_MEASURES,
        ),
    ),
    "region": Target(
        RegionStatistics,
        ("org_unit_id", "year"),
        (
            "gdp",
            "industrial_value_added",
            "services_value_added",
            "producer_services_value_added",
            "energy_tce",
            "industrial_land_mu",
        ),
    ),
    "registry": Target(
        Enterprise,
        ("uscc",),
        ("name", "org_unit_id", "industry_code", "founded_on", "land_mu", "registration_type"),
    ),
}


def _row_values(batch: Batch, resolved: Resolved, index: int) -> tuple[tuple, tuple]:
    kind = batch.kind
    values = batch.values
    if kind == "registry":
        key = (values["uscc"][index],)
        fields = (
            values["name"][index],
            resolved.owner_ids[index],
            values["industry_code"][index],
            values["founded_on"][index],
            values["land_mu"][index],
            values["registration_type"][index] or "",
        )
        return key, fields
    target = TARGETS[kind]
    owner = resolved.owner_ids[index]
    period = resolved.periods[index]
    key = (owner, period)
    if kind == "monthly":
        year, month = (int(part) for part in period.split("-"))
        rest = tuple(values[f][index] for f in target.fields[2:])
        return key, (year, month, *rest)
    fields = tuple(values[f][index] for f in target.fields)
    if kind == "annual":
        fields = fields[:-1] + (fields[-1] or "",)  # business mode: blank, not NULL
    return key, fields


def commit_batch(
    batch: Batch,
    resolved: Resolved,
    *,
    user,
    status: str | None,
    reason: str,
    progress: Progress | None = None,
) -> Counts:
    """Upsert the batch (the caller's transaction makes it all or nothing)."""
    target = TARGETS[batch.kind]
    model = target.model
    rows = [_row_values(batch, resolved, i) for i in range(len(batch))]
    existing = _existing(target, {key for key, _ in rows})
    now = timezone.now()
    creates, updates = [], []
    counts = Counts()
    for key, fields in rows:
        found = existing.get(key)
        if found is None:
            creates.append((key, fields))
        elif found[1] != fields:
            updates.append((found[0], key, fields))
        else:
            counts.unchanged += 1
    extra = {"updated_at": now} if model is not Enterprise else {"created_at": now}
    if status is not None:
        extra["status"] = status
    total = len(creates) + len(updates)
    done = 0
    columns = (*target.keys, *target.fields, *extra)
    for chunk in _chunks(creates):
        _insert(model, columns, [(*k, *f, *extra.values()) for k, f in chunk])
        done += len(chunk)
        if progress:
            progress("commit", done, total)
    update_extra = {k: v for k, v in extra.items() if k != "created_at"}
    for chunk in _chunks(updates):
        _update(
            model,
            (*target.fields, *update_extra),
            [(*f, *update_extra.values(), pk) for pk, _, f in chunk],
        )
        done += len(chunk)
        if progress:
            progress("commit", done, total)
    counts.created, counts.updated = len(creates), len(updates)
    ids = _ids(target, {key for key, _ in creates})
    history = [("+", ids[key], key, fields) for key, fields in creates]
    history += [("~", pk, key, fields) for pk, key, fields in updates]
    write_history(model, history, user=user, reason=reason, when=now)
    if batch.kind in ("annual", "monthly"):
        _log_imported(batch.kind, [key for _, _, key, _ in history], user=user, reason=reason,
                      when=now)  # fmt: skip
    return counts


def _log_imported(kind: str, keys: list[tuple], *, user, reason: str, when) -> None:
    """One approval-log line per enterprise-period written, as a form's save makes one: the
    log shows an import beside the submits and approvals, whichever path it came by."""
    columns = ("kind", "enterprise_id", "period", "action", "comment", "user_id", "at")
    user_id = getattr(user, "pk", None)
    rows = [(kind, owner, str(period), ReviewAction.IMPORT.value, reason, user_id, when)
            for owner, period in keys]  # fmt: skip
    for chunk in _chunks(rows):
        _insert(ReportReview, columns, chunk)


def _chunks(items: list) -> Iterable[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def _existing(target: Target, keys: set, *, with_fields: bool = True) -> dict:
    """key → (id, stored field values) for the rows the batch touches (``with_fields`` False:
    key → (id, ()), for the ids of rows just inserted)."""
    model = target.model
    found = {}
    if not keys:
        return found
    # Filter on the period only (a file's firms are most of that period's rows), or on the
    # codes of a small registry file; a long IN list would pass SQLite's variable limit.
    name = target.keys[-1]
    values = {key[-1] for key in keys}
    filters = {f"{name}__in": values} if len(target.keys) > 1 or len(values) <= 1000 else {}
    fields = target.fields if with_fields else ()
    width = len(target.keys)
    # Coded text fields store "" for "none"; compare them the way the batch holds them. Which
    # positions those are is looked up once, not per row (50,000 rows × 20 fields).
    texts = [i for i, f in enumerate(fields) if _is_text(model, f)]
    for row in model.objects.filter(**filters).values_list("id", *target.keys, *fields):
        key = row[1 : 1 + width]
        if key in keys:
            stored = row[1 + width :]
            if texts and None in stored:
                stored = list(stored)
                for i in texts:
                    if stored[i] is None:
                        stored[i] = ""
                stored = tuple(stored)
            found[key] = (row[0], stored)
    return found


def _is_text(model, name: str) -> bool:
    return model._meta.get_field(name.removesuffix("_id")).get_internal_type() == "CharField"


def _ids(target: Target, keys: set) -> dict:
    return {key: found[0] for key, found in _existing(target, keys, with_fields=False).items()}


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _columns(model, names: Sequence[str]) -> list[str]:
    meta = model._meta
    return [
        connection.ops.quote_name(
            meta.get_field(n.removesuffix("_id")).column
            if n.endswith("_id")
            else meta.get_field(n).column
        )
        for n in names
    ]


def _defaults(model, columns: Sequence[str]) -> dict:
    """Fields the rows do not carry that have a model default: raw inserts skip the ORM, so
    the defaults (a flag another app added later, say) are filled in here."""
    given = {c.removesuffix("_id") for c in columns} | set(columns)
    return {
        f.attname: f.get_default()
        for f in model._meta.concrete_fields
        if f.name not in given and f.attname not in given and f.has_default()
    }


def _insert(model, columns: Sequence[str], rows: list[tuple]) -> None:
    defaults = _defaults(model, columns)
    if defaults:
        columns = (*columns, *defaults)
        rows = [(*row, *defaults.values()) for row in rows]
    cols = ", ".join(_columns(model, columns))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {_table(model)} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {_table(model)} ({cols}) VALUES ({marks})", rows)


def _update(model, columns: Sequence[str], rows: list[tuple]) -> None:
    sets = ", ".join(f"{c} = %s" for c in _columns(model, columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {_table(model)} SET {sets} WHERE id = %s", rows)


def write_history(model, rows, *, user, reason: str, when) -> None:
    """Historical records for rows written in bulk, as django-simple-history would have made
    them one by one: the row's whole new state (read back, so fields the file does not carry —
    set by another app, say — are kept too), the type (+ created, ~ changed), who, when, why."""
    if not rows:
        return
    historical = model.history.model
    own = {"history_id", "history_date", "history_change_reason", "history_type", "history_user"}
    tracked = [f.attname for f in historical._meta.concrete_fields if f.name not in own]
    kinds = {pk: kind for kind, pk, _key, _fields in rows}
    columns = (*tracked, "history_date", "history_change_reason", "history_type", "history_user_id")
    user_id = getattr(user, "pk", None)
    ids = sorted(kinds)
    id_at = tracked.index("id")
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        state = model.objects.filter(pk__in=chunk).order_by("pk").values_list(*tracked)
        values = [(*row, when, reason[:100], kinds[row[id_at]], user_id) for row in state]
        _insert(historical, columns, values)
