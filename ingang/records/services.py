from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ingang.accounts.models import User
from ingang.cases.models import Case, CaseState
from ingang.core.categories import ENTRY_CATEGORIES, Category
from ingang.people.models import Person
from ingang.records.models import Entry
from ingang.timeline.services import timeline_event_emit, timeline_event_emit_by_person


@transaction.atomic
def entry_create(
    *, person: Person, actor: User, category: Category | str, title: str, body: str = ""
) -> Entry:
    """Record an item of data, owned by the actor's agency."""
    try:
        parsed = Category(category)
    except ValueError:
        raise ValidationError({"category": _("Unknown category.")}) from None
    if parsed not in ENTRY_CATEGORIES:
        raise ValidationError({"category": _("Identity data is edited on the person.")})
    if not title.strip():
        raise ValidationError({"title": _("Enter a title.")})
    if actor.agency is None:
        raise ValidationError(_("Only staff of an agency record data."))
    entry = Entry.objects.create(
        person=person,
        category=parsed,
        owning_agency=actor.agency,
        author=actor,
        title=title.strip(),
        body=body.strip(),
    )
    timeline_event_emit(
        person=person,
        actor=actor,
        category=parsed,
        kind="entry.recorded",
        summary=_("New %(category)s entry") % {"category": parsed.label.lower()},
    )
    return entry


class NoTeam(ValidationError):
    """The person has no open case, so there is no team to own what they write."""


@transaction.atomic
def entry_create_by_person(
    *, person: Person, category: Category, title: str, body: str, kind: str, summary: str
) -> Entry:
    """Record an item the person wrote themselves on My pages (author None).

    Owned by the agency of the open case's coordinator, so the team reads it
    through the gate like that agency's own data; the timeline event (`kind`,
    a `summary` without the text itself) notifies the team.
    """
    case = (
        Case.objects.select_related("coordinator__unit__agency")
        .filter(person=person, state=CaseState.OPEN)
        .first()
    )
    agency = case.coordinator.agency if case is not None else None
    if agency is None:
        raise NoTeam(_("You have no team to write to yet."))
    entry = Entry.objects.create(
        person=person,
        category=category,
        owning_agency=agency,
        author=None,
        title=title.strip(),
        body=body.strip(),
    )
    timeline_event_emit_by_person(
        person=person, agency=agency, category=category, kind=kind, summary=summary
    )
    return entry
