from django.conf import settings
from django.urls import include, path

from ingang.accounts.admin_site import admin_site

urlpatterns = [
    path("", include("ingang.core.urls")),
    path("konto/", include("ingang.accounts.urls")),
    path("personer/", include("ingang.people.urls")),
    path("", include("ingang.consent.urls")),
    path("logg/", include("ingang.audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin_site.urls),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
