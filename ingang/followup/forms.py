from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ingang.agencies.models import Agency
from ingang.finsam.models import Association, Project, ProjectStatus
from ingang.followup.models import EducationLevel, ExitStatus, Gender, IncomeSource
from ingang.followup.reports import AGE_BANDS, Filters, age_band_label

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Project) -> str:
        return f"{obj.name} ({obj.association.name})"


def _blank(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class ReportFilterForm(forms.Form):
    association = forms.ModelChoiceField(
        label=_("Association"),
        queryset=Association.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    project = ProjectChoiceField(
        label=_("Project"),
        queryset=Project.objects.select_related("association"),
        required=False,
        empty_label=_("All"),
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE)
    gender = forms.ChoiceField(
        label=_("Gender"), required=False, choices=_blank(_("All")) + list(Gender.choices)
    )
    age_band = forms.ChoiceField(
        label=_("Age band"),
        required=False,
        choices=_blank(_("All")) + [(code, age_band_label(code)) for code, _l, _h in AGE_BANDS],
    )
    agency = forms.ModelChoiceField(
        label=_("Referring agency"),
        queryset=Agency.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    target_group = forms.ChoiceField(label=_("Target group"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = (
            Project.objects.exclude(target_group="")
            .order_by("target_group")
            .values_list("target_group", flat=True)
            .distinct()
        )
        self.fields["target_group"].choices = _blank(_("All")) + [(g, g) for g in groups]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The period must end on or after its start."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            association=data.get("association"),
            project=data.get("project"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            gender=data.get("gender") or "",
            age_band=data.get("age_band") or "",
            agency=data.get("agency"),
            target_group=data.get("target_group") or "",
        )


class EntryForm(forms.Form):
    project = ProjectChoiceField(
        label=_("Project"),
        queryset=Project.objects.filter(
            status__in=[ProjectStatus.ONGOING, ProjectStatus.IMPLEMENTED]
        ).select_related("association"),
    )
    entered_on = forms.DateField(label=_("Entered"), widget=DATE, initial=timezone.localdate)
    entry_income_source = forms.ChoiceField(
        label=_("Income source at entry"), choices=_blank("—") + list(IncomeSource.choices)
    )
    education_level = forms.ChoiceField(
        label=_("Education level"), choices=EducationLevel.choices, initial=EducationLevel.UNKNOWN
    )
    referring_agency = forms.ModelChoiceField(
        label=_("Referring agency"),
        queryset=Agency.objects.all(),
        required=False,
        empty_label=_("None"),
    )


class PersonEntryForm(EntryForm):
    consented = forms.BooleanField(
        label=_("The person consents to being registered by name for follow-up"),
        required=False,
        help_text=_(
            "Without consent, or with protected identity, the participation is registered "
            "anonymously: gender and birth year only."
        ),
    )


class AnonymousEntryForm(EntryForm):
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, widget=forms.RadioSelect)
    birth_year = forms.IntegerField(label=_("Birth year"), min_value=1900, max_value=2100)
    field_order = ["project", "gender", "birth_year"]


class ExitForm(forms.Form):
    exited_on = forms.DateField(label=_("Exited"), widget=DATE)
    exit_income_source = forms.ChoiceField(
        label=_("Income source at exit"), choices=_blank("—") + list(IncomeSource.choices)
    )
    exit_status = forms.ChoiceField(
        label=_("Status at exit"), choices=_blank("—") + list(ExitStatus.choices)
    )


class FollowUpForm(forms.Form):
    followed_up_on = forms.DateField(label=_("Followed up"), widget=DATE)
    followup_income_source = forms.ChoiceField(
        label=_("Income source at follow-up"), choices=_blank("—") + list(IncomeSource.choices)
    )
    followup_status = forms.ChoiceField(
        label=_("Status at follow-up"), choices=_blank("—") + list(ExitStatus.choices)
    )


class FindForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference"),
        max_length=12,
        help_text=_("The reference given when the participant was registered, e.g. K7Q3-9MXD."),
    )

    def clean_reference(self) -> str:
        value = str(self.cleaned_data["reference"]).strip().upper().replace(" ", "")
        if len(value) == 8 and "-" not in value:
            value = f"{value[:4]}-{value[4:]}"
        return value
