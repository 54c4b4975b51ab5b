"""Excel export of a run's ranked list (openpyxl: styled headers, number formats, units)."""

from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from zhuanxing.core.listing import workbook_response
from zhuanxing.core.spreadsheets import safe as safe_text


def results_workbook(run, method, rows, reason_labels) -> HttpResponse:
    wb = Workbook()
    ws = wb.active
    ws.title = f"{run.year}"
    population = rows[0].population if rows else "above_scale"
    indicators = getattr(method, population).indicators
    # Headers in the reader's language, one language at a time.
    english = (get_language() or "").startswith("en")
    header = [
        _("Rank"),
        _("Enterprise name"),
        _("Unified social credit code"),
        _("Org unit"),
        _("Total score"),
        _("Class"),
    ]
    names = [i.name_en if english else i.name for i in indicators]
    header += [f"{n} ({i.unit_label})" for n, i in zip(names, indicators, strict=True)]
    header += [_("%(indicator)s score") % {"indicator": n} for n in names]
    header.append(_("Not graded because"))
    header = [str(h) for h in header]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF2F6")
    for r in rows:
        values = {i["key"]: i for i in r.indicators}
        total = float(r.total) if r.total is not None else None
        line = [r.rank, safe_text(r.enterprise.name), r.enterprise.uscc,
                safe_text(r.enterprise.org_unit.name), total, r.klass]  # fmt: skip
        for ind in indicators:
            v = values.get(ind.key, {}).get("value")
            line.append(None if v in (None, "inf") else float(v))
        for ind in indicators:
            s = values.get(ind.key, {}).get("score")
            line.append(None if s is None else float(s))
        line.append(str(reason_labels.get(r.excluded_reason, r.excluded_reason)))
        ws.append(line)
    for column in ws.iter_cols(min_row=2, min_col=5):
        for cell in column:
            if isinstance(cell.value, float):
                cell.number_format = "#,##0.00"
    ws.freeze_panes = "C2"
    for letter, width in zip("ABCD", (8, 36, 22, 16), strict=True):
        ws.column_dimensions[letter].width = width
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="evaluation-{run.year}-{run.pk}.xlsx"'
    wb.save(response)
    return response


def _num(value):
    return None if value is None else float(value)


def simulation_workbook(context):
    """The what-if's table as the page shows it: one row per region the user may see."""
    headers = [_("Region"), _("Value added lost, 亿元"), _("Output lost, 亿元"),
               _("Tax lost, 亿元"), _("Jobs lost"), _("VA per mu, before"), _("after"),
               _("VA per mu, region statistics, before"), _("after"), _("Energy per VA, before"),
               _("after"), _("COD t, before"), _("after"), _("SO2 t, before"), _("after"),
               _("Heavy-industry share %, before"), _("after"), _("Land freed, mu"),
               _("Energy freed, tce")]  # fmt: skip
    names, region_mu = context.get("names", {}), context.get("region_mu", {})
    rows = []
    for c in context["comparisons"]:
        mu = region_mu.get(c.region) or (None, None)
        name = _("Whole city") if c.region == "city" else names.get(c.region, c.region)
        rows.append((
            name, _num(c.lost.value_added_yi), _num(c.lost.gross_output_yi),
            _num(c.lost.tax_paid_yi), _num(c.lost.employees), _num(c.before.va_per_mu),
            _num(c.after.va_per_mu), _num(mu[0]), _num(mu[1]), _num(c.before.energy_per_va),
            _num(c.after.energy_per_va), _num(c.before.cod_t), _num(c.after.cod_t),
            _num(c.before.so2_t), _num(c.after.so2_t), _num(c.before.heavy_share),
            _num(c.after.heavy_share), _num(c.land_freed_mu), _num(c.energy_freed_tce),
        ))  # fmt: skip
    run = context["run"]
    return workbook_response(
        f"simulation-{run.year}.xlsx", _("What-if simulation"), headers, rows,
        title=f"{_('What-if simulation')} {run.year}",
    )  # fmt: skip
