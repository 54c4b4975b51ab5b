from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from zhuanxing.accounts.access import require_official
from zhuanxing.params import year_param
from zhuanxing.policy.active import policy_in_force
from zhuanxing.reporting.selectors import report_years

from .forms import TargetUploadForm
from .selectors import assessment_table, county_units, targets_for
from .services import county_targets_set, parse_target

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="EEF2F6")


def _year(request) -> int:
    years = report_years()
    data = {"year": request.GET.get("year") or request.POST.get("year")}
    year = year_param(data, policy_in_force(), years)
    return year or (years[-1] if years else 0)


@login_required
def assessment_view(request):
    require_official(request.user)
    policy = policy_in_force()
    year = _year(request)
    table = assessment_table(user=request.user, year=year, policy=policy)
    if request.GET.get("export") == "xlsx":
        return _export(table, year)
    years = report_years()[::-1]
    return render(request, "assessment/index.html", {**table, "year": year, "years": years})


def _export(table, year: int) -> HttpResponse:
    wb = Workbook()
    ws = wb.active
    ws.title = str(year)
    header = ["排名 Rank", "县（市、区）County"]
    for item, ind in table["indicators"]:
        header += [f"{ind.name}（{ind.unit}）实际", "目标", f"得分（满分{item.weight}）"]
    header.append("总分 Total")
    ws.append(header)
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for name, score in table["scores"]:
        row = [score.rank, name]
        for item in score.items:
            row += [
                None if item.value is None else float(item.value),
                None if item.target is None else float(item.target),
                float(item.score),
            ]
        row.append(float(score.total))
        ws.append(row)
    for column in ws.iter_cols(min_row=2, min_col=3):
        for cell in column:
            cell.number_format = "#,##0.00"
    ws.freeze_panes = "C2"
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="assessment-{year}.xlsx"'
    wb.save(response)
    return response


@login_required
def targets_edit(request):
    require_official(request.user)
    policy = policy_in_force()
    scheme = policy.assessment
    year = _year(request)
    units = county_units(request.user)
    kept = None  # what the user typed, shown again when the form is refused
    if request.method == "POST":
        try:
            if request.FILES.get("file"):
                form = TargetUploadForm(request.POST, request.FILES)
                if not form.is_valid():
                    raise ValidationError(" ".join(form.errors.get("file", [])))
                values = _read_workbook(form.cleaned_data["file"], units, scheme)
            else:
                values = {
                    (u.code, i.indicator): parse_target(
                        request.POST.get(f"t__{u.code}__{i.indicator}"), f"{u.name} · {i.indicator}"
                    )
                    for u in units
                    for i in scheme.indicators
                }
            changed = county_targets_set(
                year=year, targets=values, user=request.user, scheme=scheme
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            kept = request.POST
        else:
            messages.success(request, _("%(n)s targets changed.") % {"n": changed})
            return redirect(f"{request.path}?year={year}")
    current = targets_for(request.user, year)

    def shown(unit, item):
        if kept is not None:
            return kept.get(f"t__{unit.code}__{item.indicator}", "")
        return current.get(unit.code, {}).get(item.indicator)

    rows = [(u, [(i, shown(u, i)) for i in scheme.indicators]) for u in units]
    return render(
        request,
        "assessment/targets.html",
        {
            "year": year,
            "rows": rows,
            "indicators": [(i, policy.indicators[i.indicator]) for i in scheme.indicators],
            "upload": TargetUploadForm(),
        },
    )


@login_required
def targets_template(request):
    """The targets workbook: a visible header, a hidden row of indicator keys (so columns are
    matched by key even if reordered), one row per county with the current targets."""
    require_official(request.user)
    policy = policy_in_force()
    year = _year(request)
    scheme = policy.assessment
    current = targets_for(request.user, year)
    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年目标"
    ws.append(["代码 code", "县（市、区）"] + [
        f"{policy.indicators[i.indicator].name}（{policy.indicators[i.indicator].unit}）"
        for i in scheme.indicators
    ])  # fmt: skip
    ws.append(["code", "name"] + [i.indicator for i in scheme.indicators])
    ws.row_dimensions[2].hidden = True
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for u in county_units(request.user):
        values = current.get(u.code, {})
        ws.append([u.code, u.name] + [
            float(values[i.indicator]) if i.indicator in values else None for i in scheme.indicators
        ])  # fmt: skip
    for col in range(1, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(col)].width = 18
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="county-targets-{year}.xlsx"'
    wb.save(response)
    return response


def _read_workbook(upload, units, scheme) -> dict:
    """Read a targets workbook; every problem names the row and column. Cached formula values
    are used, formulas are never evaluated."""
    try:
        wb = load_workbook(BytesIO(upload.read()), read_only=True, data_only=True)
    except Exception:
        raise ValidationError(_("The file is not an Excel workbook (.xlsx).")) from None
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    if len(rows) < 2:
        raise ValidationError(_("The workbook is empty."))
    keys = [str(k).strip() if k is not None else "" for k in rows[1]]
    if keys[:2] != ["code", "name"]:
        raise ValidationError(_("Row 2 must hold the column keys of the template (code, name, …)."))
    allowed = {i.indicator for i in scheme.indicators}
    unknown = [k for k in keys[2:] if k and k not in allowed]
    if unknown:
        raise ValidationError(
            _("Unknown indicator columns: %(keys)s") % {"keys": ", ".join(unknown)}
        )
    codes = {u.code for u in units}
    values = {}
    for r, row in enumerate(rows[2:], start=3):
        code = str(row[0]).strip() if row and row[0] is not None else ""
        if not code:
            continue
        if code not in codes:
            raise ValidationError(
                _("Row %(row)s, column A: %(code)s is not a county-level unit you manage.")
                % {"row": r, "code": code}
            )
        for c, key in enumerate(keys[2:], start=2):
            if key:
                cell = row[c] if c < len(row) else None
                where = _("Row %(row)s, column %(col)s") % {
                    "row": r,
                    "col": get_column_letter(c + 1),
                }
                values[(code, key)] = parse_target(cell, where)
    return values
