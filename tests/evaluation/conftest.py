import pytest


@pytest.fixture
def evaluated(city, policy, users):
    """The small city with environmental attributes and a draft evaluation of 2012."""
    from zhuanxing.evaluation.demo_data import seed_environment
    from zhuanxing.evaluation.services import evaluation_run_create

    seed_environment(7)
    return evaluation_run_create(year=2012, user=users["admin"], policy=policy)
