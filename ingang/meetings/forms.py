from datetime import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ingang.accounts.models import User
from ingang.meetings.models import MeetingChannel


class StaffChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        agency = obj.agency
        return f"{obj.display_name} ({agency.short_name})" if agency else str(obj.display_name)


class MeetingTimeForm(forms.Form):
    """When and where. Times are entered in local time (Europe/Stockholm)."""

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=MeetingChannel.choices, widget=forms.RadioSelect
    )
    place = forms.CharField(
        label=_("Address, phone number or video link"),
        max_length=200,
        required=False,
        help_text=_("Required for a visit."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            zone = timezone.get_current_timezone()
            data["starts_at"] = timezone.make_aware(datetime.combine(day, start), zone)
            data["ends_at"] = timezone.make_aware(datetime.combine(day, end), zone)
        return data

    def times(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "channel": data["channel"],
            "place": data["place"],
        }


class MeetingBookForm(MeetingTimeForm):
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    participants = StaffChoiceField(
        label=_("Staff taking part"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    person_attends = forms.BooleanField(
        label=_("The person takes part"), required=False, initial=True
    )

    def __init__(self, *args: Any, team: "QuerySet[User]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = team  # type: ignore[attr-defined]

    def booking(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **self.times(),
            "purpose": data["purpose"],
            "participants": list(data["participants"]),
            "person_attends": data["person_attends"],
        }


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome of the meeting"), widget=forms.Textarea(attrs={"rows": 4})
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), max_length=300)
