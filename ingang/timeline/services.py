from ingang.accounts.models import User
from ingang.agencies.models import Agency
from ingang.core.categories import Category
from ingang.people.models import Person
from ingang.timeline.models import TimelineEvent


def timeline_event_emit(
    *, person: Person, actor: User, category: Category, kind: str, summary: str
) -> TimelineEvent:
    """Record that something happened to the person's record and tell the team.

    Call inside the write's transaction: the event and its notifications
    commit or roll back with the change they describe.
    """
    agency = actor.agency
    if agency is None:
        raise ValueError("Only staff of an agency act on a person's record.")
    return _emit(
        person=person, actor=actor, agency=agency, category=category, kind=kind, summary=summary
    )


def timeline_event_emit_by_person(
    *, person: Person, agency: Agency, category: Category, kind: str, summary: str
) -> TimelineEvent:
    """The person acted on My pages (gave or withdrew consent, wrote to the team).

    `agency` owns the event for the gate: the agency of the case's coordinator,
    so the whole team is told as for any change of that agency's data.
    """
    return _emit(
        person=person, actor=None, agency=agency, category=category, kind=kind, summary=summary
    )


def _emit(
    *,
    person: Person,
    actor: User | None,
    agency: Agency,
    category: Category,
    kind: str,
    summary: str,
) -> TimelineEvent:
    from ingang.notifications.services import notifications_create_for

    event = TimelineEvent.objects.create(
        person=person,
        actor=actor,
        owning_agency=agency,
        category=category,
        kind=kind,
        summary=summary,
    )
    notifications_create_for(event)
    return event
