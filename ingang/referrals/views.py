from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ingang.access.selectors import PersonNotFound, PersonRecord, case_of, person_record_read
from ingang.core.categories import Category
from ingang.core.forms import apply_validation_error
from ingang.core.permissions import Need, StaffRequest, access_rule
from ingang.referrals.forms import AcceptForm, ReferralForm, TransitionForm
from ingang.referrals.models import Referral, ReferralState
from ingang.referrals.selectors import (
    referral_inbox_read,
    referral_incoming_read,
    referral_of,
    referral_source,
)
from ingang.referrals.services import referral_send, referral_transition, sides_of
from ingang.referrals.transitions import Side, allowed_targets

S = ReferralState


def _read(request: StaffRequest, public_id: UUID, action: str, **kwargs: object) -> PersonRecord:
    return person_record_read(
        reader=request.user,
        public_id=public_id,
        categories=[Category.IDENTITY],
        action=action,
        **kwargs,  # type: ignore[arg-type]
    )


def _transition_forms(
    request: StaffRequest, referral: Referral, sides: set[Side]
) -> list[TransitionForm]:
    """One form per change the reader may make now, bound if it is the one posted."""
    labels = {
        S.ACCEPTED: _("Note (optional)"),
        S.REJECTED: _("Why the referral is rejected"),
        S.COMPLETED: _("What was done"),
        S.WITHDRAWN: _("Why the referral is withdrawn (optional)"),
    }
    posted = request.POST.get("transition")
    forms: list[TransitionForm] = []
    for side in sides:
        for target in allowed_targets(S(referral.state), side):
            data = request.POST if posted == target.value else None
            if target is S.ACCEPTED:
                forms.append(
                    AcceptForm(
                        data,
                        to_state=target,
                        note_label=labels[target],
                        agency=referral.receiving_agency,
                    )
                )
            else:
                forms.append(TransitionForm(data, to_state=target, note_label=labels[target]))
    return forms


def _apply(request: StaffRequest, referral: Referral, forms: list[TransitionForm]) -> bool:
    """Run the posted transition; True when it went through."""
    for form in forms:
        if not form.is_bound or not form.is_valid():
            continue
        try:
            referral_transition(
                referral=referral,
                to_state=form.cleaned_data["to_state"],
                actor=request.user,
                note=form.cleaned_data["note"],
                staff=list(form.cleaned_data.get("staff") or []),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
            return False
        messages.success(request, _("The referral is updated."))
        return True
    return False


@access_rule(Need.STAFF)
def referral_list(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = _read(request, public_id, "referral.list", sources={"referrals": referral_source()})
    return render(
        request,
        "referrals/list.html",
        {"record": record, "section": record.data["referrals"]},
    )


@access_rule(Need.STAFF)
def referral_new(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = _read(request, public_id, "referral.new")
    case = case_of(record)
    form = ReferralForm(request.POST or None, sender=request.user.agency)
    if request.method == "POST" and form.is_valid():
        try:
            referral = referral_send(case=case, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The referral is sent."))
            return redirect("referrals:detail", public_id=public_id, referral_id=referral.public_id)
    return render(request, "referrals/new.html", {"record": record, "form": form})


@access_rule(Need.STAFF)
def referral_detail(request: StaffRequest, public_id: UUID, referral_id: UUID) -> HttpResponse:
    record = _read(
        request, public_id, "referral.detail", sources={"referral": referral_source(referral_id)}
    )
    items = record.data["referral"].items
    if not items:
        raise PersonNotFound
    referral: Referral = items[0]
    sides = sides_of(actor=request.user, referral=referral)
    # Accepting and rejecting happen in the receiving agency's inbox.
    forms = _transition_forms(request, referral, sides - {Side.RECEIVER})
    if referral.state == S.ACCEPTED and Side.RECEIVER in sides:
        forms += _transition_forms(request, referral, {Side.RECEIVER})
    if request.method == "POST" and _apply(request, referral, forms):
        return redirect("referrals:detail", public_id=public_id, referral_id=referral_id)
    return render(
        request,
        "referrals/detail.html",
        {
            "record": record,
            "referral": referral,
            "forms": forms,
            "receiver": Side.RECEIVER in sides,
        },
    )


@access_rule(Need.PERSON_DATA)
def inbox(request: StaffRequest) -> HttpResponse:
    return render(
        request, "referrals/inbox.html", {"referrals": referral_inbox_read(reader=request.user)}
    )


@access_rule(Need.PERSON_DATA)
def incoming(request: StaffRequest, referral_id: UUID) -> HttpResponse:
    shown = referral_incoming_read(reader=request.user, referral_id=referral_id)
    referral = referral_of(shown)
    forms = _transition_forms(request, referral, {Side.RECEIVER})
    if request.method == "POST" and _apply(request, referral, forms):
        referral.refresh_from_db()
        if referral.assigned_staff.filter(pk=request.user.pk).exists():
            return redirect(
                "referrals:detail",
                public_id=referral.person.public_id,
                referral_id=referral.public_id,
            )
        return redirect("referrals:inbox")
    return render(request, "referrals/incoming.html", {"referral": shown, "forms": forms})
