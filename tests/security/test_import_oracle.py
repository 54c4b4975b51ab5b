"""Issue 11, finding 5: a county officer's registry import must not tell an unknown credit code
from one registered in another county."""

import sys
from pathlib import Path

from zhuanxing.enterprises.models import Enterprise
from zhuanxing.reference.uscc import make_uscc

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reporting"))
from reporting_files import run, xlsx  # noqa: E402


def answer(outcome):
    """What the officer sees, less the code itself (which differs by construction)."""
    return outcome.committed, [(p.row, p.column, p.rule, p.message) for p in outcome.lines]


def test_unknown_and_other_countys_credit_code_get_the_same_answer(city_users):
    haining = Enterprise.objects.filter(org_unit__path__contains="/330481/").first()
    unknown = make_uscc("9", "1", "330481", "MA2C0009")
    assert not Enterprise.objects.filter(uscc=unknown).exists()

    def attempt(code):
        row = [code, "某公司", haining.org_unit.code, haining.industry_code, "", "", ""]
        return answer(run(xlsx("registry", [row]), city_users["tongxiang"]))

    registered_elsewhere, never_registered = attempt(haining.uscc), attempt(unknown)
    assert registered_elsewhere == never_registered
    assert registered_elsewhere[0] is False
