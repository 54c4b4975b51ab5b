"""The shared reference files next to the repository (``../shared``), for tests that compare the
shipped tables with their sources. Missing files fail the test: they are not optional."""

import csv
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
SHARED = REPOSITORY / ".." / "shared"


def shared_file(*parts: str) -> Path:
    """``../shared/<parts>``, or a failed test saying where it was looked for."""
    path = SHARED.joinpath(*parts)
    if not path.is_file():
        pytest.fail(
            f"{path.resolve()} is missing: the tests read the shared reference files from "
            f"../shared next to the repository ({REPOSITORY})",
            pytrace=False,
        )
    return path


def shared_rows(*parts: str) -> list[dict[str, str]]:
    """The rows of a shared CSV file, as dicts keyed by its header."""
    with shared_file(*parts).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
