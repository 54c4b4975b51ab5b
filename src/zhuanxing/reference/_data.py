"""Read the CSV tables shipped in ``data/`` (see ``data/PROVENANCE.md``)."""

import csv
import io
from importlib import resources


def read_rows(file_name: str) -> list[dict[str, str]]:
    """Return the rows of ``data/<file_name>`` as dicts keyed by the header."""
    text = (resources.files(__package__) / "data" / file_name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))
