from django.urls import path

from . import views

app_name = "support"
urlpatterns = [
    path("tax/", views.tax_view, name="tax"),
    path("tax/mine/", views.my_tax_view, name="my_tax"),
    path("tax/enterprises/<int:pk>/", views.enterprise_tax_view, name="enterprise_tax"),
    path("funds/", views.funds_view, name="funds"),
    path("funds/programmes/<int:pk>/", views.programme_view, name="programme"),
    path("funds/applications/<int:pk>/", views.application_view, name="application"),
    path("financing/", views.financing_view, name="financing"),
    path("recommendations/", views.recommendations_view, name="recommendations"),
    path("recommendations/<int:pk>/", views.recommendation_view, name="recommendation"),
]
