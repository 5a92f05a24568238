"""Access events at chosen times, for log review tests."""

from datetime import UTC, datetime
from types import SimpleNamespace
from unittest import mock

from ingang.accounts.models import User
from ingang.audit import services
from ingang.audit.models import AccessEvent, Outcome
from ingang.audit.services import PendingEvent, access_events_record
from ingang.people.models import Person


def read_at(
    at: datetime,
    actor: User | None,
    person: Person,
    *,
    n: int = 1,
    outcome: Outcome = Outcome.ALLOWED,
    categories: tuple[str, ...] = ("identity",),
) -> list[AccessEvent]:
    basis = {c: ("own_agency" if outcome == Outcome.ALLOWED else "not_related") for c in categories}
    # The log takes its time in UTC, as timezone.now() gives it.
    utc = at.astimezone(UTC)
    with mock.patch.object(services, "timezone", SimpleNamespace(now=lambda: utc)):
        return access_events_record(
            [
                PendingEvent(
                    actor, person, str(person.public_id), "person.overview", outcome, basis
                )
                for _ in range(n)
            ]
        )
