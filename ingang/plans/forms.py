from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ingang.accounts.models import User
from ingang.plans.catalogue import ActivityType
from ingang.plans.models import ActivityStatus


class DateInput(forms.DateInput):
    input_type = "date"


class GoalForm(forms.Form):
    goal = forms.CharField(
        label=_("The person's goal, in their own words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class SubGoalForm(forms.Form):
    text = forms.CharField(label=_("Sub-goal"), max_length=300)


class ActivityForm(forms.Form):
    type = forms.ChoiceField(label=_("Type of activity"), choices=ActivityType.choices)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    sub_goal = forms.TypedChoiceField(
        label=_("Serves"), coerce=int, required=False, empty_value=None
    )
    responsible = forms.TypedChoiceField(label=_("Responsible staff member"), coerce=int)
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    end_date = forms.DateField(
        label=_("End date"),
        widget=DateInput,
        required=False,
        help_text=_("Leave empty for until further notice."),
    )
    hours_per_week = forms.DecimalField(
        label=_("Hours per week"),
        max_digits=4,
        decimal_places=1,
        required=False,
        help_text=_("Give either hours per week or percent."),
    )
    percent = forms.IntegerField(
        label=_("Percent"),
        required=False,
        help_text=_("For sick leave: the degree, 25, 50, 75 or 100."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)

    def __init__(
        self,
        *args: Any,
        staff: Iterable[User],
        sub_goals: Iterable[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].choices = [(u.pk, u.display_name) for u in staff]  # type: ignore[attr-defined]
        self.fields["sub_goal"].choices = [("", _("The main goal")), *sub_goals]  # type: ignore[attr-defined]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)


class AcknowledgeForm(forms.Form):
    justification = forms.CharField(
        label=_("Why is the clash acceptable?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
