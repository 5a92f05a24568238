from django import forms
from django.utils.translation import gettext_lazy as _

from ingang.agencies.models import Agency
from ingang.audit.models import Outcome
from ingang.people.forms import IdentityNumberField


class LogFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    staff = forms.CharField(label=_("Staff (name or username)"), max_length=150, required=False)
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.all(),
        required=False,
        empty_label=_("All agencies"),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", _("All")), *Outcome.choices]
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


class AuditPersonForm(forms.Form):
    personal_number = IdentityNumberField(
        label=_("Personal identity number or coordination number"), max_length=20
    )
