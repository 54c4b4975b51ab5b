"""What every long list shares: a bounded page / sort / export parameter, the page itself (Django's
Paginator, ``PAGE_SIZE`` rows), the column-header sort links, and the Excel workbook of the whole
filtered list (``EXPORT_ROW_CAP`` rows at most, every text cell through ``spreadsheets.safe``).

A list's own filters stay in its app's form; this module only knows the parts that do not
change from list to list.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO

from django import forms
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from .params import BadParameter, ParamForm
from .spreadsheets import safe

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_PAGE = 1_000_000


class ListParams(ParamForm):
    """``?page=``, ``?sort=`` (a column key, ``-`` first for descending) and ``?export=xlsx``.
    The sort key is checked against the list's own columns by :func:`ordering`."""

    page = forms.IntegerField(
        label=gettext_lazy("Page"), required=False, min_value=1, max_value=MAX_PAGE
    )
    sort = forms.CharField(label=gettext_lazy("Sort"), required=False, max_length=40)
    export = forms.ChoiceField(
        label=gettext_lazy("Export"), required=False, choices=[("", ""), ("xlsx", "xlsx")]
    )

    def clean_sort(self):
        sort = self.cleaned_data["sort"]
        allowed = self.initial.get("sorts", ())
        if sort and sort.removeprefix("-") not in allowed:
            raise forms.ValidationError(
                _("Sort by one of: %(keys)s.") % {"keys": ", ".join(allowed)}
            )
        return sort


def list_params(data, sorts: Iterable[str]) -> dict:
    """The checked page, sort and export parameters (``BadParameter`` on a bad one)."""
    form = ListParams(data, initial={"sorts": tuple(sorts)})
    if not form.is_valid():
        raise BadParameter(form.reason())
    return form.cleaned_data


def ordering(sort: str, columns: dict[str, Sequence[str]], default: str) -> list[str]:
    """ORM ``order_by`` fields for a sort key: the column's fields, reversed for ``-key``."""
    sort = sort or default
    fields = columns[sort.removeprefix("-")]
    if sort.startswith("-"):
        return [f[1:] if f.startswith("-") else f"-{f}" for f in fields]
    return list(fields)


def page_of(rows, number: int | None) -> Page:
    """One page of ``rows`` (a queryset or a list); a page past the end gives the last one."""
    return Paginator(rows, settings.ZHUANXING["PAGE_SIZE"]).get_page(number)


def page_of_keys(rows, number: int | None) -> Page:
    """One page of a queryset whose filter is costly: the keys of every row in order in one
    query (their number is the count), then the page's rows by key. One pass over the filter
    instead of two (Paginator's COUNT and the page's LIMIT both scan it): the clean-production
    list at the province tier, 150,000 firms."""
    keys = list(rows.values_list("pk", flat=True))
    page = Paginator(keys, settings.ZHUANXING["PAGE_SIZE"]).get_page(number)
    found = {row.pk: row for row in rows.filter(pk__in=list(page.object_list))}
    page.object_list = [found[key] for key in page.object_list if key in found]
    return page


@dataclass(frozen=True)
class SortLink:
    query: str  # the query string with this column's sort (and no page)
    arrow: str  # "▲" / "▼" on the sorted column, "" elsewhere


def sort_links(query, columns: Iterable[str], sort: str, default: str) -> dict[str, SortLink]:
    """Per column key, the link that sorts by it (again: the other way round)."""
    current = sort or default
    links = {}
    for key in columns:
        q = query.copy()
        q.pop("page", None)
        q.pop("export", None)
        if current == key:
            q["sort"], arrow = f"-{key}", "▲"
        elif current == f"-{key}":
            q["sort"], arrow = key, "▼"
        else:
            q["sort"], arrow = key, ""
        links[key] = SortLink(q.urlencode(), arrow)
    return links


def plain_query(query) -> tuple[str, str]:
    """(the query without page and export: for pager links; the same with ``export=xlsx``)."""
    q = query.copy()
    q.pop("page", None)
    q.pop("export", None)
    base = q.urlencode()
    q["export"] = "xlsx"
    return base, q.urlencode()


HEADER_FILL = PatternFill("solid", fgColor="EEF2F6")


def workbook_response(
    filename: str, sheet: str, headers: Sequence[str], rows: Iterable[Sequence], *, title: str = ""
) -> HttpResponse:
    """An .xlsx download of a list: an optional title line, the header row (bold, frozen, with
    filters), then at most ``EXPORT_ROW_CAP`` rows; the data sheet is the one that opens."""
    cap = settings.ZHUANXING["EXPORT_ROW_CAP"]
    wb = Workbook()
    ws = wb.active
    ws.title = safe(sheet)[:31]
    if title:
        ws.append([safe(title)])
        ws["A1"].font = Font(bold=True, size=13)
    ws.append([safe(str(h)) for h in headers])
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    written = 0
    for row in rows:
        if written >= cap:
            ws.append([_("Cut at %(cap)s rows (EXPORT_ROW_CAP).") % {"cap": cap}])
            break
        ws.append([safe(str(v)) if isinstance(v, str | Promise) else v for v in row])
        written += 1
    last = get_column_letter(max(len(headers), 1))
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + written}"
    ws.freeze_panes = f"B{header_row + 1}"
    for i, head in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(10, min(40, 2 * len(str(head)) + 4))
    out = BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
