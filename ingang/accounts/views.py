import time

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django_otp import login as otp_login

from ingang.accounts.forms import StaffLoginForm
from ingang.accounts.middleware import LOGIN_AT, SEEN_AT
from ingang.core.permissions import Need, access_rule


@access_rule(Need.PUBLIC)
class LoginView(auth_views.LoginView):
    form_class = StaffLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: StaffLoginForm) -> HttpResponse:  # type: ignore[override]
        # auth login() cycles the session key, so a planted session id is useless.
        response = super().form_valid(form)
        otp_login(self.request, form.get_user().otp_device)
        now = int(time.time())
        self.request.session[LOGIN_AT] = now
        self.request.session[SEEN_AT] = now
        return response


@access_rule(Need.PUBLIC)
class LogoutView(auth_views.LogoutView):
    pass
