from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from zhuanxing.api import views as api_views
from zhuanxing.api.api import api

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("reporting/", include("zhuanxing.reporting.urls")),
    path("analytics/", include("zhuanxing.analytics.urls")),
    path("evaluation/", include("zhuanxing.evaluation.urls")),
    path("assessment/", include("zhuanxing.assessment.urls")),
    path("monitoring/", include("zhuanxing.monitoring.urls")),
    path("support/", include("zhuanxing.support.urls")),
    path("projects/", include("zhuanxing.projects.urls")),
    path("innovation/", include("zhuanxing.innovation.urls")),
    path("clusters/", include("zhuanxing.clusters.urls")),
    path("audit/", include("zhuanxing.audit.urls")),
    path("jobs/", include("zhuanxing.jobs.urls")),
    path("api/", api.urls),
    path("account/tokens/", api_views.token_list, name="api_tokens"),
    path("account/tokens/<int:pk>/revoke/", api_views.token_revoke, name="api_token_revoke"),
    path("", include("zhuanxing.web.urls")),
]

# A refused parameter (zhuanxing.core.params.BadParameter) and every other 400: the site's layout.
handler400 = "zhuanxing.web.views.bad_request"
