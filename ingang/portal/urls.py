"""My pages (/mina-sidor/). No URL names a person: the session does."""

from django.urls import URLPattern, URLResolver, path

from ingang.portal import views

app_name = "portal"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.start, name="start"),
    path("logga-in/", views.sign_in, name="sign_in"),
    path("logga-in/e-legitimation/", views.oidc_start, name="oidc_start"),
    path("logga-in/e-legitimation/retur/", views.oidc_callback, name="oidc_callback"),
    path("logga-ut/", views.sign_out, name="sign_out"),
    path("plan/", views.plan, name="plan"),
    path("plan/min-plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("bedomningar/", views.assessments, name="assessments"),
    path("tidslinje/", views.timeline, name="timeline"),
]
