from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ingang.accounts.models import User
from ingang.agencies.models import Unit
from ingang.people.forms import IdentityNumberField
from ingang.review.checks import check_choices
from ingang.review.models import Conclusion
from ingang.review.scope import Scope

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_PERIOD_DAYS = 366


class ScopeForm(forms.Form):
    date_from = forms.DateField(label=_("From"), widget=DATE)
    date_to = forms.DateField(label=_("To"), widget=DATE)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.select_related("agency"),
        required=False,
        empty_label=_("All units"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end:
            if end < start:
                self.add_error("date_to", _("The end date is before the start date."))
            elif (end - start).days >= MAX_PERIOD_DAYS:
                self.add_error("date_to", _("Choose a period of at most one year."))
        return data

    @property
    def scope(self) -> Scope:
        data = self.cleaned_data
        return Scope(data["date_from"], data["date_to"], data.get("unit"))


class CheckForm(ScopeForm):
    check = forms.ChoiceField(label=_("Check"), choices=check_choices)
    field_order = ["check", "date_from", "date_to", "unit"]


class SampleForm(ScopeForm):
    size = forms.IntegerField(
        label=_("Number of events"),
        min_value=1,
        max_value=500,
        initial=settings.REVIEW_SAMPLE_SIZE,
    )
    seed = forms.CharField(
        label=_("Seed"),
        max_length=32,
        required=False,
        help_text=_("Leave empty for a new sample. The same seed draws the same sample again."),
    )


class ReviewForm(forms.Form):
    conclusion = forms.ChoiceField(
        label=_("Conclusion"), choices=Conclusion.choices, widget=forms.RadioSelect
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    follow_up = forms.CharField(
        label=_("Follow-up"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when action is needed: what happens next, and who does it."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("conclusion") == Conclusion.ACTION and not data.get("follow_up", "").strip():
            self.add_error("follow_up", _("Say what follows when action is needed."))
        return data


class BreachForm(forms.Form):
    staff = forms.ModelChoiceField(
        label=_("Staff member or API client"),
        queryset=User.objects.select_related("unit__agency").order_by("username"),
    )
    since = forms.DateTimeField(
        label=_("From (date and time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    until = forms.DateTimeField(
        label=_("To (date and time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until <= since:
            self.add_error("until", _("The end is not after the start."))
        return data


class MonthForm(forms.Form):
    month = forms.DateField(
        label=_("Month"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )


class WellKnownForm(forms.Form):
    personal_number = IdentityNumberField(
        label=_("Personal identity number or coordination number"), max_length=20
    )
    reason = forms.CharField(label=_("Reason"), max_length=200)
