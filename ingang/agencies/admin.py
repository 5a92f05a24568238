from django.contrib import admin

from ingang.accounts.admin_site import admin_site
from ingang.agencies.models import Agency, Unit


class UnitInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Unit
    extra = 0


@admin.register(Agency, site=admin_site)
class AgencyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "kind", "short_name")
    list_filter = ("kind",)
    inlines = [UnitInline]
