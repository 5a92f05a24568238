"""URLs for benchmark settings only: production's URLs plus the ungated baseline view (P1)
and the empty pages P2 compares the plan page with."""

from django.urls import path

from bench.baseline import baseline_overview
from bench.empty import empty_page, floor_page, layout_page
from config.urls import urlpatterns as production_urlpatterns

urlpatterns = [
    *production_urlpatterns,
    path("bench/baseline/<uuid:public_id>/", baseline_overview, name="bench_baseline"),
    path("bench/empty/<uuid:public_id>/", empty_page, name="bench_empty"),
    path("bench/layout/<uuid:public_id>/", layout_page, name="bench_layout"),
    path("bench/floor/<uuid:public_id>/", floor_page, name="bench_floor"),
]
