"""The innovation pages' workbooks: the same rows as the pages (every text cell through
``core.spreadsheets.safe`` in ``core.listing.workbook_response``)."""

from django.utils.translation import gettext as _

from zhuanxing.core.listing import workbook_response

from .models import Kind
from .wording import ITEM_NAMES


def qualifications_workbook(rows):
    headers = [_("Enterprise"), _("Region"), _("Kind"), _("Level"), _("Detail"), _("Title"),
               _("Reference number"), _("Issued on"), _("Expires on"), _("Evidence")]  # fmt: skip
    return workbook_response(
        "qualifications.xlsx",
        _("Qualifications"),
        headers,
        (
            [
                q.enterprise.name,
                q.enterprise.org_unit.name,
                q.get_kind_display(),
                q.get_level_display(),
                q.get_variant_display(),
                q.title,
                q.reference,
                q.issued_on,
                q.expires_on,
                q.evidence_name or q.evidence_note,
            ]  # fmt: skip
            for q in rows.iterator()
        ),
    )


def counts_workbook(rows, total, year: int, basis_label: str):
    headers = [_("County / zone"), *[label for _k, label in Kind.choices], _("Total")]
    return workbook_response(
        f"qualifications-{year}.xlsx",
        str(year),
        headers,
        [[r.name or _("Total"), *r.counts(), r.total] for r in [*rows, total]],
        title=f"{year} {basis_label}",
    )


def demonstration_workbook(year: int, candidates, extra, selected_ids, items):
    headers = [_("Rank"), _("Enterprise"), _("County / zone"), _("Per-mu class"),
               *[ITEM_NAMES[i] for i in items], _("Score"), _("Selected")]  # fmt: skip
    return workbook_response(
        f"demonstration-{year}.xlsx",
        str(year),
        headers,
        (
            [
                c.rank,
                c.name,
                extra[c.id]["county"],
                c.efficiency_class,
                *[round(c.points[i], 2) for i in items],
                c.total,
                _("yes") if c.id in selected_ids else "",
            ]  # fmt: skip
            for c in candidates
        ),
        title=_("Demonstration-enterprise candidates %(y)s") % {"y": year},
    )
