"""My pages: the person's consents and blocks (samtycken och spärrar).

The person sees every consent and block, withdraws any consent, gives a new
one to agencies on their team, and blocks a category (and lifts a block they
made themselves). Each page is a logged own read (ingang.access.own); each
change is a consent service that tells the team through the timeline.
"""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ingang.access.own import own_record_read
from ingang.access.selectors import PersonRecord, subject_of
from ingang.consent.models import Block, ConsentStatus
from ingang.consent.selectors import (
    block_of,
    blocks_of,
    consent_agencies_for,
    consent_of,
    consents_of,
)
from ingang.consent.services import (
    block_add_by_person,
    block_lift_by_person,
    consent_give_by_person,
    consent_withdraw_by_person,
)
from ingang.core.forms import apply_validation_error
from ingang.core.permissions import Need, access_rule
from ingang.portal.auth import PortalRequest
from ingang.portal.consent_forms import BlockForm, GiveConsentForm
from ingang.portal.plain import category_plain

# Consents that still give access, or will: these can be withdrawn.
_IN_FORCE = (ConsentStatus.ACTIVE, ConsentStatus.EXPIRING, ConsentStatus.NOT_YET_VALID)


def _own(request: PortalRequest, action: str) -> PersonRecord:
    """The person's own record (no data categories): proves who they are, and logs the page."""
    return own_record_read(person_id=request.portal.person_id, action=action, categories=[])


def _blocks(record: PersonRecord) -> list[tuple[Block, str]]:
    return [
        (b, category_plain(b.category) if b.category else b.entry.title if b.entry else "")
        for b in blocks_of(record=record)
    ]


@access_rule(Need.PORTAL)
def consents(request: PortalRequest) -> HttpResponse:
    record = _own(request, "portal.consents")
    rows = [
        (consent, status, [category_plain(c) for c in sorted(consent.categories)])
        for consent, status in consents_of(record=record)
    ]
    return render(
        request,
        "portal/consents.html",
        {
            "in_force": [r for r in rows if r[1] in _IN_FORCE],
            "ended": [r for r in rows if r[1] not in _IN_FORCE],
            "blocks": _blocks(record),
            "may_give": bool(consent_agencies_for(subject_of(record))),
            "coordinator": record.case.coordinator if record.case is not None else None,
        },
    )


@access_rule(Need.PORTAL)
def consent_new(request: PortalRequest) -> HttpResponse:
    record = _own(request, "portal.consent.give")
    person = subject_of(record)
    agencies = consent_agencies_for(person)
    form = GiveConsentForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            consent_give_by_person(
                person=person,
                agencies=form.cleaned_data["agencies"],
                categories=form.cleaned_data["categories"],
                valid_until=form.cleaned_data["valid_until"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request, _("Your consent is saved. It applies from today. Your team has been told.")
            )
            return redirect("portal:consents")
    return render(
        request,
        "portal/consents_new.html",
        {"form": form, "agencies": agencies},
    )


@access_rule(Need.PORTAL)
def consent_withdraw(request: PortalRequest, consent_id: UUID) -> HttpResponse:
    """Ask once, then withdraw: from the very next request the consent gives no access."""
    record = _own(request, "portal.consent.withdraw")
    consent = consent_of(record=record, consent_id=consent_id)  # 404 unless the person's own
    if consent.withdrawn_at is not None:
        messages.info(request, _("The consent is already withdrawn."))
        return redirect("portal:consents")
    if request.method == "POST":
        try:
            consent_withdraw_by_person(person=subject_of(record), consent=consent)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _(
                    "The consent is withdrawn. It no longer gives anyone access. "
                    "Your team has been told."
                ),
            )
        return redirect("portal:consents")
    return render(
        request,
        "portal/consents_withdraw.html",
        {
            "consent": consent,
            "status": consent.status(timezone.localdate()),
            "categories": [category_plain(c) for c in sorted(consent.categories)],
        },
    )


@access_rule(Need.PORTAL)
def block_new(request: PortalRequest) -> HttpResponse:
    record = _own(request, "portal.block.create")
    form = BlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            block_add_by_person(person=subject_of(record), category=form.cleaned_data["category"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("The information is blocked for other agencies. Your team has been told."),
            )
            return redirect("portal:consents")
    return render(request, "portal/consents_block.html", {"form": form})


@access_rule(Need.PORTAL)
@require_POST
def block_lift(request: PortalRequest, block_id: UUID) -> HttpResponse:
    record = _own(request, "portal.block.lift")
    block = block_of(record=record, block_id=block_id)  # 404 unless the person's own
    try:
        block_lift_by_person(person=subject_of(record), block=block)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The block is lifted. Your consents apply again."))
    return redirect("portal:consents")
