"""When the database is unavailable the app answers 503 and shows nothing (fail closed).

These tests break the connection from inside the test's own transaction. A
real server lost and restarted under load is in test_fault_postgres.py.
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import IntegrityError, InterfaceError, OperationalError, connection
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override

from ingang.audit.models import AccessEvent
from ingang.core.db_failure import RETRY_AFTER_SECONDS, database_unavailable
from ingang.testing.fixtures import LoginAs
from ingang.testing.world import World


def overview_url(world: World) -> str:
    return reverse("people:overview", kwargs={"public_id": world.kim.public_id})


def assert_unavailable_page(response: Any, world: World) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    with override("sv"):
        assert gettext("Temporarily unavailable") in body
    assert world.kim.given_name not in body
    assert world.kim.family_name not in body
    assert world.entries["employment"].title not in body


@pytest.fixture
def database_drops_on(world: World) -> Iterator[Callable[[str], None]]:
    """Make the connection fail, as a dropped server would, at the first query naming a table."""
    armed: dict[str, str] = {}

    def fail(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        table = armed.get("table")
        if table and table in sql:
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail):
        yield lambda table: armed.update(table=table)


def test_it_answers_503_without_person_data_when_the_database_drops_mid_read(
    world: World, login: LoginAs, database_drops_on: Callable[[str], None]
) -> None:
    client: Client = login(world.anna_af_caseworker)
    client.raise_request_exception = False
    # The gate has loaded the person and her entries; the access event cannot be written.
    database_drops_on("audit_chainhead")

    response = client.get(overview_url(world))

    assert_unavailable_page(response, world)
    assert not AccessEvent.objects.exists()


def test_it_answers_503_when_the_session_lookup_before_the_view_fails(
    world: World, login: LoginAs, database_drops_on: Callable[[str], None]
) -> None:
    # The session is read by middleware, before any view runs.
    client: Client = login(world.anna_af_caseworker)
    client.raise_request_exception = False
    database_drops_on("django_session")

    response = client.get(overview_url(world))

    assert_unavailable_page(response, world)


def test_other_database_errors_stay_ordinary_server_errors() -> None:
    assert database_unavailable(OperationalError("could not connect to server"))
    assert database_unavailable(InterfaceError("connection already closed"))
    try:
        try:
            raise OperationalError("database is locked")
        except OperationalError as exc:
            raise RuntimeError("wrapped") from exc
    except RuntimeError as wrapped:
        assert database_unavailable(wrapped)
    # A broken constraint is a bug or bad input, not an outage: it stays a 500.
    assert not database_unavailable(IntegrityError("duplicate key"))
    assert not database_unavailable(ValueError("bad"))
    assert not database_unavailable(None)
