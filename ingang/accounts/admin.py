from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from ingang.accounts.admin_site import admin_site
from ingang.accounts.models import User


@admin.register(User, site=admin_site)
class StaffAdmin(UserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "first_name", "last_name", "unit", "role", "is_active")
    list_filter = ("role", "unit__agency", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        ("Ingång", {"fields": ("unit", "role", "title")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        ("Ingång", {"fields": ("first_name", "last_name", "unit", "role", "title")}),
    )


admin_site.register(TOTPDevice, TOTPDeviceAdmin)
