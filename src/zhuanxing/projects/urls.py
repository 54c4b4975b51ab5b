from django.urls import path

from . import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("import/", views.project_import, name="import"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/plan/", views.plan_entry_set, name="plan_entry"),
    path("<int:pk>/progress/", views.progress_add, name="progress"),
    path("<int:pk>/problems/", views.problem_add, name="problem_add"),
    path("problems/<int:pk>/resolve/", views.problem_resolve, name="problem_resolve"),
    path("plan/", views.plan, name="plan"),
    path("plan/build/", views.plan_build, name="plan_build"),
    path("problems/", views.problems, name="problems"),
    path("attraction/", views.attraction, name="attraction"),
    path("screen/", views.screen, name="screen"),
    path("screenings/<int:pk>/", views.screening_detail, name="screening"),
    path("screenings/<int:pk>/verdict.docx", views.screening_docx, name="screening_docx"),
]
