"""Golden tests of the cluster measures on small documented matrices (hand computation in the
comments)."""

import pytest

from zhuanxing.clusters import measures as m

# Output of three regions in three industries (base year):
#
#          A    B    C  | x(r)
#   r1    10   30    0  |  40
#   r2    20   10   10  |  40
#   r3    10    0   10  |  20
#   x(i)  40   40   20  | 100
BASE = m.Table.from_triples(
    [
        ("r1", "A", 10), ("r1", "B", 30),
        ("r2", "A", 20), ("r2", "B", 10), ("r2", "C", 10),
        ("r3", "A", 10), ("r3", "C", 10),
    ]
)  # fmt: skip

# The same regions a year later:
#
#          A    B    C  | x(r)
#   r1    12   33    5  |  50
#   r2    22   10   12  |  44
#   r3    14    0   12  |  26
#   x(i)  48   43   29  | 120
CURRENT = m.Table.from_triples(
    [
        ("r1", "A", 12), ("r1", "B", 33), ("r1", "C", 5),
        ("r2", "A", 22), ("r2", "B", 10), ("r2", "C", 12),
        ("r3", "A", 14), ("r3", "C", 12),
    ]
)  # fmt: skip


def test_absent_pairs_count_as_zero():
    assert BASE.regions == ("r1", "r2", "r3")
    assert BASE.industries == ("A", "B", "C")
    assert BASE.value("r1", "C") == 0
    assert BASE.value("nowhere", "A") == 0


def test_location_quotients():
    lq = m.location_quotients(BASE)
    # LQ(r,i) = (x(r,i)/x(r)) / (x(i)/x)
    assert lq[("r1", "A")] == pytest.approx(0.625)  # (10/40)/(40/100) = 0.25/0.4
    assert lq[("r1", "B")] == pytest.approx(1.875)  # (30/40)/(40/100) = 0.75/0.4
    assert lq[("r1", "C")] == 0  # 0/40
    assert lq[("r2", "A")] == pytest.approx(1.25)  # (20/40)/0.4
    assert lq[("r2", "B")] == pytest.approx(0.625)  # (10/40)/0.4
    assert lq[("r2", "C")] == pytest.approx(1.25)  # (10/40)/(20/100)
    assert lq[("r3", "A")] == pytest.approx(1.25)  # (10/20)/0.4
    assert lq[("r3", "C")] == pytest.approx(2.5)  # (10/20)/0.2


def test_location_quotient_undefined_for_an_empty_region_or_industry():
    table = m.Table.from_triples([("r1", "A", 5)], regions=["r2"], industries=["B"])
    lq = m.location_quotients(table)
    assert lq[("r1", "A")] == 1.0
    assert lq[("r2", "A")] is None  # x(r2) = 0
    assert lq[("r1", "B")] is None  # x(B) = 0


def test_herfindahl():
    hhi = m.herfindahl(BASE)
    assert hhi["r1"] == pytest.approx(0.625)  # 0.25² + 0.75² = 0.0625 + 0.5625
    assert hhi["r2"] == pytest.approx(0.375)  # 0.5² + 0.25² + 0.25² = 0.25 + 0.0625 + 0.0625
    assert hhi["r3"] == pytest.approx(0.5)  # 0.5² + 0.5²


def test_krugman_against_the_rest_of_the_set():
    k = m.krugman(BASE)
    # r1 (0.25, 0.75, 0) against r2+r3 = (30, 10, 20)/60 = (1/2, 1/6, 1/3):
    # 0.25 + 7/12 + 1/3 = 7/6
    assert k["r1"] == pytest.approx(7 / 6)
    # r2 (1/2, 1/4, 1/4) against r1+r3 = (20, 30, 10)/60 = (1/3, 1/2, 1/6): 1/6 + 1/4 + 1/12 = 1/2
    assert k["r2"] == pytest.approx(0.5)
    # r3 (1/2, 0, 1/2) against r1+r2 = (30, 40, 10)/80: 0.125 + 0.5 + 0.375 = 1
    assert k["r3"] == pytest.approx(1.0)


def test_shift_share():
    # g = 120/100 − 1 = 0.2; g(A) = 48/40 − 1 = 0.2, g(B) = 43/40 − 1 = 0.075,
    # g(C) = 29/20 − 1 = 0.45.
    result = m.shift_share(BASE, CURRENT)
    r1 = result["r1"]
    # r1: 40 → 50. City share 40·0.2 = 8; mix 10·0 + 30·(0.075−0.2) + 0 = −3.75;
    # local (12−10−10·0.2) + (33−30−30·0.075) + (5−0−0) = 0 + 0.75 + 5 = 5.75; 8 − 3.75 + 5.75 = 10
    assert (r1.base, r1.current, r1.change) == (40, 50, 10)
    assert r1.reference_share == pytest.approx(8)
    assert r1.industry_mix == pytest.approx(-3.75)
    assert r1.local == pytest.approx(5.75)
    assert r1.by_industry["C"] == pytest.approx((0, 0, 5))  # new in r1: all local
    # r2: 40 → 44. 8; 10·(−0.125) + 10·0.25 = 1.25; (22−20−4) + (10−10−0.75) + (12−10−4.5) = −5.25
    r2 = result["r2"]
    assert (r2.reference_share, r2.industry_mix, r2.local) == pytest.approx((8, 1.25, -5.25))
    # r3: 20 → 26. 4; 10·0.25 = 2.5; (14−10−2) + 0 + (12−10−4.5) = −0.5
    r3 = result["r3"]
    assert (r3.reference_share, r3.industry_mix, r3.local) == pytest.approx((4, 2.5, -0.5))
    for part in result.values():
        assert part.reference_share + part.industry_mix + part.local == pytest.approx(part.change)


