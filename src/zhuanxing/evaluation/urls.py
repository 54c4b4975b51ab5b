from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("", views.run_list, name="runs"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/publish/", views.run_publish, name="publish"),
    path("runs/<int:pk>/delete/", views.run_delete, name="delete"),
    path("runs/<int:pk>/results/", views.result_list, name="results"),
    path("enterprises/<int:pk>/", views.enterprise_evaluation, name="enterprise"),
    path("backward-capacity/", views.backward_list, name="backward"),
    path("backward-capacity/<int:pk>/status/", views.backward_status, name="backward_status"),
    path("clean-production/", views.clean_production, name="clean_production"),
    path("simulate/", views.simulate_view, name="simulate"),
]
