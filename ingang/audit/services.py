"""Appending to the access log. The only writer of AccessEvent."""

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from ingang.accounts.models import User
from ingang.audit.chain import GENESIS, basis_kinds, content_digest, field_commitment, link
from ingang.audit.models import AccessEvent, ChainHead, Channel, Checkpoint, Outcome
from ingang.people.models import Person


@dataclass(frozen=True)
class PendingEvent:
    actor: User | None
    person: Person | None
    subject_ref: str
    action: str
    outcome: Outcome
    basis: Mapping[str, str] = field(default_factory=dict)
    channel: Channel = Channel.WEB

    @property
    def categories(self) -> list[str]:
        return sorted(self.basis)


# The fields retention erases, each sealed through a salted commitment, with the
# value they hold once erased. The rest (time, agency, unit, role, action,
# categories, outcome, channel, the kind of basis) stays for statistics.
ERASED_VALUES: dict[str, Any] = {
    "actor_id": None,
    "actor_name": "",
    "person_id": None,
    "subject_ref": "",
}


def personal_values(event: AccessEvent) -> dict[str, Any]:
    return {
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "person_id": event.person_id,
        "subject_ref": event.subject_ref,
        "basis": dict(event.basis),
    }


def _is_erased_value(name: str, value: Any) -> bool:
    if name == "basis":
        return bool(value == basis_kinds(value))
    return bool(value == ERASED_VALUES[name])


def personal_commitments(event: AccessEvent) -> dict[str, str]:
    """One salted hash per personal field (only for events that still have their salt)."""
    salt = event.salt or ""
    return {
        name: field_commitment(salt, name, value) for name, value in personal_values(event).items()
    }


def _sealed_personal(event: AccessEvent) -> dict[str, str]:
    if event.commitments is None:
        return personal_commitments(event)
    # Erased: the stored commitments stand in for the values. A field that holds
    # a value again was written after erasure, so it must not verify.
    return {
        name: (
            str(event.commitments.get(name, ""))
            if _is_erased_value(name, value)
            else f"rewritten:{value}"
        )
        for name, value in personal_values(event).items()
    }


def event_content(event: AccessEvent) -> dict[str, Any]:
    """The fields the digest commits to. Changing this list invalidates old digests.

    Events sealed before audit/0004 (no salt, no commitments) commit to their
    raw content and cannot be erased; later ones commit to the personal
    fields through salted commitments (docs/audit.md, "Erasure").
    """
    if event.salt is None and event.commitments is None:
        return {
            "seq": event.seq,
            "occurred_at": event.occurred_at.isoformat(),
            "actor_id": event.actor_id,
            "actor_name": event.actor_name,
            "actor_agency": event.actor_agency,
            "actor_agency_id": event.actor_agency_id_snapshot,
            "actor_unit": event.actor_unit,
            "actor_role": event.actor_role,
            "person_id": event.person_id,
            "subject_ref": event.subject_ref,
            "action": event.action,
            "categories": list(event.categories),
            "outcome": event.outcome,
            "basis": dict(event.basis),
            "channel": event.channel,
        }
    return {
        "v": 2,
        "seq": event.seq,
        "occurred_at": event.occurred_at.isoformat(),
        "actor_agency": event.actor_agency,
        "actor_agency_id": event.actor_agency_id_snapshot,
        "actor_unit": event.actor_unit,
        "actor_role": event.actor_role,
        "action": event.action,
        "categories": list(event.categories),
        "outcome": event.outcome,
        "basis_kinds": basis_kinds(dict(event.basis)),
        "channel": event.channel,
        "personal": _sealed_personal(event),
    }


def _build(pending: PendingEvent, *, seq: int, at: datetime, previous: str) -> AccessEvent:
    actor = pending.actor
    unit = actor.unit if actor is not None else None
    event = AccessEvent(
        seq=seq,
        occurred_at=at,
        actor=actor,
        actor_name=actor.display_name if actor is not None else "",
        actor_agency=unit.agency.name if unit is not None else "",
        actor_agency_id_snapshot=unit.agency_id if unit is not None else None,
        actor_unit=unit.name if unit is not None else "",
        actor_role=actor.role if actor is not None else "",
        person=pending.person,
        subject_ref=pending.subject_ref[:64],
        action=pending.action,
        categories=pending.categories,
        outcome=pending.outcome,
        basis=dict(sorted(pending.basis.items())),
        channel=pending.channel,
        salt=secrets.token_hex(16),
    )
    event.digest = content_digest(event_content(event))
    event.chain_hash = link(previous, event.digest)
    return event


