from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

from ingang.accounts.enrolment import has_confirmed_device
from ingang.accounts.models import User


class StaffLoginForm(OTPAuthenticationFormMixin, AuthenticationForm):  # type: ignore[misc]
    """Password and a TOTP code on one form; both must be right to sign in.

    A staff member with no authenticator app set up yet leaves the code empty:
    a right password then leads to enrolment (`needs_enrolment`), not a sign-in.
    """

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("Signing in for the first time? Leave the code empty."),
        max_length=8,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    # django-otp's mixin reads these; staff have exactly one TOTP device.
    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_challenge = forms.CharField(required=False, widget=forms.HiddenInput)

    def _chosen_device(self, user: User) -> TOTPDevice | None:
        # Staff have exactly one confirmed TOTP device, so nobody has to pick one.
        return TOTPDevice.objects.filter(user=user, confirmed=True).first()

    needs_enrolment = False

    def clean(self) -> dict[str, object]:
        self.cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and not has_confirmed_device(user):
            self.needs_enrolment = True
            return self.cleaned_data
        if not self.cleaned_data.get("otp_token"):
            raise forms.ValidationError(
                _("Enter the code from your authenticator app."), code="otp_required"
            )
        self.clean_otp(user)
        return self.cleaned_data


class EnrolmentForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
