"""``zhuanxing reference``: look-ups in the reference standards, for people and other tools.

  zhuanxing reference uscc CODE [CODE …] [--json]   exit 0 all valid, 1 any invalid
  zhuanxing reference industry CODE [--json]       exit 2 for an unknown code

The JSON shapes are a stable interface: other tools parse them.
"""

import json
import sys

from django.core.management.base import BaseCommand

from zhuanxing.policy.active import policy_in_force
from zhuanxing.reference import industry, uscc

from ...classification import describe_industry


class Command(BaseCommand):
    help = "Check unified social credit codes or classify a GB/T 4754-2017 industry code."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        p_uscc = sub.add_parser("uscc", help="check unified social credit codes (GB 32100-2015)")
        p_uscc.add_argument("codes", nargs="+")
        p_uscc.add_argument("--json", action="store_true")
        p_ind = sub.add_parser("industry", help="classify a GB/T 4754-2017 code")
        p_ind.add_argument("code")
        p_ind.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        if options["what"] == "uscc":
            self._uscc(options["codes"], options["json"])
        else:
            self._industry(options["code"], options["json"])

    def _uscc(self, codes, as_json):
        results = [uscc.check_uscc(code) for code in codes]
        if as_json:
            payload = [{"code": r.code, "valid": r.valid, "reason": r.reason} for r in results]
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
        else:
            for r in results:
                self.stdout.write(f"{r.code}\t{'valid' if r.valid else 'INVALID: ' + r.reason}")
        if not all(r.valid for r in results):
            sys.exit(1)

    def _industry(self, code, as_json):
        policy = policy_in_force()
        try:
            info = describe_industry(code, policy)
        except industry.UnknownIndustryCode:
            self.stderr.write(f"unknown GB/T 4754-2017 industry code: {code!r}")
            sys.exit(2)
        if as_json:
            self.stdout.write(json.dumps(info, ensure_ascii=False))
        else:
            for key, value in info.items():
                self.stdout.write(f"{key:<28}{'' if value is None else value}")
