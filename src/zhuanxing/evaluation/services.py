"""Writes of the evaluation app: one function per state change, each in one transaction."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhuanxing.accounts import access
from zhuanxing.audit.models import AuditAction
from zhuanxing.audit.services import audit_record
from zhuanxing.core.errors import UserError

from .columnar import Unrepresentable
from .data import read_evaluation_tables, read_unapproved, read_year
from .engine import evaluate_year
from .models import (
    BackwardCapacityBatch,
    BackwardCapacityEntry,
    BackwardStatus,
    EvaluationResult,
    EvaluationRun,
    RunStatus,
)


def _json_number(value: Decimal | None):
    if value is None:
        return None
    if value.is_infinite():
        return "inf"
    return str(value.quantize(Decimal("0.0001")))


def evaluate_year_in_force(year: int, policy):
    """The evaluation of ``year`` from the database (``None`` when it has no counted annual
    reports): both years read as columns, or, if a measure does not fit them, as rows."""
    method = policy.evaluation
    try:
        rows, previous = read_evaluation_tables(year, policy)
    except Unrepresentable:
        rows, previous = read_year(year, policy), read_year(year - 1, policy, scale_year=year)
    if not len(rows):
        return None
    return evaluate_year(method, year, rows, previous, read_unapproved(year, policy))


@transaction.atomic
def evaluation_run_create(*, year: int, user, policy) -> EvaluationRun:
    """Evaluate ``year`` and keep the result as a new draft run."""
    access.require_city_admin(user)
    method = policy.evaluation
    if not method.enabled:
        raise UserError(_("The policy in force has no evaluation method enabled."))
    evaluation = evaluate_year_in_force(year, policy)
    if evaluation is None:
        raise UserError(_("There are no annual reports for %(year)s.") % {"year": year})
    run = EvaluationRun.objects.create(
        year=year,
        policy_id=policy.info.id,
        method=method.model_dump(mode="json"),
        benchmarks={
            pop: {key: _json_number(v) for key, v in marks.items()}
            for pop, marks in evaluation.benchmarks.items()
        },
        evaluated=len(evaluation.results),
        excluded=len(evaluation.excluded),
        created_by=user,
    )
    results = [
        EvaluationResult(
            run=run,
            enterprise_id=r.enterprise_id,
            population=r.population,
            total=r.total,
            rank=r.rank,
            rank_pct=r.rank_pct,
            klass=r.klass,
            indicators=[
                {
                    "key": i.key,
                    "value": _json_number(i.value),
                    "benchmark": _json_number(i.benchmark),
                    "weight": str(i.weight),
                    "score": str(i.score),
                    "imputed": i.imputed,
                }
                for i in r.indicators
            ],
        )
        for r in evaluation.results
    ]
    results += [
        EvaluationResult(run=run, enterprise_id=eid, population=pop, excluded_reason=reason)
        for eid, (pop, reason) in evaluation.excluded.items()
    ]
    EvaluationResult.objects.bulk_create(results, batch_size=2000)
    return run


@transaction.atomic
def evaluation_run_publish(*, run: EvaluationRun, user) -> EvaluationRun:
    """Publish a draft: it becomes the year's record; an earlier published run is superseded."""
    access.require_city_admin(user)
    run = EvaluationRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.DRAFT:
        raise UserError(_("Only a draft can be published."))
    EvaluationRun.objects.filter(year=run.year, status=RunStatus.PUBLISHED).update(
        status=RunStatus.SUPERSEDED
    )
    run.status = RunStatus.PUBLISHED
    run.published_by = user
    run.published_at = timezone.now()
    run.save(update_fields=["status", "published_by", "published_at"])
    audit_record(action=AuditAction.EVALUATION_PUBLISHED, user=user, detail=str(run))
    return run


@transaction.atomic
def evaluation_run_delete(*, run: EvaluationRun, user) -> None:
    """Drafts can be thrown away; published runs are records and stay."""
    access.require_city_admin(user)
    # The status is read from the database, not from the caller's possibly stale instance.
    run = EvaluationRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.DRAFT:
        raise UserError(_("A published evaluation is a record and cannot be deleted."))
    run.delete()


def _per_va(amount: Decimal, va: Decimal) -> Decimal:
    if va > 0:
        return amount / va
    return Decimal("Infinity") if amount > 0 else Decimal(0)


