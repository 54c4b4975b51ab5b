"""The indicator explorer: a request from query parameters, and the pivot (rows × periods) the
page, the chart and the Excel export all show."""

from dataclasses import dataclass, field, replace

from django.conf import settings
from django.utils.translation import gettext as _

from zhuanxing.core.params import BadParameter
from zhuanxing.core.periods import is_month

from . import engine, selectors
from .forms import ExplorerParams

BREAKDOWN_CHOICES = ("", "category_1244", "high_tech_category", "heavy_industry", "section",
                     "division", "class")  # fmt: skip
# Drilling into an industry row goes one level down the classification.
NEXT_BREAKDOWN = {"section": "division", "division": "class"}
NEXT_LEVEL = {"county": "town"}


@dataclass
class PivotRow:
    org: str | None
    org_label: str
    category: str | None
    category_label: str
    is_total: bool
    values: list[float | None]
    yoy: list[float | None]
    drill_region: str | None = None  # org code to drill into
    drill_industry: str | None = None  # industry code to drill into


@dataclass
class Block:
    key: str
    label: str
    unit: str
    rows: list[PivotRow] = field(default_factory=list)
    notes: dict = field(default_factory=dict)  # selectors.indicator_notes
    decimals: int | None = None  # the policy's display precision (None: by size)
    unavailable: str = ""  # why the requested indicator has no figures for this cut
    instead_of: str = ""  # the requested indicator this block stands in for (its detail)
    instead_reason: str = ""
    left_out: list[str] = field(default_factory=list)  # rows without a figure in the range


def parse(params, user) -> selectors.Request:
    """A checked request from GET parameters (region scoped to ``user``); a malformed or
    unbounded parameter raises ``BadParameter``."""
    ExplorerParams.parse(params)
    policy = selectors.policy()
    unit = selectors.region_for(user, params.get("region") or None)
    depth = unit.depth
    level = params.get("level") or None
    if level not in selectors.LEVEL_DEPTH or selectors.LEVEL_DEPTH[level] <= depth:
        level = None
    breakdown = params.get("breakdown") or None
    if breakdown not in BREAKDOWN_CHOICES:
        breakdown = None
    industry_code = (params.get("industry") or "").strip().upper() or None
    if industry_code and (len(industry_code) > 3 or not industry_code.isalnum()):
        industry_code = None
    kind = params.get("kind") if params.get("kind") in engine.PERIOD_KINDS else "year"
    span = selectors.years_available() or (2008, 2012, "2012-12")
    first, last, last_month = span
    keys = [k for k in params.getlist("indicator") if k in policy.indicators]
    keys = keys or [policy.targets[0].indicators[0]]
    if kind == "year":
        start = _int(params.get("start"), first, first, last)
        end = _int(params.get("end"), last, start, last)
    else:
        default_end = last_month or f"{last}-12"
        end = _month(params.get("end"), default_end)
        start = _month(params.get("start"), f"{end[:4]}-01")
        if start > end:
            start = end
    cap = settings.ZHUANXING["QUERY_ROW_CAP"]
    return selectors.Request(
        unit, level, breakdown, industry_code, kind, start, end, tuple(keys), max_rows=cap
    )


def _int(raw, default: int, low: int, high: int) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = default
    return min(max(value, low), high)


def _month(raw, default: str) -> str:
    raw = (raw or "").strip()
    return raw if is_month(raw) else default


def shown_indicators(req: selectors.Request) -> dict[str, tuple[str | None, str | None]]:
    """Requested key → (key whose figures are shown, or None; the reason the requested one has
    none, or None). An indicator whose source has no such cut gives way to its policy ``detail``
    (全部工业增加值 → 规上工业增加值 by category or month) when that one has it."""
    policy = selectors.policy()
    found = {}
    for key in req.indicators:
        ind = policy.indicators[key]
        reason = engine.unavailable(ind, req.kind, req.breakdown, req.industry)
        shown = None if reason else key
        if reason and ind.detail:
            if engine.unavailable(policy.indicators[ind.detail], req.kind, req.breakdown,
                                  req.industry) is None:  # fmt: skip
                shown = ind.detail
        found[key] = (shown, reason)
    return found


