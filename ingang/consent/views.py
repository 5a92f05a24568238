from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ingang.access.selectors import PersonRecord, case_of, person_record_read, subject_of
from ingang.accounts.models import User
from ingang.cases.selectors import team_of
from ingang.consent.forms import BlockForm, ConsentForm, WithdrawForm
from ingang.consent.selectors import block_of, blocks_of, consent_of, consents_of
from ingang.consent.services import block_create, block_lift, consent_register, consent_withdraw
from ingang.core.categories import Category
from ingang.core.forms import apply_validation_error
from ingang.core.permissions import Need, StaffRequest, access_rule


def _read(request: StaffRequest, public_id: UUID, action: str) -> PersonRecord:
    return person_record_read(
        reader=request.user,
        public_id=public_id,
        categories=[Category.IDENTITY],
        action=action,
    )


def _team(record: PersonRecord) -> list[User]:
    return [m.staff for m in team_of(case_of(record))]


@access_rule(Need.STAFF)
def consent_list(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = _read(request, public_id, "consent.list")
    return render(
        request,
        "consent/list.html",
        {
            "record": record,
            "consents": consents_of(record=record),
            "blocks": blocks_of(record=record),
        },
    )


@access_rule(Need.STAFF)
def consent_new(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = _read(request, public_id, "consent.register")
    form = ConsentForm(request.POST or None, team=_team(record))
    if request.method == "POST" and form.is_valid():
        try:
            consent_register(person=subject_of(record), actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The consent is registered."))
            return redirect("consent:list", public_id=public_id)
    return render(request, "consent/new.html", {"record": record, "form": form})


@access_rule(Need.STAFF)
def consent_withdraw_view(request: StaffRequest, public_id: UUID, consent_id: UUID) -> HttpResponse:
    record = _read(request, public_id, "consent.withdraw")
    consent = consent_of(record=record, consent_id=consent_id)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consent_withdraw(
                consent=consent,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The consent is withdrawn. It no longer gives access."))
            return redirect("consent:list", public_id=public_id)
    return render(
        request,
        "consent/withdraw.html",
        {
            "record": record,
            "consent": consent,
            "form": form,
        },
    )


@access_rule(Need.STAFF)
def block_new(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = _read(request, public_id, "block.create")
    form = BlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            block_create(person=subject_of(record), actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The category is blocked for other agencies."))
            return redirect("consent:list", public_id=public_id)
    return render(request, "consent/block_new.html", {"record": record, "form": form})


@access_rule(Need.STAFF)
def block_lift_view(request: StaffRequest, public_id: UUID, block_id: UUID) -> HttpResponse:
    record = _read(request, public_id, "block.lift")
    block = block_of(record=record, block_id=block_id)
    if request.method == "POST":
        try:
            block_lift(block=block, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The block is lifted."))
    return redirect("consent:list", public_id=public_id)
