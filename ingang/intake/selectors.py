"""Reads of contacts. Display goes through the gate: these give the gate its rows."""

from datetime import datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from ingang.access.selectors import ListedItem, Listing, Source, items_listed_read
from ingang.accounts.models import User
from ingang.core.categories import Category
from ingang.intake.models import Contact, ContactState
from ingang.people.models import Person

RECEPTION_ROWS = 50


def contacts_of(person: Person) -> "QuerySet[Contact]":
    """Every contact of a person, for a gated read (Source of category notes)."""
    return Contact.objects.filter(person=person).select_related(
        "owning_agency",
        "registered_by__unit__agency",
        "routed_to__unit__agency",
        "closed_by__unit__agency",
    )


CONTACTS_SOURCE = Source(Category.NOTES, contacts_of)


def reception_contacts(user: User) -> "QuerySet[Contact]":
    """Candidate rows for a front desk: contacts registered by staff of the user's unit."""
    if user.unit_id is None:
        return Contact.objects.none()
    return (
        Contact.objects.filter(registered_by__unit_id=user.unit_id)
        .select_related("person", "registered_by", "routed_to", "owning_agency")
        .order_by("-received_at", "-pk")
    )


def reception_read(*, reader: User) -> dict[str, list[ListedItem]]:
    """The front-desk dashboard's three lists, gated as one read (action "intake.reception")."""
    start = timezone.make_aware(
        datetime.combine(timezone.localdate(), time.min), timezone.get_current_timezone()
    )
    contacts = reception_contacts(reader)
    opened = contacts.filter(state=ContactState.OPEN)
    listings = {
        "today": Listing(
            Category.NOTES, list(contacts.filter(received_at__gte=start)[:RECEPTION_ROWS])
        ),
        "open": Listing(Category.NOTES, list(opened[:RECEPTION_ROWS])),
        "unrouted": Listing(
            Category.NOTES, list(opened.filter(routed_to__isnull=True)[:RECEPTION_ROWS])
        ),
    }
    return items_listed_read(reader=reader, listings=listings, action="intake.reception")
