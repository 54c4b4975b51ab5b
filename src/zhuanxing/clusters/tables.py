"""Reading a ``region,industry,value`` table (the CLI's ``--input``), bounded and strict: the
header exactly ``region,industry,value``; every line three fields, a non-empty region and
industry, a finite value ≥ 0; a pair at most once (one period). A problem raises ``TableError``
naming the line. Pure: no Django (the limits are passed in).
"""

import csv
import io
import math
from dataclasses import dataclass

HEADER = ["region", "industry", "value"]


class TableError(ValueError):
    pass


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int
    max_cells: int  # regions × industries of the result


def read_table(path: str, limits: Limits) -> list[tuple[str, str, float]]:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limits.max_bytes + 1)
    except OSError as exc:
        raise TableError(f"{path}: cannot read: {exc.strerror}") from None
    if len(raw) > limits.max_bytes:
        raise TableError(f"{path}: larger than {limits.max_bytes} bytes (CLUSTERS_INPUT_MAX_BYTES)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TableError(f"{path} line {line}: not UTF-8") from None
    return parse_table(text, limits, name=path)


def parse_table(text: str, limits: Limits, name: str = "input") -> list[tuple[str, str, float]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[str, str, float]] = []
    seen: dict[tuple[str, str], int] = {}
    try:
        header = next(reader, None)
        if header is None:
            raise TableError(f"{name} line 1: empty file; the header must be region,industry,value")
        if [h.strip() for h in header] != HEADER:
            raise TableError(
                f"{name} line 1: the header must be exactly region,industry,value, "
                f"not {','.join(header)[:80]}"
            )
        for fields in reader:
            line = reader.line_num
            if not fields or fields == [""]:
                continue  # a blank line
            if len(rows) >= limits.max_rows:
                raise TableError(
                    f"{name} line {line}: more than {limits.max_rows} rows "
                    "(CLUSTERS_INPUT_MAX_ROWS)"
                )
            if len(fields) != 3:
                raise TableError(f"{name} line {line}: {len(fields)} fields, expected 3")
            region, code, value = (f.strip() for f in fields)
            if not region or not code:
                raise TableError(f"{name} line {line}: region and industry must not be empty")
            try:
                number = float(value)
            except ValueError:
                message = f"{name} line {line}: value {value[:40]!r} is not a number"
                raise TableError(message) from None
            if not math.isfinite(number) or number < 0:
                raise TableError(
                    f"{name} line {line}: value must be a finite number ≥ 0, not {value[:40]}"
                )
            if (region, code) in seen:
                raise TableError(
                    f"{name} line {line}: {region},{code} again (first on line "
                    f"{seen[(region, code)]}); one value per region and industry"
                )
            seen[(region, code)] = line
            rows.append((region, code, number))
    except csv.Error as exc:
        raise TableError(f"{name} line {reader.line_num}: {exc}") from None
    regions = len({r for r, _, _ in rows})
    industries = len({i for _, i, _ in rows})
    if regions * industries > limits.max_cells:
        raise TableError(
            f"{name}: {regions} regions × {industries} industries is more than "
            f"{limits.max_cells} cells (CLUSTERS_MAX_CELLS)"
        )
    return rows


def records(result) -> list[dict]:
    """One object per region × industry: region, industry, value, rca, present, density."""
    out = []
    for region in result.table.regions:
        for code in result.table.industries:
            key = (region, code)
            out.append(
                {
                    "region": region,
                    "industry": code,
                    "value": result.table.value(region, code),
                    "rca": result.rca[key],
                    "present": result.present[key],
                    "density": result.density[key],
                }
            )
    return out