def access_events_record(events: Sequence[PendingEvent]) -> list[AccessEvent]:
    """Append events to the chain, atomically, in the caller's transaction.

    The head row is locked for the rest of the transaction, which serialises
    appends; callers write events last, just before they commit.
    """
    if not events:
        return []
    # No savepoint: a failure here must fail the caller's whole read anyway.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            _HEAD_SQL + (" FOR UPDATE" if connection.features.has_select_for_update else "")
        )
        seq, previous = cursor.fetchone()
        at = timezone.now()
        built: list[AccessEvent] = []
        for offset, pending in enumerate(events, start=1):
            event = _build(pending, seq=seq + offset, at=at, previous=previous)
            previous = event.chain_hash
            built.append(event)
        _insert(cursor, built, head=(seq + len(built), previous))
        interval = settings.AUDIT_CHECKPOINT_INTERVAL
        due = [e for e in built if e.seq % interval == 0]
        if due:
            Checkpoint.objects.bulk_create(
                [Checkpoint(seq=e.seq, chain_hash=e.chain_hash) for e in due]
            )
    return built


# The append runs on every read of person data. Written as SQL, it costs a
# fraction of the equivalent select_for_update, bulk_create and save
# (docs/operations.md, "The cost of the gate").
# Only table and column names from the models' meta are formatted into the SQL.
_HEAD = ChainHead._meta.db_table
_HEAD_SQL = f"SELECT seq, chain_hash FROM {_HEAD} WHERE id = 1"  # noqa: S608  # nosec B608
_HEAD_UPDATE_SQL = f"UPDATE {_HEAD} SET seq = %s, chain_hash = %s WHERE id = 1"  # noqa: S608  # nosec B608
_EVENT_FIELDS = [f for f in AccessEvent._meta.concrete_fields if not f.primary_key]
_EVENT_COLUMNS = ", ".join(f.column for f in _EVENT_FIELDS if f.column is not None)


# Rows per INSERT: a statement's parameters stay well under SQLite's 32 766
# and PostgreSQL's 65 535 however many events one read appends.
_INSERT_BATCH = 500


def _insert(cursor: Any, events: list[AccessEvent], *, head: tuple[int, str]) -> None:
    """Insert the events, give each its id, and move the chain head to `head` (seq, hash).

    On PostgreSQL the last INSERT and the head's UPDATE are one statement (a
    data-modifying WITH), saving a round trip on every read; SQLite runs the
    UPDATE after the INSERTs.
    """
    postgresql = connection.vendor == "postgresql"
    ids: list[tuple[int]] = []
    for start in range(0, len(events), _INSERT_BATCH):
        batch = events[start : start + _INSERT_BATCH]
        row = "(" + ", ".join(["%s"] * len(_EVENT_FIELDS)) + ")"
        insert = (
            f"INSERT INTO {AccessEvent._meta.db_table} ({_EVENT_COLUMNS}) "  # noqa: S608  # nosec B608
            f"VALUES {', '.join([row] * len(batch))} RETURNING id"
        )
        values = [
            f.get_db_prep_save(getattr(event, f.attname), connection)
            for event in batch
            for f in _EVENT_FIELDS
        ]
        if postgresql and start + _INSERT_BATCH >= len(events):
            cursor.execute(
                f"WITH inserted AS ({insert}), moved AS ({_HEAD_UPDATE_SQL}) "  # noqa: S608  # nosec B608
                "SELECT id FROM inserted ORDER BY id",
                [*values, *head],
            )
        else:
            cursor.execute(insert, values)
        ids.extend(cursor.fetchall())
    if not postgresql:
        cursor.execute(_HEAD_UPDATE_SQL, list(head))
    for event, (pk,) in zip(events, ids, strict=True):
        event.pk = pk
        event._state.adding = False
        event._state.db = connection.alias


def access_event_record(event: PendingEvent) -> AccessEvent:
    return access_events_record([event])[0]


def chain_head_initial_hash() -> str:
    return GENESIS


def access_events_erase(*, before: datetime, batch_size: int = 1000) -> int:
    """Erase the personal fields of events that occurred before `before`.

    Each erased field keeps its commitment and the salt is dropped, so the
    digest and the chain verify as before. Runs in batches, each its own
    transaction. Events sealed before commitments existed are left alone.
    The database refuses this for events younger than five years.
    """
    erased = 0
    while True:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL ingang.audit_erasure = 'on'")
            batch = list(
                AccessEvent.objects.filter(
                    occurred_at__lt=before, salt__isnull=False, commitments__isnull=True
                ).order_by("seq")[:batch_size]
            )
            if not batch:
                return erased
            now = timezone.now()
            for event in batch:
                event.commitments = personal_commitments(event)
                event.salt = None
                event.erased_at = now
                event.actor = None
                event.actor_name = ""
                event.person = None
                event.subject_ref = ""
                event.basis = basis_kinds(dict(event.basis))
            AccessEvent.objects.bulk_update(
                batch,
                [
                    "commitments",
                    "salt",
                    "erased_at",
                    "actor",
                    "actor_name",
                    "person",
                    "subject_ref",
                    "basis",
                ],
            )
            erased += len(batch)
