from django.urls import path

from . import views

# Three families, none a prefix of another (the menu marks the entry whose URL starts the
# page's): the registry with each project's pages, the annual plan with its problems log and
# attraction summary, and screening.
app_name = "projects"
urlpatterns = [
    path("registry/", views.project_list, name="list"),
    path("registry/new/", views.project_create, name="create"),
    path("registry/import/", views.project_import, name="import"),
    path("registry/<int:pk>/", views.project_detail, name="detail"),
    path("registry/<int:pk>/edit/", views.project_edit, name="edit"),
    path("registry/<int:pk>/plan/", views.plan_entry_set, name="plan_entry"),
    path("registry/<int:pk>/progress/", views.progress_add, name="progress"),
    path("registry/<int:pk>/problems/", views.problem_add, name="problem_add"),
    path("plan/", views.plan, name="plan"),
    path("plan/build/", views.plan_build, name="plan_build"),
    path("plan/progress.xlsx", views.progress_template, name="progress_template"),
    path("plan/progress/import/", views.progress_import, name="progress_import"),
    path("plan/problems/", views.problems, name="problems"),
    path("plan/problems/<int:pk>/resolve/", views.problem_resolve, name="problem_resolve"),
    path("plan/attraction/", views.attraction, name="attraction"),
    path("screening/", views.screen, name="screen"),
    path("screening/<int:pk>/", views.screening_detail, name="screening"),
    path("screening/<int:pk>/verdict.docx", views.screening_docx, name="screening_docx"),
]
