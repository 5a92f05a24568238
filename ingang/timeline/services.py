from ingang.accounts.models import User
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
    from ingang.notifications.services import notifications_create_for

    agency = actor.agency
    if agency is None:
        raise ValueError("Only staff of an agency act on a person's record.")
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
