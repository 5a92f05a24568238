from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ingang.accounts.models import User
from ingang.agencies.models import Agency
from ingang.consent.models import STAFF_SOURCES, ConsentSource
from ingang.core.categories import Category


class ConsentForm(forms.Form):
    categories = forms.MultipleChoiceField(
        label=_("Categories of data"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies that may read"),
        queryset=Agency.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    staff = forms.ModelMultipleChoiceField(
        label=_("Named staff who may read"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    valid_from = forms.DateField(
        label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for until further notice."),
    )
    source = forms.ChoiceField(
        label=_("How the consent was given"),
        choices=[(s.value, s.label) for s in STAFF_SOURCES],
        widget=forms.RadioSelect,
    )
    witness = forms.CharField(label=_("Witness (for oral consent)"), max_length=200, required=False)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: object, team: list[User], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["staff"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=[u.pk for u in team]
        ).select_related("unit__agency")
        self.fields["staff"].label_from_instance = (  # type: ignore[attr-defined]
            lambda u: f"{u.display_name} ({u.agency})"
        )
        if not self.is_bound:
            self.initial.setdefault("valid_from", timezone.localdate())

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The consent cannot end before it starts."))
        if data.get("source") == ConsentSource.ORAL_WITH_WITNESS and not data.get("witness"):
            self.add_error("witness", _("An oral consent needs the name of a witness."))
        if not data.get("agencies") and not data.get("staff"):
            self.add_error("agencies", _("Choose at least one agency or named staff member."))
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class BlockForm(forms.Form):
    category = forms.ChoiceField(label=_("Category to block"), choices=Category.choices)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
