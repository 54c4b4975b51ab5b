"""Pages of the innovation app: parse (forms) → selector/service → render."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhuanxing.accounts import access
from zhuanxing.accounts.access import Action
from zhuanxing.core.errors import UserError
from zhuanxing.core.figures import chart_number
from zhuanxing.core.listing import page_of
from zhuanxing.policy.active import policy_in_force
from zhuanxing.policy.innovation import SCORE_GROUPS, SCORE_ITEMS

from . import export, selectors, services
from .forms import (
    CountsForm,
    DemonstrationForm,
    PublishForm,
    QualificationFilter,
    QualificationForm,
    SelectionForm,
    form_errors,
)
from .models import Kind, ListStatus
from .wording import GROUP_NAMES, ITEM_NAMES, REFUSALS


def _innovation():
    found = policy_in_force().innovation
    if found is None:
        raise Http404
    return found


def _policy_with_demonstration():
    policy = policy_in_force()
    if policy.demonstration is None or policy.innovation is None:
        raise Http404
    return policy


# --- qualifications ---------------------------------------------------------------------------


@login_required
def qualification_list(request):
    """The qualifications the user sees (their area, or their own firm's), filtered; the
    expiry warnings above."""
    innovation = _innovation()
    params = QualificationFilter.parse(request.GET)
    today = datetime.date.today()
    days = innovation.expiry_warning_days
    rows = selectors.qualification_list(
        user=request.user,
        today=today,
        warning_days=days,
        **{k: params[k] for k in ("kind", "level", "status", "county", "q")},
    )
    if params["export"] == "xlsx":
        access.require(request.user, Action.EXPORT)
        return export.qualifications_workbook(rows)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    return render(
        request,
        "innovation/qualifications.html",
        {
            "form": QualificationFilter(request.GET),
            "page": page_of(rows, params["page"]),
            "query": query.urlencode(),
            "warnings": selectors.expiry_counts(user=request.user, today=today, warning_days=days),
            "warning_days": days,
            "today": today,
            "soon": today + datetime.timedelta(days=days),
            "may_record": access.is_official(request.user) and access.may(request.user, "change"),
        },
    )


def _save_page(request, qualification=None):
    access.require_official(request.user)
    access.require(request.user, Action.CHANGE)
    enterprises = selectors.enterprise_choices(user=request.user) if qualification is None else None
    initial, named = {}, None
    if qualification is not None:
        initial = {f: getattr(qualification, f) for f in services.FIELDS}
    elif request.GET.get("enterprise", "").isdigit():
        # ?enterprise=<pk> (the enterprise page's link): the firm's code, if the user may
        # record for it; any other number leaves the field empty.
        firm = enterprises.filter(pk=int(request.GET["enterprise"][:10])).first()
        initial = {"enterprise": firm.uscc} if firm else {}
        named = firm
    form = QualificationForm(
        request.POST or None, request.FILES or None, enterprises=enterprises, initial=initial
    )
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise UserError(form_errors(form))
            data = dict(form.cleaned_data)
            qualification = services.qualification_save(
                user=request.user,
                data=data,
                enterprise=data.pop("enterprise", None),
                qualification=qualification,
                upload=data.pop("evidence", None),
            )
        except UserError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Qualification saved."))
            return redirect("innovation:qualification", pk=qualification.pk)
    return render(
        request,
        "innovation/qualification_form.html",
        {"form": form, "q": qualification, "named": named},
    )


@login_required
def qualification_create(request):
    _innovation()
    return _save_page(request)


@login_required
def qualification_edit(request, pk: int):
    _innovation()
    qualification = selectors.qualification_get(user=request.user, pk=pk, action=Action.CHANGE)
    return _save_page(request, qualification)


@login_required
def qualification_detail(request, pk: int):
    innovation = _innovation()
    q = selectors.qualification_get(user=request.user, pk=pk)
    today = datetime.date.today()
    cap = settings.ZHUANXING["HISTORY_LIST_CAP"]
    history = list(q.history.select_related("history_user").order_by("-history_date")[:cap])
    weight = innovation.qualification_weight(q.kind, q.level)
    may_change = (
        access.is_official(request.user)
        and selectors.qualifications(user=request.user, action=Action.CHANGE).filter(pk=pk).exists()
    )
    return render(
        request,
        "innovation/qualification.html",
        {
            "q": q,
            "history": history,
            "weight": weight,
            "expired": q.expires_on is not None and q.expires_on < today,
            "expiring": q.expires_on is not None
            and today <= q.expires_on <= today + datetime.timedelta(innovation.expiry_warning_days),
            "may_change": may_change,
        },
    )


@login_required
def qualification_evidence(request, pk: int):
    q = selectors.qualification_get(user=request.user, pk=pk)
    if not q.evidence_name:
        raise Http404
    response = HttpResponse(bytes(q.evidence_content), content_type=q.evidence_type)
    name = "".join(ch for ch in q.evidence_name if ch.isalnum() or ch in "._-") or "evidence"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def qualification_counts(request):
    """County × kind counts of a year, with a chart and the workbook (officials)."""
    access.require_official(request.user)
    _innovation()
    params = CountsForm.parse(request.GET)
    years = selectors.qualification_years(user=request.user)
    year = params["year"] or (years[0] if years else datetime.date.today().year)
    new = params["basis"] == "new"
    rows, total = selectors.qualification_counts(user=request.user, year=year, new=new)
    basis = _("Issued in the year") if new else _("In force at year end")
    if params["export"] == "xlsx":
        access.require(request.user, Action.EXPORT)
        return export.counts_workbook(rows, total, year, basis)
    chart = {
        "counties": [r.name for r in rows],
        "series": [
            {"name": str(label), "data": [r.by_kind[k] for r in rows]}
            for k, label in Kind.choices
            if total.by_kind[k]
        ],
    }
    return render(
        request,
        "innovation/counts.html",
        {
            "year": year,
            "years": years,
            "new": new,
            "basis": basis,
            "kinds": Kind.choices,
            "rows": rows,
            "total": total,
            "chart": chart,
        },
    )


# --- demonstration enterprises ----------------------------------------------------------------


def _items():
    return [(i, ITEM_NAMES[i]) for i in SCORE_ITEMS]


@login_required
def demonstration(request):
    """The year's candidates ranked by the policy's score (rows of the user's scope; ranks
    the city's), the selected list, and the city's selection form."""
    policy = _policy_with_demonstration()
    params = DemonstrationForm.parse(request.GET)
    years = selectors.demonstration_years(policy)
    year = params["year"] or (years[0] if years else None)
    user = request.user
    selection = selectors.demonstration_list(user=user, year=year) if year else None
    entries = list(selectors.demonstration_entries(user=user, selection=selection))
    context = {
        "year": year,
        "years": years,
        "selection": selection,
        "entries": entries,
        "items": _items(),
        "groups": [(GROUP_NAMES[g], len(items)) for g, items in SCORE_GROUPS.items()],
        "scheme": policy.demonstration,
        "lists": selectors.demonstration_lists(user=user),
        "may_select": access.is_city_admin(user)
        and (selection is None or selection.status == ListStatus.DRAFT),
    }
    if year is not None and access.is_official(user):
        ranking = selectors.ranking(year=year, policy=policy)
        visible = selectors.visible_ids(user=user, year=year)
        rows = [c for c in ranking.candidates if c.id in visible]
        selected_ids = {e.enterprise_id for e in entries}
        if params["export"] == "xlsx":
            access.require(user, Action.EXPORT)
            return export.demonstration_workbook(
                year, rows, ranking.extra, selected_ids, SCORE_ITEMS
            )
        top = rows[: settings.ZHUANXING["CHART_TOP"]]
        shown = rows[: settings.ZHUANXING["CANDIDATES_SHOWN"]]
        context |= {
            "candidate_count": len(rows),
            "ranking": ranking,
            "rows": [
                (c, ranking.extra[c.id], [c.points[i] for i in SCORE_ITEMS], c.id in selected_ids)
                for c in shown
            ],
            "refused": [(REFUSALS[k], n) for k, n in sorted(ranking.refused.items())],
            "chart": {
                "names": [c.name for c in top],
                "series": [
                    {
                        "name": str(GROUP_NAMES[g]),
                        "data": [chart_number(sum(c.points[i] for i in items), 2) for c in top],
                    }
                    for g, items in SCORE_GROUPS.items()
                ],
            },
        }
    return render(request, "innovation/demonstration.html", context)


@login_required
@require_POST
def demonstration_select(request):
    """The city's selection: first a confirmation page naming the firms ticked, then (confirmed)
    the list saved with who and when."""
    access.require_city_admin(request.user)
    policy = _policy_with_demonstration()
    form = SelectionForm(request.POST)
    back = reverse("innovation:demonstration")
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(back)
    year, chosen = form.cleaned_data["year"], form.cleaned_data["enterprise"]
    back = f"{back}?year={year}"
    if not form.cleaned_data["confirm"]:
        ranking = selectors.ranking(year=year, policy=policy)
        rows = [c for c in ranking.candidates if c.id in set(chosen)]
        if not rows:
            messages.error(request, _("Select at least one candidate."))
            return redirect(back)
        return render(
            request,
            "innovation/confirm.html",
            {"year": year, "rows": rows, "extra": ranking.extra, "scheme": policy.demonstration},
        )
    try:
        services.demonstration_select(
            user=request.user, year=year, enterprise_ids=chosen, policy=policy
        )
    except UserError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(n)s demonstration enterprises selected.") % {"n": len(chosen)}
        )
    return redirect(back)


@login_required
@require_POST
def demonstration_publish(request):
    access.require_city_admin(request.user)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("innovation:demonstration")
    year = form.cleaned_data["year"]
    try:
        services.demonstration_publish(user=request.user, year=year)
    except UserError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The list of %(y)s is published.") % {"y": year})
    return redirect(f"{reverse('innovation:demonstration')}?year={year}")
