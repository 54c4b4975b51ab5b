"""Setting county targets: by hand on the page or from an Excel file, all-or-nothing."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from zhuanxing.accounts import access
from zhuanxing.core.errors import UserError
from zhuanxing.orgunits.models import OrgUnit

from .models import CountyTarget


def parse_target(raw, where: str) -> Decimal | None:
    """A target cell: empty → None; a number (full-width digits and thousands separators
    allowed) → Decimal; anything else → a UserError naming the cell."""
    if raw is None:
        return None
    text = str(raw).strip().translate(str.maketrans("０１２３４５６７８９．，－", "0123456789.,-"))
    text = text.replace(",", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise UserError(
            _("%(where)s: %(value)s is not a number") % {"where": where, "value": raw}
        ) from None
    if not value.is_finite():
        raise UserError(_("%(where)s: %(value)s is not a number") % {"where": where, "value": raw})
    return value


@transaction.atomic
def county_targets_set(
    *, year: int, targets: dict[tuple[str, str], Decimal | None], user, scheme
) -> int:
    """Set the year's targets: ``{(county code, indicator): value}``; None clears a target.
    Returns the number of targets changed. Unknown units or indicators stop everything."""
    access.require_city_admin(user)
    units = {u.code: u for u in OrgUnit.objects.filter(code__in={c for c, _ in targets})}
    allowed = {i.indicator for i in scheme.indicators}
    for code, indicator in targets:
        if code not in units:
            raise UserError(_("Unknown org unit %(code)s.") % {"code": code})
        if indicator not in allowed:
            raise UserError(_("%(key)s is not an assessed indicator.") % {"key": indicator})
    changed = 0
    for (code, indicator), value in sorted(targets.items()):
        existing = CountyTarget.objects.filter(
            org_unit=units[code], year=year, indicator=indicator
        ).first()
        if value is None:
            if existing:
                existing._history_user = user
                existing.delete()
                changed += 1
            continue
        if existing and existing.target == value:
            continue
        target = existing or CountyTarget(org_unit=units[code], year=year, indicator=indicator)
        target.target = value
        target.updated_by = user
        target._history_user = user
        target.save()
        changed += 1
    return changed
