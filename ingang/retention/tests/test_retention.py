"""Retention (gallring): what goes, what stays, and the access log still verifies."""

from collections import Counter
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.conf import LazySettings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from ingang.audit.models import AccessEvent, Outcome
from ingang.audit.selectors import audit_chain_verify
from ingang.audit.services import PendingEvent, access_events_record
from ingang.audit.tests.tampering import tamper
from ingang.cases.models import CaseState
from ingang.consent.models import Block
from ingang.records.models import Entry
from ingang.retention.models import RetentionRun
from ingang.retention.services import retention_run
from ingang.retention.tasks import retention_run_task
from ingang.retention.tests.helpers import appended_at
from ingang.testing.factories import (
    CaseFactory,
    EntryFactory,
    PersonFactory,
    identity_number,
)
from ingang.testing.world import World

NOW = timezone.now()
ELEVEN_YEARS_AGO = NOW - timedelta(days=365 * 11 + 3)
SIX_YEARS_AGO = NOW - timedelta(days=365 * 6 + 2)


def read(world: World, n: int, *, basis: str = "consent:7") -> list[AccessEvent]:
    return access_events_record(
        [
            PendingEvent(
                actor=world.anna_af_caseworker,
                person=world.kim,
                subject_ref=str(world.kim.public_id),
                action="person.overview",
                outcome=Outcome.ALLOWED,
                basis={"identity": basis, "employment": "own_agency"},
            )
            for _ in range(n)
        ]
    )


@pytest.fixture
def log(world: World) -> dict[str, list[AccessEvent]]:
    """Three reads eleven years ago, two six years ago, two today."""
    with appended_at(ELEVEN_YEARS_AGO):
        old = read(world, 3)
    with appended_at(SIX_YEARS_AGO):
        middle = read(world, 2)
    return {"old": old, "middle": middle, "new": read(world, 2)}


def first_break() -> int | None:
    _count, problem = audit_chain_verify()
    return None if problem is None else problem.position


def statistics() -> Counter[tuple[str, str, str, str]]:
    """Reads per month, agency, category and outcome: what follow-up reports count."""
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for event in AccessEvent.objects.all():
        for category in event.categories:
            key = (f"{event.occurred_at:%Y-%m}", event.actor_agency, category, event.outcome)
            counts[key] += 1
    return counts


def test_it_erases_personal_fields_of_events_past_retention_and_the_log_verifies(
    log: dict[str, list[AccessEvent]],
) -> None:
    retention_run(dry_run=False, via="command")

    for event in AccessEvent.objects.filter(seq__in=[e.seq for e in log["old"]]):
        assert event.actor_id is None and event.person_id is None
        assert event.actor_name == "" and event.subject_ref == ""
        assert event.basis == {"employment": "own_agency", "identity": "consent"}
        assert event.salt is None and event.erased_at is not None
    kept = AccessEvent.objects.filter(seq__in=[e.seq for e in log["middle"] + log["new"]])
    assert all(e.actor_name == "Anna Lind" and e.person_id is not None for e in kept)
    assert first_break() is None
    call_command("audit_verify")


def test_statistics_are_the_same_after_erasure(log: dict[str, list[AccessEvent]]) -> None:
    before = statistics()
    retention_run(dry_run=False, via="command")
    assert statistics() == before
    assert AccessEvent.objects.count() == 7


def test_an_edit_of_a_remaining_field_of_an_erased_event_is_found(
    log: dict[str, list[AccessEvent]],
) -> None:
    retention_run(dry_run=False, via="command")
    seq = log["old"][1].seq
    tamper("UPDATE audit_accessevent SET actor_agency = %s WHERE seq = %s", ["FK", seq])
    assert first_break() == seq
    with pytest.raises(CommandError, match=f"position {seq}"):
        call_command("audit_verify")


def test_a_name_written_back_into_an_erased_event_is_found(
    log: dict[str, list[AccessEvent]],
) -> None:
    retention_run(dry_run=False, via="command")
    seq = log["old"][2].seq
    tamper("UPDATE audit_accessevent SET actor_name = %s WHERE seq = %s", ["Farid", seq])
    assert first_break() == seq


def test_a_rewritten_basis_kind_of_an_erased_event_is_found(
    log: dict[str, list[AccessEvent]],
) -> None:
    retention_run(dry_run=False, via="command")
    seq = log["old"][0].seq
    tamper(
        "UPDATE audit_accessevent SET basis = %s WHERE seq = %s",
        ['{"employment": "own_agency", "identity": "own_agency"}', seq],
    )
    assert first_break() == seq


