from ingang.accounts.models import User
from ingang.core.categories import Category
from ingang.people.models import Person
from ingang.timeline.models import TimelineEvent


def timeline_event_emit(
    *, person: Person, actor: User, category: Category, kind: str, summary: str
) -> TimelineEvent:
    agency = actor.agency
    if agency is None:
        raise ValueError("Only staff of an agency act on a person's record.")
    return TimelineEvent.objects.create(
        person=person,
        actor=actor,
        owning_agency=agency,
        category=category,
        kind=kind,
        summary=summary,
    )
