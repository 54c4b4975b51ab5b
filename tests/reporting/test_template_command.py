"""Issue 10 §9: ``zhuanxing template KIND -o FILE`` writes the template the web page offers."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "suffix", "fmt"), [
    ("annual", "xlsx", "xlsx"), ("monthly", "csv", "csv"), ("registry", "gbk.csv", "gbk.csv"),
    ("region", "xlsx", "xlsx"),
])  # fmt: skip
def test_the_command_writes_the_web_pages_template(client, few_firms, tmp_path, kind, suffix, fmt):
    admin, _ = few_firms
    client.force_login(admin)
    web = client.get(reverse("reporting:template", args=[kind, fmt])).content
    path = tmp_path / f"t.{suffix}"
    options = ["--encoding", "gb18030"] if fmt == "gbk.csv" else []
    call_command("template", kind, "-o", str(path), *options)
    written = path.read_bytes()
    if suffix.endswith("csv"):
        assert written == web
    else:
        mine, theirs = (openpyxl.load_workbook(io.BytesIO(b)) for b in (written, web))
        assert mine.sheetnames == theirs.sheetnames
        rows = [
            [list(r) for r in book.active.iter_rows(values_only=True)] for book in (mine, theirs)
        ]
        assert rows[0] == rows[1] and mine.active.row_dimensions[1].hidden


def test_an_unknown_suffix_is_refused(tmp_path):
    with pytest.raises(CommandError, match=r"\.xlsx or \.csv"):
        call_command("template", "annual", "-o", str(tmp_path / "t.txt"))
