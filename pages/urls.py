from django.urls import path

from pages import views

app_name = "pages"

urlpatterns = [
    path("pratinjau/<str:token>/", views.page_preview, name="preview"),
    path("<slug:slug>/", views.page_detail, name="detail"),
]