def test_shift_share_without_a_base_is_all_local():
    result = m.shift_share(m.Table.from_triples([]), CURRENT)
    assert result["r1"].local == pytest.approx(50)
    assert result["r1"].reference_share == 0


def test_dominant_industry_one_town_one_product():
    top = m.dominant_industries(BASE)
    assert top["r1"] == ("B", pytest.approx(0.75))  # 30 of 40
    assert top["r2"] == ("A", pytest.approx(0.5))  # 20 of 40
    assert top["r3"] == ("A", pytest.approx(0.5))  # A and C tie at 10 of 20: the lower code
    empty = m.Table.from_triples([("r1", "A", 1)], regions=["r9"])
    assert m.dominant_industries(empty)["r9"] is None


# Relatedness: four units in four industries.
#
#          P    Q    R    S  | x(r)
#   u1    10   10    0    0  |  20
#   u2    10    0   10    0  |  20
#   u3     0   10   10    0  |  20
#   u4     2    0    0   20  |  22
#   x(i)  22   20   20   20  |  82
UNITS = m.Table.from_triples(
    [
        ("u1", "P", 10), ("u1", "Q", 10),
        ("u2", "P", 10), ("u2", "R", 10),
        ("u3", "Q", 10), ("u3", "R", 10),
        ("u4", "P", 2), ("u4", "S", 20),
    ]
)  # fmt: skip


def test_rca_and_presence():
    result = m.relatedness(UNITS, threshold=1.0)
    assert result.rca[("u1", "P")] == pytest.approx(41 / 22)  # (10/20)/(22/82) = 1.8636
    assert result.rca[("u1", "Q")] == pytest.approx(2.05)  # (10/20)/(20/82)
    assert result.rca[("u4", "P")] == pytest.approx(164 / 484)  # (2/22)/(22/82) = 0.3388
    assert result.rca[("u4", "S")] == pytest.approx(82 / 22)  # (20/22)/(20/82)
    # M: every cell of 10 or 20 (RCA ≥ 1); u4's 2 of P is below 1: not present.
    assert {k for k, v in result.present.items() if v} == {
        ("u1", "P"), ("u1", "Q"), ("u2", "P"), ("u2", "R"), ("u3", "Q"), ("u3", "R"),
        ("u4", "S"),
    }  # fmt: skip


def test_proximity():
    result = m.relatedness(UNITS, threshold=1.0)
    phi = result.phi
    # ubiquity: P 2 (u1, u2), Q 2 (u1, u3), R 2 (u2, u3), S 1 (u4)
    assert phi[("P", "P")] == 1  # diagonal: 2/2
    assert phi[("P", "Q")] == pytest.approx(0.5)  # both: u1 → 1 / max(2, 2)
    assert phi[("Q", "P")] == pytest.approx(0.5)  # symmetric
    assert phi[("P", "R")] == pytest.approx(0.5)  # u2
    assert phi[("Q", "R")] == pytest.approx(0.5)  # u3
    assert phi[("P", "S")] == 0  # 0 / max(2, 1)
    assert phi[("S", "S")] == 1


def test_density():
    result = m.relatedness(UNITS, threshold=1.0)
    d = result.density
    # Σ_p' φ(p,p'): P 1 + 0.5 + 0.5 + 0 = 2; Q 2; R 2; S 1.
    assert d[("u1", "R")] == pytest.approx(0.5)  # (φ(R,P) + φ(R,Q)) / 2 = (0.5 + 0.5) / 2
    assert d[("u1", "P")] == pytest.approx(0.75)  # (φ(P,P) + φ(P,Q)) / 2 = 1.5 / 2
    assert d[("u1", "S")] == 0  # φ(S,P) = φ(S,Q) = 0
    assert d[("u4", "S")] == 1  # φ(S,S) / 1
    assert d[("u4", "P")] == 0  # u4 holds only S


def test_density_threshold_from_the_caller():
    # With the threshold at 2.5 only u4's S (3.73) is present.
    result = m.relatedness(UNITS, threshold=2.5)
    assert [k for k, v in result.present.items() if v] == [("u4", "S")]
    assert result.density[("u1", "P")] is None  # P is present nowhere: no proximity


def test_opportunities_ranked_with_reasons():
    result = m.relatedness(UNITS, threshold=1.0)
    found = m.opportunities(result, "u1", ["R", "S", "P"], limit=5, reasons=3)
    # P is already present in u1: not an opportunity. R (0.5) before S (0).
    assert [(o.industry, o.density) for o in found] == [("R", 0.5), ("S", 0)]
    assert found[0].related == (("P", 0.5), ("Q", 0.5))  # what u1 has that is close to R
    assert found[1].related == ()
    assert len(m.opportunities(result, "u1", ["R", "S"], limit=1, reasons=3)) == 1
