from django.urls import path

from . import views

app_name = "support"
urlpatterns = [
    path("tax/", views.tax_view, name="tax"),
    path("tax/mine/", views.my_tax_view, name="my_tax"),
    path("tax/enterprises/<int:pk>/", views.enterprise_tax_view, name="enterprise_tax"),
]
