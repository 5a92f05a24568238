"""API clients and tokens in the admin: create clients, see and revoke tokens.

Tokens are issued with `manage.py api_token_create` (the secret is printed
once); the admin never sees a secret, only the prefix.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ingang.accounts.admin_site import admin_site
from ingang.api.models import ApiClient, ApiToken
from ingang.api.services import api_token_revoke


@admin.register(ApiClient, site=admin_site)
class ApiClientAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "agency", "acts_as", "created_at")
    list_filter = ("agency",)


@admin.action(description=_("Revoke the selected tokens"))
def revoke(
    modeladmin: "admin.ModelAdmin[ApiToken]", request: HttpRequest, queryset: QuerySet[ApiToken]
) -> None:
    for token in queryset:
        api_token_revoke(token=token)


@admin.register(ApiToken, site=admin_site)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("__str__", "client", "scopes", "created_at", "expires_at", "revoked_at")
    list_filter = ("client__agency",)
    readonly_fields = ("client", "prefix", "scopes", "created_at", "created_by", "expires_at")
    fields = ("client", "prefix", "scopes", "created_at", "created_by", "expires_at", "revoked_at")
    actions = [revoke]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # issued by api_token_create, which shows the secret once
