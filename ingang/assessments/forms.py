from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ingang.accounts.models import User
from ingang.assessments.models import Dimension, InstrumentVersion


class AssessmentForm(forms.Form):
    """All dimensions of an instrument version, each a 1–5 choice with its anchor texts."""

    assessed_on = forms.DateField(
        label=gettext_lazy("Date of the assessment"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    assessors = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Assessors"),
        help_text=gettext_lazy("Everyone on the team who took part, from every agency."),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Choose who made the assessment."),
            "invalid_choice": gettext_lazy("Choose assessors among the case team."),
            "invalid_pk_value": gettext_lazy("Choose assessors among the case team."),
        },
    )

    def __init__(
        self, *args: Any, version: InstrumentVersion, team: list[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.dimensions: list[Dimension] = list(version.dimensions.all())
        assessors = self.fields["assessors"]
        assessors.queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=[u.pk for u in team]
        ).select_related("unit__agency")
        assessors.label_from_instance = (  # type: ignore[attr-defined]
            lambda u: f"{u.display_name} ({u.agency})"
        )
        for dimension in self.dimensions:
            name = dimension.name
            self.fields[f"score_{dimension.code}"] = forms.TypedChoiceField(
                label=name,
                coerce=int,
                choices=[(a.score, f"{a.score} – {a.text}") for a in dimension.anchors.all()],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose a score for %(dimension)s.") % {"dimension": name},
                    "invalid_choice": _(
                        "The score for %(dimension)s must be a whole number from 1 to 5."
                    )
                    % {"dimension": name},
                },
            )
            self.fields[f"comment_{dimension.code}"] = forms.CharField(
                label=_("Comment on %(dimension)s (optional)") % {"dimension": name.lower()},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
        self.fields["note"] = forms.CharField(
            label=_("Summary (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
        )
        if not self.is_bound:
            self.initial.setdefault("assessed_on", timezone.localdate())

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "assessed_on": data["assessed_on"],
            "assessors": list(data["assessors"]),
            "scores": {d.code: data[f"score_{d.code}"] for d in self.dimensions},
            "comments": {d.code: data[f"comment_{d.code}"] for d in self.dimensions},
            "note": data["note"],
        }
