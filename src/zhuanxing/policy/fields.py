"""Building blocks of the policy schema: the base model, field types, ``PathError``."""

import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from zhuanxing.reference import industry


class PathError(ValueError):
    """A validation failure at ``path`` below the object being validated."""

    def __init__(self, path: tuple[str | int, ...], reason: str) -> None:
        super().__init__(reason)
        self.path = path


SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _snake_case(value: str) -> str:
    if not SNAKE_CASE.fullmatch(value):
        raise ValueError(f"{value!r} is not a snake_case key")
    return value


def _slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        raise ValueError(f"{value!r} is not a lower-case slug such as 'jiaxing-2009'")
    return value


def _division_code(value: str) -> str:
    if not re.fullmatch(r"\d{6}", value):
        raise ValueError(f"{value!r} is not a 6-digit GB/T 2260 division code")
    return value


def _industry_code(value: str) -> str:
    found = industry.get(value)
    if found is None:
        raise ValueError(f"unknown GB/T 4754-2017 code {value!r}")
    if found.code != value:
        raise ValueError(f"write GB/T 4754-2017 codes as {found.code!r}, not {value!r}")
    return value


Key = Annotated[str, AfterValidator(_snake_case)]
Slug = Annotated[str, AfterValidator(_slug)]
DivisionCode = Annotated[str, AfterValidator(_division_code)]
Text = Annotated[str, Field(min_length=1)]
Year = Annotated[int, Field(ge=1949, le=2100)]
NonNegative = Annotated[Decimal, Field(ge=0)]
Percent = Annotated[Decimal, Field(ge=0, le=100)]
IndustryCode = Annotated[str, AfterValidator(_industry_code)]
Op = Literal[">", ">=", "<", "<="]


class StrictModel(BaseModel):
    """Unknown keys are errors; a loaded policy is immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)
