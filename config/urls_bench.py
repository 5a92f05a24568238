"""URLs for benchmark settings only: production's URLs plus the ungated baseline view."""

from django.urls import path

from bench.baseline import baseline_overview
from config.urls import urlpatterns as production_urlpatterns

urlpatterns = [
    *production_urlpatterns,
    path("bench/baseline/<uuid:public_id>/", baseline_overview, name="bench_baseline"),
]
