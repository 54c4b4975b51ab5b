from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", views.monitoring_view, name="index"),
    path("warnings/", views.warnings_view, name="warnings"),
    path("report.<str:kind>", views.report_download, name="report"),
]
urlpatterns.append(path("summary/", views.summary_fragment, name="summary"))
