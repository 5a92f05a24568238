"""Consents: read, register and withdraw, through the consent services."""

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status

from ingang.access.selectors import subject_of
from ingang.accounts.models import User
from ingang.agencies.models import Agency
from ingang.api.auth import reader
from ingang.api.errors import ApiError, bilingual
from ingang.api.models import Scope
from ingang.api.pagination import Page, page_of
from ingang.api.reads import record_read
from ingang.api.routes.people import Limit
from ingang.api.schemas import ERRORS, AgencyOut, ConsentIn, ConsentOut, WithdrawIn
from ingang.consent.models import Consent, ConsentStatus
from ingang.consent.selectors import consent_of, consents_of
from ingang.consent.services import consent_register, consent_withdraw

router = Router(tags=["consents"])


def consent_out(consent: Consent, status: ConsentStatus) -> ConsentOut:
    return ConsentOut(
        id=consent.public_id,
        categories=list(consent.categories),
        agencies=[AgencyOut.of(a) for a in consent.agencies.all()],
        staff=[u.username for u in consent.staff.all()],
        valid_from=consent.valid_from,
        valid_until=consent.valid_until,
        source=consent.source,
        status=status,
        registered_at=consent.registered_at,
        registered_by=consent.registered_by.display_name if consent.registered_by else "",
        withdrawn_at=consent.withdrawn_at,
    )


@router.get("/people/{person_id}/consents", response={200: Page[ConsentOut], **ERRORS})
def consents_list(
    request: HttpRequest, person_id: UUID, cursor: str | None = None, limit: int = Limit
) -> dict[str, Any]:
    record = record_read(reader(request), person_id, "consent.list")
    rows, following = page_of("consents", consents_of(record=record), cursor, limit)
    return {"items": [consent_out(c, s) for c, s in rows], "next_cursor": following}


@router.post("/people/{person_id}/consents", response={201: ConsentOut, **ERRORS})
def consents_register(request: HttpRequest, person_id: UUID, body: ConsentIn) -> Status[ConsentOut]:
    """Register the person's consent (scope `write:consents`)."""
    user = reader(request, Scope.WRITE_CONSENTS)
    record = record_read(user, person_id, "consent.register")
    agencies = list(Agency.objects.filter(pk__in=body.agency_ids))
    staff = list(User.objects.filter(username__in=body.staff_usernames, is_active=True))
    fields: dict[str, list[str]] = {}
    if len(agencies) != len(set(body.agency_ids)):
        fields["agency_ids"] = ["unknown"]
    if len(staff) != len(set(body.staff_usernames)):
        fields["staff_usernames"] = ["unknown"]
    if fields:
        raise ApiError(422, "invalid", {k: [_unknown()] for k in fields})
    consent = consent_register(
        person=subject_of(record),
        actor=user,
        categories=body.categories,
        agencies=agencies,
        staff=staff,
        valid_from=body.valid_from,
        valid_until=body.valid_until,
        source=body.source,
        witness=body.witness,
        note=body.note,
    )
    return Status(201, consent_out(consent, consent.status(timezone.localdate())))


def _unknown() -> dict[str, str]:
    return bilingual(_("Unknown agency or staff member."))


@router.post(
    "/people/{person_id}/consents/{consent_id}/withdraw", response={200: ConsentOut, **ERRORS}
)
def consents_withdraw(
    request: HttpRequest, person_id: UUID, consent_id: UUID, body: WithdrawIn
) -> ConsentOut:
    """Withdraw a consent (scope `write:consents`); the gate denies on the very next request."""
    user = reader(request, Scope.WRITE_CONSENTS)
    record = record_read(user, person_id, "consent.withdraw")
    consent = consent_withdraw(
        consent=consent_of(record=record, consent_id=consent_id), actor=user, reason=body.reason
    )
    return consent_out(consent, consent.status(timezone.localdate()))