def reason_text(reason: str) -> str:
    return {
        engine.REGION_BY_YEAR: _(
            "The region statistics behind this indicator are yearly: there are no monthly or "
            "cumulative figures. Choose the period kind Year."
        ),
        engine.REGION_NO_INDUSTRY: _(
            "The region statistics behind this indicator cover all industry together: they "
            "cannot be broken down by industry or category. Choose no industry breakdown."
        ),
        engine.NOT_MONTHLY: _(
            "The monthly reports do not carry the figures of this indicator: it exists by year "
            "only. Choose the period kind Year."
        ),
    }[reason]


def _category_order(breakdown: str | None):
    """Sort key of a category: the policy file's order for 1244 categories, codes otherwise;
    the unclassified (None) last."""
    if breakdown == "category_1244":
        order = {k: i for i, k in enumerate(selectors.policy().categories_1244)}
        return lambda c: (c is None, order.get(c, len(order)), str(c or ""))
    return lambda c: (c is None, str(c or ""))


def pivot(req: selectors.Request) -> tuple[list[str], list[Block]]:
    """(periods, one block per indicator): rows region total, its categories, then each unit.
    An indicator without figures for the request's cut is shown through its policy ``detail``
    (with a note saying so) or as a note alone: never a table of empty cells."""
    policy = selectors.policy()
    shown = shown_indicators(req)
    keys = tuple(dict.fromkeys(k for k, _r in shown.values() if k))
    rows = []
    if keys:
        try:
            rows = selectors.run(replace(req, indicators=keys))
        except engine.TooManyRows as exc:
            raise BadParameter(
                _(
                    "The table would have more than %(cap)s rows; choose a region, level or "
                    "breakdown that gives fewer."
                )
                % {"cap": exc.cap}
            ) from None
    periods = engine.periods_between(req.kind, req.start, req.end)
    index = {p: i for i, p in enumerate(periods)}
    orgs = sorted({r.org for r in rows if not r.org_total and r.org})
    names = selectors.unit_names([req.unit.code, *orgs])
    cat_order = _category_order(req.breakdown)
    blocks = []
    for asked in req.indicators:
        key, reason = shown[asked]
        asked_ind = policy.indicators[asked]
        if key is None:
            block = Block(asked, selectors.indicator_label(asked, asked_ind), asked_ind.unit_label)
            block.notes = selectors.indicator_notes(asked_ind)
            block.unavailable = reason_text(reason)
            blocks.append(block)
            continue
        ind = policy.indicators[key]
        grouped: dict[tuple, PivotRow] = {}
        for row in rows:
            ident = (not row.org_total, row.org or "", not row.category_total,
                     cat_order(row.category))  # fmt: skip
            if ident not in grouped:
                org_code = req.unit.code if row.org_total else row.org
                grouped[ident] = PivotRow(
                    org=org_code,
                    org_label=names.get(org_code, org_code or "—"),
                    category=None if row.category_total else row.category,
                    category_label="" if row.category_total else selectors.category_label(
                        req.breakdown, row.category
                    ),
                    is_total=row.org_total and row.category_total,
                    values=[None] * len(periods),
                    yoy=[None] * len(periods),
                    drill_region=org_code if not row.org_total and req.level in NEXT_LEVEL
                    else None,
                    drill_industry=row.category if not row.category_total and row.category
                    and req.breakdown in NEXT_BREAKDOWN else None,
                )  # fmt: skip
            cell = row.cells[key]
            grouped[ident].values[index[row.period]] = cell.value
            pct = ind.unit == "%"
            grouped[ident].yoy[index[row.period]] = cell.yoy_change if pct else cell.yoy_pct
        block = Block(key, selectors.indicator_label(key, ind), ind.unit_label)
        block.notes = selectors.indicator_notes(ind)
        block.decimals = ind.decimals
        block.rows = [grouped[k] for k in sorted(grouped)]
        # A breakdown row the indicator's population never reaches (a services category under
        # an industrial indicator) is named in a note, not shown as a row of 无数据.
        empty = [r for r in block.rows if not r.is_total and all(v is None for v in r.values)]
        if empty and len(empty) < len(block.rows):
            block.rows = [r for r in block.rows if r not in empty]
            block.left_out = [" ".join(filter(None, (r.org_label if r.org != req.unit.code
                              else "", r.category_label))) for r in empty]  # fmt: skip
        if key != asked:
            block.instead_of = selectors.indicator_label(asked, asked_ind)
            block.instead_reason = reason_text(reason)
        blocks.append(block)
    return periods, blocks
