"""OIDC login for staff through an e-ID broker (SITHS, BankID, Freja).

The broker proves who the person is with two factors. We never create staff
from a login: the claim named by OIDC_USERNAME_CLAIM must match an existing,
active staff member's username (e.g. their HSA-id).
"""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from ingang.accounts.models import User


class StaffOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        value = claims.get(settings.OIDC_USERNAME_CLAIM)
        if not value:
            return User.objects.none()
        return User.objects.filter(username=value, is_active=True)

    def create_user(self, claims: dict[str, Any]) -> None:
        return None
