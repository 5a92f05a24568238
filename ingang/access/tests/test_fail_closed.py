"""If the access event cannot be written, no data is returned."""

from collections.abc import Iterator

import pytest
from django.db import DatabaseError, connection
from django.test import Client
from django.urls import reverse

from ingang.access.selectors import person_record_read
from ingang.audit.models import AccessEvent
from ingang.testing.fixtures import LoginAs
from ingang.testing.world import World


@pytest.fixture
def log_refuses_writes(world: World) -> Iterator[None]:
    """A real database fault: the access log table refuses every insert."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_insert() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'disk full'; END; $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_insert BEFORE INSERT ON audit_accessevent "
                "FOR EACH ROW EXECUTE FUNCTION refuse_insert()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER refuse_insert BEFORE INSERT ON audit_accessevent "
                "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            )
    yield
    # The test's transaction is rolled back, taking the trigger with it.


def test_it_returns_nothing_when_the_event_cannot_be_written(
    world: World, log_refuses_writes: None
) -> None:
    with pytest.raises(DatabaseError):
        person_record_read(reader=world.anna_af_caseworker, public_id=world.kim.public_id)


def test_the_page_shows_no_data_when_the_event_cannot_be_written(
    world: World, log_refuses_writes: None, login: LoginAs
) -> None:
    client: Client = login(world.anna_af_caseworker)
    client.raise_request_exception = False
    response = client.get(reverse("people:overview", kwargs={"public_id": world.kim.public_id}))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Kim" not in body
    assert world.entries["employment"].title not in body
    assert not AccessEvent.objects.exists()
