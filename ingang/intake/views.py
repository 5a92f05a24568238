from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ingang.access.selectors import (
    PersonNotFound,
    PersonRecord,
    Source,
    case_of,
    person_number_lookup,
    person_record_read,
)
from ingang.accounts.models import User
from ingang.core.categories import Category
from ingang.core.forms import apply_validation_error
from ingang.core.permissions import Need, StaffRequest, access_rule
from ingang.intake.forms import (
    ContactCloseForm,
    ContactForm,
    ContactStartForm,
    NewPersonContactForm,
    RouteForm,
)
from ingang.intake.models import Contact, ContactState
from ingang.intake.selectors import contacts_of, reception_read
from ingang.intake.services import (
    contact_close_with_meeting,
    contact_register,
    contact_register_new_person,
    contact_route,
)
from ingang.meetings.models import Meeting
from ingang.meetings.selectors import meetings_of, team_staff

STEP_REGISTER = "register"


def _read_contact(
    request: StaffRequest, public_id: UUID, contact_id: UUID, action: str
) -> tuple[PersonRecord, Contact, Meeting | None]:
    """One contact (notes) and its next meeting (plan) through the gate; 404 if not visible."""
    record = person_record_read(
        reader=request.user,
        public_id=public_id,
        categories=[Category.IDENTITY],
        action=action,
        sources={
            "contact": Source(
                Category.NOTES, lambda person: contacts_of(person).filter(public_id=contact_id)
            ),
            "meeting": Source(
                Category.PLAN,
                lambda person: meetings_of(person).filter(
                    pk__in=Contact.objects.filter(public_id=contact_id).values("next_meeting_id")
                ),
            ),
        },
    )
    contacts = record.data["contact"].items
    if not contacts:
        raise PersonNotFound
    meetings = record.data["meeting"].items
    return record, contacts[0], meetings[0] if meetings else None


@access_rule(Need.PERSON_DATA)
def reception(request: StaffRequest) -> HttpResponse:
    """The front desk's day: today's contacts, open ones, and those waiting for routing."""
    return render(request, "intake/reception.html", {"lists": reception_read(reader=request.user)})


@access_rule(Need.PERSON_DATA)
def contact_start(request: StaffRequest) -> HttpResponse:
    """Search by number first; register the person only when the search finds nobody."""
    if request.method == "POST" and request.POST.get("step") == STEP_REGISTER:
        form = NewPersonContactForm(request.POST)
        if form.is_valid():
            try:
                contact = contact_register_new_person(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The person is registered and the contact recorded."))
                return redirect(
                    "intake:contact",
                    public_id=contact.person.public_id,
                    contact_id=contact.public_id,
                )
        return render(request, "intake/register.html", {"form": form})

    search = ContactStartForm(request.POST or None)
    if request.method == "POST" and search.is_valid():
        number, channel = search.cleaned_data["personal_number"], search.cleaned_data["channel"]
        try:
            public_id = person_number_lookup(reader=request.user, personal_number=number)
        except PersonNotFound:
            form = NewPersonContactForm(initial={"personal_number": number, "channel": channel})
            return render(request, "intake/register.html", {"form": form, "searched": True})
        return redirect(f"{_contact_new_url(public_id)}?kanal={channel}")
    return render(request, "intake/start.html", {"form": search})


def _contact_new_url(public_id: UUID) -> str:
    return reverse("intake:contact_new", kwargs={"public_id": public_id})


@access_rule(Need.STAFF)
def contact_new(request: StaffRequest, public_id: UUID) -> HttpResponse:
    record = person_record_read(
        reader=request.user,
        public_id=public_id,
        categories=[Category.IDENTITY],
        action="intake.contact_new",
    )
    form = ContactForm(request.POST or None, initial={"channel": request.GET.get("kanal")})
    if request.method == "POST" and form.is_valid():
        try:
            contact = contact_register(
                actor=request.user, case=case_of(record), **form.cleaned_data
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The contact is recorded."))
            return redirect("intake:contact", public_id=public_id, contact_id=contact.public_id)
    return render(request, "intake/contact_new.html", {"record": record, "form": form})


@access_rule(Need.STAFF)
def contact(request: StaffRequest, public_id: UUID, contact_id: UUID) -> HttpResponse:
    """A contact: the need, where it is routed, and the way to close it."""
    record, item, meeting = _read_contact(request, public_id, contact_id, "intake.contact")
    form = RouteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        staff = User.objects.filter(username=form.cleaned_data["username"]).first()
        if staff is None:
            form.add_error("username", _("No staff member with that username."))
        else:
            try:
                contact_route(contact=item, actor=request.user, staff=staff)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(
                    request, _("The contact is routed to %(name)s.") % {"name": staff.display_name}
                )
                return redirect("intake:contact", public_id=public_id, contact_id=contact_id)
    return render(
        request,
        "intake/contact.html",
        {"record": record, "contact": item, "meeting": meeting, "form": form},
    )


@access_rule(Need.STAFF)
def contact_close(request: StaffRequest, public_id: UUID, contact_id: UUID) -> HttpResponse:
    record, item, _meeting = _read_contact(request, public_id, contact_id, "intake.contact_close")
    if item.state != ContactState.OPEN:
        return redirect("intake:summary", public_id=public_id, contact_id=contact_id)
    initial = {"participants": [item.routed_to or request.user], "person_attends": True}
    form = ContactCloseForm(request.POST or None, team=team_staff(case_of(record)), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            contact_close_with_meeting(contact=item, actor=request.user, **form.closing())
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The next meeting is booked and the contact closed."))
            return redirect("intake:summary", public_id=public_id, contact_id=contact_id)
    return render(request, "intake/close.html", {"record": record, "contact": item, "form": form})


@access_rule(Need.STAFF)
def summary(request: StaffRequest, public_id: UUID, contact_id: UUID) -> HttpResponse:
    """What the person takes home: the next step and the next meeting, printable."""
    record, item, meeting = _read_contact(request, public_id, contact_id, "intake.summary")
    return render(
        request, "intake/summary.html", {"record": record, "contact": item, "meeting": meeting}
    )
