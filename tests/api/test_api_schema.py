"""Issue 11, item 9: schemathesis over the OpenAPI schema — every operation, with generated
(bounded) parameters and bodies, answers without a server error."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from zhuanxing.api.services import api_token_create

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # The raw WSGI application closes "old" connections at each request's start and end, as in
    # production; inside a test's transaction (autocommit off) that would close the test's own
    # PostgreSQL connection. Django's test client does the same as this fixture.
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def officer_token(city_users):
    return api_token_create(user=city_users["tongxiang"], name="schemathesis", days=1)[1]


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_gives_a_server_error(case, officer_token, shared_objects):
    response = case.call(headers={"Authorization": f"Bearer {officer_token}"})
    case.validate_response(response, checks=(not_a_server_error,))
