"""Writes of the innovation app: each in one transaction, the permission re-checked, a refused
change raised as ``UserError``."""

from decimal import ROUND_HALF_UP

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhuanxing.accounts import access
from zhuanxing.accounts.access import Action
from zhuanxing.core.errors import UserError
from zhuanxing.enterprises.models import Enterprise

from .models import (
    KIND_VARIANTS,
    DemonstrationEntry,
    DemonstrationList,
    ListStatus,
    Qualification,
)
from .scoring import CENT

# Evidence files a certificate comes as: PDF and images, known by their first bytes.
EVIDENCE_SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}
FIELDS = ("kind", "level", "variant", "title", "reference", "issued_on", "expires_on",
          "evidence_note")  # fmt: skip


def _evidence(upload) -> tuple[str, str, bytes]:
    limit = settings.ZHUANXING["EVIDENCE_MAX_BYTES"]
    if upload.size > limit:
        raise UserError(
            _("The evidence file has %(size)s bytes; at most %(limit)s are accepted.")
            % {"size": upload.size, "limit": limit}
        )
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise UserError(_("The evidence file is larger than %(limit)s bytes.") % {"limit": limit})
    for signature, content_type in EVIDENCE_SIGNATURES.items():
        if content.startswith(signature):
            return (upload.name or "evidence")[-200:], content_type, content
    raise UserError(_("The evidence must be a PDF, PNG or JPEG file."))


def _check(data: dict) -> None:
    allowed = KIND_VARIANTS.get(data["kind"], ())
    if data.get("variant") and data["variant"] not in allowed:
        raise UserError(_("This detail does not apply to the kind chosen."))
    if allowed and not data.get("variant"):
        raise UserError(_("Choose the detail for this kind."))
    if data.get("expires_on") and data["expires_on"] < data["issued_on"]:
        raise UserError(_("A qualification cannot expire before it is issued."))


@transaction.atomic
def qualification_save(*, user, data: dict, enterprise=None, qualification=None, upload=None):
    """Record a qualification (``enterprise`` given) or change one; officials who may change
    data, within their area."""
    access.require_official(user)
    access.require(user, Action.CHANGE)
    _check(data)
    if qualification is None:
        if not Enterprise.objects.restrict(user, Action.CHANGE).filter(pk=enterprise.pk).exists():
            raise UserError(_("You may not record qualifications of this enterprise."))
        qualification = Qualification(enterprise=enterprise, recorded_by=user)
    else:
        found = Qualification.objects.restrict(user, Action.CHANGE).filter(pk=qualification.pk)
        if not found.exists():
            raise UserError(_("You may not change this qualification."))
    for name in FIELDS:
        setattr(qualification, name, data.get(name) or ("" if name != "expires_on" else None))
    if upload is not None:
        name, content_type, content = _evidence(upload)
        qualification.evidence_name = name
        qualification.evidence_type = content_type
        qualification.evidence_content = content
    qualification.save()
    return qualification


def _in_range(year: int, policy) -> None:
    if year < policy.demonstration.first_year:
        raise UserError(_("The scheme starts in %(y)s.") % {"y": policy.demonstration.first_year})


@transaction.atomic
def demonstration_select(*, user, year: int, enterprise_ids, policy) -> DemonstrationList:
    """The city selects the year's demonstration enterprises from the ranked candidates (the
    selection replaces an unpublished one); who and when are recorded."""
    from .selectors import ranking

    access.require_city_admin(user)
    _in_range(year, policy)
    chosen = set(enterprise_ids)
    if not chosen:
        raise UserError(_("Select at least one candidate."))
    limit = policy.demonstration.max_selected
    if len(chosen) > limit:
        raise UserError(_("At most %(n)s enterprises may be selected a year.") % {"n": limit})
    selection, _created = DemonstrationList.objects.select_for_update().get_or_create(
        year=year, defaults={"policy_id": policy.info.id}
    )
    if selection.status == ListStatus.PUBLISHED:
        raise UserError(_("The list of %(y)s is published already.") % {"y": year})
    candidates = {c.id: c for c in ranking(year=year, policy=policy).candidates}
    strangers = chosen - set(candidates)
    if strangers:
        raise UserError(
            _("%(n)s of the firms selected are not candidates of %(y)s.")
            % {"n": len(strangers), "y": year}
        )
    selection.entries.all().delete()
    DemonstrationEntry.objects.bulk_create(
        DemonstrationEntry(
            list=selection,
            enterprise_id=c.id,
            rank=c.rank,
            score=c.total,
            points={k: str(v.quantize(CENT, ROUND_HALF_UP)) for k, v in c.points.items()},
        )
        for c in sorted((candidates[i] for i in chosen), key=lambda c: (c.rank, c.name))
    )
    selection.policy_id = policy.info.id
    selection.selected_by = user
    selection.selected_at = timezone.now()
    selection.save()
    return selection


@transaction.atomic
def demonstration_publish(*, user, year: int) -> DemonstrationList:
    """Publish the year's list: it is frozen, and the counties and the firms on it see it."""
    access.require_city_admin(user)
    selection = DemonstrationList.objects.select_for_update().filter(year=year).first()
    if selection is None or not selection.entries.exists():
        raise UserError(_("Select the enterprises of %(y)s first.") % {"y": year})
    if selection.status == ListStatus.PUBLISHED:
        raise UserError(_("The list of %(y)s is published already.") % {"y": year})
    selection.status = ListStatus.PUBLISHED
    selection.published_by = user
    selection.published_at = timezone.now()
    selection.save(update_fields=["status", "published_by", "published_at"])
    return selection
