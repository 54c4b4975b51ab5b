"""The cluster pages as one workbook: specialisation and shift-share by county, location
quotients by county and industry, 一镇一品 by town, and the upgrading paths. The rows are the
pages' (already scoped); every text cell goes through ``core.spreadsheets.safe``."""

from io import BytesIO

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from zhuanxing.core.spreadsheets import safe

HEADER = PatternFill("solid", fgColor="EEF2F6")
BOLD = Font(bold=True)
INDEX = "0.000"
MONEY = "#,##0"
PERCENT = '0.0"%"'
LQ_FORMATS = {3: MONEY, 4: PERCENT, 5: INDEX, 6: INDEX, 8: MONEY, 9: MONEY, 10: MONEY}


def _sheet(wb, title: str, heads: list[str], first: bool = False):
    ws = wb.active if first else wb.create_sheet()
    ws.title = safe(title)[:31]
    ws.append([safe(h) for h in heads])
    for cell in ws[1]:
        cell.fill = HEADER
        cell.font = BOLD
    ws.freeze_panes = "B2"
    for letter in "ABCDEFGHIJKL":
        ws.column_dimensions[letter].width = 16
    return ws


def _row(ws, values: list, formats: dict[int, str]) -> None:
    ws.append([safe(v) if isinstance(v, str) else v for v in values])
    for col, code in formats.items():
        ws.cell(ws.max_row, col).number_format = code


def workbook(scope: str, identification: dict, paths: dict) -> bytes:
    cap = settings.ZHUANXING["EXPORT_ROW_CAP"]
    wb = Workbook()
    if identification.get("missing"):
        ws = _sheet(wb, _("Industrial clusters"), [scope], first=True)
        ws.append([_("No annual data in the analytics store.")])
        return _save(wb)
    year, base = identification["year"], identification["base"]
    ws = _sheet(
        wb,
        _("Specialisation"),
        [_("County-level unit"), _("Gross output (万元)"), _("HHI"), _("Krugman index"),
         _("Change from %(base)s (万元)") % {"base": base}, _("City share"), _("Industry mix"),
         _("Local (competitive)"), _("Clusters (location quotient)")],
        first=True,
    )  # fmt: skip
    for c in identification["counties"]:
        clusters = "; ".join(f"{code} {label} {lq:.2f}" for code, label, lq in c.clusters)
        _row(ws, [c.label, c.output, c.hhi, c.krugman, c.change, c.reference_share,
                  c.industry_mix, c.local, clusters],
             {2: MONEY, 3: INDEX, 4: INDEX, 5: MONEY, 6: MONEY, 7: MONEY, 8: MONEY})  # fmt: skip
    ws.append([])
    ws.append([safe(f"{scope} · {year} · " + _("base year %(base)s") % {"base": base})])
    ws = _sheet(
        wb,
        _("Location quotients"),
        [_("County-level unit"), _("Industry"), _("Gross output (万元)"), _("Share (%)"),
         _("Location quotient by output"), _("Location quotient by employment"), _("Cluster"),
         _("City share"), _("Industry mix"), _("Local (competitive)")],
    )  # fmt: skip
    written = 0
    for c in identification["counties"]:
        for r in c.industries:
            if written >= cap:
                break
            written += 1
            _row(ws, [c.label, f"{r.code} {r.label}", r.output, r.share, r.lq_output,
                      r.lq_employment, _("yes") if r.cluster else "", r.reference_share,
                      r.industry_mix, r.local],
                 LQ_FORMATS)  # fmt: skip
    ws = _sheet(
        wb,
        _("One town, one product"),
        [_("Town or park"), _("County-level unit"), _("Dominant industry"), _("Share (%)")],
    )
    for t in identification["towns"][:cap]:
        industry = f"{t.code} {t.industry}" if t.code else ""
        _row(ws, [t.label, t.county, industry, t.share], {4: PERCENT})
    if not paths.get("missing"):
        ws = _sheet(
            wb,
            _("Upgrading paths"),
            [_("Region"), _("Rank"), _("Industry"), _("1244 category"), _("Relatedness density"),
             _("Related industries it has (proximity)")],
        )  # fmt: skip
        units = ([paths["own"]] if paths["own"] else []) + paths["children"]
        written = 0
        for unit in units:
            for rank, o in enumerate(unit.opportunities, start=1):
                if written >= cap:
                    break
                written += 1
                related = "; ".join(f"{r.code} {r.label} {r.proximity:.2f}" for r in o.related)
                _row(ws, [unit.label, rank, f"{o.code} {o.label}", o.category, o.density,
                          related], {5: INDEX})  # fmt: skip
    return _save(wb)


def _save(wb) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
