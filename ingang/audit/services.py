"""Appending to the access log. The only writer of AccessEvent."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ingang.accounts.models import User
from ingang.audit.chain import GENESIS, content_digest, link
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


def event_content(event: AccessEvent) -> dict[str, Any]:
    """The fields the digest commits to. Changing this list invalidates old digests."""
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
    with transaction.atomic(savepoint=False):
        head = ChainHead.objects.select_for_update().get(pk=1)
        at = timezone.now()
        built: list[AccessEvent] = []
        previous = head.chain_hash
        for offset, pending in enumerate(events, start=1):
            event = _build(pending, seq=head.seq + offset, at=at, previous=previous)
            previous = event.chain_hash
            built.append(event)
        AccessEvent.objects.bulk_create(built)
        first_seq = head.seq + 1
        head.seq += len(built)
        head.chain_hash = previous
        head.save(update_fields=["seq", "chain_hash"])
        interval = settings.AUDIT_CHECKPOINT_INTERVAL
        due = [e for e in built if e.seq % interval == 0 and e.seq >= first_seq]
        if due:
            Checkpoint.objects.bulk_create(
                [Checkpoint(seq=e.seq, chain_hash=e.chain_hash) for e in due]
            )
    return built


def access_event_record(event: PendingEvent) -> AccessEvent:
    return access_events_record([event])[0]


def chain_head_initial_hash() -> str:
    return GENESIS
