"""Agreement with a published implementation of the same definitions: the Growth Lab's
``ecomplexity`` (py-ecomplexity, PyPI, a dev dependency), on a 40-region × 60-industry random
table; and with a second, independent formulation in numpy matrix algebra.

ecomplexity's definitions (read in its source, version 0.5.3): RCA = (x_rp / Σ_p x_rp) ÷
(Σ_r x_rp / Σ x); M = RCA ≥ ``rca_mcp_threshold`` (1); proximity (``calc_discrete_proximity``)
= MᵀM ÷ ubiquity, made symmetric by the element-wise minimum with its transpose, i.e. co-presence
÷ the larger ubiquity, diagonal included; density (``calc_density``, without ``knn``) =
M @ (φᵀ ÷ Σ_p' φ(p,p')). These are ours. It drops regions and industries whose total is 0 (we
give them None), so the random table has none.
"""

import warnings

import ecomplexity  # a dev dependency: a missing one fails here, it is not skipped
import numpy as np
import pandas as pd
import pytest

from zhuanxing.clusters import measures as m

REGIONS, INDUSTRIES = 40, 60


@pytest.fixture(scope="module")
def table():
    rng = np.random.default_rng(20091)
    values = rng.gamma(0.5, 10.0, (REGIONS, INDUSTRIES)) * (rng.random((REGIONS, INDUSTRIES)) < 0.5)
    values[:, 0] += 1.0  # no industry and no region with a zero total
    values[0, :] += 0.5
    triples = [
        (f"r{a:02d}", f"p{b:02d}", float(values[a, b]))
        for a in range(REGIONS)
        for b in range(INDUSTRIES)
        if values[a, b] > 0
    ]
    return triples, values


def test_against_ecomplexity(table):
    triples, _values = table
    frame = pd.DataFrame(triples, columns=["region", "industry", "value"])
    frame["year"] = 2012
    cols = {"time": "year", "loc": "region", "prod": "industry", "val": "value"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = ecomplexity.ecomplexity(
            frame, cols, rca_mcp_threshold=1, check_logsupermodularity=False, verbose=False
        )
        their_phi = ecomplexity.proximity(frame, cols, rca_mcp_threshold=1)
    ours = m.relatedness(m.Table.from_triples(triples), threshold=1.0)
    assert len(theirs) == REGIONS * INDUSTRIES
    present = 0
    for row in theirs.itertuples():
        key = (row.region, row.industry)
        assert ours.rca[key] == pytest.approx(row.rca, rel=1e-9, abs=1e-12)
        assert ours.present[key] == bool(row.mcp)
        assert ours.density[key] == pytest.approx(row.density, rel=1e-9, abs=1e-12)
        present += ours.present[key]
    assert 0.1 < present / (REGIONS * INDUSTRIES) < 0.6  # a table where presence varies
    assert len(their_phi) == INDUSTRIES * INDUSTRIES
    for row in their_phi.itertuples():
        assert ours.phi[(row.industry_1, row.industry_2)] == pytest.approx(row.proximity, rel=1e-9)


def test_against_matrix_algebra(table):
    """The same quantities as whole-matrix operations (numpy), independent of the loops."""
    triples, values = table
    ours = m.relatedness(m.Table.from_triples(triples), threshold=1.0)
    x = values
    rca = (x / x.sum(axis=1, keepdims=True)) / (x.sum(axis=0, keepdims=True) / x.sum())
    presence = (rca >= 1).astype(float)
    both = presence.T @ presence
    ubiquity = presence.sum(axis=0)
    phi = both / np.maximum.outer(ubiquity, ubiquity)
    density = presence @ phi.T / phi.sum(axis=1)
    for a in range(REGIONS):
        for b in range(INDUSTRIES):
            key = (f"r{a:02d}", f"p{b:02d}")
            assert ours.rca[key] == pytest.approx(rca[a, b])
            assert ours.density[key] == pytest.approx(density[a, b])
    assert ours.phi[("p03", "p07")] == pytest.approx(phi[3, 7])
