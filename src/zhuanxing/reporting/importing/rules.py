"""Evaluate the policy's comparison rules over a whole batch of rows at once (pyarrow compute).

Each expression becomes a function of arrays, so a rule costs a handful of vectorised operations
whatever the number of rows: 50,000 rows are checked in milliseconds per rule. The same code
checks the single row of the data-entry form.

Missing values follow DHIS2: an *item* is a field or a function of fields (``last_year(x)``,
``monthly_total(x)``, ``zscore(e)``); ``skip_if_any_value_missing`` skips a row when any item is
missing, ``skip_if_all_values_missing`` when all are (the others count as 0), ``never_skip``
counts every missing item as 0. A division by zero leaves the row unevaluated (no problem).
Pure Python plus pyarrow: no Django here.
"""

import ast
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from zhuanxing.policy.validation_rules import ValidationRule, expression_names, parse_expression

_OPERATORS = {
    "==": pc.equal,
    "!=": pc.not_equal,
    ">": pc.greater,
    ">=": pc.greater_equal,
    "<": pc.less,
    "<=": pc.less_equal,
}
ITEM_FUNCTIONS = ("last_year", "monthly_total", "zscore")


def to_array(values: Sequence) -> pa.Array:
    """Python numbers (Decimal, int, float, None) → a float64 array with nulls."""
    return pa.array([None if v is None else float(v) for v in values], type=pa.float64())


@dataclass
class Population:
    """Rows other than the batch's that outliers are measured against (same period, other
    enterprises), and the group (industry division + period) of each batch and population row."""

    columns: dict[str, pa.Array]
    groups: list[str]
    batch_groups: list[str]
    min_size: int = 10


@dataclass
class Frame:
    """What expressions read: the batch's columns, and providers for the item functions."""

    length: int
    columns: dict[str, pa.Array]
    # (function, field) → array aligned with the batch, for last_year and monthly_total
    lookups: dict[tuple[str, str], pa.Array] = field(default_factory=dict)
    population: Population | None = None

    def column(self, name: str) -> pa.Array:
        if name not in self.columns:
            return pa.nulls(self.length, type=pa.float64())
        return self.columns[name]


def items_of(node: ast.expr) -> list[ast.expr]:
    """The data items of an expression (fields and item-function calls), outermost first."""
    if isinstance(node, ast.Name):
        return [node]
    if isinstance(node, ast.Call) and node.func.id in ITEM_FUNCTIONS:
        return [node]
    found = []
    children = node.args if isinstance(node, ast.Call) else ast.iter_child_nodes(node)
    for child in children:
        if isinstance(child, ast.expr):
            found += items_of(child)
    return found


def _item(node: ast.expr, frame: Frame) -> pa.Array:
    if isinstance(node, ast.Name):
        return frame.column(node.id)
    name = node.func.id
    if name == "zscore":
        return _zscore(node.args[0], frame)
    return frame.lookups.get((name, node.args[0].id), pa.nulls(frame.length, type=pa.float64()))


def _evaluate(node: ast.expr, items: dict[str, pa.Array], frame: Frame) -> pa.Array:
    key = ast.dump(node)
    if key in items:
        return items[key]
    if isinstance(node, ast.Constant):
        return pa.array([float(node.value)] * frame.length, type=pa.float64())
    if isinstance(node, ast.UnaryOp):
        return pc.negate(_evaluate(node.operand, items, frame))
    if isinstance(node, ast.BinOp):
        left = _evaluate(node.left, items, frame)
        right = _evaluate(node.right, items, frame)
        if isinstance(node.op, ast.Add):
            return pc.add(left, right)
        if isinstance(node.op, ast.Sub):
            return pc.subtract(left, right)
        if isinstance(node.op, ast.Mult):
            return pc.multiply(left, right)
        zero = pc.equal(right, 0.0)
        return pc.if_else(zero, pa.scalar(None, pa.float64()), pc.divide(left, right))
    if isinstance(node, ast.Name) or (
        isinstance(node, ast.Call) and node.func.id in ITEM_FUNCTIONS
    ):
        return _item(node, frame)
    if isinstance(node, ast.Call):
        args = [_evaluate(arg, items, frame) for arg in node.args]
        if node.func.id == "abs":
            return pc.abs(args[0])
        if node.func.id == "min":
            return pc.min_element_wise(args[0], args[1])
        if node.func.id == "max":
            return pc.max_element_wise(args[0], args[1])
    raise ValueError(f"unsupported expression {ast.unparse(node)!r}")


