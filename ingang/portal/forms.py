from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ingang.people.identity_numbers import InvalidIdentityNumber, parse_identity_number
from ingang.people.models import Person


class DemoSignInForm(forms.Form):
    """The demo's sign-in: a synthetic test person's number, no e-ID.

    Offered only when DEMO_MODE is on (production settings force it off) and
    only for people marked as test data, so it can never open a real person's pages.
    """

    personal_number = forms.CharField(
        label=_("Personal identity number of a demo person"),
        help_text=_("YYYYMMDD-NNNN. The demo people are listed in docs/demo.md."),
        max_length=20,
    )

    person: Person

    def clean_personal_number(self) -> str:
        raw = self.cleaned_data["personal_number"]
        try:
            number = parse_identity_number(raw)
        except InvalidIdentityNumber as error:
            raise forms.ValidationError(str(error)) from None
        person = Person.objects.filter(personal_number=number.digits, is_test_data=True).first()
        if person is None:
            raise forms.ValidationError(_("There is no demo person with that number."))
        self.person = person
        return number.digits

    def clean(self) -> dict[str, Any]:
        return super().clean() or {}
