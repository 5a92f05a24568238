"""The one door to a person's data.

Every read of a person's data goes through a function here. Each one asks
the rules in ingang.access.decisions, fetches only what they allow, and
writes the access events in the same transaction before returning. If the
events cannot be written the transaction fails and nothing is returned.
"Not found" and "not related" raise the same PersonNotFound.
"""

import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NoReturn

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404

from ingang.access import sql
from ingang.access.decisions import (
    AccessContext,
    Decision,
    Reason,
    load_context,
    load_context_with_case,
    load_contexts,
)
from ingang.accounts.models import User
from ingang.agencies.models import Role
from ingang.audit.models import Channel, Outcome
from ingang.audit.services import PendingEvent, access_events_record
from ingang.cases.models import Case, CaseState
from ingang.core.categories import ENTRY_CATEGORIES, Category
from ingang.people.models import Person
from ingang.records.models import Entry

ALL_CATEGORIES: tuple[Category, ...] = tuple(Category)


class PersonNotFound(Http404):
    """The person does not exist, or the reader may not know that they do."""


@dataclass(frozen=True)
class IdentityView:
    """Identity fields, present only when the gate allowed the identity category."""

    name: str
    given_name: str
    family_name: str
    personal_number: str
    is_coordination_number: bool
    street_address: str
    postal_code: str
    city: str
    phone: str
    email: str


@dataclass
class CategorySection:
    category: Category
    entries: list[Entry]
    # Whether data recorded by other agencies crosses the boundary to the reader.
    cross_agency: Decision


@dataclass(frozen=True)
class Source:
    """A kind of a person's data held in its own table (plans, assessments, meetings, …).

    `query` returns every row of the person's data of this kind; the gate
    narrows it in the database to the reader's own agency's rows unless
    consent carries `category` across the agency boundary. `owner_field`
    names the field holding the owning agency.
    """

    category: Category
    query: Callable[[Person], "QuerySet[Any]"]
    owner_field: str = "owning_agency"


@dataclass
class SourceSection:
    category: Category
    items: list[Any]
    # Whether rows owned by other agencies cross the boundary to the reader.
    cross_agency: Decision


@dataclass
class PersonRecord:
    # The leading underscore keeps the raw model out of templates' reach.
    _subject: Person
    public_id: uuid.UUID
    protected_identity: bool
    is_test_data: bool
    case: Case | None
    identity: IdentityView | None
    identity_decision: Decision
    sections: list[CategorySection] = field(default_factory=list)
    context: AccessContext | None = None
    # Rows read through Sources, keyed by the name the caller gave each source.
    data: dict[str, SourceSection] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.identity.name if self.identity is not None else "—"


def subject_of(record: PersonRecord) -> Person:
    """The person behind a record, for write services and log queries after the gate.

    Not for templates: the model's fields are not filtered by category.
    """
    return record._subject


def case_of(record: PersonRecord) -> Case:
    """The open case through which the reader is related to the person."""
    if record.case is None:
        raise PersonNotFound
    return record.case


class _Refused(PersonNotFound):
    def __init__(self, event: PendingEvent) -> None:
        super().__init__()
        self.event = event


def _denial(
    reader: User,
    person: Person | None,
    ref: str,
    action: str,
    reason: str,
    categories: Iterable[Category],
    channel: Channel,
) -> NoReturn:
    """Refuse the read. The denial event is written by _gated once the read's
    transaction has rolled back, so the refusal itself is never lost."""
    raise _Refused(
        PendingEvent(
            actor=reader,
            person=person,
            subject_ref=ref,
            action=action,
            outcome=Outcome.DENIED,
            basis={c.value: reason for c in categories},
            channel=channel,
        )
    )


@contextmanager
def _gated() -> Iterator[None]:
    """One read: a transaction whose events commit with it, or a logged refusal."""
    try:
        with transaction.atomic():
            yield
    except _Refused as refused:
        access_events_record([refused.event])
        raise PersonNotFound from None


