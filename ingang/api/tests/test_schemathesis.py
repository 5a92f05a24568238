"""Property-based tests of the whole OpenAPI document with schemathesis, in-process (WSGI).

Every operation is called with generated valid and invalid data, with a valid token,
and schemathesis's checks run on every answer: no server error, status codes and
bodies as documented, invalid data rejected, and unauthenticated or wrong-token calls
refused (its `ignored_auth` check, plus our own test below).

Examples per operation: API_FUZZ_EXAMPLES (default 10 to keep the suite quick;
CI sets 100). Generated path ids are swapped for Kim's real ones half of the time,
so the gate's allowed paths and the writes are exercised too.
"""

import os
import zlib
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from ingang.api.api import api
from ingang.api.tests.data import Filled
from ingang.api.tests.fixtures import TokenFor
from ingang.testing.world import World

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "10"))
# Business rules no JSON schema can state (a personnummer's check digit, a consent ending
# before it starts, another agency's activity) are refused with a documented 422, and a
# cursor the API did not issue (any string is schema-valid: cursors are opaque) with 400.
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "422", "429"]
            }
        }
    }
)
APP = get_wsgi_application()
# The document the API serves at /api/v1/openapi.json, without a request (it needs a token).
schema = schemathesis.openapi.from_dict(
    api.get_openapi_schema(path_prefix="/api/v1/"), config=CONFIG
)
schema.app = APP
# Filled in by the fixture for the hook below (hypothesis generates outside fixtures).
KNOWN: dict[str, Any] = {}


@schema.hook
def map_case(context: Any, case: Any) -> Any:
    """In positive (schema-valid) cases, swap half of the generated ids for Kim's real ones.

    Negative cases are left alone: their invalid ids must stay invalid.
    """
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or not case.path_parameters:
        return case
    for name, value in list(case.path_parameters.items()):
        if name in KNOWN and zlib.crc32(str(value).encode()) % 2 == 0:
            case.path_parameters[name] = KNOWN[name]
    return case


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """Requests through the raw WSGI app must not close the test's database connection
    (Django's own test client does the same)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def caller(world: World, filled: Filled, token_for: TokenFor) -> dict[str, str]:
    KNOWN.update(
        person_id=str(world.kim.public_id),
        consent_id=str(world.kim_consent.public_id),
        activity_id=filled.af_activity.pk,
    )
    token = token_for(world.mia_ame_coordinator, "read", "write:plans", "write:consents", "audit")
    return {"Authorization": f"Bearer {token}"}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_it_keeps_every_operation_to_its_contract(case: Any, caller: dict[str, str]) -> None:
    case.call_and_validate(headers=caller)


@schema.parametrize()
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_it_refuses_every_operation_without_a_valid_token(case: Any, db: None) -> None:
    if case.method.upper() != case.operation.method.upper():
        return  # an undocumented method (TRACE, …): 405 before any authentication
    for headers in ({}, {"Authorization": "Bearer ing_000000000000_wrong"}):
        response = case.call(headers=headers)
        assert response.status_code == 401, (case.method, case.path, headers)
        assert response.json()["code"] == "not_authenticated"
