from django.urls import path

from . import views

# Two families, neither a prefix of the other (the menu marks the entry whose URL starts the
# page's), and the workbook of both.
app_name = "clusters"
urlpatterns = [
    path("identification/", views.identification, name="identification"),
    path("paths/", views.paths, name="paths"),
    path("export.xlsx", views.export, name="export"),
]
