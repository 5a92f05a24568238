from django import forms
from django.utils.translation import gettext_lazy as _

from ingang.core.categories import ENTRY_CATEGORIES
from ingang.people.identity_numbers import InvalidIdentityNumber, parse_identity_number


class IdentityNumberField(forms.CharField):
    """Accepts any common way of writing the number; cleans to twelve digits."""

    def to_python(self, value: object) -> str:
        raw = super().to_python(value)
        if not raw:
            return ""
        try:
            return parse_identity_number(raw).digits
        except InvalidIdentityNumber as exc:
            raise forms.ValidationError(str(exc)) from None


class PersonSearchForm(forms.Form):
    personal_number = IdentityNumberField(
        label=_("Personal identity number or coordination number"),
        help_text=_("YYYYMMDD-NNNN"),
        max_length=20,
    )


class PersonRegisterForm(forms.Form):
    personal_number = IdentityNumberField(
        label=_("Personal identity number or coordination number"),
        help_text=_("YYYYMMDD-NNNN"),
        max_length=20,
    )
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    street_address = forms.CharField(label=_("Street address"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    protected_identity = forms.BooleanField(
        label=_("Protected identity (skyddad identitet)"),
        required=False,
        help_text=_("Identity details are then shown only to your unit."),
    )


class EntryForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"))
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["category"].choices = [(c.value, c.label) for c in ENTRY_CATEGORIES]  # type: ignore[attr-defined]


class TeamMemberForm(forms.Form):
    username = forms.CharField(label=_("Username of the staff member"), max_length=150)
