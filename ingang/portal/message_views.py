"""My pages: write to the team. Staff replies are not part of the portal (yet)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ingang.access.own import own_record_read
from ingang.core.categories import Category
from ingang.core.permissions import Need, access_rule
from ingang.portal.auth import PortalRequest
from ingang.portal.message_forms import MessageForm
from ingang.portal.message_services import message_send


@access_rule(Need.PORTAL)
def messages_page(request: PortalRequest) -> HttpResponse:
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            message_send(person_id=request.portal.person_id, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your message has been sent to your team."))
            return redirect("portal:messages")
    record = own_record_read(
        person_id=request.portal.person_id, action="portal.messages", categories=[Category.NOTES]
    )
    sent = [e for s in record.sections for e in s.entries if e.by_person]
    return render(
        request,
        "portal/messages.html",
        {
            "form": form,
            "sent": sent,
            "has_team": record.case is not None,
            "coordinator": record.case.coordinator if record.case is not None else None,
        },
    )
