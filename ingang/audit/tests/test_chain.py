"""Tamper evidence: every edit, removal and reordering is found at the right position."""

import hashlib
import json

import pytest
from django.conf import LazySettings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from ingang.audit.models import AccessEvent, ChainHead, Checkpoint, Outcome
from ingang.audit.selectors import audit_chain_verify
from ingang.audit.services import PendingEvent, access_events_record, event_content
from ingang.audit.tests.tampering import tamper
from ingang.testing.world import World


@pytest.fixture
def log(world: World) -> list[AccessEvent]:
    """Six events by Anna about Kim."""
    return access_events_record(
        [
            PendingEvent(
                actor=world.anna_af_caseworker,
                person=world.kim,
                subject_ref=str(world.kim.public_id),
                action="person.overview",
                outcome=Outcome.ALLOWED,
                basis={"identity": f"consent:{n}"},
            )
            for n in range(6)
        ]
    )


def first_break() -> int | None:
    _count, problem = audit_chain_verify()
    return None if problem is None else problem.position


def test_it_verifies_an_intact_log(log: list[AccessEvent]) -> None:
    assert first_break() is None
    assert [e.seq for e in AccessEvent.objects.order_by("seq")] == [1, 2, 3, 4, 5, 6]
    # Each returned event is the stored row, id included.
    assert [(e.pk, e.seq, e.chain_hash) for e in log] == list(
        AccessEvent.objects.order_by("seq").values_list("pk", "seq", "chain_hash")
    )


def test_one_read_may_append_more_events_than_one_statement_takes(world: World) -> None:
    """A list of thousands of people is one read: its events go in several INSERTs
    (services._INSERT_BATCH rows each), still one gap-free chain with the right ids."""
    many = 2_000
    events = access_events_record(
        [
            PendingEvent(
                actor=world.anna_af_caseworker,
                person=world.kim,
                subject_ref=str(world.kim.public_id),
                action="case.list",
                outcome=Outcome.ALLOWED,
                basis={"identity": "own_agency"},
            )
            for _ in range(many)
        ]
    )

    assert len({e.pk for e in events}) == many
    assert AccessEvent.objects.count() == many
    head = ChainHead.objects.get(pk=1)
    assert (head.seq, head.chain_hash) == (many, events[-1].chain_hash)
    assert first_break() is None


def test_it_finds_an_edited_event_at_its_position(log: list[AccessEvent]) -> None:
    tamper("UPDATE audit_accessevent SET actor_name = %s WHERE seq = 3", ["Someone Else"])
    assert first_break() == 3


def test_it_finds_edited_categories(log: list[AccessEvent]) -> None:
    tamper("UPDATE audit_accessevent SET categories = %s WHERE seq = 2", ['["notes"]'])
    assert first_break() == 2


def test_it_finds_an_edit_whose_digest_was_recomputed(log: list[AccessEvent]) -> None:
    # An attacker who knows the digest recipe but not the chain key.
    event = AccessEvent.objects.get(seq=4)
    event.actor_name = "Someone Else"
    digest = hashlib.sha256(
        json.dumps(
            event_content(event), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode()
    ).hexdigest()
    tamper(
        "UPDATE audit_accessevent SET actor_name = %s, digest = %s WHERE seq = 4",
        ["Someone Else", digest],
    )
    assert first_break() == 4


def test_it_finds_a_removed_event(log: list[AccessEvent]) -> None:
    tamper("DELETE FROM audit_accessevent WHERE seq = 3")
    assert first_break() == 3


def test_it_finds_a_removed_tail(log: list[AccessEvent]) -> None:
    tamper("DELETE FROM audit_accessevent WHERE seq >= 5")
    assert first_break() == 5


def test_it_finds_reordered_events(log: list[AccessEvent]) -> None:
    tamper("UPDATE audit_accessevent SET seq = -1 WHERE seq = 2")
    tamper("UPDATE audit_accessevent SET seq = 2 WHERE seq = 5")
    tamper("UPDATE audit_accessevent SET seq = 5 WHERE seq = -1")
    assert first_break() == 2


def test_it_finds_a_tail_removed_together_with_the_head(
    log: list[AccessEvent], settings: LazySettings
) -> None:
    # Checkpoints remember the head even when the head row itself is rewound.
    settings.AUDIT_CHECKPOINT_INTERVAL = 1
    more = access_events_record([PendingEvent(None, None, "x", "probe", Outcome.DENIED)])
    tamper("DELETE FROM audit_accessevent WHERE seq = %s", [more[0].seq])
    ChainHead.objects.filter(pk=1).update(seq=6, chain_hash=log[-1].chain_hash)
    assert Checkpoint.objects.filter(seq=7).exists()
    assert first_break() == 7


def test_the_database_refuses_updates_and_deletes(log: list[AccessEvent]) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessEvent.objects.filter(seq=1).update(actor_name="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessEvent.objects.filter(seq=1).delete()
    assert AccessEvent.objects.get(seq=1).actor_name == log[0].actor_name


def test_audit_verify_command_names_the_first_bad_position(log: list[AccessEvent]) -> None:
    call_command("audit_verify")
    tamper("UPDATE audit_accessevent SET outcome = 'denied' WHERE seq = 5")
    with pytest.raises(CommandError, match="position 5"):
        call_command("audit_verify")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="grants exist on PostgreSQL only")
def test_an_application_role_without_grants_cannot_rewrite_the_log(log: list[AccessEvent]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP ROLE IF EXISTS ingang_app_probe")
        cursor.execute("CREATE ROLE ingang_app_probe")
        cursor.execute("GRANT SELECT, INSERT ON audit_accessevent TO ingang_app_probe")
        cursor.execute("SET LOCAL ROLE ingang_app_probe")
        with pytest.raises(DatabaseError), transaction.atomic():
            cursor.execute("UPDATE audit_accessevent SET actor_name = 'x' WHERE seq = 1")
        cursor.execute("RESET ROLE")
