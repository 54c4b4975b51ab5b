from django.urls import path

from . import views

app_name = "innovation"
urlpatterns = [
    path("qualifications/", views.qualification_list, name="qualifications"),
    path("qualifications/new/", views.qualification_create, name="qualification_create"),
    path("qualifications/counts/", views.qualification_counts, name="counts"),
    path("qualifications/<int:pk>/", views.qualification_detail, name="qualification"),
    path("qualifications/<int:pk>/edit/", views.qualification_edit, name="qualification_edit"),
    path(
        "qualifications/<int:pk>/evidence/",
        views.qualification_evidence,
        name="qualification_evidence",
    ),
    path("demonstration/", views.demonstration, name="demonstration"),
    path("demonstration/select/", views.demonstration_select, name="demonstration_select"),
    path("demonstration/publish/", views.demonstration_publish, name="demonstration_publish"),
]
