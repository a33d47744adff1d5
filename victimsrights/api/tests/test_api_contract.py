"""schemathesis: requests generated from the OpenAPI document, valid and not; no 5xx, and every
response matches the document (status codes, content types, bodies)."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi import checks

from victimsrights.api import services
from victimsrights.areas.models import Force
from victimsrights.cases.tests.factories import recorded_case

pytestmark = pytest.mark.usefixtures("london")

SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
# Left out: `ignored_auth` (every call here carries a valid key; test_api.py covers wrong and missing keys) and
# `positive_data_acceptance` (a schema-valid event can still be refused for what it says, such as a time in the
# future or an officer from another area: a 422 problem by design).
NOT_HERE = [checks.ignored_auth, checks.positive_data_acceptance]
OPERATIONS = ["/api/v1/events", "/api/v1/events/batch", "/api/v1/cases/state"]


@pytest.fixture
def in_process(db):
    """WSGI calls inside the test's transaction: Django must not close the connection after each request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_key(in_process):
    recorded_case()
    _client, key = services.client_create(name="Contract tests", force=Force.objects.get(code="met"))
    return key


@pytest.mark.parametrize("path", OPERATIONS)
@pytest.mark.parametrize("mode", [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE])
def test_the_api_keeps_to_its_openapi_document(path, mode, api_key):
    operation = SCHEMA[path]["POST"]

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case: schemathesis.Case) -> None:
        response = case.call(headers={"Authorization": f"Bearer {api_key}"})
        assert response.status_code < 500, response.text
        case.validate_response(response, excluded_checks=NOT_HERE)
        if mode == schemathesis.GenerationMode.NEGATIVE:
            assert response.status_code >= 400 or _valid_anyway(response)

    check()


def _valid_anyway(response: schemathesis.Response) -> bool:
    """Negative generation can produce a body that still validates (for example an unknown extra field)."""
    return response.status_code == 200


def test_the_document_is_a_valid_openapi_3_document():
    assert SCHEMA.raw_schema["openapi"].startswith("3.")
    assert set(SCHEMA.raw_schema["paths"]) == set(OPERATIONS)
