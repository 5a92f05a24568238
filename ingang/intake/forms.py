from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ingang.intake.models import ContactChannel
from ingang.meetings.forms import MeetingBookForm
from ingang.people.forms import IdentityNumberField, PersonRegisterForm


def _channel() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("How did the person make contact?"),
        choices=ContactChannel.choices,
        widget=forms.RadioSelect,
    )


def _need() -> forms.CharField:
    return forms.CharField(
        label=_("The need, in the person's own words"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ContactStartForm(forms.Form):
    """First the number: a person is registered once, never twice."""

    personal_number = IdentityNumberField(
        label=_("Personal identity number or coordination number"),
        help_text=_("YYYYMMDD-NNNN"),
        max_length=20,
    )
    channel = _channel()


class NewPersonContactForm(PersonRegisterForm):
    channel = _channel()
    need = _need()

    field_order = ["personal_number", "given_name", "family_name", "channel", "need"]


class ContactForm(forms.Form):
    channel = _channel()
    need = _need()


class RouteForm(forms.Form):
    username = forms.CharField(
        label=_("Username of the staff member who takes over"),
        max_length=150,
        help_text=_("They join the team and become the person's named contact."),
    )


class ContactCloseForm(MeetingBookForm):
    """The next step and the next meeting, booked together."""

    next_step = forms.CharField(
        label=_("Next step for the person"), widget=forms.Textarea(attrs={"rows": 3})
    )

    field_order = ["next_step"]

    def closing(self) -> dict[str, Any]:
        return {"next_step": self.cleaned_data["next_step"], **self.booking()}
