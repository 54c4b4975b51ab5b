"""``[clusters]``: cluster identification and upgrading paths (clauses 九–十一 and 十五; the
methods in docs/clusters.md)."""

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from .fields import StrictModel

Level = Literal["division", "class"]


class Clusters(StrictModel):
    # An industry is present in a unit (M = 1) when its RCA there is at least this (Hidalgo et al.
    # 2007 and the Atlas of Economic Complexity use 1).
    presence_rca_min: Annotated[Decimal, Field(gt=0)] = Decimal(1)
    # A county's industry is marked a cluster when its location quotient by output is at least
    # this [assumed: 1.25 is a common cut-off in the cluster-mapping literature; local rules vary].
    cluster_lq_min: Annotated[Decimal, Field(gt=0)] = Decimal("1.25")
    # Count 规上 enterprises only (true), or every industrial enterprise with an annual report
    # (false: block economies are mostly small firms).
    above_scale_only: bool = False
    # The GB/T 4754 level of cluster identification (LQ, HHI, Krugman, shift-share, 一镇一品).
    identification_level: Level = "division"
    # The 1244 category groups whose classes are the candidates of the upgrading paths.
    candidate_groups: Annotated[
        list[Literal["producer_services", "pillar", "emerging", "traditional"]],
        Field(min_length=1),
    ] = ["emerging"]
    # Per unit: how many candidate industries are listed, and how many related industries it
    # already has are given as the reason for each.
    opportunities: Annotated[int, Field(ge=1, le=50)] = 10
    reasons: Annotated[int, Field(ge=1, le=10)] = 3
