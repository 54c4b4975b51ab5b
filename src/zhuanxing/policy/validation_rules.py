"""``[reporting]``: validation rules for statistical reports, as data (the DHIS2 way).

A rule is either a *comparison* (``left`` ``operator`` ``right``, two expressions over the row's
fields, with a missing-value strategy) or a built-in *check* (required, numeric, USCC valid and
known, duplicates, locked periods…) that no expression can say. Every rule carries its importance
(an error blocks the import; a warning must be accepted explicitly) and its message in Chinese
and English.

Expressions are Python-like arithmetic, checked here on load so a typo stops start-up:

    value_added <= gross_output
    abs(gross_output - monthly_total(gross_output)) <= 0.05 * gross_output
    abs(zscore(value_added / gross_output)) <= 3

Names are the fields of the report kinds the rule applies to (``FIELDS``); functions are listed
in ``FUNCTIONS``. Pure Python: the evaluator lives in ``zhuanxing.reporting``.
"""

import ast
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .fields import Key, PathError, StrictModel, Text
from .vocabulary import (
    ENTERPRISE_MEASURES,
    MONTHLY_MEASURES,
    MONTHLY_PRIOR_MEASURES,
    REGION_MEASURES,
)

ReportKind = Literal["annual", "monthly", "registry", "region"]

_ANNUAL = ENTERPRISE_MEASURES
_MONTHLY = (*MONTHLY_MEASURES, *MONTHLY_PRIOR_MEASURES)
_REGION = REGION_MEASURES

# Numeric names an expression may use, per report kind. ``enterprise_land_mu`` is the land the
# registry holds for the enterprise (so "land > 0 where the firm has land" can be said).
FIELDS: dict[str, tuple[str, ...]] = {
    "annual": (*_ANNUAL, "enterprise_land_mu"),
    "monthly": _MONTHLY,
    "registry": ("land_mu",),
    "region": _REGION,
}

# name → (arity, what the arguments are). "field": a bare field name; "expr": any expression.
#   last_year(f)       the same report one year earlier (same month for a monthly report)
#   monthly_total(f)   the sum of the year's 12 monthly reports (missing unless all 12 exist)
#   zscore(e)          (e − mean) / standard deviation of e over the same industry division
#                      (GB/T 4754 大类) and period; missing below ``zscore_min_population``
FUNCTIONS: dict[str, tuple[int, str]] = {
    "abs": (1, "expr"),
    "min": (2, "expr"),
    "max": (2, "expr"),
    "last_year": (1, "field"),
    "monthly_total": (1, "field"),
    "zscore": (1, "expr"),
}
FUNCTION_KINDS = {"monthly_total": ("annual",), "zscore": ("annual", "monthly")}

# Built-in checks. ``fields`` names the columns they look at, where they take any.
Check = Literal[
    "required",  # a required column is empty
    "numeric",  # a number column holds text, a date, or a fraction where a whole number belongs
    "non_negative",  # ``fields`` must be ≥ 0
    "choice",  # a coded column (business mode, registration type) holds an unknown code
    "period",  # the year or month is not a valid period
    "uscc_valid",  # the credit code fails the GB 32100 check
    "uscc_known",  # no such enterprise in the registry
    "in_scope",  # the enterprise or region is outside what the user may file for
    "industry_code",  # not a GB/T 4754-2017 class
    "org_unit_known",  # no such org unit
    "duplicate",  # the same enterprise-period (or region-year) twice in one file
    "period_locked",  # the period is locked by the city
    "not_editable",  # an enterprise re-files a report that is submitted, approved or locked
    "formula",  # a formula cell: its cached value is used (never evaluated)
    "excel_error",  # the cell holds an Excel error value (#DIV/0!, #N/A, #REF!…)
    "dangerous_formula",  # a formula (or formula-like text) that runs a program or reaches out
]
FIELD_CHECKS = ("non_negative",)
# Checks that keep the data whole or the scope safe: they can never be waved through.
WARNING_CHECKS = ("non_negative", "formula")

Operator = Literal["==", "!=", ">", ">=", "<", "<="]
MissingValueStrategy = Literal[
    "skip_if_any_value_missing", "skip_if_all_values_missing", "never_skip"
]


def parse_expression(text: str) -> ast.expr:
    """The expression's syntax tree; ValueError (one line) if it is not one."""
    try:
        return ast.parse(text.strip(), mode="eval").body
    except SyntaxError as error:
        raise ValueError(f"not an expression: {error.msg} in {text!r}") from None


def expression_names(node: ast.expr) -> list[str]:
    """Field names an expression reads, in order, including those inside function calls."""
    functions = {id(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)}
    return [n.id for n in ast.walk(node) if isinstance(n, ast.Name) and id(n) not in functions]


def _check_expression(text: str, kinds: list[str]) -> None:
    node = parse_expression(text)
    for kind in kinds:
        _check_node(node, kind)


