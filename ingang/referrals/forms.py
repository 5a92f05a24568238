from django import forms
from django.utils.translation import gettext_lazy as _

from ingang.accounts.models import User
from ingang.agencies.models import Agency
from ingang.referrals.models import ReferralState, Urgency
from ingang.referrals.selectors import receiving_staff


class ReferralForm(forms.Form):
    receiving_agency = forms.ModelChoiceField(
        label=_("Refer to agency"), queryset=Agency.objects.none(), empty_label=None
    )
    requested_activity = forms.CharField(
        label=_("Requested activity"),
        max_length=300,
        help_text=_("What you ask the other agency to do, e.g. a medical assessment."),
    )
    reason = forms.CharField(
        label=_("Reason for the referral"), widget=forms.Textarea(attrs={"rows": 4})
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        initial=Urgency.ROUTINE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: object, sender: Agency | None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        agencies = Agency.objects.all()
        if sender is not None:
            agencies = agencies.exclude(pk=sender.pk)
        self.fields["receiving_agency"].queryset = agencies  # type: ignore[attr-defined]


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(choices=ReferralState.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(
        self, *args: object, to_state: ReferralState, note_label: str, **kwargs: object
    ) -> None:
        kwargs.setdefault("prefix", to_state.value)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["to_state"].initial = to_state.value
        self.fields["note"].label = note_label


class AcceptForm(TransitionForm):
    staff = forms.ModelMultipleChoiceField(
        label=_("Who takes it on (joins the case team)"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    field_order = ["staff", "note"]

    def __init__(self, *args: object, agency: Agency, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["staff"]
        field.queryset = receiving_staff(agency)  # type: ignore[attr-defined]
        field.label_from_instance = (  # type: ignore[attr-defined]
            lambda u: f"{u.display_name} ({u.get_role_display()})"
        )
