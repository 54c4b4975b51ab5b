"""``zhuanxing clusters relatedness [--input FILE.csv] [--json]``: relatedness of regions and
industries (RCA, presence, density; docs/clusters.md).

FILE.csv has the header ``region,industry,value`` (one period; absent pairs count as 0). Without
``--input`` the method runs on the analytics store: towns and parks × GB/T 4754 classes, value
added of the latest year. ``--json`` prints a list with one object per region × industry:
``{"region", "industry", "value", "rca", "present", "density"}`` (``rca`` and ``density`` null
where undefined: a region or an industry with a zero total). A malformed file exits with status 2
and names the line.
"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from zhuanxing.analytics.store import StoreMissing
from zhuanxing.policy.active import policy_in_force

from ... import measures, selectors
from ...tables import Limits, TableError, read_table, records


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Cluster methods: industry relatedness (RCA, presence, proximity, density)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        rel = sub.add_parser("relatedness", help="RCA, presence and density per region × industry")
        rel.add_argument("--input", help="a CSV file with the header region,industry,value")
        rel.add_argument("--json", action="store_true", help="one JSON list on stdout")

    def handle(self, *args, action, input=None, **options):
        threshold = float(policy_in_force().clusters.presence_rca_min)
        if input:
            config = settings.ZHUANXING
            limits = Limits(
                max_bytes=config["CLUSTERS_INPUT_MAX_BYTES"],
                max_rows=config["CLUSTERS_INPUT_MAX_ROWS"],
                max_cells=config["CLUSTERS_MAX_CELLS"],
            )
            try:
                triples = read_table(input, limits)
            except TableError as exc:
                raise _fail(str(exc)) from None
            result = measures.relatedness(measures.Table.from_triples(triples), threshold)
        else:
            try:
                span = selectors.years()
            except StoreMissing:
                span = None
            if span is None:
                raise _fail("no analytics store: run `zhuanxing analytics build` first")
            result = selectors.paths(span[1]).towns
        rows = records(result)
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        self.stdout.write("region\tindustry\tvalue\trca\tpresent\tdensity")
        for row in rows:
            rca = "" if row["rca"] is None else f"{row['rca']:.4f}"
            density = "" if row["density"] is None else f"{row['density']:.4f}"
            self.stdout.write(
                f"{row['region']}\t{row['industry']}\t{row['value']:g}\t{rca}\t"
                f"{int(row['present'])}\t{density}"
            )
