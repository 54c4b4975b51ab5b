from django.urls import path

from . import views

# One menu entry, /clusters/, marked on both pages (the menu marks the entry whose URL starts
# the page's): the identification page, the upgrading paths below it, and the workbook of both.
app_name = "clusters"
urlpatterns = [
    path("", views.identification, name="identification"),
    path("paths/", views.paths, name="paths"),
    path("export.xlsx", views.export, name="export"),
]
