from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

from ingang.accounts.models import User


class StaffLoginForm(OTPAuthenticationFormMixin, AuthenticationForm):  # type: ignore[misc]
    """Password and a TOTP code on one form; both must be right to sign in."""

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        required=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    # django-otp's mixin reads these; staff have exactly one TOTP device.
    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_challenge = forms.CharField(required=False, widget=forms.HiddenInput)

    def _chosen_device(self, user: User) -> TOTPDevice | None:
        # Staff have exactly one confirmed TOTP device, so nobody has to pick one.
        return TOTPDevice.objects.filter(user=user, confirmed=True).first()

    def clean(self) -> dict[str, object]:
        self.cleaned_data = super().clean()
        self.clean_otp(self.get_user())
        return self.cleaned_data
