"""The admin: only administrators who signed in with their second factor.

Person data is deliberately not registered here: it would bypass the gate.
"""

from django.contrib.admin import AdminSite
from django.http import HttpRequest

from ingang.agencies.models import Role


class IngangAdminSite(AdminSite):
    site_header = "Ingång – administration"
    site_title = "Ingång"
    login_template = None

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active
            and user.is_staff
            and user.is_verified()
            and getattr(user, "role", None) == Role.ADMINISTRATOR
        )

    def login(self, request: HttpRequest, extra_context: dict[str, object] | None = None):  # type: ignore[no-untyped-def]
        from django.shortcuts import redirect
        from django.urls import reverse

        return redirect(f"{reverse('accounts:login')}?next={request.get_full_path()}")


admin_site = IngangAdminSite(name="admin")
