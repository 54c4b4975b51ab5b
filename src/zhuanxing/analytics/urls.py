from django.urls import path

from . import views

app_name = "analytics"
urlpatterns = [
    path("cockpit/", views.cockpit, name="cockpit"),
    path("explorer/", views.explorer, name="explorer"),
    path("explorer/export.xlsx", views.explorer_export, name="export"),
    path("api/indicators/", views.indicators_json, name="indicators"),
]
