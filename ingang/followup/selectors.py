"""Reads of participations by staff. A named participation is read through the gate."""

from django.db.models import QuerySet

from ingang.access.selectors import PersonNotFound, PersonRecord, Source, person_record_read
from ingang.accounts.models import User
from ingang.agencies.models import Role
from ingang.core.categories import Category
from ingang.followup.models import Participation
from ingang.people.models import Person


def participation_source(reference: str | None = None) -> Source:
    """A gate Source of a person's participations (all, or the one with `reference`)."""

    def query(person: Person) -> QuerySet[Participation]:
        rows = Participation.objects.filter(person=person).select_related(
            "project__association", "referring_agency", "owning_agency"
        )
        if reference is not None:
            rows = rows.filter(reference=reference)
        return rows.order_by("-entered_on", "-id")

    return Source(Category.PLAN, query)


def participation_read(
    *, reader: User, reference: str
) -> tuple[Participation, PersonRecord | None]:
    """One participation by its reference, for registering exit and follow-up.

    A named one is read through the gate like any of the person's data (a
    logged 404 when the reader is not on the team); an anonymous one only by
    staff of the agency that registered it. Analysts never get here.
    """
    found = (
        Participation.objects.filter(reference=reference)
        .select_related("person", "project__association", "referring_agency", "owning_agency")
        .first()
    )
    if found is None or not Role(reader.role).reads_person_data:
        raise PersonNotFound
    if found.person is None:
        agency = reader.agency
        if agency is None or agency.pk != found.owning_agency_id:
            raise PersonNotFound
        return found, None
    record = person_record_read(
        reader=reader,
        public_id=found.person.public_id,
        categories=[Category.IDENTITY],
        action="participation.detail",
        sources={"participation": participation_source(reference)},
    )
    items = record.data["participation"].items
    if not items:
        raise PersonNotFound
    participation: Participation = items[0]
    return participation, record
