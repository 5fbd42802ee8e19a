from django.urls import path

from publicservices import views

app_name = "publicservices"

urlpatterns = [
    path("", views.service_list, name="list"),
    path("maklumat/", views.maklumat, name="maklumat"),
    path("<slug:slug>/", views.service_detail, name="detail"),
]
