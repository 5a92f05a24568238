from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ingang.access.selectors import PersonRecord, subject_of
from ingang.accounts.models import User
from ingang.agencies.models import Agency
from ingang.cases.models import Case, CaseState
from ingang.consent.models import Block, Consent, ConsentStatus
from ingang.people.models import Person


def consents_expiring_for(*, staff: User) -> QuerySet[Consent]:
    """Current consents ending within the warning window, for people on the staff's open cases.

    Used for the caseworker's reminder list; it carries no person data beyond
    the consent's dates, and the list links to the gated overview.
    """
    today = timezone.localdate()
    horizon = today + timedelta(days=settings.CONSENT_EXPIRING_DAYS)
    related = Q(person__cases__state=CaseState.OPEN) & (
        Q(person__cases__coordinator=staff) | Q(person__cases__members__staff=staff)
    )
    return (
        Consent.objects.filter(related)
        .filter(
            withdrawn_at__isnull=True,
            valid_from__lte=today,
            valid_until__gte=today,
            valid_until__lte=horizon,
        )
        .select_related("person")
        .distinct()
        .order_by("valid_until")
    )


def consents_of(*, record: PersonRecord) -> list[tuple[Consent, ConsentStatus]]:
    """The person's consents with their status today. `record` proves the gate was passed."""
    today = timezone.localdate()
    consents = (
        Consent.objects.filter(person=subject_of(record))
        .select_related("registered_by", "withdrawn_by")
        .prefetch_related("agencies", "staff")
    )
    return [(c, c.status(today)) for c in consents]


def consent_of(*, record: PersonRecord, consent_id: UUID) -> Consent:
    consent = Consent.objects.filter(person=subject_of(record), public_id=consent_id).first()
    if consent is None:
        raise Http404
    return consent


def blocks_of(*, record: PersonRecord) -> QuerySet[Block]:
    return Block.objects.filter(person=subject_of(record), lifted_at__isnull=True).select_related(
        "entry", "created_by"
    )


def block_of(*, record: PersonRecord, block_id: UUID) -> Block:
    block = Block.objects.filter(person=subject_of(record), public_id=block_id).first()
    if block is None:
        raise Http404
    return block


def consent_agencies_for(person: Person) -> list[Agency]:
    """Agencies the person may give consent to on My pages: those of their open case's team.

    Consent to any other agency would open nothing (the gate also needs the
    team relation), so My pages offer only these.
    """
    case = Case.objects.filter(person=person, state=CaseState.OPEN).first()
    if case is None:
        return []
    staff = [case.coordinator_id, *case.members.values_list("staff_id", flat=True)]
    return list(Agency.objects.filter(units__staff__in=staff).distinct().order_by("name"))
