from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("", views.assessment_view, name="index"),
    path("targets/", views.targets_edit, name="targets"),
    path("targets/template.xlsx", views.targets_template, name="template"),
]