def _zscore(node: ast.expr, frame: Frame) -> pa.Array:
    population = frame.population
    if population is None:
        return pa.nulls(frame.length, type=pa.float64())
    mine = _plain(node, frame)
    theirs = _plain(node, Frame(len(population.groups), population.columns))
    groups = pa.array(population.batch_groups + population.groups)
    values = pa.concat_arrays([mine, theirs])
    table = pa.table({"g": groups, "x": values, "xx": pc.multiply(values, values)})
    stats = table.group_by("g").aggregate([("x", "mean"), ("xx", "mean"), ("x", "count")])
    means = dict(zip(stats["g"].to_pylist(), stats["x_mean"].to_pylist(), strict=True))
    squares = dict(zip(stats["g"].to_pylist(), stats["xx_mean"].to_pylist(), strict=True))
    counts = dict(zip(stats["g"].to_pylist(), stats["x_count"].to_pylist(), strict=True))
    scores = []
    for group, x in zip(population.batch_groups, mine.to_pylist(), strict=True):
        n = counts.get(group) or 0
        if x is None or n < population.min_size:
            scores.append(None)
            continue
        variance = max((squares[group] or 0.0) - (means[group] or 0.0) ** 2, 0.0)
        scores.append(None if variance <= 0 else (x - means[group]) / variance**0.5)
    return pa.array(scores, type=pa.float64())


def _plain(node: ast.expr, frame: Frame) -> pa.Array:
    return _evaluate(node, {}, frame)


@dataclass(frozen=True)
class CompiledRule:
    rule: ValidationRule
    left: ast.expr
    right: ast.expr
    when: ast.expr | None
    items: tuple[ast.expr, ...]

    def violations(self, frame: Frame) -> list[int]:
        """Indices of the rows that break the rule."""
        if frame.length == 0:
            return []
        arrays = {}
        for node in self.items:
            arrays.setdefault(ast.dump(node), _item(node, frame))
        missing = [pc.is_null(a) for a in arrays.values()]
        strategy = self.rule.missing_value_strategy
        if not missing:
            skip = pa.array([False] * frame.length)
        elif strategy == "skip_if_any_value_missing":
            skip = _reduce(pc.or_, missing)
        elif strategy == "skip_if_all_values_missing":
            skip = _reduce(pc.and_, missing)
        else:
            skip = pa.array([False] * frame.length)
        if strategy != "skip_if_any_value_missing":
            arrays = {k: pc.fill_null(a, 0.0) for k, a in arrays.items()}
        left = _evaluate(self.left, arrays, frame)
        right = _evaluate(self.right, arrays, frame)
        holds = _OPERATORS[self.rule.operator](left, right)
        broken = pc.and_(pc.invert(skip), pc.invert(pc.fill_null(holds, True)))
        if self.when is not None:
            condition = _evaluate(self.when, {}, frame)
            applies = pc.fill_null(pc.not_equal(condition, 0.0), False)
            broken = pc.and_(broken, applies)
        return pc.indices_nonzero(broken).to_pylist()


def _reduce(function: Callable, arrays: list[pa.Array]) -> pa.Array:
    result = arrays[0]
    for array in arrays[1:]:
        result = function(result, array)
    return result


def compile_rule(rule: ValidationRule) -> CompiledRule:
    left = parse_expression(rule.left or "")
    right = parse_expression(rule.right or "")
    when = parse_expression(rule.when) if rule.when else None
    return CompiledRule(rule, left, right, when, tuple(items_of(left) + items_of(right)))


def needed_lookups(rules: Sequence[CompiledRule]) -> set[tuple[str, str]]:
    """The (function, field) pairs the rules read, so the caller fetches only those."""
    needed = set()
    for compiled in rules:
        for node in compiled.items:
            if isinstance(node, ast.Call) and node.func.id in ("last_year", "monthly_total"):
                needed.add((node.func.id, node.args[0].id))
    return needed


def population_fields(rules: Sequence[CompiledRule]) -> set[str]:
    """Fields zscore() expressions read, so the caller loads only those for the population."""
    names = set()
    for compiled in rules:
        for node in compiled.items:
            if isinstance(node, ast.Call) and node.func.id == "zscore":
                names |= set(expression_names(node.args[0]))
    return names
