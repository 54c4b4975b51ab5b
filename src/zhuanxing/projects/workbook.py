"""Excel import of the project list, all or nothing: every row is checked, and a single problem
leaves the database unchanged. The layout is the export's (``export.PROJECT_COLUMNS``: a header
row, then a hidden row of column keys)."""

import io
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from zhuanxing.core.errors import UserError
from zhuanxing.enterprises.models import Enterprise
from zhuanxing.orgunits.models import OrgUnit

from .export import PROJECT_COLUMNS
from .forms import ProjectForm

BOOLEAN = {"new_land", "fortune_500", "central_soe", "industry_leader"}
TRUE = {"1", "true", "yes", "是", "y"}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def _rows(content: bytes) -> list[list]:
    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
    except Exception:  # noqa: BLE001 (any unreadable file is the user's problem to fix)
        raise UserError(_("The file is not a readable .xlsx workbook.")) from None
    if len(rows) < 2:
        raise UserError(_("The workbook has no header rows."))
    if len(rows) > settings.ZHUANXING["IMPORT_MAX_ROWS"]:
        raise UserError(_("The workbook has too many rows."))
    return rows


def read_projects_workbook(content: bytes, user, policy) -> tuple[list[str], int]:
    """(problems, projects created): nothing is written unless there is no problem."""
    rows = _rows(content)
    keys = [_text(k) for k in rows[1]]
    known = {k for k, _h in PROJECT_COLUMNS}
    if not {"name", "org_unit", "kind", "total_investment"} <= set(keys):
        raise UserError(_("The second row must hold the column keys of the export."))
    units = {u.code: u.pk for u in OrgUnit.objects.all()}
    problems: list[str] = []
    forms = []
    for number, row in enumerate(rows[2:], start=3):
        values = {k: _text(v) for k, v in zip(keys, row, strict=False) if k in known}
        if not any(values.values()):
            continue
        uscc = values.pop("owner_uscc", "")
        data = {k: v for k, v in values.items() if k not in BOOLEAN}
        for k in BOOLEAN & values.keys():
            if values[k].lower() in TRUE:
                data[k] = "on"
        data["org_unit"] = units.get(values.get("org_unit", ""), "")
        if uscc:
            data["owner"] = (
                Enterprise.objects.filter(uscc=uscc).values_list("pk", flat=True).first() or ""
            )
            if not data["owner"]:
                problems.append(
                    _("Row %(row)s: no enterprise with credit code %(code)s.")
                    % {"row": number, "code": uscc}
                )
                continue
        form = ProjectForm(data, user=user, policy=policy)
        if not form.is_valid():
            for field, errors in form.errors.items():
                problems.append(
                    _("Row %(row)s, %(field)s: %(error)s")
                    % {"row": number, "field": field, "error": " ".join(errors)}
                )
            continue
        forms.append((number, form))
    if problems:
        return problems, 0
    from .services import project_create

    try:
        with transaction.atomic():
            for number, form in forms:
                try:
                    project_create(user=user, data=form.cleaned_data)
                except UserError as exc:
                    raise UserError(
                        _("Row %(row)s: %(error)s") % {"row": number, "error": exc}
                    ) from None
    except UserError as exc:
        return [str(exc)], 0
    return [], len(forms)


def read_progress_workbook(content: bytes, user) -> tuple[list[str], int]:
    """Monthly progress (the template of ``export.progress_template``), all or nothing: each row
    names a project the user may change, a year, a month 1–12 and a non-negative investment."""
    from .models import Project
    from .services import progress_record

    rows = _rows(content)
    keys = [_text(k) for k in rows[1]]
    if not {"project", "year", "month", "investment"} <= set(keys):
        raise UserError(_("The second row must hold the column keys of the export."))
    reach = set(Project.objects.restrict(user, "change").values_list("pk", flat=True))
    problems, records = [], []
    for number, row in enumerate(rows[2:], start=3):
        values = {k: _text(v) for k, v in zip(keys, row, strict=False)}
        if not values.get("investment") and not values.get("month"):
            continue
        try:
            pk, year, month = int(values["project"]), int(values["year"]), int(values["month"])
            investment = Decimal(values["investment"])
        except (KeyError, ValueError, InvalidOperation):
            problems.append(_("Row %(row)s: project, year, month and investment must be numbers.")
                            % {"row": number})  # fmt: skip
            continue
        if pk not in reach:
            problems.append(
                _("Row %(row)s: no project %(pk)s in your area.") % {"row": number, "pk": pk}
            )
        elif (
            not (1 <= month <= 12 and 2000 <= year <= 2100)
            or investment < 0
            or not investment.is_finite()
        ):
            problems.append(
                _("Row %(row)s: month 1–12, a year and a non-negative investment.")
                % {"row": number}
            )
        else:
            records.append((pk, year, month, investment, values.get("milestone", "")[:300]))
    if problems:
        return problems, 0
    projects = Project.objects.in_bulk({r[0] for r in records})
    with transaction.atomic():
        for pk, year, month, investment, milestone in records:
            progress_record(user=user, project=projects[pk], year=year, month=month,
                            investment=investment, milestone=milestone)  # fmt: skip
    return [], len(records)
