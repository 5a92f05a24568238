from django.conf import settings
from django.urls import include, path
from django.views.i18n import set_language

from ingang.accounts.admin_site import admin_site
from ingang.core.permissions import Need, access_rule

# A lost database answers 503 (fail closed), anything else the ordinary 500.
handler500 = "ingang.core.db_failure.server_error"

urlpatterns = [
    path("", include("ingang.core.urls")),
    path("konto/", include("ingang.accounts.urls")),
    path("personer/", include("ingang.people.urls")),
    path("", include("ingang.consent.urls")),
    path("logg/", include("ingang.audit.urls")),
    path("", include("ingang.notifications.urls")),
    path("", include("ingang.timeline.urls")),
    path("", include("ingang.intake.urls")),
    path("", include("ingang.meetings.urls")),
    path("", include("ingang.referrals.urls")),
    path("", include("ingang.assessments.urls")),
    path("", include("ingang.plans.urls")),
    path("mina-sidor/", include("ingang.portal.urls")),
    path("", include("ingang.finsam.urls")),
    path("", include("ingang.followup.urls")),
    path("", include("ingang.api.urls")),
    path("", include("ingang.fhir.urls")),
    path("", include("ingang.feeds.urls")),
    path("", include("ingang.imports.urls")),
    path("", include("ingang.review.urls")),
    path("", include("ingang.retention.urls")),
    path("i18n/setlang/", access_rule(Need.PUBLIC)(set_language), name="set_language"),
    path("admin/", admin_site.urls),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