def test_a_dry_run_reports_what_would_go_and_changes_nothing(
    log: dict[str, list[AccessEvent]],
) -> None:
    run = retention_run(dry_run=True, via="command")
    access = next(row for row in run.report if row["kind"] == "access_log")
    assert (access["due"], access["erased"], access["years"]) == (3, 0, 10)
    assert not AccessEvent.objects.filter(erased_at__isnull=False).exists()
    assert RetentionRun.objects.get().dry_run


def test_the_retention_time_is_configurable(
    log: dict[str, list[AccessEvent]], settings: LazySettings
) -> None:
    settings.RETENTION_ACCESS_LOG_YEARS = 5
    run = retention_run(dry_run=False, via="command")
    assert run.report[0]["erased"] == 5
    assert AccessEvent.objects.filter(erased_at__isnull=True).count() == 2
    assert first_break() is None


def test_the_database_refuses_to_erase_events_younger_than_five_years(
    log: dict[str, list[AccessEvent]],
) -> None:
    recent = log["new"][0]
    with pytest.raises(DatabaseError), transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL ingang.audit_erasure = 'on'")
        # Shaped exactly like an erasure, but of today's event.
        AccessEvent.objects.filter(seq=recent.seq).update(
            actor=None,
            actor_name="",
            person=None,
            subject_ref="",
            salt=None,
            commitments={},
            erased_at=timezone.now(),
        )
    assert AccessEvent.objects.get(seq=recent.seq).actor_name == "Anna Lind"


def test_the_database_refuses_other_changes_to_old_events(
    log: dict[str, list[AccessEvent]],
) -> None:
    seq = log["old"][0].seq
    with pytest.raises(DatabaseError), transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL ingang.audit_erasure = 'on'")
        AccessEvent.objects.filter(seq=seq).update(
            actor=None,
            actor_name="",
            person=None,
            subject_ref="",
            salt=None,
            commitments={},
            erased_at=timezone.now(),
            outcome=Outcome.DENIED,
        )
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessEvent.objects.filter(seq=seq).delete()


def closed_case_with_entries(world: World, born: date, closed: datetime) -> list[Entry]:
    person = PersonFactory.create(personal_number=identity_number(born, 321))
    case = CaseFactory.create(person=person, coordinator=world.mia_ame_coordinator)
    case.state = CaseState.CLOSED
    case.closed_at = closed
    case.save()
    return [
        EntryFactory.create(
            person=person, category=c, owning_agency=world.af, author=world.anna_af_caseworker
        )
        for c in ("employment", "notes")
    ]


def test_case_data_goes_after_its_time_but_the_research_sample_stays(world: World) -> None:
    gone = closed_case_with_entries(world, date(1985, 3, 3), SIX_YEARS_AGO)
    born_15th = closed_case_with_entries(world, date(1985, 3, 15), SIX_YEARS_AGO)
    recently_closed = closed_case_with_entries(world, date(1985, 3, 4), NOW - timedelta(days=30))
    Block.objects.create(person=gone[0].person, entry=gone[0], created_by=world.anna_af_caseworker)

    dry = retention_run(dry_run=True, via="command")
    case_row = next(row for row in dry.report if row["kind"] == "case_data")
    assert (case_row["due"], case_row["exempt"]) == (2, 2)
    assert Entry.objects.filter(pk=gone[0].pk).exists()

    retention_run(dry_run=False, via="command")
    assert not Entry.objects.filter(pk__in=[e.pk for e in gone]).exists()
    assert Entry.objects.filter(pk__in=[e.pk for e in born_15th + recently_closed]).count() == 4
    # Kim's case is open: nothing of hers goes.
    assert Entry.objects.filter(person=world.kim).count() == len(world.entries)


def test_a_coordination_number_in_the_sample_is_exempt_too(world: World) -> None:
    person = PersonFactory.create(
        personal_number=identity_number(date(1990, 6, 25), 444, coordination=True),
        is_coordination_number=True,
    )
    case = CaseFactory.create(person=person, coordinator=world.mia_ame_coordinator)
    case.state, case.closed_at = CaseState.CLOSED, SIX_YEARS_AGO
    case.save()
    entry = EntryFactory.create(
        person=person, category="notes", owning_agency=world.af, author=world.anna_af_caseworker
    )
    retention_run(dry_run=False, via="command")
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_the_command_prints_a_dry_run_report(log: dict[str, list[AccessEvent]]) -> None:
    out = StringIO()
    call_command("retention_run", "--dry-run", stdout=out)
    assert "access_log: older than 10 years" in out.getvalue()
    assert "would erase 3" in out.getvalue()
    assert not AccessEvent.objects.filter(erased_at__isnull=False).exists()


def test_the_task_runs_the_same_job(log: dict[str, list[AccessEvent]]) -> None:
    result = retention_run_task.enqueue(dry_run=False)
    assert result.return_value[0]["erased"] == 3
    assert RetentionRun.objects.get().via == "task"
    assert first_break() is None
