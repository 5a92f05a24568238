"""My pages (/mina-sidor/). No URL names a person: the session does."""

from django.urls import URLPattern, URLResolver, path

from ingang.portal import consent_views, export_views, log_views, message_views, views

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
    path("mina-uppgifter/", export_views.my_data, name="my_data"),
    path("mina-uppgifter/uppgifter.json", export_views.export_json, name="export_json"),
    path("mina-uppgifter/uppgifter.pdf", export_views.export_pdf, name="export_pdf"),
    path("meddelanden/", message_views.messages_page, name="messages"),
    path("samtycken/", consent_views.consents, name="consents"),
    path("samtycken/nytt/", consent_views.consent_new, name="consent_new"),
    path(
        "samtycken/<uuid:consent_id>/aterkalla/",
        consent_views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("samtycken/sparrar/ny/", consent_views.block_new, name="block_new"),
    path("samtycken/sparrar/<uuid:block_id>/hav/", consent_views.block_lift, name="block_lift"),
    path("vem-har-last/", log_views.access_log, name="access_log"),
    path("vem-har-last/flagga/", log_views.access_log_flag, name="access_log_flag"),
]