def _check_node(node: ast.expr, kind: str) -> None:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise ValueError(f"only numbers may be constants, not {node.value!r}")
    elif isinstance(node, ast.Name):
        if node.id not in FIELDS[kind]:
            raise ValueError(f"unknown {kind} field {node.id!r}")
    elif isinstance(node, ast.BinOp):
        if not isinstance(node.op, ast.Add | ast.Sub | ast.Mult | ast.Div):
            raise ValueError("only + - * / are allowed")
        _check_node(node.left, kind)
        _check_node(node.right, kind)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        _check_node(node.operand, kind)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        name = node.func.id
        if name not in FUNCTIONS or node.keywords:
            raise ValueError(f"unknown function {name!r} (known: {', '.join(FUNCTIONS)})")
        arity, argument = FUNCTIONS[name]
        if len(node.args) != arity:
            raise ValueError(f"{name}() takes {arity} argument(s)")
        if kind not in FUNCTION_KINDS.get(name, (kind,)):
            raise ValueError(f"{name}() does not apply to {kind} reports")
        for arg in node.args:
            if argument == "field" and not isinstance(arg, ast.Name):
                raise ValueError(f"{name}() takes a field name")
            _check_node(arg, kind)
    else:
        raise ValueError(f"unsupported expression: {ast.unparse(node)!r}")


class ValidationRule(StrictModel):
    """One rule: a comparison (``left``/``operator``/``right``) or a built-in ``check``."""

    key: Key
    applies_to: Annotated[list[ReportKind], Field(min_length=1)]
    importance: Literal["error", "warning"]
    message: Text  # Chinese, shown to the clerk
    message_en: Text
    check: Check | None = None
    fields: list[str] = []
    left: str | None = None
    operator: Operator | None = None
    right: str | None = None
    when: str | None = None  # the rule applies only to rows where this expression is non-zero
    missing_value_strategy: MissingValueStrategy = "skip_if_any_value_missing"
    highlight: str | None = None  # the column flagged; default: the first field on the left

    @model_validator(mode="after")
    def _shape(self) -> "ValidationRule":
        compare = (self.left, self.operator, self.right)
        if self.check is not None:
            if self.importance == "warning" and self.check not in WARNING_CHECKS:
                raise PathError(("importance",), f"the {self.check} check is always an error")
            for name in ("left", "operator", "right", "when"):
                if getattr(self, name) is not None:
                    raise PathError((name,), f"a check rule ({self.check}) takes no {name}")
            if self.check in FIELD_CHECKS and not self.fields:
                raise PathError(("fields",), f"the {self.check} check needs fields")
            for i, name in enumerate(self.fields):
                for kind in self.applies_to:
                    if name not in FIELDS[kind]:
                        raise PathError(("fields", i), f"unknown {kind} field {name!r}")
            return self
        if any(part is None for part in compare):
            names = ("left", "operator", "right")
            missing = [n for n, v in zip(names, compare, strict=True) if v is None]
            raise PathError((missing[0],), "missing field (a rule is a check or a comparison)")
        if self.fields:
            raise PathError(("fields",), "a comparison names its fields in its expressions")
        for name in ("left", "right", "when"):
            text = getattr(self, name)
            if text is None:
                continue
            try:
                _check_expression(text, list(self.applies_to))
            except ValueError as error:
                raise PathError((name,), str(error)) from None
        if self.highlight is not None:
            for kind in self.applies_to:
                if self.highlight not in FIELDS[kind]:
                    raise PathError(("highlight",), f"unknown {kind} field {self.highlight!r}")
        elif not expression_names(parse_expression(self.left or "")):
            raise PathError(("highlight",), "missing field (the left side names no field)")
        return self

    @property
    def highlighted(self) -> str | None:
        """The column a problem with this rule points at."""
        if self.highlight or self.check is not None:
            return self.highlight
        return expression_names(parse_expression(self.left or ""))[0]


class Reporting(StrictModel):
    """``[reporting]``: settings of the report checks, and the rules themselves."""

    zscore_min_population: Annotated[int, Field(ge=3)] = 10
    validation_rules: list[ValidationRule] = []

    @model_validator(mode="after")
    def _unique(self) -> "Reporting":
        seen: set[str] = set()
        for i, rule in enumerate(self.validation_rules):
            if rule.key in seen:
                raise PathError(
                    ("validation_rules", i, "key"), f"rule {rule.key!r} is listed twice"
                )
            seen.add(rule.key)
        return self

    def rules_for(self, kind: str) -> list[ValidationRule]:
        return [rule for rule in self.validation_rules if kind in rule.applies_to]

    def check_rule(self, kind: str, check: str) -> ValidationRule | None:
        """The rule implementing built-in ``check`` for ``kind``; None when the policy has none."""
        for rule in self.validation_rules:
            if rule.check == check and kind in rule.applies_to:
                return rule
        return None