def _key(public_id: uuid.UUID | str) -> uuid.UUID | None:
    """A public id as a UUID; None for text that is not one (found by nobody)."""
    try:
        return uuid.UUID(str(public_id))
    except ValueError:
        return None


def _resolve(public_id: uuid.UUID | str) -> Person | None:
    key = _key(public_id)
    return None if key is None else sql.person_by_public_id(key)


def _resolve_with_case(
    public_id: uuid.UUID | str, reader: User
) -> tuple[Person | None, Case | None]:
    """The person and, in the same query, their open case if it relates the reader."""
    key = _key(public_id)
    return (None, None) if key is None else sql.person_and_related_case(key, reader_id=reader.pk)


def identity_view(person: Person) -> IdentityView:
    """Map a person's identity fields. Only for callers the gate allowed identity."""
    return IdentityView(
        name=f"{person.given_name} {person.family_name}",
        given_name=person.given_name,
        family_name=person.family_name,
        personal_number=person.formatted_number,
        is_coordination_number=person.is_coordination_number,
        street_address=person.street_address,
        postal_code=person.postal_code,
        city=person.city,
        phone=person.phone,
        email=person.email,
    )


def _join(bases: Iterable[str]) -> str:
    return ";".join(sorted(set(bases)))


def person_record_read(
    *,
    reader: User,
    public_id: uuid.UUID | str,
    categories: Sequence[Category] = ALL_CATEGORIES,
    action: str = "person.overview",
    channel: Channel = Channel.WEB,
    sources: Mapping[str, Source] | None = None,
) -> PersonRecord:
    """Read the categories of a person's data that the reader may see.

    `categories` picks identity and the entry categories; `sources` adds data
    held in other tables, one query per source whatever its size, found in
    `record.data[name]`. Writes one `allowed` event listing the categories
    returned with their legal basis, and one `denied` event listing the
    categories withheld with their reason. Raises PersonNotFound (after
    logging the attempt) when the person is missing or the reader is not
    related to them.
    """
    sources = sources or {}
    logged = [*categories, *(s.category for s in sources.values())]
    with _gated():
        person, case = _resolve_with_case(public_id, reader)
        if person is None:
            _denial(reader, None, str(public_id), action, Reason.NOT_FOUND, logged, channel)
        context = load_context_with_case(reader, person, case)
        gatekeeper = context.relation_decision(Category.PLAN)
        if gatekeeper is not None:
            _denial(
                reader,
                person,
                str(person.public_id),
                action,
                gatekeeper.reason,
                logged,
                channel,
            )

        bases: dict[str, set[str]] = {}
        denied: dict[str, str] = {}

        identity_decision = context.decide(Category.IDENTITY, person.registering_agency_id)
        identity = None
        if Category.IDENTITY in categories:
            if identity_decision:
                identity = identity_view(person)
                bases[Category.IDENTITY] = {identity_decision.basis}
            else:
                denied[Category.IDENTITY] = identity_decision.reason

        sections = _read_entries(
            context, [c for c in categories if c in ENTRY_CATEGORIES], bases, denied
        )
        data = {
            name: _read_source(context, source, bases, denied) for name, source in sources.items()
        }
        allowed = {category: _join(found) for category, found in bases.items() if found}

        record = PersonRecord(
            _subject=person,
            public_id=person.public_id,
            protected_identity=person.protected_identity,
            is_test_data=person.is_test_data,
            case=context.case,
            identity=identity,
            identity_decision=identity_decision,
            sections=sections,
            context=context,
            data=data,
        )
        events = []
        if allowed:
            events.append(
                PendingEvent(
                    reader, person, str(person.public_id), action, Outcome.ALLOWED, allowed, channel
                )
            )
        if denied:
            events.append(
                PendingEvent(
                    reader, person, str(person.public_id), action, Outcome.DENIED, denied, channel
                )
            )
        access_events_record(events)
    return record


