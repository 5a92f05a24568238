from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ingang.accounts.admin_site import admin_site
from ingang.review.models import StaffIdentity


@admin.register(StaffIdentity, site=admin_site)
class StaffIdentityAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Staff register details (from HR), used only by log review to match readers to people."""

    list_display = ("staff", "has_number", "postal_code")
    search_fields = ("staff__username", "staff__last_name")
    autocomplete_fields = ("staff",)

    @admin.display(boolean=True, description=_("identity number"))
    def has_number(self, obj: StaffIdentity) -> bool:
        return bool(obj.personal_number)
