from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ingang.accounts.models import User
from ingang.core.categories import ENTRY_CATEGORIES, Category
from ingang.people.models import Person
from ingang.records.models import Entry
from ingang.timeline.services import timeline_event_emit


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