def _read_entries(
    context: AccessContext,
    categories: list[Category],
    bases: dict[str, set[str]],
    denied: dict[str, str],
) -> list[CategorySection]:
    """Fetch every entry the reader may see, in one query whatever their number."""
    if not categories:
        return []
    agency = context.reader_agency
    if agency is None:
        raise PersonNotFound
    cross = {c: context.decide(c) for c in categories}
    crossing = [c for c, d in cross.items() if d]
    entries = sql.entries_visible(
        person_id=context.person.pk,
        own_agency_id=agency.pk,
        categories=categories,
        crossing=crossing,
    )
    by_category: dict[Category, list[Entry]] = {c: [] for c in categories}
    for entry in entries:
        own = entry.owning_agency_id == agency.pk
        if not own and context.entry_blocked(entry.pk):
            continue
        category = Category(entry.category)
        by_category[category].append(entry)
        bases.setdefault(category, set()).add(Reason.OWN_AGENCY if own else cross[category].basis)
    for category in categories:
        if not cross[category]:
            denied[category] = cross[category].reason
    return [CategorySection(c, by_category[c], cross[c]) for c in categories]


def _read_source(
    context: AccessContext,
    source: Source,
    bases: dict[str, set[str]],
    denied: dict[str, str],
) -> SourceSection:
    """Fetch the rows of one source the reader may see, in one query."""
    agency = context.reader_agency
    if agency is None:
        raise PersonNotFound
    cross = context.decide(source.category)
    rows = source.query(context.person)
    if not cross:
        rows = rows.filter(**{f"{source.owner_field}_id": agency.pk})
        denied[source.category] = cross.reason
    items = list(rows)
    for item in items:
        own = getattr(item, f"{source.owner_field}_id") == agency.pk
        bases.setdefault(source.category, set()).add(Reason.OWN_AGENCY if own else cross.basis)
    return SourceSection(source.category, items, cross)


def person_number_lookup(
    *, reader: User, personal_number: str, channel: Channel = Channel.WEB
) -> uuid.UUID:
    """Find a person the reader is related to by (normalised) identity number.

    Logs the search. Raises PersonNotFound when there is no such person or the
    reader is not related, so a search never reveals who else is registered.
    """
    action = "person.search"
    masked = f"{personal_number[:8]}-****"
    with _gated():
        person = Person.objects.filter(personal_number=personal_number).first()
        if person is None:
            _denial(reader, None, masked, action, Reason.NOT_FOUND, [Category.IDENTITY], channel)
        context = load_context(reader, person)
        decision = context.relation_decision(Category.IDENTITY)
        if decision is not None:
            _denial(reader, person, masked, action, decision.reason, [Category.IDENTITY], channel)
        access_events_record(
            [
                PendingEvent(
                    reader,
                    person,
                    masked,
                    action,
                    Outcome.ALLOWED,
                    {Category.IDENTITY: "search_by_identity_number"},
                    channel,
                )
            ]
        )
    return person.public_id


@dataclass(frozen=True)
class ListedPerson:
    """A person's name in a list, present only where the gate allows identity."""

    public_id: uuid.UUID
    name: str | None
    personal_number: str | None
    decision: Decision


def people_listed_read(
    *, reader: User, people: Sequence[Person], action: str, channel: Channel = Channel.WEB
) -> dict[int, ListedPerson]:
    """Names for a list of people, keyed by person id, in a fixed number of queries.

    One event per person listed: listing a name is reading identity.
    """
    listed: dict[int, ListedPerson] = {}
    events: list[PendingEvent] = []
    with _gated():
        contexts = load_contexts(reader, people)
        for person in people:
            decision = contexts[person.pk].decide(Category.IDENTITY, person.registering_agency_id)
            shown = bool(decision)
            listed[person.pk] = ListedPerson(
                public_id=person.public_id,
                name=f"{person.given_name} {person.family_name}" if shown else None,
                personal_number=person.formatted_number if shown else None,
                decision=decision,
            )
            events.append(
                PendingEvent(
                    reader,
                    person,
                    str(person.public_id),
                    action,
                    Outcome.ALLOWED if shown else Outcome.DENIED,
                    {Category.IDENTITY: decision.basis},
                    channel,
                )
            )
        access_events_record(events)
    return listed


