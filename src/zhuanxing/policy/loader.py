"""Read a policy file (TOML) and validate it into a ``Policy``.

Every failure is a ``PolicyError`` whose message is one line naming the file, the dotted key
path and the reason::

    policies/x.toml: categories_1244.textiles.codes[3]: unknown GB/T 4754-2017 code '9999'
    policies/x.toml: indicators.rd_intensity.numerater: unknown key
    policies/x.toml: policy.city_code: missing field
    policies/x.toml: line 12, column 7: Expected '=' after a key in a key/value pair

Only the first problem is in the message; ``PolicyError.problems`` lists all (path, reason).
"""

import difflib
import os
import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .fields import PathError
from .schema import Policy


class PolicyError(Exception):
    """A policy file that cannot be read or does not validate."""

    def __init__(
        self, file: str, path: str, reason: str, problems: list[tuple[str, str]] | None = None
    ) -> None:
        self.file = file
        self.path = path
        self.reason = reason
        self.problems = problems if problems is not None else [(path, reason)]
        where = f"{file}: {path}: " if path else f"{file}: "
        super().__init__(where + reason)


def load_policy(path: str | os.PathLike[str]) -> Policy:
    """Load and validate the policy file at ``path``; raises PolicyError."""
    file = os.fspath(path)
    try:
        text = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PolicyError(file, "", f"cannot read the policy file: {error}") from None
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise PolicyError(file, *_syntax_location(str(error))) from None
    try:
        return Policy.model_validate(data)
    except ValidationError as error:
        details = error.errors()
        # A misspelt key also shows as the missing key it should have been: report the
        # misspelling first, with the missing name as a suggestion.
        details.sort(key=lambda detail: detail["type"] != "extra_forbidden")
        problems = [_describe(detail, data, details) for detail in details]
        raise PolicyError(file, *problems[0], problems=problems) from None


def _syntax_location(message: str) -> tuple[str, str]:
    # tomllib: "Expected '=' after a key in a key/value pair (at line 3, column 5)"
    found = re.fullmatch(r"(.*) \(at (line \d+, column \d+|end of document)\)", message)
    if found is None:
        return "", f"TOML syntax error: {message}"
    return found.group(2), f"TOML syntax error: {found.group(1)}"


def _describe(detail: Any, data: Any, details: list[Any]) -> tuple[str, str]:
    """(dotted path, reason) for one pydantic error among ``details``."""
    loc = list(detail["loc"])
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    error = ctx.get("error")
    if isinstance(error, PathError):
        loc.extend(error.path)
    path = _dotted(loc, data)
    if kind == "extra_forbidden":
        parent = detail["loc"][:-1]
        missing = [
            d["loc"][-1] for d in details if d["type"] == "missing" and d["loc"][:-1] == parent
        ]
        close = difflib.get_close_matches(str(detail["loc"][-1]), [str(m) for m in missing], n=1)
        return path, f"unknown key (did you mean {close[0]!r}?)" if close else "unknown key"
    if kind == "missing":
        return path, "missing field"
    if kind == "union_tag_invalid":
        return f"{path}.kind", f"must be one of {_options(ctx['expected_tags'])}"
    if kind == "union_tag_not_found":
        return f"{path}.kind", "missing field"
    if kind == "literal_error":
        return path, f"must be one of {_options(ctx['expected'])}"
    if error is not None:
        return path, str(error)
    reason = detail["msg"][0].lower() + detail["msg"][1:]
    if not isinstance(detail.get("input"), dict | list):
        reason += f", got {detail['input']!r}"
    return path, reason


def _options(expected: str) -> str:
    # pydantic writes "'a', 'b' or 'c'"
    return ", ".join(re.findall(r"'([^']*)'", expected))


def _dotted(loc: list[str | int], data: Any) -> str:
    """``['targets', 2, 'rule', 'threshold', 'op']`` → ``targets[2].rule.op``.

    Walks the input alongside the location: a name that is not a key of the input there is one
    pydantic inserted (the tag of a tagged union, ``[key]`` for a dict key) and is dropped,
    except at the end, where it names a missing field.
    """
    text = ""
    node = data
    for position, item in enumerate(loc):
        last = position == len(loc) - 1
        if isinstance(item, int):
            text += f"[{item}]"
            node = node[item] if isinstance(node, list) and item < len(node) else None
            continue
        if isinstance(node, dict) and item not in node and (not last or item == "[key]"):
            continue
        text += f".{item}" if text else item
        node = node.get(item) if isinstance(node, dict) else None
    return text
