from django.urls import path

from .views import entry, imports, review

app_name = "reporting"
urlpatterns = [
    path("", imports.index, name="index"),
    path("templates/<slug:kind>.<str:fmt>", imports.template_download, name="template"),
    path("imports/", imports.upload, name="upload"),
    path("imports/<int:pk>/", imports.job_detail, name="job"),
    path("imports/<int:pk>/progress/", imports.job_progress, name="job_progress"),
    path("imports/<int:pk>/commit/", imports.job_commit, name="job_commit"),
    path("imports/<int:pk>/retry/", imports.job_retry, name="job_retry"),
    path("imports/<int:pk>/report.xlsx", imports.job_report, name="job_report"),
    path("entry/<int:enterprise>/<str:period>/", entry.entry, name="entry"),
    path("entry/<int:enterprise>/<str:period>/check/", entry.entry_check_view, name="entry_check"),
    path("review/", review.queue, name="review"),
    path("review/<str:kind>/<int:pk>/", review.review, name="review_action"),
    path("review/<str:kind>/selected/", review.review_selected, name="review_selected"),
    path("submit/<str:kind>/<int:pk>/", review.submit, name="submit"),
    path("locks/", review.locks, name="locks"),
]
