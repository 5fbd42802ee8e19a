from django.urls import path

from gallery import views

app_name = "gallery"

urlpatterns = [
    path("", views.gallery_index, name="index"),
    path("<slug:slug>/", views.album_detail, name="album"),
]
