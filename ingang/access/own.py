"""The person's own reads, for My pages (ingang.portal).

A person signed in to the portal may read all of their own data: there is no
consent to check, but every read is still logged, with the portal channel,
no staff actor and the basis "self", in the read's own transaction. These
functions take the person's primary key from the portal session and nothing
else, so no portal page can name another person.

Protected identity: the portal never shows the address or contact details we
hold (the person did not enter them in the portal), so a shared screen or a
downloaded PDF cannot reveal where they live.
"""

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from django.core import signing
from django.core.paginator import Page, Paginator
from django.db import transaction

from ingang.access.decisions import Decision
from ingang.access.selectors import (
    ALL_CATEGORIES,
    CategorySection,
    PersonNotFound,
    PersonRecord,
    Source,
    SourceSection,
    identity_view,
)
from ingang.audit.models import AccessEvent, Channel, Outcome
from ingang.audit.services import PendingEvent, access_events_record
from ingang.cases.models import Case, CaseState
from ingang.core.categories import ENTRY_CATEGORIES, Category
from ingang.people.models import Person
from ingang.records.models import Entry

SELF = "self"


def _own(category: Category) -> Decision:
    """The decision templates shared with staff pages see: the person's own data, allowed."""
    return Decision(True, category, SELF, SELF, "")


def _person(person_id: int) -> Person:
    person = Person.objects.select_related("registering_agency").filter(pk=person_id).first()
    if person is None:
        raise PersonNotFound
    return person


def _log(person: Person, action: str, categories: Sequence[str]) -> None:
    access_events_record(
        [
            PendingEvent(
                actor=None,
                person=person,
                subject_ref=str(person.public_id),
                action=action,
                outcome=Outcome.ALLOWED,
                basis={c: SELF for c in categories},
                channel=Channel.PORTAL,
            )
        ]
    )


def own_record_read(
    *,
    person_id: int,
    action: str,
    categories: Sequence[Category] = ALL_CATEGORIES,
    sources: Mapping[str, Source] | None = None,
) -> PersonRecord:
    """The person's own record: identity, entries and sources, unnarrowed, logged as one read."""
    sources = sources or {}
    with transaction.atomic():
        person = _person(person_id)
        case = (
            Case.objects.select_related("coordinator__unit__agency")
            .filter(person=person, state=CaseState.OPEN)
            .first()
        )
        identity = None
        if Category.IDENTITY in categories:
            identity = identity_view(person)
            if person.protected_identity:
                identity = replace(
                    identity, street_address="", postal_code="", city="", phone="", email=""
                )
        wanted = [c for c in categories if c in ENTRY_CATEGORIES]
        by_category: dict[Category, list[Entry]] = {c: [] for c in wanted}
        if wanted:
            entries = Entry.objects.filter(person=person, category__in=wanted).select_related(
                "owning_agency", "author"
            )
            for entry in entries:
                by_category[Category(entry.category)].append(entry)
        data = {
            name: SourceSection(source.category, list(source.query(person)), _own(source.category))
            for name, source in sources.items()
        }
        logged = sorted({*categories, *(s.category for s in sources.values())})
        _log(person, action, logged)
    return PersonRecord(
        _subject=person,
        public_id=person.public_id,
        protected_identity=person.protected_identity,
        is_test_data=person.is_test_data,
        case=case,
        identity=identity,
        identity_decision=_own(Category.IDENTITY),
        sections=[CategorySection(c, by_category[c], _own(c)) for c in wanted],
        data=data,
    )


def own_timeline_read(*, person_id: int, limit: int = 200) -> list[Any]:
    """The person's whole timeline, newest first, logged as one read of every category in it."""
    from ingang.timeline.models import TimelineEvent

    with transaction.atomic():
        person = _person(person_id)
        rows = list(
            TimelineEvent.objects.filter(person=person)
            .select_related("owning_agency")
            .order_by("-occurred_at", "-pk")[:limit]
        )
        _log(person, "portal.timeline", sorted({row.category for row in rows}))
    return rows


def own_access_log_read(*, person_id: int, page: int | str = 1, per_page: int = 50) -> Page[Any]:
    """Who has read the person's data, or tried to: every staff and system read, newest first.

    The person's own portal reads are left out (they are logged, but they are
    not "someone else reading"). Viewing the list is itself logged.
    """
    with transaction.atomic():
        person = _person(person_id)
        events = (
            AccessEvent.objects.filter(person=person, actor__isnull=False)
            .exclude(channel=Channel.PORTAL)
            .order_by("-occurred_at", "-seq")
        )
        result = Paginator(events, per_page).get_page(page)
        # Evaluate inside the transaction, so the page and its log entry agree.
        result.object_list = list(result.object_list)
        _log(person, "portal.access_log", [])
    return result


_EVENT_SALT = "ingang.portal.access-event"


def access_event_token(event: AccessEvent) -> str:
    """An opaque, unforgeable reference to one access event, for the portal's forms and URLs."""
    return signing.dumps(event.seq, salt=_EVENT_SALT, compress=True)


def own_access_event(*, person_id: int, token: str) -> AccessEvent:
    """One entry of the person's own access log (to flag it).

    A forged token, or an event about someone else, is simply not found.
    """
    try:
        seq = signing.loads(token, salt=_EVENT_SALT)
    except signing.BadSignature:
        raise PersonNotFound from None
    event = (
        AccessEvent.objects.filter(person_id=person_id, actor__isnull=False, seq=seq)
        .exclude(channel=Channel.PORTAL)
        .first()
    )
    if event is None:
        raise PersonNotFound
    return event
