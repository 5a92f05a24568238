import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login

from ingang.accounts.enrolment import (
    enrolment_begin,
    enrolment_confirm,
    enrolment_device,
    enrolment_end,
    pending_user,
    qr_data_uri,
    secret_text,
)
from ingang.accounts.forms import EnrolmentForm, StaffLoginForm
from ingang.accounts.middleware import LOGIN_AT, SEEN_AT
from ingang.core.permissions import Need, access_rule


def _session_clock_start(request: HttpRequest) -> None:
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now


@access_rule(Need.PUBLIC)
class LoginView(auth_views.LoginView):
    form_class = StaffLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: StaffLoginForm) -> HttpResponse:  # type: ignore[override]
        if form.needs_enrolment:
            # Not signed in: the password only opens the enrolment page, for a while.
            enrolment_begin(self.request, form.get_user())
            return redirect("accounts:enrol")
        # auth login() cycles the session key, so a planted session id is useless.
        response = super().form_valid(form)
        otp_login(self.request, form.get_user().otp_device)
        _session_clock_start(self.request)
        return response


@access_rule(Need.PUBLIC)
@never_cache  # the page shows the new secret
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app after a right password (ingang.accounts.enrolment)."""
    user = pending_user(request)
    if user is None:
        enrolment_end(request)
        messages.info(request, _("Sign in with your password to set up your authenticator app."))
        return redirect("accounts:login")
    device = enrolment_device(user)
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _throttle = device.verify_is_allowed()
        if not allowed:
            # django-otp refuses codes for a while after wrong ones, even right ones.
            form.add_error(
                "otp_token", _("Too many wrong codes in a row. Wait a moment and try again.")
            )
        elif enrolment_confirm(device, form.cleaned_data["otp_token"]):
            enrolment_end(request)
            login(request, user, backend="ingang.accounts.backends.StaffModelBackend")
            otp_login(request, device)
            _session_clock_start(request)
            messages.success(
                request,
                _("Your authenticator app is set up. Sign in with a code from it from now on."),
            )
            return redirect(settings.LOGIN_REDIRECT_URL)
        else:
            form.add_error(
                "otp_token",
                _(
                    "The code is not right. Check that the time on your phone is right "
                    "and try again."
                ),
            )
    context = {
        "form": form,
        "qr": qr_data_uri(device),
        "secret": secret_text(device),
        "username": user.username,
    }
    return render(request, "accounts/enrol.html", context)


@access_rule(Need.PUBLIC)
class LogoutView(auth_views.LogoutView):
    pass