CASES_PER_PAGE = 25


def my_cases_read(
    *, reader: User, page: int | str | None = 1, channel: Channel = Channel.WEB
) -> tuple[Page[Case], dict[int, ListedPerson]]:
    """One page of the reader's open cases, with the names the gate allows.

    Only the people on the page shown are read (and logged).
    """
    cases = (
        Case.objects.filter(state=CaseState.OPEN)
        .filter(Q(coordinator=reader) | Q(members__staff=reader))
        .select_related("person")
        .distinct()
        .order_by("-opened_at", "-pk")
    )
    shown = Paginator(cases, CASES_PER_PAGE).get_page(page)
    listed = people_listed_read(
        reader=reader, people=[c.person for c in shown], action="case.list", channel=channel
    )
    return shown, listed


def person_log_review_read(
    *,
    reader: User,
    public_id: uuid.UUID | str | None = None,
    personal_number: str | None = None,
    channel: Channel = Channel.WEB,
) -> PersonRecord:
    """An auditor opens a person's access log (log review, loggkontroll).

    Auditors read no person data but identity, with `log_review` as the basis,
    and are not bound to teams: reviewing anyone's log is their job. Others
    reach a person's log through person_record_read and their team relation.
    """
    action = "access_log.review"
    ref = str(public_id) if public_id is not None else f"{(personal_number or '')[:8]}-****"
    with _gated():
        if personal_number is not None:
            person = Person.objects.filter(personal_number=personal_number).first()
        else:
            person = _resolve(public_id or "")
        if person is None or not Role(reader.role).reviews_access_log:
            reason = Reason.NOT_FOUND if person is None else Reason.ROLE
            _denial(reader, person, ref, action, reason, [Category.IDENTITY], channel)
        basis = "log_review"
        access_events_record(
            [
                PendingEvent(
                    reader,
                    person,
                    str(person.public_id),
                    action,
                    Outcome.ALLOWED,
                    {Category.IDENTITY: basis},
                    channel,
                )
            ]
        )
    decision = Decision(True, Category.IDENTITY, basis, basis, "")
    return PersonRecord(
        _subject=person,
        public_id=person.public_id,
        protected_identity=person.protected_identity,
        is_test_data=person.is_test_data,
        case=None,
        identity=identity_view(person),
        identity_decision=decision,
    )


@dataclass(frozen=True)
class ListedItem:
    """One row of a list of several people's data, as the gate lets the reader see it.

    `item` is None when the reader may not see the row's category for its
    owning agency; `decision` then carries the reason. `person` holds the name
    only where identity is allowed.
    """

    item: Any
    person: ListedPerson
    decision: Decision


@dataclass(frozen=True)
class Listing:
    """A named list for items_listed_read: rows with `person` (select_related) and an owner.

    With `category` None each row's own `category` field names its category
    (timeline events, notifications).
    """

    category: Category | None
    rows: Sequence[Any]
    owner_field: str = "owning_agency"


