"""Writes of log review: recorded reviews and well-known marks. Every look at
people's log entries is itself logged, one access event per person."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction

from ingang.accounts.models import User
from ingang.agencies.models import Role
from ingang.audit.models import Channel, Outcome
from ingang.audit.services import PendingEvent, access_events_record
from ingang.core.categories import Category
from ingang.people.models import Person
from ingang.review.models import LogReview, ReviewKind, WellKnownPerson
from ingang.review.scope import Scope
from ingang.review.selectors import BreachRow, breach_rows, examined_events

LOG_REVIEW = "log_review"


class NotAnAuditor(PermissionError):
    pass


def _require_auditor(user: User) -> None:
    if not Role(user.role).reviews_access_log:
        raise NotAnAuditor


def people_examined_log(
    *,
    auditor: User,
    person_ids: Iterable[int | None],
    action: str,
    channel: Channel = Channel.WEB,
) -> int:
    """One access event (basis log_review) for each person whose log entries the
    auditor was shown. Returns the number of people."""
    ids = {pk for pk in person_ids if pk is not None}
    people = Person.objects.filter(pk__in=ids).only("pk", "public_id").order_by("pk")
    access_events_record(
        [
            PendingEvent(
                actor=auditor,
                person=person,
                subject_ref=str(person.public_id),
                action=action,
                outcome=Outcome.ALLOWED,
                basis={Category.IDENTITY.value: LOG_REVIEW},
                channel=channel,
            )
            for person in people
        ]
    )
    return len(ids)


def log_review_record(
    *,
    reviewer: User,
    kind: ReviewKind,
    scope: Scope,
    check_code: str = "",
    seed: str = "",
    size: int = 0,
    conclusion: str,
    notes: str = "",
    follow_up: str = "",
) -> LogReview:
    """Record a review. What was examined is recomputed here from the scope (a sample
    from its seed, a check from its query), never taken from the browser."""
    _require_auditor(reviewer)
    limit = settings.REVIEW_MAX_EXAMINED
    with transaction.atomic():
        events, total = examined_events(
            kind=kind, scope=scope, check_code=check_code, seed=seed, size=size, limit=limit
        )
        review = LogReview.objects.create(
            reviewer=reviewer,
            kind=kind,
            check_code=check_code if kind == ReviewKind.CHECK else "",
            period_start=scope.start,
            period_end=scope.end,
            unit_label=scope.unit_label,
            scope={
                "kind": str(kind),
                "check": check_code,
                "from": scope.start.isoformat(),
                "to": scope.end.isoformat(),
                "unit": scope.unit.pk if scope.unit is not None else None,
                "seed": seed,
                "size": size,
            },
            examined_count=total,
            conclusion=conclusion,
            notes=notes,
            follow_up=follow_up,
        )
        review.events.set(events)
        review.people_count = people_examined_log(
            auditor=reviewer, person_ids=[e.person_id for e in events], action="log_review.record"
        )
        review.save(update_fields=["people_count"])
    return review


def well_known_mark(*, person: Person, reason: str, actor: User) -> WellKnownPerson:
    _require_auditor(actor)
    with transaction.atomic():
        mark, _created = WellKnownPerson.objects.update_or_create(
            person=person, defaults={"reason": reason, "marked_by": actor}
        )
    return mark


def well_known_unmark(*, mark: WellKnownPerson, actor: User) -> None:
    _require_auditor(actor)
    with transaction.atomic():
        mark.delete()


@dataclass(frozen=True)
class BreachPerson:
    """One person in a breach report. Identity is left out for protected identity:
    the responsible unit contacts them."""

    public_id: str
    personal_number: str
    name: str
    protected_identity: bool
    responsible_unit: str
    categories: list[str]
    reads: int
    first: datetime | None
    last: datetime | None


def breach_report(
    *,
    auditor: User,
    staff: User,
    since: datetime,
    until: datetime,
    channel: Channel = Channel.WEB,
) -> list[BreachPerson]:
    """Everyone whose data `staff` read in [since, until), for a breach notification.

    The identity shown is read under log review, so each person gets an
    access event by the auditor (action `breach.query`).
    """
    _require_auditor(auditor)
    rows: list[BreachRow] = breach_rows(staff=staff, since=since, until=until)
    with transaction.atomic():
        people = Person.objects.select_related("responsible_unit__agency").in_bulk(
            [row.person_id for row in rows]
        )
        people_examined_log(
            auditor=auditor, person_ids=people.keys(), action="breach.query", channel=channel
        )
    result: list[BreachPerson] = []
    for row in rows:
        person = people[row.person_id]
        protected = person.protected_identity
        result.append(
            BreachPerson(
                public_id=str(person.public_id),
                personal_number="" if protected else person.formatted_number,
                name="" if protected else f"{person.given_name} {person.family_name}",
                protected_identity=protected,
                responsible_unit=str(person.responsible_unit or ""),
                categories=sorted(row.categories),
                reads=row.reads,
                first=row.first,
                last=row.last,
            )
        )
    return result
