from django.urls import URLPattern, URLResolver, path

from ingang.finsam import views

app_name = "finsam"
urlpatterns: list[URLPattern | URLResolver] = [
    path("samordningsforbund/", views.association_list, name="associations"),
    path("samordningsforbund/enhetsvarden/", views.unit_values, name="unit_values"),
    path("samordningsforbund/enhetsvarden/ny/", views.unit_values_edit, name="unit_values_edit"),
    path("samordningsforbund/projekt/<uuid:public_id>/", views.project_detail, name="project"),
    path(
        "samordningsforbund/projekt/<uuid:public_id>/samhallsekonomi/",
        views.project_evaluation_page,
        name="evaluation",
    ),
    path("samordningsforbund/<uuid:public_id>/", views.association_detail, name="association"),
    path("samordningsforbund/<uuid:public_id>/projekt/", views.catalogue, name="catalogue"),
    path(
        "samordningsforbund/<uuid:public_id>/projekt/export.<str:fmt>",
        views.catalogue_export,
        name="catalogue_export",
    ),
    path("samordningsforbund/<uuid:public_id>/styrkort/", views.scorecard, name="scorecard"),
    path(
        "samordningsforbund/<uuid:public_id>/styrkort.pdf",
        views.scorecard_pdf,
        name="scorecard_pdf",
    ),
    path(
        "samordningsforbund/<uuid:public_id>/styrkort/<int:indicator_id>/<int:year>/<int:quarter>/",
        views.indicator_value,
        name="indicator_value",
    ),
]
