from django.urls import URLPattern, URLResolver

app_name = "finsam"
urlpatterns: list[URLPattern | URLResolver] = []
