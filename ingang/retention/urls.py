from django.urls import URLPattern, URLResolver

app_name = "retention"
# The retention job has no pages: it runs as `manage.py retention_run` or as a task.
urlpatterns: list[URLPattern | URLResolver] = []