def items_listed_read(
    *,
    reader: User,
    listings: Mapping[str, Listing],
    action: str,
    channel: Channel = Channel.WEB,
) -> dict[str, list[ListedItem]]:
    """Gate several lists of rows about many people at once (dashboards, inboxes, calendars).

    The rules are loaded for every person involved in two queries whatever
    their number. Each person shown gets one `allowed` event listing the
    categories shown with their basis, and one `denied` event for what was
    withheld, as a single read of the whole page.
    """
    people: dict[int, Person] = {}
    for listing in listings.values():
        for row in listing.rows:
            people.setdefault(row.person_id, row.person)
    result: dict[str, list[ListedItem]] = {name: [] for name in listings}
    with _gated():
        contexts = load_contexts(reader, list(people.values()))
        shown: dict[int, dict[str, set[str]]] = {pk: {} for pk in people}
        withheld: dict[int, dict[str, str]] = {pk: {} for pk in people}
        names: dict[int, ListedPerson] = {}
        for pk, person in people.items():
            decision = contexts[pk].decide(Category.IDENTITY, person.registering_agency_id)
            visible = bool(decision)
            names[pk] = ListedPerson(
                public_id=person.public_id,
                name=f"{person.given_name} {person.family_name}" if visible else None,
                personal_number=person.formatted_number if visible else None,
                decision=decision,
            )
            if visible:
                shown[pk][Category.IDENTITY] = {decision.basis}
            else:
                withheld[pk][Category.IDENTITY] = decision.reason
        for name, listing in listings.items():
            for row in listing.rows:
                pk = row.person_id
                category = listing.category or Category(row.category)
                decision = contexts[pk].decide(category, getattr(row, f"{listing.owner_field}_id"))
                if decision:
                    shown[pk].setdefault(category, set()).add(decision.basis)
                else:
                    withheld[pk][category] = decision.reason
                result[name].append(
                    ListedItem(item=row if decision else None, person=names[pk], decision=decision)
                )
        events: list[PendingEvent] = []
        for pk, person in people.items():
            ref = str(person.public_id)
            if shown[pk]:
                allowed = {c: _join(b) for c, b in shown[pk].items()}
                events.append(
                    PendingEvent(reader, person, ref, action, Outcome.ALLOWED, allowed, channel)
                )
            if withheld[pk]:
                events.append(
                    PendingEvent(reader, person, ref, action, Outcome.DENIED, withheld[pk], channel)
                )
        access_events_record(events)
    return result


def timeline_read(
    *,
    reader: User,
    public_id: uuid.UUID | str,
    limit: int = 100,
    channel: Channel = Channel.WEB,
) -> tuple[PersonRecord, list[Any]]:
    """A person's timeline: the events whose category the reader may see for the agency that acted.

    Identity is read (and logged) as on any person page; the newest `limit`
    events are then fetched in one query and the categories shown and
    withheld logged as a second read ("timeline.view").
    """
    from ingang.timeline.models import TimelineEvent

    action = "timeline.view"
    record = person_record_read(
        reader=reader,
        public_id=public_id,
        categories=[Category.IDENTITY],
        action=action,
        channel=channel,
    )
    context = record.context
    agency = context.reader_agency if context is not None else None
    if context is None or agency is None:
        raise PersonNotFound
    person = subject_of(record)
    cross: dict[Category, Decision] = {c: context.decide(c) for c in ENTRY_CATEGORIES}
    crossing = [c for c, d in cross.items() if d]
    with _gated():
        rows = list(
            TimelineEvent.objects.filter(person=person)
            .filter(Q(owning_agency=agency) | Q(category__in=crossing))
            .select_related("actor", "owning_agency")
            .order_by("-occurred_at", "-pk")[:limit]
        )
        shown: dict[str, set[str]] = {}
        for row in rows:
            own = row.owning_agency_id == agency.pk
            basis = Reason.OWN_AGENCY if own else cross[Category(row.category)].basis
            shown.setdefault(row.category, set()).add(basis)
        ref = str(person.public_id)
        events = []
        if shown:
            allowed = {c: _join(b) for c, b in shown.items()}
            events.append(
                PendingEvent(reader, person, ref, action, Outcome.ALLOWED, allowed, channel)
            )
        denied = {c.value: d.reason for c, d in cross.items() if not d}
        if denied:
            events.append(
                PendingEvent(reader, person, ref, action, Outcome.DENIED, denied, channel)
            )
        access_events_record(events)
    return record, rows