def _reason_value(value: Decimal, places: str) -> str:
    return "∞" if value.is_infinite() else str(value.quantize(Decimal(places)))


def _worst(values: dict[int, Decimal], pct: Decimal) -> set[int]:
    """Ids whose value is among the highest ``pct`` percent (higher is worse); firms tied with
    the last one in are in too."""
    if not values or pct <= 0:
        return set()
    ordered = sorted(values.values(), reverse=True)
    cutoff = ordered[max(1, int(len(ordered) * pct / 100)) - 1]
    return {k for k, v in values.items() if v >= cutoff}


@transaction.atomic
def backward_capacity_batch_create(*, run: EvaluationRun, user, name: str, policy):
    """List the run's backward-capacity firms (its bad classes that are also among the worst on
    energy or emissions per unit of value added) as a new batch, with the reasons."""
    access.require_city_admin(user)
    run.refresh_from_db(fields=["status"])
    if run.status != RunStatus.PUBLISHED:
        raise UserError(_("Batches are drawn from a published evaluation."))
    rule = policy.evaluation.backward_capacity
    if rule is None:
        raise UserError(_("The policy in force has no backward-capacity rule."))
    graded = dict(run.results.filter(excluded_reason="").values_list("enterprise_id", "population"))
    # Per population (规上 and 规下 are ranked apart), the intensity of each firm; a firm that
    # uses energy or emits with no value added is the worst case (∞), not left out.
    energy: dict[str, dict[int, Decimal]] = {"above_scale": {}, "below_scale": {}}
    emission: dict[str, dict[int, Decimal]] = {"above_scale": {}, "below_scale": {}}
    for row in read_year(run.year, policy):
        population = graded.get(row.enterprise_id)
        if population is None:
            continue
        m = row.measures
        va = Decimal(m.get("value_added") or 0)
        if m.get("energy_tce") is not None:
            energy[population][row.enterprise_id] = _per_va(Decimal(m["energy_tce"]), va)
        pollutants = [m.get(k) for k in ("cod_t", "nh3n_t", "so2_t", "nox_t")]
        if all(p is not None for p in pollutants):
            total = sum((Decimal(p) for p in pollutants), Decimal(0))
            emission[population][row.enterprise_id] = _per_va(total, va)
    worst_energy = set().union(*(_worst(v, rule.energy_per_va_worst_pct) for v in energy.values()))
    worst_emission = set().union(
        *(_worst(v, rule.emission_per_va_worst_pct) for v in emission.values())
    )
    energy = energy["above_scale"] | energy["below_scale"]
    emission = emission["above_scale"] | emission["below_scale"]
    batch = BackwardCapacityBatch.objects.create(run=run, name=name, created_by=user)
    entries = []
    for result in run.results.filter(klass__in=rule.classes).order_by("enterprise_id"):
        eid = result.enterprise_id
        reasons = []
        if eid in worst_energy:
            reasons.append({"code": "energy_per_va", "value": _reason_value(energy[eid], "0.0001")})
        if eid in worst_emission:
            reasons.append(
                {
                    "code": "emission_per_va",
                    "value": _reason_value(emission[eid], "0.000001"),
                }
            )
        if reasons:
            reasons.insert(0, {"code": "class", "value": result.klass})
            entries.append(BackwardCapacityEntry(batch=batch, enterprise_id=eid, reasons=reasons))
    # Saved one by one (not bulk) so each entry's history starts with its listing.
    for entry in entries:
        entry._history_user = user
        entry.save()
    return batch


@transaction.atomic
def backward_capacity_entry_set_status(
    *, entry: BackwardCapacityEntry, status: str, note: str, user
) -> BackwardCapacityEntry:
    """Move an entry along listed → upgrading → exited (or back), keeping who/when/why."""
    if not (access.is_official(user) and access.may(user, access.Action.CHANGE)):
        raise PermissionDenied(_("You cannot change the status of listed enterprises."))
    if status not in BackwardStatus.values:
        raise UserError(_("Unknown status %(status)s.") % {"status": status})
    entry.status = status
    entry.note = note
    entry._history_user = user
    entry.save(update_fields=["status", "note"])
    return entry
