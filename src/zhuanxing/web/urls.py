from django.urls import include, path

from . import enterprise_views, policy_views, views

enterprise_patterns = [
    path("", enterprise_views.enterprise_list_view, name="list"),
    path("<int:pk>/", enterprise_views.enterprise_detail_view, name="detail"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("registry/", views.registry_overview, name="registry"),
    path("policy/", policy_views.policy_view, name="policy"),
    path("enterprises/", include((enterprise_patterns, "enterprises"))),
]
